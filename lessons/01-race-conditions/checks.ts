import { defineChecks, explainRun, fail, pass } from '../check-api.ts';

const INCREMENTS = 1_000_000;
const RUNS = 5;

export default defineChecks([
  {
    name: 'Runs without errors',
    async run(ctx) {
      const r = await ctx.run({ threads: 2, params: { increments: 10 } });
      return explainRun(r) === null ? pass('Your code runs on 2 threads.') : fail(explainRun(r)!);
    },
  },
  {
    name: `No update is lost (2 threads × ${INCREMENTS.toLocaleString('en')} increments, ${RUNS} runs)`,
    async run(ctx) {
      const expected = 2 * INCREMENTS;
      for (let i = 1; i <= RUNS; i++) {
        const r = await ctx.run({
          threads: 2,
          params: { increments: INCREMENTS },
          budgetMs: 10_000,
        });
        const problem = explainRun(r);
        if (problem) return fail(problem);
        if (r.status !== 'ok') return fail('the run did not finish');
        const actual = r.memory[0];
        if (actual !== expected) {
          const lost = expected - actual;
          return fail(
            lost > 0
              ? `Run ${i}: the counter reached ${actual.toLocaleString('en')}, not ${expected.toLocaleString('en')}: ` +
                  `${lost.toLocaleString('en')} updates were lost (${((100 * lost) / expected).toFixed(1)} %). ` +
                  `Two threads loaded the same value and both stored value + 1.`
              : `Run ${i}: the counter reached ${actual.toLocaleString('en')}, more than the ${expected.toLocaleString('en')} increments made.`,
          );
        }
      }
      return pass(`All ${RUNS} runs reached exactly ${expected.toLocaleString('en')}.`);
    },
  },
  {
    name: 'Stays exact with 4 threads',
    async run(ctx) {
      // More threads than the 2 of the main check (and often more than cores): preemption mid-update
      // comes on top of true parallelism, so a fix that only narrows the window still shows here.
      const n = 250_000;
      const r = await ctx.run({ threads: 4, params: { increments: n }, budgetMs: 10_000 });
      const problem = explainRun(r);
      if (problem) return fail(problem);
      if (r.status !== 'ok') return fail('the run did not finish');
      return r.memory[0] === 4 * n
        ? pass(`4 threads × ${n.toLocaleString('en')} = ${(4 * n).toLocaleString('en')}, exactly.`)
        : fail(
            `4 threads × ${n.toLocaleString('en')} should give ${(4 * n).toLocaleString('en')}, got ${r.memory[0].toLocaleString('en')}.`,
          );
    },
  },
]);
