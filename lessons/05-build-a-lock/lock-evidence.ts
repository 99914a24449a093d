import type { ExploreResult, FoundViolation } from '../../workers/explore/api.ts';
import { fail, inconclusive, pass, type CheckContext, type CheckOutcome } from '../check-api.ts';
import { countText, raceFailure, type Evidence } from '../evidence.ts';

/**
 * Evidence for the lock lesson, decided by Explore on small instances. Two kinds of program are
 * explored: the learner's own code (whose schedules they can replay in Step), and HARNESS, the
 * check's own three-step increment wrapped in the learner's `lock()`/`unlock()`. The harness is what
 * keeps a counter "fixed" with Atomics.add and no working lock from passing: the lesson is the lock.
 */

export const HARNESS_ENTRY = '__lockCheck';

/** Appended to the learner's module (their line numbers stay the same). */
export const HARNESS = `
export function ${HARNESS_ENTRY}(t: Thread) {
  for (let i = 0; i < t.params.increments; i++) {
    lock(t.shared);
    t.enter('the check');
    const value = Atomics.load(t.shared, 0);
    Atomics.store(t.shared, 0, value + 1);
    t.leave('the check');
    unlock(t.shared);
  }
}
`;

export interface Instance {
  threads: number;
  increments: number;
}

export const instanceText = ({ threads, increments }: Instance) =>
  `${threads} threads × ${increments} ${increments === 1 ? 'increment' : 'increments'}`;

export const scheduleText = (schedule: number[]) => schedule.map((t) => `T${t}`).join(' ');

const threadsText = (unsorted: number[]) => {
  const ts = [...unsorted].sort((a, b) => a - b);
  return ts.length === 2 ? `threads ${ts[0]} and ${ts[1]}` : `threads ${ts.join(', ')}`;
};

/** What went wrong in one explored instance, in the learner's words; null when nothing did. */
export function judgeExplored(
  r: ExploreResult,
  at: Instance,
  harness: boolean,
): CheckOutcome | null {
  const inst = instanceText(at);
  const where = harness
    ? `The check put your lock() and unlock() around its own three-step increment (${inst})`
    : `In your code (${inst})`;
  const replay = harness
    ? 'Your own code takes the lock the same way: Step through it with these settings to watch it happen.'
    : `Open Step with ${inst} and replay it to watch it happen.`;
  if (r.error)
    return fail(
      `${where}, thread ${r.error.thread}${r.error.line ? ` (line ${r.error.line})` : ''} did not ` +
        `finish: ${r.error.message} Schedule: ${scheduleText(r.error.schedule)}.`,
    );
  const v = pick(r.violations);
  if (v) return fail(`${where}: ${violationText(v, harness)} ${replay}`);
  const expected = at.threads * at.increments;
  const wrong = r.outcomes.find((o) => o.memory[0] !== expected);
  if (wrong)
    return fail(
      `${where}, Explore found a schedule that ends at ${wrong.memory[0]}, not ${expected}: ` +
        `${scheduleText(wrong.example)}. A thread stored a value it had loaded before another ` +
        `thread's store, so the lock did not keep it out. ${replay}`,
    );
  const race = raceFailure(r);
  if (race) return race;
  const stuck = r.outcomes.find((o) => o.memory[1] !== 0);
  if (stuck)
    return fail(
      `${where}, the lock cell t.shared[1] ends at ${stuck.memory[1]}, not 0 (free), after ` +
        `${scheduleText(stuck.example)}: a thread that comes next would wait forever. Does unlock() store 0?`,
    );
  if (!r.complete)
    return inconclusive(
      `Explore did not finish ${inst} (${r.stopReason ?? 'budget reached'}) and found nothing ` +
        'wrong in what it explored. The machine may be busy: check again. A lock with fewer ' +
        'shared steps per try explores faster.',
    );
  return null;
}

/** Mutual exclusion first (the lesson's point), then deadlocks, then errors. */
function pick(vs: FoundViolation[]): FoundViolation | undefined {
  const order = ['mutual-exclusion', 'deadlock', 'error', 'assert'];
  return [...vs].sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind))[0];
}

function violationText(v: FoundViolation, harness: boolean): string {
  const schedule = scheduleText(v.schedule);
  switch (v.kind) {
    case 'mutual-exclusion':
      return (
        `Explore found ${threadsText(v.threads)} inside the critical section at once ` +
        `(${harness ? 'the second entered after lock() returned' : `line ${v.line}`}), ` +
        `after the schedule ${schedule}. Look at what each thread read from the lock cell t.shared[1] before it went in.`
      );
    case 'deadlock':
      return (
        `every thread got stuck after ${schedule || 'no step'}: ` +
        `${v.waits.map((w) => `thread ${w.thread} ${w.text}`).join('; ')}. Is the lock released (set to 0) after each increment?`
      );
    case 'error':
    case 'assert':
      if (harness && /\b(lock|unlock) is not defined/.test(v.message))
        return (
          `${v.message}. The check calls your functions lock(s) and unlock(s) with t.shared: keep ` +
          'them, with those names, at the top level of your code.'
        );
      return `thread ${v.thread} failed${v.line ? ` on line ${v.line}` : ''}: ${v.message} (schedule ${schedule}).`;
  }
}

/**
 * Explores the instances in order and stops at the first problem, so a broken lock fails in
 * milliseconds on the smallest instance instead of spending the budget on a larger one.
 */
export async function exploreLock(
  ctx: CheckContext,
  instances: Instance[],
  options: { harness?: boolean; maxMs?: number } = {},
): Promise<Evidence> {
  const done: string[] = [];
  for (const at of instances) {
    const r = await ctx.explore({
      threads: at.threads,
      params: { increments: at.increments },
      reduction: 'por',
      maxMs: options.maxMs ?? 8000,
      ...(options.harness ? { source: ctx.source + HARNESS, entry: HARNESS_ENTRY } : {}),
    });
    const problem = judgeExplored(r, at, options.harness ?? false);
    if (problem) return { ok: false, outcome: problem };
    done.push(`${instanceText(at)}: ${countText(r.stats.schedules, r.unit)}`);
  }
  return {
    ok: true,
    summary: `one thread inside at a time, counter exact (Explore: ${done.join('; ')})`,
  };
}

export const passWith = (e: Extract<Evidence, { ok: true }>, more = '') =>
  pass(`${e.summary.charAt(0).toUpperCase()}${e.summary.slice(1)}${more}.`);
