/**
 * The lab's pure logic: which accesses are atomic (a mask over the test's accesses), every outcome a
 * test could end in, what each outcome means, and the sentence the counts support. No DOM, no React.
 */
import { classify, type Verdict } from '../../../workers/litmus/models.ts';
import {
  LITMUS_TESTS,
  outcomeKey,
  shapeOf,
  type LitmusTest,
} from '../../../workers/litmus/tests.ts';

export type TestId = LitmusTest['id'];

export const testById = (id: string): LitmusTest | undefined =>
  LITMUS_TESTS.find((t) => t.id === id);

/** The number of accesses in the test, threads in order, each in program order. */
export const accessCount = (test: LitmusTest): number =>
  test.threads.reduce((n, ops) => n + ops.length, 0);

/** The test with access i (counted as in accessCount) atomic where mask[i] is true. */
export function applyMask(test: LitmusTest, mask: readonly boolean[]): LitmusTest {
  let i = 0;
  return {
    ...test,
    threads: test.threads.map((ops) => ops.map((op) => ({ ...op, atomic: mask[i++] === true }))),
  };
}

export const uniformMask = (test: LitmusTest, atomic: boolean): boolean[] =>
  Array.from({ length: accessCount(test) }, () => atomic);

/**
 * Every outcome the test could end in on any machine: each register holds 0 (the cell's start) or
 * a value some thread stores to the cell it reads. In register order, as outcomeKey writes them.
 */
export function possibleOutcomes(test: LitmusTest): string[] {
  const { regs } = shapeOf(test);
  const valuesOf = regs.map((reg) => {
    const load = test.threads.flat().find((op) => op.kind === 'load' && op.reg === reg)!;
    const stored = test.threads
      .flat()
      .filter((op) => op.kind === 'store' && op.loc === load.loc)
      .map((op) => (op.kind === 'store' ? op.value : 0));
    return [...new Set([0, ...stored])].sort((a, b) => a - b);
  });
  let rows: number[][] = [[]];
  for (const values of valuesOf) rows = rows.flatMap((row) => values.map((v) => [...row, v]));
  return rows.map((row) => outcomeKey(regs, row));
}

export const interestingKey = (test: LitmusTest): string => {
  const { regs } = shapeOf(test);
  return outcomeKey(
    regs,
    regs.map((r) => test.interesting[r] ?? 0),
  );
};

export const VERDICT_LABEL: Record<Verdict, string> = {
  sc: 'sequentially consistent',
  tso: 'weak: store buffers (x86 allows)',
  weaker: 'weaker than x86 (the JavaScript model allows it with plain accesses; ARM can show some)',
  forbidden: 'forbidden (all Atomics)',
};

/** A symbol beside each label, so colour is never the only signal. */
export const VERDICT_SYMBOL: Record<Verdict, string> = {
  sc: '✓',
  tso: '◆',
  weaker: '◇',
  forbidden: '✗',
};

export interface OutcomeRow {
  key: string;
  count: number;
  verdict: Verdict;
  interesting: boolean;
}

/** One row per possible outcome (and any other key counted), with its verdict under `test`. */
export function outcomeRows(test: LitmusTest, counts: ReadonlyMap<string, number>): OutcomeRow[] {
  const verdict = classify(test);
  const special = interestingKey(test);
  const keys = possibleOutcomes(test);
  for (const k of counts.keys()) if (!keys.includes(k)) keys.push(k);
  return keys.map((key) => ({
    key,
    count: counts.get(key) ?? 0,
    verdict: verdict(key),
    interesting: key === special,
  }));
}

/** What the interesting outcome would mean, per test, as "<did what> N times". */
const EVENT: Record<TestId, string> = {
  SB: 'reordered a store after a later load',
  MP: 'let the flag be seen before the data',
  LB: 'let a store take effect before an earlier load',
  CoRR: 'let a cell go back in time (the new value, then the old one)',
  IRIW: 'let two readers disagree on the order of two independent writes',
};

/** The interesting outcome in words, for "no … in M rounds". */
const SHAPE: Record<TestId, string> = {
  SB: 'store buffering (both reads 0)',
  MP: 'flag before data (r0 = 1, r1 = 0)',
  LB: 'load buffering (both reads 1)',
  CoRR: 'going back in time (r0 = 1, r1 = 0)',
  IRIW: 'disagreeing readers',
};

/** Which processors can show the interesting outcome of a test x86 forbids (ARMv8 is coherent and multi-copy atomic). */
const WHO_CAN: Record<TestId, string> = {
  SB: 'the JavaScript model still allows it while any of its accesses is plain',
  MP: 'ARM can',
  LB: 'ARM allows it, though few ARM chips show it',
  CoRR: 'nor does ARMv8 (each cell stays coherent); the JavaScript model still allows it with plain accesses, as a compiler may swap two reads of one cell',
  IRIW: 'nor does ARMv8; POWER and some older ARM chips can',
};

const fmt = (n: number) => n.toLocaleString('en');
const times = (n: number) => `${fmt(n)} ${n === 1 ? 'time' : 'times'}`;

export interface Finding {
  /** 'weak': a weak outcome showed; 'none': none showed; 'bug': a forbidden outcome showed. */
  kind: 'weak' | 'none' | 'bug';
  text: string;
}

/**
 * What the counts say about this processor, in sentences the counts support: the test's interesting
 * outcome first, then any forbidden outcome that showed (which would be a bug).
 */
export function findings(
  test: LitmusTest,
  counts: ReadonlyMap<string, number>,
  rounds: number,
  /** Who ran it: "Your processor", or "That processor" for a shared result. */
  subject = 'Your processor',
): Finding[] {
  const rows = outcomeRows(test, counts);
  const special = rows.find((r) => r.interesting)!;
  const out: Finding[] = [];
  const M = fmt(rounds);
  const n = special.count;
  if (special.verdict === 'forbidden') {
    if (n === 0)
      out.push({
        kind: 'none',
        text: `No ${SHAPE[test.id]} in ${M} rounds, as promised: with every access an Atomics one, the JavaScript model keeps them sequentially consistent.`,
      });
  } else if (special.verdict === 'sc') {
    out.push({
      kind: 'none',
      text: `With these accesses, ${SHAPE[test.id]} is sequentially consistent (some interleaving gives it): it showed ${times(n)} in ${M} rounds.`,
    });
  } else if (n > 0) {
    const oneIn = Math.max(1, Math.round(rounds / n));
    const beyond =
      special.verdict === 'weaker' ? ` That is weaker than x86 allows (${WHO_CAN[test.id]}).` : '';
    out.push({
      kind: 'weak',
      text: `${subject} ${EVENT[test.id]} ${times(n)} in ${M} rounds (1 in ${fmt(oneIn)}).${beyond}`,
    });
  } else if (special.verdict === 'tso') {
    out.push({
      kind: 'none',
      text: `No ${SHAPE[test.id]} in ${M} rounds this time, though x86 and ARM both allow it: try more rounds.`,
    });
  } else {
    out.push({
      kind: 'none',
      text: `No weak outcome in ${M} rounds: x86 never shows ${test.id}'s ${SHAPE[test.id]}; ${WHO_CAN[test.id]}.`,
    });
  }
  for (const r of rows)
    if (!r.interesting && (r.verdict === 'tso' || r.verdict === 'weaker') && r.count > 0)
      out.push({
        kind: 'weak',
        text: `Another weak outcome, ${r.key} (${VERDICT_LABEL[r.verdict]}), showed ${times(r.count)} in ${M} rounds.`,
      });
  for (const r of rows)
    if (r.verdict === 'forbidden' && r.count > 0)
      out.push({
        kind: 'bug',
        text: `A forbidden outcome (${r.key}) showed ${times(r.count)} in ${M} rounds. With every access an Atomics one this must never happen: it would be a bug in the browser or in this lab.`,
      });
  return out;
}

/** "all plain accesses", "all Atomics", or "2 of 4 accesses Atomics". */
export function settingsText({ atomic }: { atomic: readonly boolean[] }): string {
  const n = atomic.filter(Boolean).length;
  if (n === 0) return 'all plain accesses';
  if (n === atomic.length) return 'all accesses Atomics';
  return `${n} of ${atomic.length} accesses Atomics`;
}

/** How often a result showed its test's interesting outcome: "1 in 23 rounds", or "never in 1,000 rounds". */
export function rateText(result: {
  test: string;
  atomic: readonly boolean[];
  rounds: number;
  counts: Readonly<Record<string, number>>;
}): string {
  const test = testById(result.test);
  const n = test ? (result.counts[interestingKey(test)] ?? 0) : 0;
  if (n === 0) return `never in ${fmt(result.rounds)} rounds`;
  return `1 in ${fmt(Math.max(1, Math.round(result.rounds / n)))} rounds`;
}
