import { createPool, type ThreadPool } from '../../workers/pool/pool.ts';
import type { BenchFigure } from '../types.ts';
import SOLUTION from '../../lessons/05-build-a-lock/solution.ts?raw';

/**
 * The "Build a lock" lesson's spinlock: its own lock()/unlock() (the solution's functions, called by
 * an export appended to the module, as the checks do) in learner code on the runtime, against the
 * same compareExchange/store pairs in a bare loop in plain workers, measured in the same run.
 */
const UNCONTENDED = `${SOLUTION}
export function __pairs(t: Thread) {
  const s = t.shared;
  for (let i = 0; i < t.params.n; i++) {
    lock(s);
    unlock(s);
  }
}
`;

/** Two threads each take the lock n times around one increment; cell 2 counts owner changes. */
const CONTENDED = `${SOLUTION}
export function __handoffs(t: Thread) {
  const s = t.shared;
  for (let i = 0; i < t.params.n; i++) {
    lock(s);
    if (Atomics.load(s, 3) !== t.id + 1) {
      Atomics.store(s, 3, t.id + 1);
      Atomics.store(s, 2, Atomics.load(s, 2) + 1);
    }
    Atomics.store(s, 0, Atomics.load(s, 0) + 1);
    unlock(s);
  }
}
`;

/** The reference loops, in plain workers with no runtime, timed the same way (inside the loop's worker). */
const BARE = `onmessage = (e) => {
  const a = new Int32Array(e.data.buffer);
  const { n, id, contended, parties } = e.data;
  Atomics.add(a, 4, 1);
  while (Atomics.load(a, 4) < parties) {}
  const t0 = performance.now();
  if (!contended) {
    for (let i = 0; i < n; i++) {
      while (Atomics.compareExchange(a, 1, 0, 1) !== 0) {}
      Atomics.store(a, 1, 0);
    }
  } else {
    for (let i = 0; i < n; i++) {
      while (Atomics.compareExchange(a, 1, 0, 1) !== 0) {}
      if (Atomics.load(a, 3) !== id + 1) { Atomics.store(a, 3, id + 1); Atomics.store(a, 2, Atomics.load(a, 2) + 1); }
      Atomics.store(a, 0, Atomics.load(a, 0) + 1);
      Atomics.store(a, 1, 0);
    }
  }
  postMessage({ start: performance.timeOrigin + t0, end: performance.timeOrigin + performance.now() });
};`;

async function bare(n: number, parties: number, contended: boolean) {
  const url = URL.createObjectURL(new Blob([BARE], { type: 'text/javascript' }));
  const buffer = new SharedArrayBuffer(64);
  const workers = Array.from({ length: parties }, () => new Worker(url));
  try {
    const done = await Promise.all(
      workers.map(
        (w, id) =>
          new Promise<{ start: number; end: number }>((resolve, reject) => {
            w.onmessage = (e) => resolve(e.data);
            w.onerror = (e) => reject(new Error(e.message));
            w.postMessage({ buffer, n, id, contended, parties });
          }),
      ),
    );
    const a = new Int32Array(buffer);
    if (contended && a[0] !== n * parties) throw new Error('bare spinlock miscounted');
    const ms = Math.max(...done.map((d) => d.end)) - Math.min(...done.map((d) => d.start));
    return { perSecond: (n * parties) / (ms / 1000), handoffs: a[2] };
  } finally {
    workers.forEach((w) => w.terminate());
    URL.revokeObjectURL(url);
  }
}

async function ours(pool: ThreadPool, source: string, entry: string, n: number, threads: number) {
  const r = await pool.run({ source, entry, threads, params: { n }, budgetMs: 60_000 });
  if (r.status !== 'ok') throw new Error(`runtime run failed: ${r.status}`);
  if (threads > 1 && r.memory[0] !== n * threads) throw new Error('the lesson lock miscounted');
  const ms =
    Math.max(...r.threads.map((t) => t.endedAt)) - Math.min(...r.threads.map((t) => t.startedAt));
  return { perSecond: (n * threads) / (ms / 1000), handoffs: r.memory[2] };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export const figures: BenchFigure[] = [
  {
    name: 'locks-spin.uncontended-pairs-per-second',
    unit: 'pairs/s',
    async run() {
      const pool = createPool();
      const n = 5_000_000;
      const mine: number[] = [];
      const ref: number[] = [];
      try {
        await ours(pool, UNCONTENDED, '__pairs', 1000, 1); // spawn + warm
        // Interleaved pairs: drift on a shared machine hits both equally.
        for (let i = 0; i < 7; i++) {
          mine.push((await ours(pool, UNCONTENDED, '__pairs', n, 1)).perSecond);
          ref.push((await bare(n, 1, false)).perSecond);
        }
      } finally {
        pool.dispose();
      }
      const paired = median(mine.map((m, i) => m / ref[i]));
      return {
        value: Math.round(median(mine)),
        reference: Math.round(median(ref)),
        referenceName: 'bare compareExchange/store pairs in a plain worker',
        target: `at least 80 % of the bare loop (median paired ratio ${paired.toFixed(3)})`,
        met: paired >= 0.8,
        details: { mine, ref, pairedRatio: paired },
      };
    },
  },
  {
    name: 'locks-spin.contended-acquisitions-per-second-2-workers',
    unit: 'acquisitions/s',
    async run() {
      const pool = createPool();
      const n = 200_000;
      const mine: Array<{ perSecond: number; handoffs: number }> = [];
      const ref: Array<{ perSecond: number; handoffs: number }> = [];
      try {
        await ours(pool, CONTENDED, '__handoffs', 1000, 2);
        for (let i = 0; i < 5; i++) {
          mine.push(await ours(pool, CONTENDED, '__handoffs', n, 2));
          ref.push(await bare(n, 2, true));
        }
      } finally {
        pool.dispose();
      }
      const paired = median(mine.map((m, i) => m.perSecond / ref[i].perSecond));
      const handoffs = median(mine.map((m) => m.handoffs));
      return {
        value: Math.round(median(mine.map((m) => m.perSecond))),
        reference: Math.round(median(ref.map((r) => r.perSecond))),
        referenceName: 'the same compareExchange spinlock in 2 plain workers',
        target: `median paired ratio ${paired.toFixed(3)}; handoffs between the 2 workers: ${handoffs} of ${2 * n} acquisitions (ours), ${median(ref.map((r) => r.handoffs))} (bare)`,
        details: { mine, ref, pairedRatio: paired },
      };
    },
  },
];
