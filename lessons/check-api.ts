import type { RunRequest, RunResult } from '../workers/pool/pool.ts';
import type { ExploreOptions, ExploreResult } from '../workers/explore/api.ts';

/** What a lesson's checks can do with the learner's code. */
export interface CheckContext {
  /** The learner's current code. */
  source: string;
  /** Runs the learner's code (or `source`, when given) on real workers, or simulated threads. */
  run(request: Omit<RunRequest, 'source'> & { source?: string }): Promise<RunResult>;
  /**
   * Explores every interleaving of the learner's code (or `source`) under the deterministic
   * scheduler. Rejects with the compile error's message when the code does not compile.
   */
  explore(options: ExploreOptions & { source?: string }): Promise<ExploreResult>;
  /** `shared`: real workers over a SharedArrayBuffer; `simulated`: one worker, deterministic scheduler. */
  transport: 'shared' | 'simulated';
  /** Cores the browser reports. */
  cores: number;
}

/**
 * How a check ends. `pass` and `fail` are findings about the learner's code. `inconclusive` means the
 * evidence could not decide (the machine was too busy to measure a speedup, the search ran out of
 * budget): the message says why and what to do, and it never counts against the learner.
 */
export type Verdict = 'pass' | 'fail' | 'inconclusive';

export interface CheckOutcome {
  verdict: Verdict;
  /** Written for the learner: what happened; on failure what to look at; if inconclusive, why and what to do. */
  message: string;
}

export interface Check {
  name: string;
  run(ctx: CheckContext): Promise<CheckOutcome>;
}

export interface CheckTally {
  passed: number;
  failed: number;
  inconclusive: number;
}

export type CheckEvent =
  | { type: 'start'; index: number; name: string }
  | { type: Verdict; index: number; name: string; message: string }
  | { type: 'cancelled'; index: number; name: string }
  | ({ type: 'done'; cancelled: boolean } & CheckTally);

export const defineChecks = (checks: Check[]): Check[] => checks;

export const pass = (message: string): CheckOutcome => ({ verdict: 'pass', message });
export const fail = (message: string): CheckOutcome => ({ verdict: 'fail', message });
/** The evidence could not decide: `reason` says why and what the learner can do about it. */
export const inconclusive = (reason: string): CheckOutcome => ({
  verdict: 'inconclusive',
  message: reason,
});

/** Explains a run that did not finish normally, or returns null when it did. */
export function explainRun(r: RunResult): string | null {
  switch (r.status) {
    case 'ok':
      return null;
    case 'compile-error':
      return `Your code does not compile: ${r.message}`;
    case 'timeout':
    case 'cancelled':
    case 'deadlock':
      return r.message;
    case 'error':
      if (r.thread < 0) return r.error.message;
      return `Thread ${r.thread} threw ${r.error.line ? `on line ${r.error.line}` : ''}: ${r.error.message}`;
  }
}

/**
 * Runs checks one after another, streaming events (like Sandpack's test events). A check that throws
 * fails with its message; later checks still run so the learner sees everything at once.
 */
export async function runChecks(
  checks: Check[],
  ctx: CheckContext,
  onEvent: (e: CheckEvent) => void = () => undefined,
  /** Cancel: the check running now ends without a verdict, and the rest do not start. */
  signal?: AbortSignal,
): Promise<CheckTally & { results: CheckOutcome[]; cancelled: boolean }> {
  const tally: CheckTally = { passed: 0, failed: 0, inconclusive: 0 };
  const results: CheckOutcome[] = [];
  for (const [index, check] of checks.entries()) {
    if (signal?.aborted) break;
    onEvent({ type: 'start', index, name: check.name });
    let outcome: CheckOutcome;
    try {
      outcome = await check.run(ctx);
    } catch (e) {
      outcome = fail(e instanceof Error ? e.message : String(e));
    }
    // A run stopped by Cancel is no evidence either way: no verdict.
    if (signal?.aborted) {
      onEvent({ type: 'cancelled', index, name: check.name });
      break;
    }
    results.push(outcome);
    tally[
      outcome.verdict === 'pass' ? 'passed' : outcome.verdict === 'fail' ? 'failed' : 'inconclusive'
    ]++;
    onEvent({ type: outcome.verdict, index, name: check.name, message: outcome.message });
  }
  const cancelled = signal?.aborted ?? false;
  onEvent({ type: 'done', ...tally, cancelled });
  return { ...tally, results, cancelled };
}
