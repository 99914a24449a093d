import { defineChecks, explainRun, fail, pass } from '../check-api.ts';
import { exploreCounter, runCounter } from '../evidence.ts';

// Correctness is decided by Explore on a small instance (every interleaving, so a race fails every
// time); real runs of the full size add evidence of failure, never a pass on their own.
export default defineChecks([
  {
    name: 'Runs without errors',
    async run(ctx) {
      const r = await ctx.run({ threads: 2, params: { increments: 10 } });
      const problem = explainRun(r);
      return problem === null ? pass('Your code runs on 2 threads.') : fail(problem);
    },
  },
  {
    name: 'No update is lost, in any interleaving of 2 threads',
    async run(ctx) {
      const explored = await exploreCounter(ctx, 2, 2);
      if (!explored.ok) return explored.outcome;
      const real = await runCounter(ctx, 2, 1_000_000, 3);
      if (!real.ok) return real.outcome;
      return pass(`Exact: ${explored.summary}, and ${real.summary}.`);
    },
  },
  {
    name: 'Stays exact with 3 and 4 threads',
    async run(ctx) {
      // More threads than cores: preemption in the middle of an update comes on top of parallelism.
      const explored = await exploreCounter(ctx, 3, 1);
      if (!explored.ok) return explored.outcome;
      const real = await runCounter(ctx, 4, 250_000, 1);
      if (!real.ok) return real.outcome;
      return pass(`Exact: ${explored.summary}, and ${real.summary}.`);
    },
  },
]);
