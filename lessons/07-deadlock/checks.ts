import type { ExploreResult } from '../../workers/explore/api.ts';
import type { RunResult } from '../../workers/pool/pool.ts';
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
import { cycleText, moneyOf } from './bank.ts';

/**
 * Correctness is decided by Explore on small banks (every interleaving: a lock-order cycle deadlocks
 * in some schedule every time); real runs can only add a failure (a live deadlock, or money lost).
 * The harness calls the learner's exported `transfer`, so the checks do not depend on their driver.
 */
const HARNESS = `
export function __bank(t: Thread) {
  const n = t.params.accounts;
  if (t.id === 0) for (let a = 0; a < n; a++) t.shared[a] = 100;
  t.barrier();
  for (let i = 0; i < t.params.transfers; i++) {
    const from = (t.id + i) % n;
    transfer(t, from, (from + 1) % n, 1 + (i % 5));
  }
}
`;

interface Bank {
  threads: number;
  accounts: number;
  transfers: number;
}

const PAIR: Bank = { threads: 2, accounts: 2, transfers: 1 };
const RING: Bank = { threads: 3, accounts: 3, transfers: 1 };
const LONGER: Bank = { threads: 2, accounts: 3, transfers: 2 };

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;
const instanceText = (b: Bank) =>
  `${plural(b.threads, 'thread')}, ${plural(b.accounts, 'account')}, ${plural(b.transfers, 'transfer')} each`;

const MISSING = /transfer is not defined|does not provide an export named|no function export/;
const needsTransfer = (message: string) =>
  MISSING.test(message)
    ? 'Keep the exported function transfer(t, from, to, amount): the checks call it.'
    : message;

let cachedSource = '';
const cached = new Map<string, Promise<ExploreResult>>();

/** One exploration per bank and code, shared by the checks (they run in order on the same code). */
function exploreBank(ctx: CheckContext, b: Bank): Promise<ExploreResult> {
  if (cachedSource !== ctx.source) {
    cachedSource = ctx.source;
    cached.clear();
  }
  const key = JSON.stringify(b);
  let r = cached.get(key);
  if (!r) {
    r = ctx.explore({
      source: ctx.source + '\n' + HARNESS,
      entry: '__bank',
      threads: b.threads,
      params: { accounts: b.accounts, transfers: b.transfers },
      reduction: 'por',
      maxMs: 8000,
    });
    // A rejected exploration is reported by the check that asked; the next one asks again.
    r.catch(() => cached.delete(key));
    cached.set(key, r);
  }
  return r;
}

/** No deadlock (and no other failure) in any interleaving of bank `b`; null when there is none. */
async function deadlockFree(ctx: CheckContext, b: Bank): Promise<CheckOutcome | null> {
  let r: ExploreResult;
  try {
    r = await exploreBank(ctx, b);
  } catch (e) {
    return fail(needsTransfer(e instanceof Error ? e.message : String(e)));
  }
  const instance = instanceText(b);
  if (r.error)
    return fail(
      `Exploring ${instance}: thread ${r.error.thread}${r.error.line ? ` (line ${r.error.line})` : ''} did not finish: ${r.error.message}`,
    );
  const dead = r.violations.find((v) => v.kind === 'deadlock');
  if (dead) {
    const schedule = dead.schedule.map((t) => `T${t}`).join(' ');
    return fail(
      `Explore found a deadlock (${instance}): after the schedule ${schedule || '(no steps)'}, ` +
        `${cycleText(dead)}. Every thread holds one account's lock and waits for another's, ` +
        'so none can ever go on. Step through that schedule to watch it happen.',
    );
  }
  const other = r.violations.find((v) => v.kind === 'assert' || v.kind === 'error');
  if (other)
    return fail(
      needsTransfer(
        `Explore (${instance}): thread ${other.thread} failed${other.line ? ` on line ${other.line}` : ''}: ${other.message}`,
      ),
    );
  const race = raceFailure(r);
  if (race) return race;
  if (!r.complete)
    return inconclusive(
      `Explore did not finish ${instance} (${r.stopReason ?? 'budget reached'}) and found no deadlock in ` +
        'what it explored. Keep transfer short and check again.',
    );
  return null;
}

/** Every outcome of bank `b` ends with all its money: null when it does. */
async function conserved(ctx: CheckContext, b: Bank): Promise<CheckOutcome | null> {
  let r: ExploreResult;
  try {
    r = await exploreBank(ctx, b);
  } catch (e) {
    return fail(needsTransfer(e instanceof Error ? e.message : String(e)));
  }
  const total = 100 * b.accounts;
  const wrong = r.outcomes.find((o) => moneyOf(o.memory, b.accounts) !== total);
  if (wrong) {
    const sum = moneyOf(wrong.memory, b.accounts);
    return fail(
      `Explore (${instanceText(b)}): the schedule ${wrong.example.map((t) => `T${t}`).join(' ')} ends with ` +
        `${sum} in the bank, not ${total} (balances ${wrong.memory.slice(0, b.accounts).join(', ')}): ` +
        `money was ${sum < total ? 'lost' : 'created'}. Both balances must change while both locks are held.`,
    );
  }
  return raceFailure(r);
}

/** A real run of the harness: a live deadlock or lost money fails. */
async function realRun(ctx: CheckContext, b: Bank): Promise<CheckOutcome | null> {
  const r: RunResult = await ctx.run({
    threads: b.threads,
    params: { accounts: b.accounts, transfers: b.transfers },
    source: ctx.source + '\n' + HARNESS,
    entry: '__bank',
    budgetMs: 10_000,
  });
  const where = `${whereRuns(ctx)} (${instanceText(b)})`;
  if (r.status === 'deadlock')
    return fail(`A run ${where} froze: ${cycleText(r.deadlock)}. ${r.message}`);
  const problem = explainRun(r);
  if (problem) return fail(needsTransfer(problem));
  if (r.status !== 'ok') return fail('The run did not finish.');
  const sum = moneyOf(r.memory, b.accounts);
  if (sum !== 100 * b.accounts)
    return fail(`A run ${where} ended with ${sum} in the bank, not ${100 * b.accounts}.`);
  return null;
}

export default defineChecks([
  {
    name: 'No deadlock: 2 threads paying each other',
    async run(ctx) {
      const problem = await deadlockFree(ctx, PAIR);
      if (problem) return problem;
      const r = await exploreBank(ctx, PAIR);
      return pass(
        `No schedule of ${instanceText(PAIR)} deadlocks (Explore: ${countText(r.stats.schedules, r.unit)}).`,
      );
    },
  },
  {
    name: 'No deadlock: 3 threads in a ring, and 2 threads making 2 transfers',
    async run(ctx) {
      for (const b of [RING, LONGER]) {
        const problem = await deadlockFree(ctx, b);
        if (problem) return problem;
      }
      return pass(
        `No schedule of ${instanceText(RING)}, or of ${instanceText(LONGER)}, deadlocks.`,
      );
    },
  },
  {
    name: 'Money is conserved in every outcome',
    async run(ctx) {
      for (const b of [PAIR, RING, LONGER]) {
        const problem = await conserved(ctx, b);
        if (problem) return problem;
      }
      return pass('Every explored schedule ends with exactly the money the bank started with.');
    },
  },
  {
    name: 'Real threads agree: thousands of transfers finish, money intact',
    async run(ctx) {
      // Real runs first: a live freeze is the learner's clearest evidence. They can only fail the
      // check; a pass needs Explore's verdict on the small bank too.
      for (const b of [
        { threads: 2, accounts: 2, transfers: 2_000 },
        { threads: 3, accounts: 3, transfers: 1_000 },
      ]) {
        const problem = await realRun(ctx, b);
        if (problem) return problem;
      }
      const explored = await deadlockFree(ctx, PAIR);
      if (explored) return explored;
      return pass(
        `Runs ${whereRuns(ctx)} of 2 × 2,000 and 3 × 1,000 transfers finished with every coin, and Explore finds no deadlock.`,
      );
    },
  },
]);
