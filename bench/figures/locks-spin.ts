import { createPool, type ThreadPool } from '../../workers/pool/pool.ts';
import type { BenchFigure } from '../types.ts';
import SOLUTION from '../../lessons/05-build-a-lock/solution.ts?raw';

/**
 * The "Build a lock" lesson's spinlock: its own lock()/unlock() (the solution's functions, called by
 * an export appended to the module, as the checks do) in learner code on the runtime, against the
 * same compareExchange/store pairs in a bare loop in plain workers, measured in the same run.
 */
/** Private work between two acquisitions in the contended figure (loop iterations). */
const WORK = 50;

const UNCONTENDED = `${SOLUTION}
export function __pairs(t: Thread) {
  const s = t.shared;
  const n = t.params.n;
  for (let i = 0; i < n; i++) {
    lock(s);
    unlock(s);
  }
}
`;

/**
 * Two threads each take the lock n times around one increment, with a little private work between
 * (without it, the thread that just released the lock takes it straight back nearly every time, and
 * the lock never changes hands); cell 2 counts the handoffs (owner changes).
 */
const CONTENDED = `${SOLUTION}
export function __handoffs(t: Thread) {
  const s = t.shared;
  const n = t.params.n;
  let x = t.id;
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < WORK; k++) x = (x * 31 + k) | 0;
    lock(s);
    if (Atomics.load(s, 3) !== t.id + 1) {
      Atomics.store(s, 3, t.id + 1);
      Atomics.store(s, 2, Atomics.load(s, 2) + 1);
    }
    Atomics.store(s, 0, Atomics.load(s, 0) + 1);
    unlock(s);
  }
  if (x === 42) t.log(x); // keeps the private work from being optimised away
}
`.replace(/WORK/g, String(WORK));

/** The reference loops, in plain workers with no runtime, timed the same way (inside the loop's worker). */
const BARE = `onmessage = (e) => {
  const a = new Int32Array(e.data.buffer);
  const { n, id, contended, parties, work } = e.data;
  let x = id;
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
      for (let k = 0; k < work; k++) x = (x * 31 + k) | 0;
      while (Atomics.compareExchange(a, 1, 0, 1) !== 0) {}
      if (Atomics.load(a, 3) !== id + 1) { Atomics.store(a, 3, id + 1); Atomics.store(a, 2, Atomics.load(a, 2) + 1); }
      Atomics.store(a, 0, Atomics.load(a, 0) + 1);
      Atomics.store(a, 1, 0);
    }
  }
  postMessage({ x, start: performance.timeOrigin + t0, end: performance.timeOrigin + performance.now() });
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
            w.postMessage({ buffer, n, id, contended, parties, work: WORK });
          }),
      ),
    );
    const a = new Int32Array(buffer);
    if (contended && a[0] !== n * parties) throw new Error('bare spinlock miscounted');
    const ms = Math.max(...done.map((d) => d.end)) - Math.min(...done.map((d) => d.start));
    return { perSecond: (n * parties) / (ms / 1000), handoffs: a[2], ms };
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
  return { perSecond: (n * threads) / (ms / 1000), handoffs: r.memory[2], ms };
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
    // Handoffs (the lock changing owner) per second, with 2 workers each taking it n times around a
    // one-increment critical section with a little private work between acquisitions.
    name: 'locks-spin.contended-handoffs-per-second-2-workers',
    unit: 'handoffs/s',
    async run() {
      const pool = createPool();
      const n = 200_000;
      type M = { perSecond: number; handoffs: number; ms: number };
      const mine: M[] = [];
      const ref: M[] = [];
      try {
        await ours(pool, CONTENDED, '__handoffs', 1000, 2);
        for (let i = 0; i < 5; i++) {
          mine.push(await ours(pool, CONTENDED, '__handoffs', n, 2));
          ref.push(await bare(n, 2, true));
        }
      } finally {
        pool.dispose();
      }
      const rate = (m: M) => m.handoffs / (m.ms / 1000);
      const paired = median(mine.map((m, i) => rate(m) / Math.max(rate(ref[i]), 1e-9)));
      const share = (ms: M[]) => median(ms.map((m) => m.handoffs / (2 * n)));
      return {
        value: Math.round(median(mine.map(rate))),
        reference: Math.round(median(ref.map(rate))),
        referenceName: 'the same compareExchange spinlock in 2 plain workers',
        target:
          `median paired ratio ${paired.toFixed(3)}; the lock changed hands in ` +
          `${(100 * share(mine)).toFixed(1)} % of acquisitions (bare: ${(100 * share(ref)).toFixed(1)} %); ` +
          `acquisitions/s ${Math.round(median(mine.map((m) => m.perSecond)))} (bare ${Math.round(median(ref.map((m) => m.perSecond)))})`,
        met: paired >= 0.8,
        details: { mine, ref, pairedRatio: paired },
      };
    },
  },
];
