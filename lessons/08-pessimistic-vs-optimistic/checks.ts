import {
  defineChecks,
  explainRun,
  fail,
  inconclusive,
  pass,
  type CheckContext,
  type CheckOutcome,
} from '../check-api.ts';
import { countText, raceFailure, whereRuns } from '../evidence.ts';
import type { ExploreResult } from '../../workers/explore/api.ts';
import { bankProblem, readBank } from '../../workers/contention/bank.ts';

/**
 * Correctness is decided by Explore on small banks (every interleaving, so a lost transfer fails
 * every time); real runs add evidence of failure and show that conflicts really happen and are
 * retried. A real run that finds no conflict proves nothing, so it is inconclusive, never a fail.
 */

/** Two transfers that share only account 1: the second claim (account 1 for thread 0) can fail. */
const SHARED_ONE = `
export function __sharedOne(t: Thread) {
  if (t.id === 0) transfer(t.shared, 0, 1, 5);
  else transfer(t.shared, 2, 1, 7);
}`;

type Explored =
  { ok: true; r: ExploreResult; summary: string } | { ok: false; outcome: CheckOutcome };

async function exploreBank(
  ctx: CheckContext,
  instance: string,
  accounts: number,
  options: { source?: string; entry?: string; transfers: number },
): Promise<Explored> {
  const r = await ctx.explore({
    threads: 2,
    params: { accounts, transfers: 1 },
    reduction: 'por',
    source: options.source,
    entry: options.entry,
  });
  if (r.error) {
    const missing = /transfer is not defined/.test(r.error.message);
    const where = `thread ${r.error.thread}${r.error.line ? ` (line ${r.error.line})` : ''}`;
    return {
      ok: false,
      outcome: fail(
        missing
          ? 'This check calls your function transfer(s, from, to, amount): keep its name and parameters.'
          : `Exploring ${instance}: ${where} did not finish: ${r.error.message}. A commit loop that ` +
              'never ends usually retries without anything having changed, or two transfers keep ' +
              'undoing each other: claim the lower account first, and give a claim back when the ' +
              'second one fails.',
      ),
    };
  }
  for (const o of r.outcomes) {
    const v = o.violations[0];
    const problem = v
      ? `${v.kind === 'deadlock' ? v.text : v.kind === 'mutual-exclusion' ? 'two threads in one section' : v.message}`
      : bankProblem(readBank(o.memory, accounts), options.transfers);
    if (problem) {
      return {
        ok: false,
        outcome: fail(
          `Explore found a schedule of ${instance} in which ${problem}. Schedule: ` +
            `${o.example.map((t) => `T${t}`).join(' ')}. Step through it to watch it happen.`,
        ),
      };
    }
  }
  const race = raceFailure(r);
  if (race) return { ok: false, outcome: race };
  if (!r.complete) {
    return {
      ok: false,
      outcome: inconclusive(
        `Explore did not finish ${instance} (${r.stopReason ?? 'budget reached'}) and found nothing ` +
          'wrong in what it explored. Simplify the commit loop and check again.',
      ),
    };
  }
  return {
    ok: true,
    r,
    summary: `every schedule of ${instance} keeps the total at 0 and commits both transfers (Explore: ${countText(r.stats.schedules, r.unit)})`,
  };
}

const sameAccounts = (ctx: CheckContext) =>
  exploreBank(ctx, '2 threads × 1 transfer between the same 2 accounts', 2, { transfers: 2 });

/** One real run of `threads` × `transfers` over `accounts`: its retries, or what went wrong. */
async function realRun(
  ctx: CheckContext,
  threads: number,
  accounts: number,
  transfers: number,
): Promise<{ retries: number } | { outcome: CheckOutcome }> {
  const r = await ctx.run({ threads, params: { accounts, transfers }, budgetMs: 10_000 });
  const problem = explainRun(r);
  if (problem) return { outcome: fail(problem) };
  if (r.status !== 'ok') return { outcome: fail('The run did not finish.') };
  const bank = readBank(r.memory, accounts);
  const wrong = bankProblem(bank, threads * transfers);
  if (wrong) {
    return {
      outcome: fail(
        `${threads} threads × ${transfers.toLocaleString('en')} transfers over ${accounts} accounts ${whereRuns(ctx)}: ${wrong}.`,
      ),
    };
  }
  return { retries: bank.retries };
}

export default defineChecks([
  {
    name: 'Runs without errors',
    // Only whether it runs: money is judged by Explore next, never by one lucky or unlucky run.
    async run(ctx) {
      const r = await ctx.run({
        threads: 2,
        params: { accounts: 4, transfers: 1000 },
        budgetMs: 10_000,
      });
      const problem = explainRun(r);
      return problem === null
        ? pass('2 threads × 1,000 transfers over 4 accounts ran.')
        : fail(problem);
    },
  },
  {
    name: 'No money is created or lost, in any interleaving of 2 transfers',
    async run(ctx) {
      const same = await sameAccounts(ctx);
      if (!same.ok) return same.outcome;
      const one = await exploreBank(ctx, '2 transfers that share only account 1', 3, {
        source: ctx.source + SHARED_ONE,
        entry: '__sharedOne',
        transfers: 2,
      });
      if (!one.ok) return one.outcome;
      return pass(`Exact: ${same.summary}; and ${one.summary}.`);
    },
  },
  {
    name: 'A conflict is retried and counted, on real workers too',
    async run(ctx) {
      // Explore decides whether a conflict is counted at all: the schedule where the other transfer
      // commits between my reads and my commit must end with t.shared[0] > 0.
      const same = await sameAccounts(ctx);
      if (!same.ok) {
        return same.outcome.verdict === 'fail'
          ? fail('Not yet: first no interleaving may create or lose money (the check above).')
          : same.outcome;
      }
      const counted = same.r.outcomes.some((o) => o.memory[0] > 0);
      if (!counted) {
        return fail(
          'Explore found schedules in which the other transfer committed between your reads and ' +
            'your commit, but t.shared[0] stayed 0 in all of them. Add 1 to t.shared[0] each time a ' +
            'commit fails and you start over.',
        );
      }
      // Real workers: 4 threads on 2 accounts collide whenever two run at once; 50,000 transfers
      // (tens of ms) give a busy machine's scheduler time to run two together. 8 accounts adds a mix.
      let retries = 0;
      for (let i = 0; i < 3 && retries === 0; i++) {
        const r = await realRun(ctx, 4, 2, 50_000);
        if ('outcome' in r) return r.outcome;
        retries = r.retries;
      }
      const wide = await realRun(ctx, 4, 8, 20_000);
      if ('outcome' in wide) return wide.outcome;
      if (retries === 0) {
        return inconclusive(
          `Three runs of 4 threads × 50,000 transfers over 2 accounts ${whereRuns(ctx)} met no conflict at ` +
            'all: the threads probably never ran at the same time (a busy machine). Every transfer ' +
            'committed exactly once. Close other tabs and check again.',
        );
      }
      return pass(
        `Conflicts are counted (Explore), and 4 threads × 50,000 transfers over 2 accounts ${whereRuns(ctx)} ` +
          `committed all 200,000 transfers with the total still 0, after ${retries.toLocaleString('en')} ${retries === 1 ? 'retry' : 'retries'}.`,
      );
    },
  },
]);
