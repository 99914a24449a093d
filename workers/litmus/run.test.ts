import { describe, expect, it } from 'vitest';
import { nodeWorker } from '../../tests/node/node-worker.ts';
import { LITMUS_TESTS, withAccesses, type LitmusTest } from './tests.ts';
import { allowedOutcomes, classify } from './models.ts';
import { runLitmus } from './run.ts';

const createWorker = () => nodeWorker(new URL('./litmus.worker.ts', import.meta.url));
const test = (id: LitmusTest['id']) => LITMUS_TESTS.find((t) => t.id === id)!;
const total = (counts: Map<string, number>) => [...counts.values()].reduce((a, b) => a + b, 0);

// Real threads (worker_threads) on this machine. What hardware shows is the machine's to say, so
// these assert what must hold anywhere: every round is counted once, and with every access an
// Atomics one nothing outside sequential consistency ever appears.
describe('litmus harness on real threads', () => {
  it('SB with Atomics: 20,000 rounds, every outcome sequentially consistent', async () => {
    const sb = withAccesses(test('SB'), true);
    const r = await runLitmus(sb, { rounds: 20_000, createWorker });
    expect(r.rounds).toBe(20_000);
    expect(total(r.counts)).toBe(20_000);
    const sc = allowedOutcomes(sb, 'sc');
    for (const key of r.counts.keys()) expect(sc.has(key), key).toBe(true);
    expect(r.roundsPerSecond).toBeGreaterThan(0);
  }, 60_000);

  it('SB with plain accesses: counted and labelled; any weak outcome is one store buffers allow', async () => {
    const sb = test('SB');
    const r = await runLitmus(sb, { rounds: 20_000, createWorker });
    expect(total(r.counts)).toBe(20_000);
    const verdict = classify(sb);
    for (const key of r.counts.keys()) expect(['sc', 'tso']).toContain(verdict(key));
    console.log('SB plain, 20,000 rounds:', Object.fromEntries(r.counts));
  }, 60_000);

  it('IRIW: 4 threads, more than this machine has cores, all finish and every round is counted', async () => {
    const r = await runLitmus(test('IRIW'), { rounds: 2_000, batch: 1_000, createWorker });
    expect(r.rounds).toBe(2_000);
    expect(total(r.counts)).toBe(2_000);
  }, 60_000);

  it('stops between batches when cancelled', async () => {
    const controller = new AbortController();
    const r = await runLitmus(test('MP'), {
      rounds: 1_000_000,
      batch: 10_000,
      createWorker,
      signal: controller.signal,
      onProgress: (done) => done >= 20_000 && controller.abort(),
    });
    expect(r.cancelled).toBe(true);
    expect(r.rounds).toBe(20_000);
    expect(total(r.counts)).toBe(20_000);
  }, 60_000);
});
