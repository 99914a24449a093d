/**
 * Litmus tests: tiny multi-threaded programs whose outcomes tell which memory orders a machine
 * keeps. Each access is plain (`s[i] = 1`, `r = s[i]`) or an `Atomics` one; the lab toggles which.
 * Names and shapes as in the literature (litmus7, herd, jcstress): store buffering (SB), message
 * passing (MP), load buffering (LB), coherence of read-read (CoRR), independent reads of
 * independent writes (IRIW).
 */
export type Op =
  | { kind: 'store'; loc: string; value: number; atomic: boolean }
  | { kind: 'load'; loc: string; reg: string; atomic: boolean };

export interface LitmusTest {
  id: 'SB' | 'MP' | 'LB' | 'CoRR' | 'IRIW';
  name: string;
  /** What the threads do and what the interesting outcome would mean, in a sentence or two. */
  summary: string;
  threads: Op[][];
  /** The outcome the test is about (register values), e.g. SB's r0 = 0, r1 = 0. */
  interesting: Record<string, number>;
}

const st = (loc: string, value = 1): Op => ({ kind: 'store', loc, value, atomic: false });
const ld = (loc: string, reg: string): Op => ({ kind: 'load', loc, reg, atomic: false });

export const LITMUS_TESTS: readonly LitmusTest[] = [
  {
    id: 'SB',
    name: 'Store buffering',
    summary:
      'Each thread writes its own flag, then reads the other’s. Both reading 0 means each store was still in its core’s store buffer when the other core read.',
    threads: [
      [st('x'), ld('y', 'r0')],
      [st('y'), ld('x', 'r1')],
    ],
    interesting: { r0: 0, r1: 0 },
  },
  {
    id: 'MP',
    name: 'Message passing',
    summary:
      'One thread writes data, then a flag; the other reads the flag, then the data. Flag 1 with data 0 means the message arrived before its contents.',
    threads: [
      [st('data'), st('flag')],
      [ld('flag', 'r0'), ld('data', 'r1')],
    ],
    interesting: { r0: 1, r1: 0 },
  },
  {
    id: 'LB',
    name: 'Load buffering',
    summary:
      'Each thread reads one cell, then writes the other. Both reading 1 means a write took effect before the read that came first in its own thread.',
    threads: [
      [ld('x', 'r0'), st('y')],
      [ld('y', 'r1'), st('x')],
    ],
    interesting: { r0: 1, r1: 1 },
  },
  {
    id: 'CoRR',
    name: 'Coherence (read, read)',
    summary:
      'One thread writes a cell; the other reads it twice. Reading the new value and then the old one would mean the cell went back in time.',
    threads: [[st('x')], [ld('x', 'r0'), ld('x', 'r1')]],
    interesting: { r0: 1, r1: 0 },
  },
  {
    id: 'IRIW',
    name: 'Independent reads of independent writes',
    summary:
      'Two threads write two cells; two readers read them in opposite orders. Disagreeing on which write came first means there is no single order of writes that all cores see.',
    threads: [[st('x')], [st('y')], [ld('x', 'r0'), ld('y', 'r1')], [ld('y', 'r2'), ld('x', 'r3')]],
    interesting: { r0: 1, r1: 0, r2: 1, r3: 0 },
  },
];

/** The test with every access plain, or with every access an Atomics one. */
export function withAccesses(test: LitmusTest, atomic: boolean): LitmusTest {
  return { ...test, threads: test.threads.map((ops) => ops.map((op) => ({ ...op, atomic }))) };
}

/** The test's locations in first-use order, and its registers in thread and program order. */
export function shapeOf(test: LitmusTest): { locs: string[]; regs: string[] } {
  const locs: string[] = [];
  const regs: string[] = [];
  for (const ops of test.threads)
    for (const op of ops) {
      if (!locs.includes(op.loc)) locs.push(op.loc);
      if (op.kind === 'load') regs.push(op.reg);
    }
  return { locs, regs };
}

/** An outcome's key: register values in `regs` order, e.g. "r0=0 r1=0". */
export const outcomeKey = (regs: string[], values: ArrayLike<number>): string =>
  regs.map((r, i) => `${r}=${values[i]}`).join(' ');
