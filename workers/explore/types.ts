/**
 * Plain-data types shared by the machine, the explorer, the stepper and the UI (through comlink).
 * Everything here is structured-clone safe: no functions, no class instances.
 */

export type AtomicRmw = 'add' | 'sub' | 'and' | 'or' | 'xor' | 'exchange' | 'compareExchange';

/** What a thread will do at its next step (its "pending operation"). */
export type Op =
  | { kind: 'read'; index: number; atomic: boolean; line: number }
  | { kind: 'write'; index: number; value: number; atomic: boolean; line: number }
  | {
      kind: 'rmw';
      op: AtomicRmw;
      index: number;
      operand: number;
      replacement?: number;
      line: number;
    }
  | { kind: 'wait'; index: number; expected: number; timeout: number; line: number }
  | { kind: 'notify'; index: number; count: number; line: number }
  | { kind: 'lock'; mutex: number; line: number }
  | { kind: 'unlock'; mutex: number; line: number }
  | { kind: 'barrier'; line: number }
  | { kind: 'enter'; section: string; line: number }
  | { kind: 'leave'; section: string; line: number }
  /** A built-in (e.g. `t.shared.fill(0)`) given shared memory: runs as one step that may touch every cell. */
  | { kind: 'call'; name: string; line: number }
  /** Returning from a blocking call after being woken (Atomics.wait → "ok"/"timed-out", barrier). */
  | {
      kind: 'resume';
      from: 'wait' | 'barrier';
      result: string;
      line: number;
      /** The cell waited on (a timed wait's time-out conflicts with a notify there). */
      index?: number;
    };

/** Why a thread cannot take its next step. */
export type BlockedOn =
  | { kind: 'lock'; mutex: number; holder: number }
  /** `timed`: it may also time out, at any step where its thread is scheduled. */
  | { kind: 'wait'; index: number; timed?: boolean }
  | { kind: 'barrier'; arrived: number[]; missing: number[] }
  /** A loop iteration that only read memory: parked until one of these cells changes. */
  | { kind: 'spin'; cells: number[] };

export type ThreadStatus = 'ready' | 'blocked' | 'done' | 'failed';

export interface ThreadError {
  message: string;
  line: number | null;
  /** An assert() failure, a runtime error in the learner's code, or a step-mode limit. */
  kind: 'assert' | 'error' | 'budget';
}

export interface ThreadView {
  id: number;
  status: ThreadStatus;
  /** The operation the thread will perform at its next step (null when done/failed). */
  next: Op | null;
  /** A one-line description of `next` for the UI ("read shared[0]", "lock(1)"). */
  nextText: string | null;
  /** Line of `next` (or of the error). */
  line: number | null;
  blockedOn: BlockedOn | null;
  /** Human-readable reason it is blocked ("waits for mutex 1, held by thread 0"). */
  blockedText: string | null;
  error: ThreadError | null;
  logs: string[];
  /** Steps this thread has taken. */
  steps: number;
  /**
   * Its store buffer, oldest first (memory model 'tso' only; always empty under 'sc'): plain stores
   * it made that other threads cannot see yet.
   */
  buffer: BufferedStore[];
}

/** A plain store waiting in a thread's store buffer (x86-TSO mode). */
export interface BufferedStore {
  index: number;
  value: number;
  line: number;
}

/**
 * How shared memory behaves in Step and Explore.
 * - `sc`: sequential consistency, every step happens whole, in one order all threads agree on.
 * - `tso`: x86-TSO. A plain store goes into its thread's FIFO store buffer and reaches memory at a
 *   later move of the scheduler (a flush); the thread reads its own buffered value first. Atomics
 *   operations, locks and barriers drain the buffer first (a fence), then act as under `sc`.
 */
export type MemoryModel = 'sc' | 'tso';

/**
 * A scheduler move: a thread id (0…15) steps that thread; a negative number -(i+1) flushes the oldest
 * store of thread i's buffer to memory ('tso' only). Schedules stay arrays of numbers (links, replay).
 */
export const flushMove = (thread: number): number => -(thread + 1);
/** The thread a move belongs to (the owner of the flushed buffer for a flush). */
export const moveThread = (move: number): number => (move < 0 ? -move - 1 : move);
/** "T0" for a step of thread 0, "F0" for a flush of its buffer (schedules as text). */
export const moveLabel = (move: number): string => (move < 0 ? `F${-move - 1}` : `T${move}`);

/** One performed step, as a tagged union on `kind` (mirrors Op, with what happened). */
export type StepEvent = { thread: number; line: number; after: ThreadStatus } &
  /** `buffered` ('tso' only): read from the thread's own store buffer, or stored into it. */
  (
    | { kind: 'read'; index: number; value: number; atomic: boolean; buffered?: true }
    | { kind: 'write'; index: number; value: number; atomic: boolean; buffered?: true }
    | { kind: 'rmw'; op: AtomicRmw; index: number; old: number; value: number }
    | { kind: 'wait'; index: number; result: 'not-equal' | 'sleeping' }
    | { kind: 'notify'; index: number; woken: number[] }
    | { kind: 'lock'; mutex: number }
    | { kind: 'unlock'; mutex: number }
    | { kind: 'barrier'; released: boolean }
    | { kind: 'enter'; section: string; others: number[] }
    | { kind: 'leave'; section: string }
    | { kind: 'call'; name: string }
    | { kind: 'resume'; from: 'wait' | 'barrier'; result: string }
    /** The oldest store of `thread`'s buffer reached memory ('tso'). */
    | { kind: 'flush'; index: number; value: number }
  );

/** `step`: how many steps had been taken when it happened (the schedule prefix that shows it). */
export type Violation =
  | { kind: 'assert'; thread: number; message: string; line: number | null; step: number }
  | { kind: 'error'; thread: number; message: string; line: number | null; step: number }
  | { kind: 'mutual-exclusion'; section: string; threads: number[]; line: number; step: number }
  | {
      kind: 'deadlock';
      step: number;
      /** Every unfinished thread and what it waits for. */
      waits: { thread: number; on: BlockedOn; text: string; line: number | null }[];
      /** Threads in a wait-for cycle (t0 waits for t1 … waits for t0), when there is one. */
      cycle: number[] | null;
    };

export interface ExecutionOptions {
  threads: number;
  params?: Record<string, number>;
  sharedCells?: number;
  /** Shared operations per execution before it is stopped as a probable infinite loop. */
  maxSteps?: number;
  /** Loop iterations + function calls per execution (catches `while (true) {}` with no shared op). */
  maxTicks?: number;
  /** The export each thread runs (default `default`): checks append a harness export and run it. */
  entry?: string;
  /**
   * Time-outs of `Atomics.wait` never fire: a thread that is never notified sleeps forever (a
   * deadlock). Asks whether the code needs its time-outs to finish, i.e. hides a lost wake-up.
   */
  timeoutsNeverFire?: boolean;
  /** Default 'sc': see MemoryModel. */
  memoryModel?: MemoryModel;
}

export const DEFAULT_MAX_STEPS = 100_000;
export const DEFAULT_MAX_TICKS = 5_000_000;

/** Exploration budgets (explorer.ts); here so the UI's client can read them without loading the engine. */
export const EXPLORE_DEFAULTS = {
  maxSchedules: 200_000,
  maxTotalSteps: 20_000_000,
  maxMs: 10_000,
} as const;
