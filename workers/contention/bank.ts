/**
 * The lesson's bank in shared memory, read back from a run or an explored outcome:
 * t.shared[0] retries, t.shared[1] commits, account k's version at 2 + 2k and balance at 3 + 2k.
 * Every account starts at 0, so the total must stay 0 whatever the transfers did.
 */
export interface Bank {
  retries: number;
  commits: number;
  versions: number[];
  balances: number[];
  total: number;
}

export const RETRIES = 0;
export const COMMITS = 1;

export function readBank(memory: readonly number[], accounts: number): Bank {
  const versions: number[] = [];
  const balances: number[] = [];
  for (let k = 0; k < accounts; k++) {
    versions.push(memory[2 + 2 * k] ?? 0);
    balances.push(memory[3 + 2 * k] ?? 0);
  }
  return {
    retries: memory[RETRIES] ?? 0,
    commits: memory[COMMITS] ?? 0,
    versions,
    balances,
    total: balances.reduce((a, b) => a + b, 0),
  };
}

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

/** What is wrong with the bank after `transfers` transfers, in words for the learner; null when nothing is. */
export function bankProblem(b: Bank, transfers: number): string | null {
  if (b.total !== 0) {
    return (
      `the bank's total is ${signed(b.total)}, not 0 (balances ${b.balances.join(', ')}): ` +
      (b.total > 0 ? 'money was created' : 'money vanished') +
      ', because a commit wrote balances computed from values another transfer had already changed'
    );
  }
  const odd = b.versions.findIndex((v) => v % 2 !== 0);
  if (odd >= 0) {
    return `account ${odd}'s version ended odd (${b.versions[odd]}): a claim was never released, so every later transfer on it would wait forever`;
  }
  if (b.commits !== transfers) {
    return `t.shared[1] counts ${b.commits} committed transfers, but ${transfers} were made: count each transfer once, when it commits`;
  }
  return null;
}
