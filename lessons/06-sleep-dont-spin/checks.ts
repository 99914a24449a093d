import { defineChecks, explainRun, fail, pass, type CheckContext } from '../check-api.ts';
import { runCounter, whereRuns } from '../evidence.ts';
import {
  HELD,
  INSTANCES,
  judgeCounter,
  judgeExclusion,
  judgeSleeps,
  judgeWakeups,
  optionsFor,
  searched,
  withHarness,
} from './judge.ts';

/**
 * Correctness is decided by Explore on small instances (every schedule of 2 threads, every schedule
 * with few preemptions of 3), with time-outs switched off; real runs only add evidence of failure.
 * The three correctness checks judge the same explorations: run them once per source.
 */
let last: { source: string; explored: ReturnType<typeof exploreAll> } | null = null;

/** One after another: the explorer is one worker, and each call's watchdog starts when it is made. */
async function exploreAll(ctx: CheckContext) {
  const source = withHarness(ctx.source);
  const all = [];
  for (const instance of INSTANCES)
    all.push({ instance, result: await ctx.explore({ ...optionsFor(instance), source }) });
  return all;
}

/** A real run of code in which Explore saw a thread sleep forever could hang until its watchdog. */
const sleepsForever = (all: Awaited<ReturnType<typeof exploreAll>>) =>
  all.some((e) => e.result.violations.some((v) => v.kind === 'deadlock'));

const ROUNDS = 2_000;
const NO_REAL_RUN =
  ' No real run: Explore saw a thread sleep forever (see the last check), and a real run could hang.';

function explored(ctx: CheckContext) {
  if (last?.source !== ctx.source) {
    const p = exploreAll(ctx);
    last = { source: ctx.source, explored: p };
    // A failed or cut-short search is not remembered: the next press explores again.
    p.then(
      (all) => {
        if (all.some((e) => !searched(e.instance, e.result)) && last?.explored === p) last = null;
      },
      () => {
        if (last?.explored === p) last = null;
      },
    );
  }
  return last.explored;
}

export default defineChecks([
  {
    name: 'While one thread holds the lock, another sleeps instead of spinning',
    async run(ctx) {
      const r = await ctx.explore({
        source: withHarness(ctx.source),
        entry: HELD,
        threads: 2,
        reduction: 'por',
        timeoutsNeverFire: true,
        maxMs: 6000,
      });
      return judgeSleeps(r);
    },
  },
  {
    name: 'Only one thread at a time in the critical section',
    async run(ctx) {
      const all = await explored(ctx);
      const verdict = judgeExclusion(all);
      if (verdict.verdict !== 'pass') return verdict;
      if (sleepsForever(all)) return pass(verdict.message + NO_REAL_RUN);
      const r = await ctx.run({ threads: 4, params: { increments: ROUNDS }, budgetMs: 10_000 });
      const problem = explainRun(r);
      if (problem) return fail(problem);
      if (r.status === 'ok' && r.overlaps > 0)
        return fail(
          `A real run of 4 threads × ${ROUNDS.toLocaleString('en')} rounds ${whereRuns(ctx)} saw two threads inside the ` +
            `critical section at once ${r.overlaps} times.`,
        );
      return pass(
        `${verdict.message} A real run of 4 threads × ${ROUNDS.toLocaleString('en')} rounds ${whereRuns(ctx)} agrees.`,
      );
    },
  },
  {
    name: 'No update is lost',
    async run(ctx) {
      const all = await explored(ctx);
      const verdict = judgeCounter(all);
      if (verdict.verdict !== 'pass') return verdict;
      if (sleepsForever(all)) return pass(verdict.message + NO_REAL_RUN);
      const real = await runCounter(ctx, 4, ROUNDS, 1);
      if (!real.ok) return real.outcome;
      return pass(`${verdict.message} And ${real.summary}.`);
    },
  },
  {
    name: 'No thread sleeps forever (no lost wake-up)',
    async run(ctx) {
      return judgeWakeups(await explored(ctx));
    },
  },
]);
