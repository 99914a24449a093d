import { defineChecks, fail, inconclusive, pass, type CheckContext } from '../check-api.ts';
import { countText, exploreCounter, raceFailure, runCounter } from '../evidence.ts';

type Explored = Awaited<ReturnType<CheckContext['explore']>>;

function outcomeText(r: Explored): string {
  return r.outcomes.map((o) => `${o.memory[0]} (${countText(o.schedules, r.unit)})`).join(', ');
}

/**
 * Every schedule of a small instance must end at threads × increments. The smallest instance is
 * explored schedule by schedule, so its counts are the ones the prose talks about (4 and 2 of 6);
 * larger ones with partial-order reduction, which counts classes of equivalent schedules.
 */
async function oneOutcome(ctx: CheckContext, threads: number, increments: number) {
  const reduction = threads * increments <= 2 ? 'none' : 'por';
  const r = await ctx.explore({ threads, params: { increments }, reduction });
  if (r.error) return fail(`Exploring stopped: ${r.error.message}`);
  const expected = threads * increments;
  const wrong = r.outcomes.filter((o) => o.memory[0] !== expected);
  const race = raceFailure(r);
  if (wrong.length === 0 && race) return race;
  if (wrong.length === 0 && r.complete) {
    return pass(
      `Every schedule ends at ${expected} (${countText(r.stats.schedules, r.unit)} explored).`,
    );
  }
  if (wrong.length === 0) {
    return inconclusive(
      `The search did not finish (${r.stopReason ?? 'budget reached'}) and found no wrong total in ` +
        'what it explored. Simplify the code around the counter and check again.',
    );
  }
  const example = wrong[0].example.map((t) => `T${t}`).join(' ');
  return fail(
    `Outcomes: ${outcomeText(r)}. Expected only ${expected}. The schedule ${example} ends at ` +
      `${wrong[0].memory[0]}: a thread stored a value it had loaded before another thread's store.`,
  );
}

export default defineChecks([
  {
    name: '2 threads × 1 increment: every schedule ends at 2',
    run: (ctx) => oneOutcome(ctx, 2, 1),
  },
  {
    name: '3 threads × 2 increments: every schedule ends at 6',
    run: (ctx) => oneOutcome(ctx, 3, 2),
  },
  {
    name: 'Real threads agree (4 threads × 200,000 increments)',
    async run(ctx) {
      // A real run that happens to reach the total proves nothing about the schedules it did not
      // meet: Explore on a small instance decides, the real run can only add a failure.
      const explored = await exploreCounter(ctx, 2, 2);
      if (!explored.ok) return explored.outcome;
      const real = await runCounter(ctx, 4, 200_000, 1);
      if (!real.ok) return real.outcome;
      return pass(`${explored.summary}, and ${real.summary}.`);
    },
  },
]);
