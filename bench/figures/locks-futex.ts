import { createPool } from '../../workers/pool/pool.ts';
import type { BenchFigure } from '../types.ts';
import SOLUTION from '../../lessons/06-sleep-dont-spin/solution.ts?raw';

/**
 * Round trip between two workers through the lesson's own futex mutex (Drepper's, from
 * lessons/06-sleep-dont-spin/solution.ts), run by the learner runtime: two lock words used as
 * binary semaphores (the lock has no owner, so one thread may unlock what the other took). Thread 0
 * releases X and takes Y; thread 1 takes X and releases Y: each half is a hand-off that usually
 * puts the taker to sleep and wakes it. Y is a view two cells on, so its lock word is shared[3].
 */
const HANDOFF = `${SOLUTION}
export function __benchHandoff(t: Thread) {
  const X = t.shared;
  const Y = t.shared.subarray(2);
  const n = t.params.n;
  if (t.id === 0) {
    Atomics.store(X, 1, 1);
    Atomics.store(Y, 1, 1);
  }
  t.barrier();
  if (t.id === 0) {
    const t0 = t.now();
    for (let i = 0; i < n; i++) {
      unlock(X);
      lock(Y);
    }
    // Nanoseconds per round trip (an Int32 cell holds up to ~2 s).
    Atomics.store(t.shared, 8, Math.round(((t.now() - t0) * 1e6) / n));
  } else {
    for (let i = 0; i < n; i++) {
      lock(X);
      unlock(Y);
    }
  }
}`;

/** The reference: a bare Atomics.wait/notify ping-pong between two plain workers, no runtime. */
const BARE = `onmessage = (e) => {
  const s = new Int32Array(e.data.buffer);
  const { id, n } = e.data;
  Atomics.add(s, 2, 1);
  while (Atomics.load(s, 2) < 2) {}
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    if (id === 0) {
      Atomics.store(s, 0, 1);
      Atomics.notify(s, 0, 1);
      while (Atomics.load(s, 1) === 0) Atomics.wait(s, 1, 0);
      Atomics.store(s, 1, 0);
    } else {
      while (Atomics.load(s, 0) === 0) Atomics.wait(s, 0, 0);
      Atomics.store(s, 0, 0);
      Atomics.store(s, 1, 1);
      Atomics.notify(s, 1, 1);
    }
  }
  postMessage({ ns: ((performance.now() - t0) * 1e6) / n });
};`;

function barePingPong(n: number): Promise<number> {
  const url = URL.createObjectURL(new Blob([BARE], { type: 'text/javascript' }));
  const buffer = new SharedArrayBuffer(64);
  const workers = [new Worker(url), new Worker(url)];
  const done = workers.map(
    (w, id) =>
      new Promise<number>((resolve, reject) => {
        w.onmessage = (e) => resolve((e.data as { ns: number }).ns);
        w.onerror = (e) => reject(new Error(e.message));
        w.postMessage({ buffer, id, n });
      }),
  );
  return done[0].finally(() => {
    for (const w of workers) w.terminate();
    URL.revokeObjectURL(url);
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export const figures: BenchFigure[] = [
  {
    name: 'locks.futex-handoff-round-trip',
    unit: 'µs',
    async run() {
      const pool = createPool();
      const n = 20_000;
      const ours: number[] = [];
      const bare: number[] = [];
      try {
        await pool.run({ source: HANDOFF, entry: '__benchHandoff', threads: 2, params: { n: 10 } });
        // Interleaved, so drift on a shared machine hits both equally; judged on paired ratios.
        for (let i = 0; i < 9; i++) {
          const r = await pool.run({
            source: HANDOFF,
            entry: '__benchHandoff',
            threads: 2,
            params: { n },
            budgetMs: 60_000,
          });
          if (r.status !== 'ok') throw new Error(`handoff run failed: ${r.status}`);
          ours.push(r.memory[8] / 1000);
          bare.push((await barePingPong(n)) / 1000);
        }
      } finally {
        pool.dispose();
      }
      const paired = median(ours.map((o, i) => o / bare[i]));
      return {
        value: +median(ours).toFixed(2),
        reference: +median(bare).toFixed(2),
        referenceName: 'bare Atomics.wait/notify ping-pong between two plain workers',
        target: `within 20 % of the bare ping-pong (median paired ratio ${paired.toFixed(3)})`,
        met: paired <= 1.2,
        details: { ours, bare, pairedRatio: paired, roundTrips: n },
      };
    },
  },
];
