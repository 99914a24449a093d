import {
  defineChecks,
  explainRun,
  fail,
  inconclusive,
  pass,
  type CheckContext,
  type CheckOutcome,
} from '../check-api.ts';
import type { RunResult } from '../../workers/pool/pool.ts';
import starter from './starter.ts?raw';
// The reference every timing is judged against: a plain parallel loop with no shared bottleneck
// (each thread sums its slice alone and combines once), which is what the solution is.
import reference from './solution.ts?raw';
import { judgeAgainstStarter, judgeScaling } from './judge.ts';

// Large enough that each worker's JIT warm-up (a few ms per fresh module) is small; small enough
// that the starter (about 13 ns per shared atomic add) keeps a Check within seconds.
const N = 10_000_000;

/** value(i) of the starter and solution (a mismatch would fail the solution in the content test). */
function value(i: number): number {
  let x = i;
  for (let k = 0; k < 6; k++) x = Math.imul(x ^ (x >>> 15), 0x2c1b3c6d);
  return x >>> 26;
}

let cached: { n: number; sum: Promise<number> } | null = null;
/**
 * The exact sum, computed here the same way (the learner's split must not change it), in slices
 * that yield to the event loop so the page stays smooth while checks run.
 */
function expectedSum(n: number): Promise<number> {
  if (cached?.n !== n) {
    const sum = (async () => {
      let s = 0;
      for (let from = 0; from < n; from += 1_000_000) {
        for (let i = from, end = Math.min(n, from + 1_000_000); i < end; i++) s += value(i);
        await new Promise((r) => setTimeout(r, 0));
      }
      return s;
    })();
    cached = { n, sum };
  }
  return cached.sum;
}

/** From the first thread's start to the last thread's end: the parallel region only. */
function spanMs(r: RunResult & { status: 'ok' }): number {
  return (
    Math.max(...r.threads.map((t) => t.endedAt)) - Math.min(...r.threads.map((t) => t.startedAt))
  );
}

type Timed = { ms: number } | { problem: string };

async function timed(ctx: CheckContext, threads: number, source?: string): Promise<Timed> {
  const r = await ctx.run({ threads, params: { n: N }, budgetMs: 20_000, source });
  const problem = explainRun(r);
  if (problem) return { problem };
  if (r.status !== 'ok') return { problem: 'the run did not finish' };
  const want = await expectedSum(N);
  if (r.memory[0] !== want) return { problem: `the sum is ${r.memory[0]}, expected ${want}` };
  return { ms: spanMs(r) };
}

interface Arm {
  key: string;
  threads: number;
  /** Omitted: the learner's code. */
  source?: string;
}

/** Rounds before a timing check may decide, after one warm-up round (the JIT settles on its first runs). */
const MIN_ROUNDS = 3;

/**
 * Runs every arm once per round, rotating the order each round so no arm always runs first after
 * a pause, and asks `judge` after each round from MIN_ROUNDS on (`final` at `maxRounds`) until it
 * decides. A run that goes wrong ends the check: the learner's code → `fail`, the reference's or
 * the starter's → `inconclusive` (the machine, not the learner).
 */
async function measure(
  ctx: CheckContext,
  arms: Arm[],
  judge: (times: Record<string, number[]>, final: boolean) => CheckOutcome | null,
  maxRounds: number,
): Promise<CheckOutcome> {
  const times: Record<string, number[]> = Object.fromEntries(arms.map((a) => [a.key, []]));
  for (let round = 0; ; round++) {
    for (let k = 0; k < arms.length; k++) {
      const arm = arms[(k + round) % arms.length];
      const t = await timed(ctx, arm.threads, arm.source);
      if ('problem' in t) {
        return arm.source
          ? inconclusive(
              `A comparison run (${arm.key}) did not finish cleanly: ${t.problem}. Close other tabs and check again.`,
            )
          : fail(`With ${arm.threads} thread${arm.threads > 1 ? 's' : ''}: ${t.problem}`);
      }
      if (round > 0) times[arm.key].push(t.ms);
    }
    if (round < MIN_ROUNDS) continue;
    const verdict = judge(times, round === maxRounds);
    if (verdict) return verdict;
  }
}

const SIMULATED =
  'Simulated threads share one core, so there is no speedup to measure here. Open the playground in its own tab (where real threads run) and check again.';

export default defineChecks([
  {
    name: 'The sum is exact on 1, 2 and 3 threads',
    async run(ctx) {
      const want = await expectedSum(N);
      for (const threads of [1, 2, 3]) {
        const r = await ctx.run({ threads, params: { n: N }, budgetMs: 20_000 });
        const problem = explainRun(r);
        if (problem) return fail(problem);
        if (r.status === 'ok' && r.memory[0] !== want) {
          return fail(
            `With ${threads} threads the sum is ${r.memory[0].toLocaleString('en')}, expected ${want.toLocaleString('en')}.`,
          );
        }
      }
      return pass(`${want.toLocaleString('en')} every time.`);
    },
  },
  {
    name: 'On 2 threads your code runs like a plain parallel loop, not like the starter',
    async run(ctx) {
      if (ctx.transport === 'simulated') return inconclusive(SIMULATED);
      return measure(
        ctx,
        [
          { key: 'yours', threads: 2 },
          { key: 'plain loop', threads: 2, source: reference },
          { key: 'starter', threads: 2, source: starter },
        ],
        (t, final) =>
          judgeAgainstStarter(
            { mine: t['yours'], ref: t['plain loop'], starter: t['starter'] },
            final,
          ),
        10,
      );
    },
  },
  {
    name: 'Adding a thread helps (speedup on 2 threads over 1)',
    async run(ctx) {
      if (ctx.transport === 'simulated') return inconclusive(SIMULATED);
      if (ctx.cores < 2) {
        return inconclusive(
          `Your browser reports ${ctx.cores} core, so a second thread has no core to run on. Check on a machine with 2 or more cores.`,
        );
      }
      // Learner and reference alternate within each round, so both see the machine as it was then.
      return measure(
        ctx,
        [
          { key: 'yours on 1', threads: 1 },
          { key: 'plain loop on 1', threads: 1, source: reference },
          { key: 'yours on 2', threads: 2 },
          { key: 'plain loop on 2', threads: 2, source: reference },
        ],
        (t, final) =>
          judgeScaling(
            {
              mine1: t['yours on 1'],
              mine2: t['yours on 2'],
              ref1: t['plain loop on 1'],
              ref2: t['plain loop on 2'],
            },
            ctx.cores,
            final,
          ),
        12,
      );
    },
  },
]);
