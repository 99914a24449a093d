import type { ExploreResult } from '../workers/explore/api.ts';
import {
  explainRun,
  fail,
  inconclusive,
  type CheckContext,
  type CheckOutcome,
} from './check-api.ts';

/**
 * Evidence for correctness checks. A verdict on correctness never rests on luck: Explore, run on a
 * small instance, decides (a racy program fails every time, because some schedule loses an update);
 * real runs can only add evidence of failure, never rescue a program Explore convicted.
 */

const fmt = (n: number) => n.toLocaleString('en');

/** Where `ctx.run` ran, in words. */
export const whereRuns = (ctx: CheckContext) =>
  ctx.transport === 'shared' ? 'on real workers' : 'on simulated threads';

/** "4 schedules" or "1 class of equivalent schedules": what Explore counted, named as it is. */
export function countText(n: number, unit: string): string {
  if (n !== 1) return `${n} ${unit}`;
  return `1 ${unit.replace(/^schedules/, 'schedule').replace(/^classes/, 'class')}`;
}

/**
 * Explore interleaves steps as if memory were sequentially consistent. Two plain accesses to one
 * cell that nothing orders (a data race) can do more than that on real hardware, so a correct-looking
 * outcome set with a race is not a pass.
 */
export function raceFailure(r: ExploreResult): CheckOutcome | null {
  const race = r.dataRaces[0];
  if (!race) return null;
  return fail(
    `Data race on t.shared[${race.cell}]: line ${race.lines[0]} (thread ${race.threads[0]}, ` +
      `${race.accesses[0]}) and line ${race.lines[1]} (thread ${race.threads[1]}, ${race.accesses[1]}) ` +
      'are not ordered by any Atomics operation or lock. Explore assumed sequential consistency; real ' +
      'processors can reorder plain accesses and do worse. Use Atomics for these accesses.',
  );
}

/** "1 (4 schedules), 2 (2 schedules)": each final counter and how many schedules reach it. */
export function outcomeText(r: ExploreResult): string {
  return r.outcomes.map((o) => `${o.memory[0]} (${countText(o.schedules, r.unit)})`).join(', ');
}

export type Evidence = { ok: true; summary: string } | { ok: false; outcome: CheckOutcome };

/**
 * Explores every interleaving of `threads` threads each adding 1 to shared[0] `increments` times
 * (the lesson's `increments` parameter): every schedule must end at threads × increments.
 */
export async function exploreCounter(
  ctx: CheckContext,
  threads: number,
  increments: number,
  /** `none` counts every schedule (the numbers the prose uses); `por` counts classes (faster). */
  reduction: 'none' | 'por' = 'por',
): Promise<Evidence> {
  const r = await ctx.explore({ threads, params: { increments }, reduction });
  const expected = threads * increments;
  const instance = `${threads} threads × ${increments} ${increments === 1 ? 'increment' : 'increments'}`;
  if (r.error) {
    return {
      ok: false,
      outcome: fail(
        `Exploring ${instance}: thread ${r.error.thread}${r.error.line ? ` (line ${r.error.line})` : ''} ` +
          `did not finish: ${r.error.message}`,
      ),
    };
  }
  const wrong = r.outcomes.find((o) => o.memory[0] !== expected);
  if (wrong) {
    const schedule = wrong.example.map((t) => `T${t}`).join(' ');
    const lost = expected - wrong.memory[0];
    return {
      ok: false,
      outcome: fail(
        `Explore found a schedule of ${instance} that ends at ${wrong.memory[0]}, not ${expected}: ` +
          `${schedule}. ${
            lost > 0
              ? `${lost === 1 ? 'An update was' : `${lost} updates were`} lost: a thread stored a value it had loaded before another thread's store.`
              : 'More increments than were made.'
          } Step through that schedule to watch it happen. All outcomes: ${outcomeText(r)}.`,
      ),
    };
  }
  const race = raceFailure(r);
  if (race) return { ok: false, outcome: race };
  if (!r.complete) {
    return {
      ok: false,
      outcome: inconclusive(
        `Explore did not finish ${instance} (${r.stopReason ?? 'budget reached'}), and found no wrong ` +
          'result in what it explored. Simplify the code around the shared counter and check again.',
      ),
    };
  }
  return {
    ok: true,
    summary: `every schedule of ${instance} ends at ${expected} (Explore: ${countText(r.stats.schedules, r.unit)})`,
  };
}

/** Real runs as extra evidence: any run that does not reach threads × increments fails the check. */
export async function runCounter(
  ctx: CheckContext,
  threads: number,
  increments: number,
  runs: number,
): Promise<Evidence> {
  const expected = threads * increments;
  for (let i = 1; i <= runs; i++) {
    const r = await ctx.run({ threads, params: { increments }, budgetMs: 10_000 });
    const problem = explainRun(r);
    if (problem) return { ok: false, outcome: fail(problem) };
    if (r.status !== 'ok') return { ok: false, outcome: fail('The run did not finish.') };
    const actual = r.memory[0];
    if (actual !== expected) {
      const lost = expected - actual;
      return {
        ok: false,
        outcome: fail(
          `Run ${i} of ${runs} ${whereRuns(ctx)} (${threads} × ${fmt(increments)}): the counter reached ` +
            `${fmt(actual)}, not ${fmt(expected)}` +
            (lost > 0
              ? `: ${fmt(lost)} updates were lost (${((100 * lost) / expected).toFixed(1)} %).`
              : ', more than the increments made.'),
        ),
      };
    }
  }
  const times = runs === 1 ? 'a run' : `${runs} runs`;
  return {
    ok: true,
    summary: `${times} of ${threads} × ${fmt(increments)} ${whereRuns(ctx)} reached ${fmt(expected)} exactly`,
  };
}
