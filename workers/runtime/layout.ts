/**
 * How one run's SharedArrayBuffer is laid out (all Int32 cells). The control area is the runtime's;
 * learner code only ever sees the `shared` view over the user area.
 */
export const CONTROL = {
  /** Start gate: every thread arrives here before learner code runs, so they start together. */
  startCount: 0,
  startGeneration: 1,
  /** `t.barrier()` (reusable, generation-counted). */
  barrierCount: 2,
  barrierGeneration: 3,
  /** Times two threads were inside one critical section at once (`t.enter`/`t.leave`). */
  overlaps: 4,
} as const;

export const CONTROL_CELLS = 16;
export const MUTEXES = 32;
export const SECTIONS = 32;
export const MAX_SHARED_CELLS = 1 << 20;
/** Thread slots in the lock records (the pool runs at most 16 threads). */
export const LOCK_THREADS = 16;

/**
 * Lock records (after the user area, so no other offset moves): what the page's deadlock detector
 * reads. `seq` counts slow-path entries and exits; `waiting[i]` is m + 1 while thread i sleeps on
 * mutex m (0 otherwise); `holder[m]` is i + 1 for the last thread that took mutex m.
 */
export const LOCK_RECORDS = { seq: 0, waiting: 1, holder: 1 + LOCK_THREADS } as const;
export const LOCK_RECORD_CELLS = 1 + LOCK_THREADS + MUTEXES;

export interface Layout {
  controlOffset: number;
  mutexOffset: number;
  sectionOffset: number;
  userOffset: number;
  userCells: number;
  /** Where the lock records start (LOCK_RECORDS). */
  lockOffset: number;
  totalCells: number;
}

export function layoutFor(userCells: number): Layout {
  if (!Number.isInteger(userCells) || userCells < 1 || userCells > MAX_SHARED_CELLS) {
    throw new RangeError(
      `shared cells must be an integer from 1 to ${MAX_SHARED_CELLS}, got ${userCells}`,
    );
  }
  const mutexOffset = CONTROL_CELLS;
  const sectionOffset = mutexOffset + MUTEXES;
  const userOffset = sectionOffset + SECTIONS;
  return {
    controlOffset: 0,
    mutexOffset,
    sectionOffset,
    userOffset,
    userCells,
    lockOffset: userOffset + userCells,
    totalCells: userOffset + userCells + LOCK_RECORD_CELLS,
  };
}
