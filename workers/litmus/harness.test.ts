import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import {
  barrierSource,
  barrierSlots,
  countOutcomes,
  layoutOf,
  LINE,
  spinLimit,
} from './harness.ts';
import { LITMUS_TESTS } from './tests.ts';

const test = (id: string) => LITMUS_TESTS.find((t) => t.id === id)!;

/**
 * Runs the barrier alone on `threads` real threads for `rounds` rounds. Right after round r's
 * barrier each thread records the lowest and highest arrival value of all threads.
 */
async function barrierRun(threads: number, rounds: number, limit: number, napMs = 1) {
  const bar = new SharedArrayBuffer(barrierSlots(threads) * 4);
  const rec = new SharedArrayBuffer(threads * rounds * 2 * 4);
  const code = `
    const { parentPort, workerData: d } = require('node:worker_threads');
    new Function('bar', 'rec', 'rounds', d.src)(new Int32Array(d.bar), new Int32Array(d.rec), d.rounds);
    parentPort.postMessage('done');`;
  const workers = Array.from({ length: threads }, (_, tid) => {
    const src = `for (let r = 0; r < rounds; r++) {
      ${barrierSource(tid, threads, limit, napMs)}
      let lo = Infinity, hi = 0;
      for (let k = 0; k < ${threads}; k++) {
        const x = Atomics.load(bar, k * ${LINE});
        if (x < lo) lo = x;
        if (x > hi) hi = x;
      }
      rec[(${tid} * rounds + r) * 2] = lo;
      rec[(${tid} * rounds + r) * 2 + 1] = hi;
    }`;
    return new Worker(code, { eval: true, workerData: { bar, rec, rounds, src } });
  });
  await Promise.all(
    workers.map(
      (w) =>
        new Promise((resolve, reject) => {
          w.once('message', resolve);
          w.once('error', reject);
        }),
    ),
  );
  await Promise.all(workers.map((w) => w.terminate()));
  return { bar: new Int32Array(bar), rec: new Int32Array(rec) };
}

/** Rounds in which some thread left the barrier before all had arrived, or with one two ahead. */
function outOfStep(rec: Int32Array, threads: number, rounds: number): string[] {
  const bad: string[] = [];
  for (let t = 0; t < threads; t++)
    for (let r = 0; r < rounds; r++) {
      const lo = rec[(t * rounds + r) * 2];
      const hi = rec[(t * rounds + r) * 2 + 1];
      if (lo < r + 1 || hi > r + 2) bad.push(`thread ${t} round ${r}: arrivals ${lo}..${hi}`);
    }
  return bad;
}

describe('round barrier on real threads', () => {
  it('2 threads spinning: every thread leaves round r only when all arrived, none two ahead', async () => {
    const { rec } = await barrierRun(2, 20_000, spinLimit(2, 2));
    expect(outOfStep(rec, 2, 20_000)).toEqual([]);
  }, 60_000);

  // Naps of up to an hour: only the arriving threads' notify can wake the sleepers in time.
  it('3 threads that nap at once, woken by the arrivals: in step, no sleeper left counted', async () => {
    const { rec, bar } = await barrierRun(3, 2_000, 0, 3_600_000);
    expect(outOfStep(rec, 3, 2_000)).toEqual([]);
    for (let k = 0; k < 3; k++) {
      expect(bar[k * LINE]).toBe(2_000);
      expect(bar[k * LINE + 1], `sleepers on thread ${k}'s line`).toBe(0);
    }
  }, 60_000);
});

describe('layout', () => {
  it('puts the cells of one round on different cache lines, not 4 KiB apart', () => {
    const l = layoutOf(test('IRIW'), 20_000);
    expect(l.stride % LINE).toBe(0);
    expect(l.stride).toBeGreaterThanOrEqual(20_000);
    expect((l.stride * 4) % 4096).not.toBe(0);
    expect(l.memorySlots).toBe(2 * l.stride);
    expect(l.resultSlots).toBe(4 * l.stride);
  });

  it('counts outcomes from results laid out by register', () => {
    const l = layoutOf(test('SB'), 3);
    const res = new Int32Array(l.resultSlots);
    // Rounds: (r0, r1) = (0, 1), (0, 0), (0, 1).
    res[l.stride + 0] = 1;
    res[l.stride + 2] = 1;
    const counts = new Map<string, number>();
    countOutcomes(res, 3, l, counts);
    expect(Object.fromEntries(counts)).toEqual({ 'r0=0 r1=1': 2, 'r0=0 r1=0': 1 });
  });
});
