import type { ThreadPool, RunResult } from '../pool/pool.ts';
import { median, noiseOf, type Noise } from '../speedup/stats.ts';
import { addInto, quantileUs } from './histogram.ts';
import { ACCOUNTS, BUCKETS, HIST, INITIAL, KERNEL, STATS, kernelCells } from './kernel.ts';

export type Strategy = 'pessimistic' | 'optimistic';
export const STRATEGIES: readonly Strategy[] = ['pessimistic', 'optimistic'];

export interface ContentionOptions {
  /** Account counts to measure, e.g. 2 … 10,000: fewer accounts, more conflicts. */
  accounts: number[];
  /** Workers making transfers at once (more than the cores is fine: most of a transfer is waiting). */
  workers: number;
  /** Each transfer's round trip between reading and writing, in µs (a sleep: holds no core). */
  waitUs: number;
  /** CPU work per attempt, in units of about 0.3 µs (thrown away when an optimistic commit fails). */
  work: number;
  /** Length of one measured run. */
  durationMs: number;
  repetitions: number;
  onProgress?(p: { done: number; total: number }): void;
  signal?: AbortSignal;
  /** Awaited between runs (default: a 30 ms timer) so the page can paint its progress. */
  pause?(): Promise<void>;
}

/** What one strategy did at one account count, over all repetitions. */
export interface StrategyPoint {
  strategy: Strategy;
  accounts: number;
  /** Committed transfers per second: the median repetition, and every repetition. */
  throughput: number;
  throughputs: number[];
  commits: number;
  /** Commit attempts (commits + failed optimistic commits). */
  attempts: number;
  /** Failed commits per attempt (optimistic; 0 for pessimistic, which never retries). */
  retryRate: number;
  /** Transfers that found an account locked and had to wait (pessimistic), per commit. */
  waitRate: number;
  /** Per transfer, from its first read to its commit, retries and waits included (µs). */
  p50Us: number;
  p99Us: number;
  /** The bank's total after every repetition (INITIAL × accounts when money is conserved). */
  totals: number[];
  conserved: boolean;
}

export interface ContentionPoint {
  accounts: number;
  pessimistic: StrategyPoint;
  optimistic: StrategyPoint;
}

export interface ContentionResult {
  points: ContentionPoint[];
  /** Spread of the repeated throughputs: the page warns when the machine was too busy to compare. */
  noise: Noise;
  /** Money conserved in every run of the sweep. */
  conserved: boolean;
  runs: number;
  options: Omit<ContentionOptions, 'onProgress' | 'signal' | 'pause'>;
}

interface RunStats {
  commits: number;
  retries: number;
  waits: number;
  hist: number[];
  total: number;
  throughput: number;
}

function readRun(r: RunResult & { status: 'ok' }, workers: number, accounts: number): RunStats {
  const m = r.memory;
  let commits = 0;
  let retries = 0;
  let waits = 0;
  const hist = new Array<number>(BUCKETS).fill(0);
  for (let w = 0; w < workers; w++) {
    commits += m[STATS + 4 * w];
    retries += m[STATS + 4 * w + 1];
    waits += m[STATS + 4 * w + 2];
    addInto(hist, m.slice(HIST + BUCKETS * w, HIST + BUCKETS * (w + 1)));
  }
  let total = 0;
  for (let k = 0; k < accounts; k++) total += m[ACCOUNTS + 2 * k + 1];
  // From the first worker's start to the last one's end (module load and JIT warm-up excluded).
  const spanMs =
    Math.max(...r.threads.map((t) => t.endedAt)) - Math.min(...r.threads.map((t) => t.startedAt));
  return { commits, retries, waits, hist, total, throughput: (commits / spanMs) * 1000 };
}

function summarize(strategy: Strategy, accounts: number, runs: RunStats[]): StrategyPoint {
  const sum = (f: (r: RunStats) => number) => runs.reduce((s, r) => s + f(r), 0);
  const hist = new Array<number>(BUCKETS).fill(0);
  for (const r of runs) addInto(hist, r.hist);
  const commits = sum((r) => r.commits);
  const retries = sum((r) => r.retries);
  const totals = runs.map((r) => r.total);
  const throughputs = runs.map((r) => r.throughput);
  return {
    strategy,
    accounts,
    throughput: median(throughputs),
    throughputs,
    commits,
    attempts: commits + retries,
    retryRate: commits + retries ? retries / (commits + retries) : 0,
    waitRate: commits ? sum((r) => r.waits) / commits : 0,
    p50Us: quantileUs(hist, 0.5),
    p99Us: quantileUs(hist, 0.99),
    totals,
    conserved: totals.every((t) => t === INITIAL * accounts),
  };
}

const STRATEGY_PARAM: Record<Strategy, number> = { pessimistic: 0, optimistic: 1 };

/**
 * Measures both strategies at every account count, `repetitions` times each after one warm-up run
 * of each, alternating which strategy goes first and the direction over the account counts, so
 * drift on a shared machine spreads over all points instead of favouring one side.
 */
export async function sweepContention(
  pool: ThreadPool,
  o: ContentionOptions,
): Promise<ContentionResult> {
  const accounts = [...new Set(o.accounts)].filter((m) => m >= 2).sort((a, b) => a - b);
  if (accounts.length === 0) throw new RangeError('a transfer needs at least 2 accounts');
  const pause = o.pause ?? (() => new Promise<void>((r) => setTimeout(r, 30)));
  const cancelled = () => new DOMException('The sweep was cancelled.', 'AbortError');
  let seed = 1;
  const run = async (strategy: Strategy, m: number): Promise<RunStats> => {
    await pause();
    if (o.signal?.aborted) throw cancelled();
    const r = await pool.run({
      source: KERNEL,
      threads: o.workers,
      params: {
        accounts: m,
        strategy: STRATEGY_PARAM[strategy],
        work: o.work,
        waitUs: o.waitUs,
        durationMs: o.durationMs,
        seed: seed++,
      },
      sharedCells: kernelCells(m),
      // Generous: the kernel always ends, but spawning 16 workers on a starved machine took 15 s here.
      budgetMs: 60_000 + o.durationMs,
      signal: o.signal,
    });
    if (r.status === 'cancelled') throw cancelled();
    if (r.status !== 'ok')
      throw new Error(r.status === 'timeout' ? r.message : `the workload failed: ${r.status}`);
    return readRun(r, o.workers, m);
  };
  const total = accounts.length * STRATEGIES.length * o.repetitions;
  let done = 0;
  o.onProgress?.({ done, total });
  // Warm-up: fresh workers compile the kernel; the first run of each strategy is slower.
  for (const s of STRATEGIES) await run(s, accounts[accounts.length >> 1]);
  const byKey = new Map<string, RunStats[]>();
  for (let rep = 0; rep < o.repetitions; rep++) {
    const order = rep % 2 ? [...accounts].reverse() : accounts;
    for (const [i, m] of order.entries()) {
      const strategies = (rep + i) % 2 ? [...STRATEGIES].reverse() : STRATEGIES;
      for (const s of strategies) {
        const key = `${s}:${m}`;
        const list = byKey.get(key) ?? [];
        list.push(await run(s, m));
        byKey.set(key, list);
        o.onProgress?.({ done: ++done, total });
      }
    }
  }
  const points = accounts.map((m) => ({
    accounts: m,
    pessimistic: summarize('pessimistic', m, byKey.get(`pessimistic:${m}`)!),
    optimistic: summarize('optimistic', m, byKey.get(`optimistic:${m}`)!),
  }));
  const { onProgress: _p, signal: _s, pause: _pause, ...options } = o;
  return {
    points,
    noise: noiseOf(points.flatMap((p) => [p.pessimistic.throughputs, p.optimistic.throughputs])),
    conserved: points.every((p) => p.pessimistic.conserved && p.optimistic.conserved),
    runs: total,
    options,
  };
}
