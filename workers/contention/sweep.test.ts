import { afterAll, describe, expect, it } from 'vitest';
import { nodeWorker } from '../../tests/node/node-worker.ts';
import { createPool } from '../pool/pool.ts';
import { sweepContention } from './sweep.ts';

const pool = createPool({
  createWorker: () => nodeWorker(new URL('../pool/thread.worker.ts', import.meta.url)),
});
afterAll(() => pool.dispose());

describe('contention sweep on real threads', () => {
  it('conserves money, and optimistic needs many attempts per commit only when accounts are few', async () => {
    const progress: number[] = [];
    const r = await sweepContention(pool, {
      accounts: [2, 10_000],
      workers: 4,
      waitUs: 200,
      work: 2,
      durationMs: 60,
      repetitions: 1,
      onProgress: (p) => progress.push(p.done / p.total),
      pause: () => Promise.resolve(),
    });
    expect(r.conserved).toBe(true);
    expect(progress.at(-1)).toBe(1);
    const [few, many] = r.points;
    for (const p of [few, many]) {
      expect(p.pessimistic.retryRate).toBe(0);
      expect(p.pessimistic.commits).toBeGreaterThan(0);
      expect(p.optimistic.commits).toBeGreaterThan(0);
      expect(p.optimistic.p99Us).toBeGreaterThanOrEqual(p.optimistic.p50Us);
    }
    // 4 workers on 2 accounts: every transfer conflicts with whatever committed during its 200 µs
    // round trip (a sleep, so this holds on a busy machine too); over 10,000 accounts almost none do.
    expect(few.optimistic.retryRate).toBeGreaterThan(0.3);
    expect(many.optimistic.retryRate).toBeLessThan(0.05);
    // How often a pessimistic transfer waits depends on whether its threads' runs overlapped on a
    // shared machine (0.015 seen under a parallel test load): not asserted here.
    expect(few.pessimistic.waitRate).toBeGreaterThanOrEqual(0);
    expect(few.pessimistic.waitRate).toBeLessThanOrEqual(1);
  }, 60_000);

  it('stops at once when cancelled, and says so', async () => {
    const c = new AbortController();
    const started = sweepContention(pool, {
      accounts: [2, 100],
      workers: 2,
      waitUs: 100,
      work: 1,
      durationMs: 2000,
      repetitions: 3,
      signal: c.signal,
      pause: () => Promise.resolve(),
    });
    setTimeout(() => c.abort(), 100);
    await expect(started).rejects.toThrow(/cancelled/);
  }, 20_000);
});
