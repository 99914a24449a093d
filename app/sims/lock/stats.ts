import type { RunResult } from '../../../workers/pool/pool.ts';
import type { RunRecord } from '../../lesson/useLessonSession.ts';

/**
 * What the lesson's threads report about their lock: the starter and the solution end with
 * `t.log("lock stats: <spins> spins, waited <w>, held <h>")` (w, h in t.now() units: milliseconds on
 * real workers, scheduler steps on simulated threads). Reported by the learner's own code, so a thread
 * whose line is missing is shown as "not reported", never as zero.
 */
export interface ThreadLockStats {
  id: number;
  spins: number;
  waited: number;
  held: number;
}

const LINE = /lock stats: (\d+) spins, waited (-?[\d.]+), held (-?[\d.]+)/;

export function parseStats(logs: string[]): Omit<ThreadLockStats, 'id'> | null {
  for (let i = logs.length - 1; i >= 0; i--) {
    const m = LINE.exec(logs[i]);
    if (!m) continue;
    const [spins, waited, held] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if ([spins, waited, held].every(Number.isFinite)) return { spins, waited, held };
  }
  return null;
}

export interface RunStats {
  /** One row per thread, in id order; `stats` is null when that thread printed no line. */
  threads: Array<{ id: number; stats: Omit<ThreadLockStats, 'id'> | null }>;
  /** Sums over the threads that reported. */
  spins: number;
  waited: number;
  held: number;
  reported: number;
}

export function runStats(result: Extract<RunResult, { threads: unknown }>): RunStats {
  const threads = result.threads.map((t) => ({ id: t.id, stats: parseStats(t.logs) }));
  const got = threads.flatMap((t) => (t.stats ? [t.stats] : []));
  return {
    threads,
    spins: got.reduce((a, s) => a + s.spins, 0),
    waited: got.reduce((a, s) => a + s.waited, 0),
    held: got.reduce((a, s) => a + s.held, 0),
    reported: got.length,
  };
}

/** Share of a thread's lock time spent waiting, 0…1 (null when it measured no time at all). */
export function waitingShare(s: { waited: number; held: number }): number | null {
  const total = s.waited + s.held;
  return total > 0 ? Math.max(0, Math.min(1, s.waited / total)) : null;
}

/**
 * One sentence about the run, only where the numbers support it: with one thread there is nobody to
 * wait for, and a spinlock under contention spends a visible share of its time spinning.
 */
export function costSentence(
  stats: RunStats,
  increments: number,
  unit: 'ms' | 'steps',
): string | null {
  if (stats.reported === 0 || increments <= 0) return null;
  const acquisitions = stats.reported * increments;
  const perAcq = stats.spins / acquisitions;
  const share = waitingShare(stats);
  if (stats.threads.length === 1)
    return stats.spins === 0
      ? 'One thread: the lock was free every time, so it never spun. Waiting needs a second thread.'
      : null;
  const spinText =
    perAcq >= 0.01
      ? `${perAcq.toFixed(perAcq >= 10 ? 0 : 2)} spins per acquisition on average`
      : `${stats.spins.toLocaleString('en')} spins in ${acquisitions.toLocaleString('en')} acquisitions`;
  if (share === null) return `${capital(spinText)}.`;
  return (
    `${capital(spinText)}; the threads spent ${Math.round(100 * share)} % of their lock time ` +
    `(${unit === 'ms' ? 'milliseconds' : 'scheduler steps'} between asking for the lock and releasing it) waiting.`
  );
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export interface RunTally {
  runs: number;
  /** Runs in which the lock failed visibly: two threads inside at once, or an update lost. */
  failed: number;
  overlaps: number;
  lost: number;
}

/** Finished runs of one code and setup (the caller picks them): how many caught the lock failing. */
export function tallyRuns(
  runs: Array<{ overlaps: number; counter: number; expected: number }>,
): RunTally {
  let failed = 0;
  let overlaps = 0;
  let lost = 0;
  for (const r of runs) {
    const l = r.expected - r.counter;
    if (r.overlaps > 0 || l !== 0) failed++;
    overlaps += r.overlaps;
    lost += l;
  }
  return { runs: runs.length, failed, overlaps, lost };
}

/**
 * The finished runs of `last`'s code, thread count and size (`param`, the lesson's per-thread
 * count), tallied: null while there is only one (a tally of one run says nothing more than it).
 */
export function tallySameRuns(runs: RunRecord[], last: RunRecord, param: string): RunTally | null {
  const same = runs.flatMap((r) =>
    r.result.status === 'ok' &&
    r.code === last.code &&
    r.threads === last.threads &&
    r.params[param] === last.params[param]
      ? [
          {
            overlaps: r.result.overlaps,
            counter: r.result.memory[0],
            expected: r.threads * (r.params[param] ?? 0),
          },
        ]
      : [],
  );
  return same.length < 2 ? null : tallyRuns(same);
}
