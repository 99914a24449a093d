/**
 * The litmus harness's thread loop, in the style of litmus7 and jcstress: many rounds per batch,
 * every round on fresh cells (so nothing needs resetting between rounds), all threads released
 * together by a spin barrier each round, one result slot per register per round. Each thread's loop
 * is generated as straight-line JavaScript from the test's accesses, so the accesses are as tight
 * as a hand-written loop and a plain access stays a plain machine load or store.
 *
 * Memory is laid out by location, as litmus7 does: location k's cell for round r is
 * m[k * stride + r], and register k's result is res[k * stride + r]. The cells of one round sit on
 * different cache lines (stride is a whole number of lines), while 16 rounds share each line, so a
 * round streams 4 bytes per location instead of a fresh 64-byte line, and each thread writes its
 * results into its own region instead of sharing a line of results with the others.
 * Measured on this 2-core machine, 1,000,000 rounds of SB on 2 workers: in Node (bare loops,
 * medians of 5) a line per cell with interleaved results 1.5M rounds/s, by location 2.9M; in
 * Chromium, the harness before (one shared counter, a line per cell, interleaved results) and after,
 * run by turns: 1.3–1.7M against 2.6–3.1M rounds/s in the same quiet spells.
 */
import { outcomeKey, shapeOf, type LitmusTest, type Op } from './tests.ts';

/** Int32 slots in a 64-byte cache line. */
export const LINE = 16;

export interface Layout {
  locs: string[];
  regs: string[];
  /** Int32 slots between two locations' (or two registers') rows of cells. */
  stride: number;
  /** Int32 slots of test memory (and of results) for a batch. */
  memorySlots: number;
  resultSlots: number;
}

/**
 * The layout for batches of up to `batch` rounds. A row is rounded up to whole cache lines, plus
 * one line so that x[r] and y[r] are not a multiple of 4 KiB apart (a load whose address matches an
 * earlier store's in the low 12 bits waits on it on Intel cores: "4K aliasing").
 */
export function layoutOf(test: LitmusTest, batch: number): Layout {
  const { locs, regs } = shapeOf(test);
  const stride = Math.ceil(batch / LINE) * LINE + LINE;
  return {
    locs,
    regs,
    stride,
    memorySlots: locs.length * stride,
    resultSlots: regs.length * stride,
  };
}

/** Int32 slots of the barrier: one arrival cell per thread, each on its own cache line. */
export const barrierSlots = (threads: number) => threads * LINE;

function access(op: Op, layout: Layout): string {
  const cell = `${layout.locs.indexOf(op.loc) * layout.stride} + r`;
  if (op.kind === 'store')
    return op.atomic ? `Atomics.store(m, ${cell}, ${op.value});` : `m[${cell}] = ${op.value};`;
  const slot = `${layout.regs.indexOf(op.reg) * layout.stride} + r`;
  return op.atomic ? `res[${slot}] = Atomics.load(m, ${cell});` : `res[${slot}] = m[${cell}];`;
}

/**
 * The barrier of round r for thread `tid` of `threads`: the thread says it has arrived by storing
 * r + 1 in its own arrival cell, then spins until every other thread's cell says r + 1 too. Each
 * cell has one writer and its own cache line, so no two threads contend for one read-modify-write
 * (SB in Node, medians of 5: a shared arrival counter 1.3M rounds/s, these cells 1.5M).
 * Arrival values only grow, so a thread already one round ahead still counts as arrived.
 *
 * A thread that has spun `spinLimit` times in one round (the other thread descheduled, or more
 * threads than cores) naps instead: it counts itself in the sleepers slot beside the cell it waits
 * on, then Atomics.wait()s on that cell; a thread that arrives and finds sleepers on its line wakes
 * them. Sequentially consistent Atomics make this safe: either the arriving thread sees the
 * sleeper's count and notifies, or the sleeper's wait sees the new arrival value and does not sleep.
 * The nap's timeout (`napMs`) is only a safety net.
 */
export function barrierSource(tid: number, threads: number, spinLimit: number, napMs = 1): string {
  const waits: string[] = [];
  for (let k = 0; k < threads; k++) {
    if (k === tid) continue;
    const c = k * LINE;
    waits.push(
      `while ((v = Atomics.load(bar, ${c})) < a)
      if (++spins > ${spinLimit}) {
        Atomics.add(bar, ${c + 1}, 1);
        Atomics.wait(bar, ${c}, v, ${napMs});
        Atomics.sub(bar, ${c + 1}, 1);
      }`,
    );
  }
  const own = tid * LINE;
  return `const a = r + 1;
    let v, spins = 0;
    Atomics.store(bar, ${own}, a);
    if (Atomics.load(bar, ${own + 1}) !== 0) Atomics.notify(bar, ${own});
    ${waits.join('\n    ')}`;
}

/**
 * Spins before napping. With no more threads than cores, long: a napping thread makes its partner
 * nap too, round after round (SB on 2 busy cores, Node: 100,000 spins 0.1–0.8M rounds/s, 10,000
 * spins 13,000–31,000). With more threads than cores, short: the threads waited for cannot run
 * until the spinners give up their cores (IRIW, 4 threads on 2 cores: 100,000 spins 400–700 rounds/s,
 * 10,000 spins 4,200–4,800).
 */
export const spinLimit = (threads: number, cores: number) => (threads > cores ? 10_000 : 100_000);

/**
 * The source of thread `tid`'s loop: `(m, res, bar, rounds)`, rounds of a batch laid out by
 * layoutOf(test, batch), on a machine with `cores` cores. The barrier must hold 0 when a batch
 * starts.
 */
export function threadSource(test: LitmusTest, tid: number, batch: number, cores: number): string {
  const layout = layoutOf(test, batch);
  const body = test.threads[tid].map((op) => access(op, layout)).join('\n    ');
  const threads = test.threads.length;
  return `
  for (let r = 0; r < rounds; r++) {
    ${barrierSource(tid, threads, spinLimit(threads, cores))}
    ${body}
  }`;
}

export type ThreadLoop = (m: Int32Array, res: Int32Array, bar: Int32Array, rounds: number) => void;

export function compileThread(
  test: LitmusTest,
  tid: number,
  batch: number,
  cores: number,
): ThreadLoop {
  const source = threadSource(test, tid, batch, cores);
  return new Function('m', 'res', 'bar', 'rounds', source) as ThreadLoop;
}

/** Counts a batch's outcomes into `counts`, keyed as outcomeKey does ("r0=0 r1=1"). */
export function countOutcomes(
  res: Int32Array,
  rounds: number,
  layout: Layout,
  counts: Map<string, number>,
): void {
  const { regs: regNames, stride } = layout;
  const regs = regNames.length;
  // Numbers first, strings once per distinct outcome: the values are small (0 or 1).
  const byCode = new Map<number, number>();
  for (let r = 0; r < rounds; r++) {
    let code = 0;
    for (let k = 0; k < regs; k++) code = code * 4 + (res[k * stride + r] & 3);
    byCode.set(code, (byCode.get(code) ?? 0) + 1);
  }
  for (const [code, n] of byCode) {
    const values: number[] = [];
    for (let k = regs - 1, c = code; k >= 0; k--, c = Math.floor(c / 4)) values[k] = c % 4;
    const key = outcomeKey(regNames, values);
    counts.set(key, (counts.get(key) ?? 0) + n);
  }
}
