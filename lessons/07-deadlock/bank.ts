import type { DeadlockReport } from '../../workers/pool/deadlock.ts';

/** Money in the bank: the sum of the first `accounts` cells. */
export function moneyOf(memory: readonly number[], accounts: number): number {
  let sum = 0;
  for (let a = 0; a < accounts; a++) sum += memory[a] ?? 0;
  return sum;
}

/**
 * The wait-for graph in words, the cycle first: "T0 waits for mutex 1, held by T1; T1 waits for
 * mutex 0, held by T0: a cycle T0 → T1 → T0".
 */
export function cycleText(d: DeadlockReport): string {
  const edge = (w: DeadlockReport['waits'][number]) =>
    w.on.kind === 'lock'
      ? `T${w.thread} waits for mutex ${w.on.mutex}, held by T${w.on.holder}`
      : `T${w.thread} ${w.text}`;
  const inCycle = d.cycle ?? [];
  const first = inCycle.map((t) => d.waits.find((w) => w.thread === t)).filter((w) => w);
  const rest = d.waits.filter((w) => !inCycle.includes(w.thread));
  const edges = [...first, ...rest].map((w) => edge(w!)).join('; ');
  return d.cycle
    ? `${edges}: a cycle ${[...d.cycle, d.cycle[0]].map((t) => `T${t}`).join(' → ')}`
    : edges;
}
