import type { ThreadPool, RunResult } from '../pool/pool.ts';
import { KERNEL, KERNEL_CELLS, MODES, type Mode } from './kernel.ts';
import { median, noiseOf, type Noise } from './stats.ts';
import { fitUsl, type UslFit } from './usl-fit.ts';
import { amdahl, gustafson } from './theory.ts';

export interface SweepOptions {
  serialFraction: number;
  /** Worker counts to measure, e.g. 1…8. */
  counts: number[];
  repetitions: number;
  mode: Mode;
  /** Work units at N = 1 (one unit ≈ 1–3 µs of integer work). */
  units: number;
  onProgress?(p: { done: number; total: number; point?: SweepPoint }): void;
  signal?: AbortSignal;
  /**
   * Awaited between measurements (default: a 30 ms timer). On a 2-core machine the page and the
   * workers compete for the cores: the page renders its progress in these gaps, never during a run,
   * which keeps both the page smooth and the measurements clean.
   */
  pause?(): Promise<void>;
}

/** One worker's run: when it did what, in ms from the first worker's start. */
export interface WorkerTimeline {
  id: number;
  start: number;
  serialEnd: number;
  barrierLeft: number;
  parallelEnd: number;
}

export interface SweepPoint {
  n: number;
  times: number[];
  medianMs: number;
  /** Speedups of the repetitions against the median at N = 1 in this sweep. */
  speedups: number[];
  speedup: number;
  min: number;
  max: number;
  efficiency: number;
  theory: number;
  /** The median repetition's timeline. */
  timeline: WorkerTimeline[];
}

export interface SweepResult {
  points: SweepPoint[];
  fit: UslFit;
  noise: Noise;
  options: Omit<SweepOptions, 'onProgress' | 'signal'>;
}

function timeline(r: RunResult & { status: 'ok' }): WorkerTimeline[] {
  const t0 = Math.min(...r.threads.map((t) => t.startedAt));
  return r.threads.map((t) => {
    const base = 1 + 3 * t.id;
    const start = t.startedAt - t0;
    return {
      id: t.id,
      start,
      serialEnd: start + r.memory[base] / 1000,
      barrierLeft: start + r.memory[base + 1] / 1000,
      parallelEnd: start + r.memory[base + 2] / 1000,
    };
  });
}

const wall = (tl: WorkerTimeline[]) =>
  Math.max(...tl.map((w) => w.parallelEnd)) - Math.min(...tl.map((w) => w.start));

/**
 * Measures the workload at each worker count, `repetitions` times, after a warm-up run, in an order
 * that interleaves counts (so drift on a shared machine spreads over all of them).
 */
export async function sweep(pool: ThreadPool, o: SweepOptions): Promise<SweepResult> {
  const s = o.serialFraction;
  const counts = [...new Set(o.counts)].sort((a, b) => a - b);
  const pause = o.pause ?? (() => new Promise<void>((r) => setTimeout(r, 30)));
  const run = async (n: number) => {
    await pause();
    const r = await pool.run({
      source: KERNEL,
      threads: n,
      params: { units: o.units, serialPct: s * 100, mode: MODES[o.mode] },
      sharedCells: KERNEL_CELLS,
      budgetMs: 60_000,
    });
    if (r.status !== 'ok')
      throw new Error(r.status === 'timeout' ? r.message : `the workload failed: ${r.status}`);
    return timeline(r);
  };
  // Warm-up: the kernel needs a few runs to settle in V8's optimising tier (the first ones swing by
  // 2x). Repeat on one worker until two runs agree within 10 %, then once on every worker.
  let previous = Infinity;
  for (let i = 0; i < 6; i++) {
    const t = wall(await run(1));
    if (Math.abs(t - previous) / t < 0.1) break;
    previous = t;
  }
  await run(counts.at(-1)!);
  const byN = new Map<number, WorkerTimeline[][]>(counts.map((n) => [n, []]));
  const total = counts.length * o.repetitions;
  let done = 0;
  for (let rep = 0; rep < o.repetitions; rep++) {
    for (const n of rep % 2 ? [...counts].reverse() : counts) {
      if (o.signal?.aborted) throw new DOMException('The sweep was cancelled.', 'AbortError');
      byN.get(n)!.push(await run(n));
      o.onProgress?.({ done: ++done, total });
    }
  }
  const base = median(byN.get(counts[0])!.map(wall)) * (counts[0] === 1 ? 1 : counts[0]);
  const points = counts.map((n): SweepPoint => {
    const runs = byN.get(n)!;
    const times = runs.map(wall);
    const medianMs = median(times);
    // Gustafson: the job at n is (s + (1 − s)·n) times the job at 1; scaled speedup compares work rates.
    const scale = o.mode === 'gustafson' ? s + (1 - s) * n : 1;
    const speedups = times.map((t) => (base * scale) / t);
    const mid = runs[times.indexOf([...times].sort((a, b) => a - b)[times.length >> 1])];
    return {
      n,
      times,
      medianMs,
      speedups,
      speedup: median(speedups),
      min: Math.min(...speedups),
      max: Math.max(...speedups),
      efficiency: median(speedups) / n,
      theory: o.mode === 'gustafson' ? gustafson(s, n) : amdahl(s, n),
      timeline: mid,
    };
  });
  const { onProgress: _p, signal: _s, pause: _pause, ...options } = o;
  return {
    points,
    fit: fitUsl(points.flatMap((p) => p.speedups.map((speedup) => ({ n: p.n, speedup })))),
    noise: noiseOf(points.map((p) => p.times)),
    options,
  };
}
