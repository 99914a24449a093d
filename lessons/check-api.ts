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

export interface CheckOutcome {
  pass: boolean;
  /** Written for the learner: what happened, and on failure what to look at. */
  message: string;
}

export interface Check {
  name: string;
  run(ctx: CheckContext): Promise<CheckOutcome>;
}

export type CheckEvent =
  | { type: 'start'; index: number; name: string }
  | { type: 'pass'; index: number; name: string; message: string }
  | { type: 'fail'; index: number; name: string; message: string }
  | { type: 'done'; passed: number; failed: number };

export const defineChecks = (checks: Check[]): Check[] => checks;

export const pass = (message: string): CheckOutcome => ({ pass: true, message });
export const fail = (message: string): CheckOutcome => ({ pass: false, message });

/** Explains a run that did not finish normally, or returns null when it did. */
export function explainRun(r: RunResult): string | null {
  switch (r.status) {
    case 'ok':
      return null;
    case 'compile-error':
      return `Your code does not compile: ${r.message}`;
    case 'timeout':
      return r.message;
    case 'error':
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
): Promise<{ passed: number; failed: number; results: CheckOutcome[] }> {
  let passed = 0;
  const results: CheckOutcome[] = [];
  for (const [index, check] of checks.entries()) {
    onEvent({ type: 'start', index, name: check.name });
    let outcome: CheckOutcome;
    try {
      outcome = await check.run(ctx);
    } catch (e) {
      outcome = fail(e instanceof Error ? e.message : String(e));
    }
    results.push(outcome);
    if (outcome.pass) passed++;
    onEvent({
      type: outcome.pass ? 'pass' : 'fail',
      index,
      name: check.name,
      message: outcome.message,
    });
  }
  const failed = checks.length - passed;
  onEvent({ type: 'done', passed, failed });
  return { passed, failed, results };
}
