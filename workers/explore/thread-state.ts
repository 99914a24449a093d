/** Per-thread bookkeeping of one execution (machine.ts, memory-steps.ts). */
import type { BufferedStore, Op, ThreadError } from './types.ts';

export type Block =
  | { kind: 'wait'; index: number; timeout: number }
  | { kind: 'barrier'; generation: number }
  | { kind: 'spin'; cells: Map<number, number>; epoch: number };

export interface ThreadState {
  id: number;
  gen: Generator<unknown, unknown, unknown> | null;
  done: boolean;
  error: ThreadError | null;
  pending: Op | null;
  perform: (() => unknown) | null;
  /** What the helper wants the paused expression to evaluate to (an assignment's right-hand side). */
  result: unknown;
  block: Block | null;
  line: number | null;
  logs: string[];
  steps: number;
  // Spin-loop detection (see `spin`): what the current iteration of a pure loop read and whether it wrote.
  spinLoop: number;
  spinOps: number;
  spinWrote: boolean;
  spinReads: Map<number, number>;
  /** Reads of the previous iteration of the same loop (an impure loop parks only when they repeat). */
  prevReads: Map<number, number> | null;
  parkOnSpin: Map<number, number> | null;
  /** Store buffer, oldest first ('tso' only). */
  buffer: BufferedStore[];
}

export function newThreadState(id: number): ThreadState {
  return {
    id,
    gen: null,
    done: false,
    error: null,
    pending: null,
    perform: null,
    result: undefined,
    block: null,
    line: null,
    logs: [],
    steps: 0,
    spinLoop: 0,
    spinOps: 0,
    spinWrote: false,
    spinReads: new Map(),
    prevReads: null,
    parkOnSpin: null,
    buffer: [],
  };
}

/** A loop of `th` starts an iteration: decides whether the last one was an idle spin (then parks). */
export function endIteration(th: ThreadState, loopId: number, impure: boolean) {
  // An iteration of a pure loop that did shared reads and no writes ends where it started: park
  // the thread until one of those cells changes rather than let it spin (and the explorer recurse) forever.
  // An impure loop (a retry counter, a flag written and restored) parks only when an iteration
  // wrote nothing and read exactly what the previous one read: nothing it can see has changed, so
  // another iteration now would only bump its locals. Without this, a spin with a counter made
  // every execution that reached it run until its step budget.
  const reads = th.spinReads;
  const idle = th.spinLoop === loopId && !th.spinWrote;
  // Maps are recycled: this runs on every iteration of every loop (a `for` counting to a million).
  if (idle && th.spinOps > 0 && (!impure || sameReads(th.prevReads, reads))) {
    // The block keeps `reads`: it must never be recycled.
    th.parkOnSpin = reads;
    th.prevReads = null;
    th.spinReads = new Map();
  } else if (idle) {
    const spare = th.prevReads;
    th.prevReads = reads;
    if (spare) spare.clear();
    th.spinReads = spare ?? new Map();
  } else {
    th.prevReads = null;
    reads.clear();
  }
  th.spinLoop = loopId;
  th.spinOps = 0;
  th.spinWrote = false;
}

/** Built-ins (by name) that write the typed array they are given; see the `call` step. */
export const WRITING_BUILTINS = new Set([
  'fill',
  'set',
  'copyWithin',
  'sort',
  'reverse',
  'assign',
  'defineProperty',
  'deleteProperty',
]);

/** Whether two loop iterations read the same cells at the same versions (nothing they saw changed). */
function sameReads(a: Map<number, number> | null, b: Map<number, number>): boolean {
  if (!a || a.size !== b.size) return false;
  for (const [cell, v] of b) if (a.get(cell) !== v) return false;
  return true;
}
