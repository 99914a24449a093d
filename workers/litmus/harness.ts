/**
 * The litmus harness's thread loop, in the style of litmus7 and jcstress: many rounds per batch,
 * every round on fresh cells (so nothing needs resetting between rounds), all threads released
 * together by a spin barrier each round, one result slot per register per round. Each thread's loop
 * is generated as straight-line JavaScript from the test's accesses, so the accesses are as tight
 * as a hand-written loop and a plain access stays a plain machine load or store.
 */
import { outcomeKey, shapeOf, type LitmusTest, type Op } from './tests.ts';

/** Int32 slots between two cells of a round: 64 bytes, so each cell has its own cache line. */
export const STRIDE = 16;

export interface Layout {
  locs: string[];
  regs: string[];
  /** Int32 slots of test memory one round uses. */
  roundSlots: number;
}

export function layoutOf(test: LitmusTest): Layout {
  const { locs, regs } = shapeOf(test);
  return { locs, regs, roundSlots: locs.length * STRIDE };
}

function access(op: Op, layout: Layout): string {
  const cell = `b + ${layout.locs.indexOf(op.loc) * STRIDE}`;
  if (op.kind === 'store')
    return op.atomic ? `Atomics.store(m, ${cell}, ${op.value});` : `m[${cell}] = ${op.value};`;
  const slot = `o + ${layout.regs.indexOf(op.reg)}`;
  return op.atomic ? `res[${slot}] = Atomics.load(m, ${cell});` : `res[${slot}] = m[${cell}];`;
}

/**
 * The source of thread `tid`'s loop: `(m, res, bar, rounds, threads)`. The barrier counts arrivals
 * in bar[0]; a thread that has spun 100,000 times (more threads than cores) naps 1 ms at a time.
 * Measured on 2 idle cores: with a 4,000-spin limit both threads fell into napping (3,000 rounds/s);
 * with 100,000, 600,000–800,000 rounds/s, as fast as spinning alone.
 */
export function threadSource(test: LitmusTest, tid: number): string {
  const layout = layoutOf(test);
  const body = test.threads[tid].map((op) => access(op, layout)).join('\n    ');
  return `
  for (let r = 0; r < rounds; r++) {
    const target = threads * (r + 1);
    Atomics.add(bar, 0, 1);
    let v, spins = 0;
    while ((v = Atomics.load(bar, 0)) < target) if (++spins > 100000) Atomics.wait(bar, 0, v, 1);
    const b = r * ${layout.roundSlots};
    const o = r * ${layout.regs.length};
    ${body}
  }`;
}

export type ThreadLoop = (
  m: Int32Array,
  res: Int32Array,
  bar: Int32Array,
  rounds: number,
  threads: number,
) => void;

export function compileThread(test: LitmusTest, tid: number): ThreadLoop {
  return new Function(
    'm',
    'res',
    'bar',
    'rounds',
    'threads',
    threadSource(test, tid),
  ) as ThreadLoop;
}

/** Counts a batch's outcomes into `counts`, keyed as outcomeKey does ("r0=0 r1=1"). */
export function countOutcomes(
  res: Int32Array,
  rounds: number,
  regNames: string[],
  counts: Map<string, number>,
): void {
  const regs = regNames.length;
  // Numbers first, strings once per distinct outcome: the values are small (0 or 1).
  const byCode = new Map<number, number>();
  for (let r = 0; r < rounds; r++) {
    let code = 0;
    for (let k = 0; k < regs; k++) code = code * 4 + (res[r * regs + k] & 3);
    byCode.set(code, (byCode.get(code) ?? 0) + 1);
  }
  for (const [code, n] of byCode) {
    const values: number[] = [];
    for (let k = regs - 1, c = code; k >= 0; k--, c = Math.floor(c / 4)) values[k] = c % 4;
    const key = outcomeKey(regNames, values);
    counts.set(key, (counts.get(key) ?? 0) + n);
  }
}
