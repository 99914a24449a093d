/**
 * The API learner code sees. One copy of this file is the single source of truth:
 * the runtime implements it, and the editor loads it as a type library so learners
 * get completion and red squiggles.
 *
 * A lesson's code is a module whose default export runs once in every thread:
 *
 *   export default function (t: Thread) {
 *     for (let i = 0; i < t.params.increments; i++) t.shared[0]++;
 *   }
 */

interface Thread {
  /** This thread's number: 0 … count − 1. */
  readonly id: number;
  /** How many threads run this code at the same time. */
  readonly count: number;
  /** Numbers set on the lesson page (for example `increments`). */
  readonly params: Readonly<Record<string, number>>;
  /**
   * Shared memory: 32-bit integer cells that every thread reads and writes.
   * Plain reads and writes (`shared[0]++`) are not atomic; `Atomics.*` calls are.
   */
  readonly shared: Int32Array;
  /** Blocks until every thread has called `barrier()` as many times as this one. */
  barrier(): void;
  /** Takes mutex `m` (0–31), waiting while another thread holds it. */
  lock(m?: number): void;
  /** Releases mutex `m`, waking one waiting thread. */
  unlock(m?: number): void;
  /** Marks the start of a critical section: Explore reports two threads inside one at once. */
  enter(section?: string): void;
  /** Marks the end of a critical section. */
  leave(section?: string): void;
  /** Prints a line in the console pane, prefixed with the thread id. */
  log(...values: unknown[]): void;
  /** A high-resolution clock in milliseconds. */
  now(): number;
}

/** Fails the run (and, in Explore, the schedule) when `condition` is false. */
declare function assert(condition: unknown, message?: string): asserts condition;
