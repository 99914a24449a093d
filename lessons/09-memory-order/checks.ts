import { defineChecks, explainRun, fail, inconclusive, pass } from '../check-api.ts';
import { whereRuns } from '../evidence.ts';
import { explorePeterson } from './peterson-evidence.ts';

// Correctness is decided by Explore (deterministic: a broken lock fails every time, with the
// schedule); real runs can only add a failure, never rescue code Explore convicted.
// Real runs can only add a failure, so their size is a matter of time: Peterson's lock hands over
// on almost every round when both threads want in, and with another program holding a core a
// handover waits for the operating system to run the other thread (2 × 200,000 rounds took over
// 10 s that way in 3 of 6 checks in CI, against 0.1–0.5 s on 2 idle cores).
const REAL_ROUNDS = 50_000;
const BUDGET_MS = 4_000;
const fmt = (n: number) => n.toLocaleString('en');
const upper = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export default defineChecks([
  {
    name: 'Sequential consistency: one thread inside at a time',
    async run(ctx) {
      const e = await explorePeterson(ctx, 'sc');
      if (!e.ok) return e.outcome;
      const race = e.results.flatMap((r) => r.dataRaces)[0];
      return pass(
        `${upper(e.summary)}.` +
          (race
            ? ` Explore also reports a data race on t.shared[${race.cell}] (lines ${race.lines[0]} and ` +
              `${race.lines[1]}): with one global order of memory operations that is harmless here. ` +
              'The next checks drop that assumption.'
            : ''),
      );
    },
  },
  {
    name: 'Store buffers (x86-TSO): one thread inside at a time',
    async run(ctx) {
      const e = await explorePeterson(ctx, 'tso');
      return e.ok ? pass(`${upper(e.summary)}.`) : e.outcome;
    },
  },
  {
    name: 'The JavaScript memory model: no data races',
    async run(ctx) {
      // x86 reorders only a store with a later load; the JavaScript model (like ARM) allows more
      // for plain accesses. A program whose shared accesses are all ordered by Atomics (no data
      // race) gets sequential consistency on every processor.
      const r = await ctx.explore({
        threads: 2,
        params: { rounds: 1 },
        reduction: 'por',
        maxMs: 8000,
      });
      const race = r.dataRaces[0];
      if (race)
        return fail(
          `Data race on t.shared[${race.cell}]: line ${race.lines[0]} (thread ${race.threads[0]}, ` +
            `${race.accesses[0]}) and line ${race.lines[1]} (thread ${race.threads[1]}, ` +
            `${race.accesses[1]}) are plain accesses that no Atomics operation orders. For such ` +
            'accesses the JavaScript memory model promises no order at all, and ARM processors ' +
            'reorder more than x86 does: make both accesses Atomics.',
        );
      if (!r.complete)
        return inconclusive(
          `Explore did not finish (${r.stopReason ?? 'budget reached'}) and found no data race in ` +
            'what it explored. The machine may be busy: check again.',
        );
      return pass(
        'Every access to a shared cell that another thread writes is an Atomics operation: ' +
          'sequentially consistent on every processor (data-race-free programs are).',
      );
    },
  },
  {
    name: `Real threads: 2 × ${fmt(REAL_ROUNDS)} rounds, never both inside, counter exact`,
    async run(ctx) {
      const size = `2 × ${fmt(REAL_ROUNDS)}`;
      const r = await ctx.run({ threads: 2, params: { rounds: REAL_ROUNDS }, budgetMs: BUDGET_MS });
      if (r.status === 'timeout') {
        // Two spinning threads crawl when another program holds a core (the waiter spins while
        // the other thread, which would let it in, is not running). Explore says whether the lock
        // can hang; if it cannot, the machine is the cause, which is no verdict on the code.
        const e = await explorePeterson(ctx, 'tso', [1]);
        if (!e.ok) return e.outcome;
        return inconclusive(
          `The real run of ${size} rounds did not finish in ${BUDGET_MS / 1000} s, but Explore finds no schedule ` +
            'in which your lock hangs: the machine is probably too busy (a waiting thread spins ' +
            'while the other is not running). Check again when it is quieter.',
        );
      }
      const problem = explainRun(r);
      if (problem) return fail(problem);
      if (r.status !== 'ok') return fail('The run did not finish.');
      if (r.overlaps > 0)
        return fail(
          `In a real run of ${size} rounds ${whereRuns(ctx)}, both threads were inside the ` +
            `critical section at once ${fmt(r.overlaps)} ${r.overlaps === 1 ? 'time' : 'times'}: ` +
            'your processor’s store buffers did what Explore showed.',
        );
      const expected = 2 * REAL_ROUNDS;
      if (r.memory[0] !== expected)
        return fail(
          `A real run of ${size} rounds ${whereRuns(ctx)} ended at ${fmt(r.memory[0])}, not ` +
            `${fmt(expected)}: ${fmt(expected - r.memory[0])} updates lost.`,
        );
      return pass(
        `A real run of ${size} rounds ${whereRuns(ctx)} reached ${fmt(expected)} exactly, ` +
          'never both inside.',
      );
    },
  },
]);
