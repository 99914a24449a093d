import { defineChecks, explainRun, fail, pass, type CheckContext } from '../check-api.ts';
import type { RunResult } from '../../workers/pool/pool.ts';
import starter from './starter.ts?raw';

// Large enough that each worker's JIT warm-up (a few ms per fresh module) is noise.
const N = 20_000_000;

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

async function timed(
  ctx: CheckContext,
  threads: number,
  source?: string,
): Promise<number | string> {
  const r = await ctx.run({ threads, params: { n: N }, budgetMs: 20_000, source });
  const problem = explainRun(r);
  if (problem) return problem;
  if (r.status !== 'ok') return 'the run did not finish';
  const want = await expectedSum(N);
  if (r.memory[0] !== want) return `the sum is ${r.memory[0]}, expected ${want}`;
  return spanMs(r);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

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
    name: 'Two threads beat the shared-accumulator starter clearly',
    async run(ctx) {
      if (ctx.transport === 'simulated') {
        return pass(
          'Skipped: simulated threads share one core, so there is no speedup to measure. Open the playground in its own tab to measure it.',
        );
      }
      // Interleave the starter and the learner's code (3 rounds each) so machine noise hits both
      // alike, and compare medians: a ratio within one run, never an absolute time.
      const mine: number[] = [];
      const theirs: number[] = [];
      // Round 0 warms each worker's JIT and is not counted.
      for (let i = 0; i <= 3; i++) {
        const a = await timed(ctx, 2);
        if (typeof a === 'string') return fail(a);
        const b = await timed(ctx, 2, starter);
        if (typeof b === 'string') return fail(`(the starter) ${b}`);
        if (i === 0) continue;
        mine.push(a);
        theirs.push(b);
      }
      const ratio = median(theirs) / median(mine);
      const msg = `2 threads: your code ${median(mine).toFixed(1)} ms, the starter ${median(theirs).toFixed(1)} ms (${ratio.toFixed(1)}× the starter's speed).`;
      return ratio >= 2
        ? pass(msg)
        : fail(
            `${msg} Aim for at least 2×: keep a per-thread partial sum and add it to the shared total once.`,
          );
    },
  },
  {
    name: 'Adding a thread helps (speedup on 2 threads over 1)',
    async run(ctx) {
      if (ctx.transport === 'simulated') return pass('Skipped on simulated threads (one core).');
      if (ctx.cores < 2) return pass(`Skipped: the browser reports ${ctx.cores} core.`);
      const one: number[] = [];
      const two: number[] = [];
      for (let i = 0; i <= 3; i++) {
        const a = await timed(ctx, 1);
        if (typeof a === 'string') return fail(a);
        const b = await timed(ctx, 2);
        if (typeof b === 'string') return fail(b);
        if (i === 0) continue; // warm-up round
        one.push(a);
        two.push(b);
      }
      const speedup = median(one) / median(two);
      const msg = `1 thread ${median(one).toFixed(1)} ms, 2 threads ${median(two).toFixed(1)} ms: speedup ${speedup.toFixed(2)}.`;
      return speedup >= 1.25
        ? pass(msg)
        : fail(
            `${msg} With a serial bottleneck, a second core barely helps (Amdahl). Shrink the shared part.`,
          );
    },
  },
]);
