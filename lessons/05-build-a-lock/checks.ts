import { defineChecks, fail, pass } from '../check-api.ts';
import { runCounter } from '../evidence.ts';
import { exploreLock, passWith } from './lock-evidence.ts';

// Correctness is decided by Explore on small instances (every interleaving, so a broken lock fails
// every time, with the schedule); real runs of the full size can only add a failure.
export default defineChecks([
  {
    name: 'Two threads: one inside at a time, no update lost',
    async run(ctx) {
      const e = await exploreLock(ctx, [
        { threads: 2, increments: 1 },
        { threads: 2, increments: 2 },
      ]);
      return e.ok ? passWith(e) : e.outcome;
    },
  },
  {
    name: 'Three threads too',
    async run(ctx) {
      const e = await exploreLock(ctx, [
        { threads: 2, increments: 1 },
        { threads: 3, increments: 1 },
      ]);
      return e.ok ? passWith(e) : e.outcome;
    },
  },
  {
    name: 'Your lock() and unlock() keep out a second thread on their own',
    async run(ctx) {
      // The check's own increment inside the learner's lock: a counter fixed with Atomics.add and a
      // lock that still lets two threads in fails here, with the reason.
      const e = await exploreLock(
        ctx,
        [
          { threads: 2, increments: 1 },
          { threads: 2, increments: 2 },
        ],
        { harness: true },
      );
      if (!e.ok) {
        return e.outcome.verdict === 'fail'
          ? fail(
              `${e.outcome.message} (This lesson is about the lock: Atomics.add makes one step ` +
                'indivisible, but a lock must protect a section of several.)',
            )
          : e.outcome;
      }
      return pass(`Around the check's own three-step increment: ${e.summary}.`);
    },
  },
  {
    name: 'Real threads end exact (2 × 50,000 and 4 × 10,000)',
    async run(ctx) {
      const two = await runCounter(ctx, 2, 50_000, 1);
      if (!two.ok) return two.outcome;
      const four = await runCounter(ctx, 4, 10_000, 1);
      if (!four.ok) return four.outcome;
      return pass(
        `${two.summary.charAt(0).toUpperCase()}${two.summary.slice(1)}, and ${four.summary}.`,
      );
    },
  },
]);
