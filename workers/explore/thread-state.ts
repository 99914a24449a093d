/** Per-thread bookkeeping of one execution (machine.ts, memory-steps.ts). */
import type { Op, ThreadError } from './types.ts';

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
}
