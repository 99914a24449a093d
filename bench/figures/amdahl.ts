import { createPool } from '../../workers/pool/pool.ts';
import { sweep } from '../../workers/speedup/sweep.ts';
import { amdahl } from '../../workers/speedup/theory.ts';
import { median } from '../../workers/speedup/stats.ts';
import type { BenchFigure } from '../types.ts';
import type { ThreadPool } from '../../workers/pool/pool.ts';
import starter from '../../lessons/03-amdahls-law/starter.ts?raw';
import solution from '../../lessons/03-amdahls-law/solution.ts?raw';

const cores = Math.min(16, navigator.hardwareConcurrency || 2);
const UNITS = 150_000;

/**
 * The reference: the same xorshift kernel in plain workers (no playground runtime, no learner-code
 * compile), started together by one postMessage each, timed from the first start to the last end.
 */
async function plainWorkersSpeedup(n: number): Promise<number> {
  const src = `onmessage = (e) => {
    const { units, go } = e.data;
    const flag = new Int32Array(go);
    while (Atomics.load(flag, 0) === 0) {}
    const t0 = performance.timeOrigin + performance.now();
    let x = 0x9e3779b1;
    for (let u = 0; u < units; u++) for (let i = 0; i < 1000; i++) { x ^= x << 13; x ^= x >>> 17; x ^= x << 5; }
    postMessage({ t0, t1: performance.timeOrigin + performance.now(), x });
  };`;
  const url = URL.createObjectURL(new Blob([src], { type: 'text/javascript' }));
  const workers = Array.from({ length: n }, () => new Worker(url));
  const once = async (k: number, units: number) => {
    const go = new SharedArrayBuffer(4);
    const done = workers
      .slice(0, k)
      .map((w) => new Promise<{ t0: number; t1: number }>((r) => (w.onmessage = (e) => r(e.data))));
    workers
      .slice(0, k)
      .forEach((w, i) =>
        w.postMessage({ units: Math.floor(units / k) + (i < units % k ? 1 : 0), go }),
      );
    await new Promise((r) => setTimeout(r, 50)); // every worker is spinning on the flag
    Atomics.store(new Int32Array(go), 0, 1);
    const times = await Promise.all(done);
    return Math.max(...times.map((t) => t.t1)) - Math.min(...times.map((t) => t.t0));
  };
  try {
    for (let i = 0; i < 4; i++) await once(n, UNITS); // warm-up
    const one: number[] = [];
    const many: number[] = [];
    for (let i = 0; i < 5; i++) {
      one.push(await once(1, UNITS));
      many.push(await once(n, UNITS));
    }
    return median(one) / median(many);
  } finally {
    workers.forEach((w) => w.terminate());
    URL.revokeObjectURL(url);
  }
}

/** The Amdahl checks' own timing: first start to last end of one run of `source` on `threads`. */
async function span(pool: ThreadPool, source: string, threads: number): Promise<number> {
  const r = await pool.run({ source, threads, params: { n: 10_000_000 }, budgetMs: 20_000 });
  if (r.status !== 'ok') throw new Error(`the run ended ${r.status}`);
  return (
    Math.max(...r.threads.map((t) => t.endedAt)) - Math.min(...r.threads.map((t) => t.startedAt))
  );
}

export const figures: BenchFigure[] = [
  {
    // The margin the speed check stands on: on 2 threads the starter must stay well behind the
    // plain parallel loop (the solution) measured in the same rounds, busy machine or not.
    name: 'amdahl.check-starter-over-plain-loop',
    unit: 'x time on 2 threads',
    async run() {
      const pool = createPool();
      try {
        const ratios: number[] = [];
        const one: number[] = [];
        const two: number[] = [];
        for (let i = 0; i <= 6; i++) {
          const ref2 = await span(pool, solution, 2);
          const st2 = await span(pool, starter, 2);
          const ref1 = await span(pool, solution, 1);
          if (i === 0) continue; // warm-up
          ratios.push(st2 / ref2);
          one.push(ref1);
          two.push(ref2);
        }
        const value = median(ratios);
        return {
          value: +value.toFixed(2),
          reference: 1,
          referenceName: 'the plain parallel loop itself',
          target: '>= 2 (the check places code between the two on a log scale)',
          met: value >= 2,
          details: { ratios, plainLoopSpeedup: median(one) / median(two) },
        };
      } finally {
        pool.dispose();
      }
    },
  },
  {
    name: 'amdahl.efficiency-at-cores-s0',
    unit: 'speedup / N',
    async run() {
      const pool = createPool();
      try {
        const r = await sweep(pool, {
          serialFraction: 0,
          counts: [1, cores],
          repetitions: 5,
          mode: 'amdahl',
          units: UNITS,
        });
        const p = r.points.find((q) => q.n === cores)!;
        const reference = (await plainWorkersSpeedup(cores)) / cores;
        return {
          value: +p.efficiency.toFixed(3),
          reference: +reference.toFixed(3),
          referenceName: `the same kernel in plain workers, N = ${cores}`,
          target: 'speedup >= 0.8 x N on an idle machine',
          met: p.efficiency >= 0.8,
          details: { cores, speedup: p.speedup, noise: r.noise },
        };
      } finally {
        pool.dispose();
      }
    },
  },
  {
    name: 'amdahl.speedup-at-cores-s50',
    unit: 'speedup',
    async run() {
      const pool = createPool();
      try {
        const r = await sweep(pool, {
          serialFraction: 0.5,
          counts: [1, cores],
          repetitions: 5,
          mode: 'amdahl',
          units: UNITS,
        });
        const p = r.points.find((q) => q.n === cores)!;
        const theory = amdahl(0.5, cores);
        return {
          value: +p.speedup.toFixed(3),
          reference: +theory.toFixed(3),
          referenceName: `Amdahl's prediction 1/(s + (1 - s)/N), s = 0.5, N = ${cores}`,
          target: 'under 2 and within 15 % of the curve',
          met: p.speedup < 2 && Math.abs(p.speedup - theory) / theory < 0.15,
          details: { cores, min: p.min, max: p.max },
        };
      } finally {
        pool.dispose();
      }
    },
  },
];
