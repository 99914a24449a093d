import type { ExploreResult, FoundViolation } from '../../workers/explore/api.ts';
import { moveLabel } from '../../workers/explore/types.ts';
import { fail, inconclusive, type CheckContext, type CheckOutcome } from '../check-api.ts';
import { countText } from '../evidence.ts';

/**
 * Evidence for the memory-order lesson, decided by Explore on 2 threads × 1 and × 2 rounds: once
 * under sequential consistency (where Peterson's lock is correct with plain accesses) and once with
 * x86-TSO store buffers (where it is not). Either way a broken lock fails every time, with the
 * schedule, because Explore is deterministic.
 */
export type MemoryModel = 'sc' | 'tso';

export const MODEL_NAME: Record<MemoryModel, string> = {
  sc: 'sequential consistency',
  tso: 'x86-TSO store buffers',
};

const scheduleText = (schedule: number[]) => schedule.map(moveLabel).join(' ');
const roundsText = (rounds: number) => `2 threads × ${rounds} ${rounds === 1 ? 'round' : 'rounds'}`;

export type Explored =
  { ok: true; summary: string; results: ExploreResult[] } | { ok: false; outcome: CheckOutcome };

function judge(r: ExploreResult, rounds: number, model: MemoryModel): CheckOutcome | null {
  const where = `Under ${MODEL_NAME[model]} (${roundsText(rounds)})`;
  const replay =
    model === 'tso'
      ? 'Open Explore, choose “x86-TSO store buffers”, and open the schedule in Step to see each thread’s buffer.'
      : 'Open the schedule in Step to watch it happen.';
  if (r.error)
    return fail(
      `${where}, thread ${r.error.thread}${r.error.line ? ` (line ${r.error.line})` : ''} did not ` +
        `finish: ${r.error.message} Schedule: ${scheduleText(r.error.schedule)}.`,
    );
  const v = pick(r.violations);
  if (v) return fail(`${where}, ${violationText(v, model)} ${replay}`);
  const expected = 2 * rounds;
  const wrong = r.outcomes.find((o) => o.memory[0] !== expected);
  if (wrong)
    return fail(
      `${where}, Explore found a schedule that ends with the counter at ${wrong.memory[0]}, not ` +
        `${expected}: ${scheduleText(wrong.example)}. ${replay}`,
    );
  if (!r.complete)
    return inconclusive(
      `Explore did not finish ${roundsText(rounds)} under ${MODEL_NAME[model]} ` +
        `(${r.stopReason ?? 'budget reached'}) and found nothing wrong in what it explored. The ` +
        'machine may be busy: check again.',
    );
  return null;
}

function pick(vs: FoundViolation[]): FoundViolation | undefined {
  const order = ['mutual-exclusion', 'deadlock', 'error', 'assert'];
  return [...vs].sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind))[0];
}

function violationText(v: FoundViolation, model: MemoryModel): string {
  const schedule = scheduleText(v.schedule);
  switch (v.kind) {
    case 'mutual-exclusion':
      return (
        `Explore found both threads inside the critical section at once (line ${v.line}) after ` +
        `the schedule ${schedule}.` +
        (model !== 'tso'
          ? ' Look at what each thread read from the flags and the turn before it went in.'
          : v.schedule.some((m) => m < 0)
            ? ' A thread read the other’s flag while the other’s “I want to enter” was still in ' +
              'its store buffer (F0 and F1 are the moves that flush a buffer to memory), saw 0 and went in.'
            : ' No buffer was flushed before both went in: each thread read the other’s flag ' +
              'while its own “I want to enter” was still in its store buffer, saw 0 and went in.')
      );
    case 'deadlock':
      return (
        `both threads got stuck after ${schedule || 'no step'}: ` +
        `${v.waits.map((w) => `thread ${w.thread} ${w.text}`).join('; ')}. Does unlock() clear the flag?`
      );
    case 'error':
    case 'assert':
      return `thread ${v.thread} failed${v.line ? ` on line ${v.line}` : ''}: ${v.message} (schedule ${schedule}).`;
  }
}

/** Explores 2 threads × 1 round, then × 2, under `model`; stops at the first problem. */
export async function explorePeterson(
  ctx: CheckContext,
  model: MemoryModel,
  rounds: number[] = [1, 2],
): Promise<Explored> {
  const done: string[] = [];
  const results: ExploreResult[] = [];
  for (const n of rounds) {
    const r = await ctx.explore({
      threads: 2,
      params: { rounds: n },
      reduction: 'por',
      maxMs: 8000,
      // One counterexample is all a failing check needs (the search goes by fewest preemptions).
      stopAtViolation: true,
      ...(model === 'tso' ? { memoryModel: 'tso' as const } : {}),
    });
    const problem = judge(r, n, model);
    if (problem) return { ok: false, outcome: problem };
    results.push(r);
    done.push(`${roundsText(n)}: ${countText(r.stats.schedules, r.unit)}`);
  }
  return {
    ok: true,
    results,
    summary: `one thread inside at a time, counter exact (Explore under ${MODEL_NAME[model]}: ${done.join('; ')})`,
  };
}
