import { defineChecks, explainRun, fail, inconclusive, pass } from '../check-api.ts';
import { whereRuns } from '../evidence.ts';
import { exploreLock, passWith } from './lock-evidence.ts';

// Correctness is decided by Explore on small instances (every interleaving, so a broken lock fails
// every time, with the schedule); real runs of the full size can only add a failure.
const lostText = (n: number) =>
  n === 1
    ? '1 update lost'
    : n > 0
      ? `${n.toLocaleString('en')} updates lost`
      : 'more than were made';

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
      const done: string[] = [];
      for (const [threads, increments] of [
        [2, 50_000],
        [4, 10_000],
      ]) {
        const size = `${threads} × ${increments.toLocaleString('en')}`;
        const r = await ctx.run({ threads, params: { increments }, budgetMs: 10_000 });
        if (r.status === 'timeout') {
          // A spinlock crawls when threads outnumber free cores (a waiter spins while the holder
          // is descheduled). Explore says whether the lock itself can hang; if not, the machine
          // is the cause, and that is no verdict on the learner's code.
          const e = await exploreLock(ctx, [{ threads: 2, increments: 1 }]);
          if (!e.ok) return e.outcome;
          return inconclusive(
            `The real run of ${size} did not finish in 10 s, but Explore finds no schedule in ` +
              'which your lock hangs: the machine is probably too busy (a spinning thread waits ' +
              'while the thread holding the lock is not running). Check again when it is quieter.',
          );
        }
        const problem = explainRun(r);
        if (problem) return fail(problem);
        if (r.status !== 'ok') return fail('The run did not finish.');
        const expected = threads * increments;
        if (r.memory[0] !== expected)
          return fail(
            `A real run of ${size} ${whereRuns(ctx)} ended at ${r.memory[0].toLocaleString('en')}, ` +
              `not ${expected.toLocaleString('en')}: ${lostText(expected - r.memory[0])}.`,
          );
        if (r.overlaps > 0)
          return fail(
            `In a real run of ${size}, two threads were inside the critical section at once ` +
              `${r.overlaps} ${r.overlaps === 1 ? 'time' : 'times'}, although the counter ended right.`,
          );
        done.push(`${size} reached ${expected.toLocaleString('en')}`);
      }
      return pass(`Real runs ${whereRuns(ctx)}: ${done.join(', ')} exactly, nobody inside twice.`);
    },
  },
]);
