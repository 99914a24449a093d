import { afterAll, describe, expect, it } from 'vitest';
import { nodeWorker } from '../../tests/node/node-worker.ts';
import { createPool } from '../pool/pool.ts';
import { sweep } from './sweep.ts';

const pool = createPool({
  createWorker: () => nodeWorker(new URL('../pool/thread.worker.ts', import.meta.url)),
});
afterAll(() => pool.dispose());

describe('speedup sweep on real threads', () => {
  it('measures every count, with timelines in which worker 0 alone does the serial part', async () => {
    const r = await sweep(pool, {
      serialFraction: 0.5,
      counts: [1, 2],
      repetitions: 2,
      mode: 'amdahl',
      units: 2000,
    });
    expect(r.points.map((p) => p.n)).toEqual([1, 2]);
    expect(r.points[0].speedup).toBeGreaterThan(0.5);
    const tl = r.points[1].timeline;
    expect(tl).toHaveLength(2);
    // Worker 0's serial part takes time; worker 1 has none and waits at the barrier until worker 0 is done.
    expect(tl[0].serialEnd - tl[0].start).toBeGreaterThan(0);
    expect(tl[1].barrierLeft).toBeGreaterThanOrEqual(tl[0].serialEnd - 1);
    // Amdahl with s = 0.5: never above 2 (timing noise allowed).
    expect(r.points[1].speedup).toBeLessThan(2.3);
  });

  it('contention mode counts every unit in the shared counter', async () => {
    const r = await sweep(pool, {
      serialFraction: 0,
      counts: [2],
      repetitions: 1,
      mode: 'contention',
      units: 500,
    });
    expect(r.points[0].timeline).toHaveLength(2);
  });
});
