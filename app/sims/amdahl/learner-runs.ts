/**
 * The learner's own Runs as a speedup (pure): runs of the code now in the editor, on real threads,
 * with the same parameters as the latest one, grouped by thread count and compared with the
 * 1-thread runs. Runs of other code or other sizes are different jobs and are left out.
 */
import type { RunResult } from '../../../workers/pool/pool.ts';
import { median } from '../../../workers/speedup/stats.ts';

export interface LearnerRun {
  threads: number;
  params: Record<string, number>;
  code: string;
  result: RunResult;
}

export interface LearnerPoint {
  threads: number;
  runs: number;
  medianMs: number;
  /** Median 1-thread time over this median; null without 1-thread runs to compare with. */
  speedup: number | null;
}

/** From the first thread's start to the last thread's end: the parallel region, as the checks time it. */
function spanMs(r: RunResult): number | null {
  if (r.status !== 'ok' || r.transport !== 'shared') return null;
  return (
    Math.max(...r.threads.map((t) => t.endedAt)) - Math.min(...r.threads.map((t) => t.startedAt))
  );
}

const sameParams = (a: Record<string, number>, b: Record<string, number>) =>
  Object.keys(a).length === Object.keys(b).length && Object.keys(a).every((k) => a[k] === b[k]);

export function learnerSpeedups(runs: readonly LearnerRun[], code: string): LearnerPoint[] {
  const mine = runs.filter((r) => r.code === code && spanMs(r.result) !== null);
  const latest = mine.at(-1);
  if (!latest) return [];
  const byThreads = new Map<number, number[]>();
  for (const r of mine) {
    if (!sameParams(r.params, latest.params)) continue;
    byThreads.set(r.threads, [...(byThreads.get(r.threads) ?? []), spanMs(r.result)!]);
  }
  const one = byThreads.get(1);
  const base = one ? median(one) : null;
  return [...byThreads.entries()]
    .sort(([a], [b]) => a - b)
    .map(([threads, times]) => ({
      threads,
      runs: times.length,
      medianMs: median(times),
      speedup: base === null ? null : base / median(times),
    }));
}
