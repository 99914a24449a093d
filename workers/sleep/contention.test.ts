import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { nodeWorker } from '../../tests/node/node-worker.ts';
import { createPool } from '../pool/pool.ts';
import { CONTENTION_DEFAULTS, measureContention } from './contention.ts';

const lesson = (f: string) =>
  readFileSync(
    fileURLToPath(new URL(`../../lessons/06-sleep-dont-spin/${f}`, import.meta.url)),
    'utf8',
  );

const pool = createPool({
  createWorker: () => nodeWorker(new URL('../pool/thread.worker.ts', import.meta.url)),
});
afterAll(() => pool.dispose());

describe('spin vs sleep on real threads', () => {
  it('measures both locks with the solution, and the counter stays exact', async () => {
    const r = await measureContention(pool.run, {
      source: lesson('solution.ts'),
      lockers: Number(process.env.LOCKERS ?? 4),
      ...CONTENTION_DEFAULTS,
      repetitions: Number(process.env.REPS ?? 1),
      warmBudgetMs: 120_000,
    });
    if (process.env.SHOW) console.log(JSON.stringify(r, null, 1));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.measurements.map((m) => m.kind)).toEqual(
      Array.from({ length: r.measurements.length }, (_, i) => (i % 2 ? 'sleep' : 'spin')),
    );
    for (const m of r.measurements) {
      // Every thread stops at the end of its window; the last rounds may run a little over.
      expect(m.wallMs).toBeGreaterThanOrEqual(CONTENTION_DEFAULTS.windowMs * 0.9);
      expect(m.rounds).toBeGreaterThan(0);
      if (m.kind === 'sleep') expect(m.spins).toBe(0);
    }
  }, 180_000);

  it('a lock that loses a wake-up is reported as such, not as a number', async () => {
    const r = await measureContention(pool.run, {
      source: lesson('starter.ts'),
      lockers: Number(process.env.LOCKERS ?? 4),
      ...CONTENTION_DEFAULTS,
      repetitions: 1,
      budgetMs: 3000,
      warmBudgetMs: 120_000,
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.kind).toBe('sleep');
    expect(r.message).toMatch(/sleeps forever/);
  }, 180_000);
});
