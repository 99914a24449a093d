import {
  CONTROL,
  LOCK_RECORD_CELLS,
  LOCK_RECORDS,
  MUTEXES,
  SECTIONS,
  type Layout,
} from './layout.ts';
import { formatValue } from './format-value.ts';

export interface ThreadOptions {
  buffer: SharedArrayBuffer;
  layout: Layout;
  id: number;
  count: number;
  params: Readonly<Record<string, number>>;
  log: (line: string) => void;
  /** True once the output is full: later `t.log` calls then skip formatting their values. */
  logFull?: () => boolean;
}

/**
 * The real-memory implementation of the Thread API: every view is over the run's SharedArrayBuffer
 * and every blocking operation is `Atomics.wait` (workers may block; the page never does).
 */
export function createSharedThread(o: ThreadOptions): Thread {
  const all = new Int32Array(o.buffer);
  const control = new Int32Array(o.buffer, o.layout.controlOffset * 4, 16);
  const mutex = new Int32Array(o.buffer, o.layout.mutexOffset * 4, MUTEXES);
  const sections = new Int32Array(o.buffer, o.layout.sectionOffset * 4, SECTIONS);
  const shared = new Int32Array(o.buffer, o.layout.userOffset * 4, o.layout.userCells);
  const sectionIndex = new Map<string, number>();
  void all;
  const trace: LockTrace = {
    records: new Int32Array(o.buffer, o.layout.lockOffset * 4, LOCK_RECORD_CELLS),
    id: o.id,
  };

  const slot = (m: number, max: number, what: string): number => {
    if (!Number.isInteger(m) || m < 0 || m >= max)
      throw new RangeError(`${what} must be 0–${max - 1}, got ${m}`);
    return m;
  };
  const sectionSlot = (name: string): number => {
    let i = sectionIndex.get(name);
    if (i === undefined) {
      // Hash the name so every thread maps it to the same cell without coordination.
      let h = 0;
      for (let k = 0; k < name.length; k++) h = (Math.imul(h, 31) + name.charCodeAt(k)) | 0;
      i = Math.abs(h) % SECTIONS;
      sectionIndex.set(name, i);
    }
    return i;
  };

  return {
    id: o.id,
    count: o.count,
    params: o.params,
    shared,
    barrier: () => barrierWait(control, CONTROL.barrierCount, CONTROL.barrierGeneration, o.count),
    lock: (m = 0) => mutexLock(mutex, slot(m, MUTEXES, 'mutex'), trace),
    unlock: (m = 0) => mutexUnlock(mutex, slot(m, MUTEXES, 'mutex')),
    enter: (name = 'critical') => {
      if (Atomics.add(sections, sectionSlot(name), 1) > 0)
        Atomics.add(control, CONTROL.overlaps, 1);
    },
    leave: (name = 'critical') => {
      Atomics.sub(sections, sectionSlot(name), 1);
    },
    log: (...values) => {
      if (!o.logFull?.()) o.log(values.map(formatValue).join(' '));
      else o.log('');
    },
    now: () => performance.now(),
  };
}

/**
 * A reusable barrier: the last thread to arrive resets the count and bumps the generation.
 * `spin` > 0 busy-waits that many checks before sleeping: waking from Atomics.wait takes tens of
 * microseconds per thread, enough to stagger a start gate so short loops never overlap.
 */
export function barrierWait(
  control: Int32Array,
  countCell: number,
  genCell: number,
  parties: number,
  spin = 0,
): void {
  const generation = Atomics.load(control, genCell);
  if (Atomics.add(control, countCell, 1) === parties - 1) {
    Atomics.store(control, countCell, 0);
    Atomics.add(control, genCell, 1);
    Atomics.notify(control, genCell);
    return;
  }
  for (let i = 0; i < spin; i++) if (Atomics.load(control, genCell) !== generation) return;
  while (Atomics.load(control, genCell) === generation) Atomics.wait(control, genCell, generation);
}

/**
 * Futex-style mutex (Drepper, "Futexes Are Tricky", mutex 2): 0 free, 1 locked, 2 locked with waiters.
 * The uncontended path is one compareExchange; only contended threads sleep in Atomics.wait.
 */
export function mutexLock(m: Int32Array, i: number, trace?: LockTrace): void {
  let c = Atomics.compareExchange(m, i, 0, 1);
  if (c !== 0) {
    if (trace) announce(trace, i + 1);
    if (c !== 2) c = Atomics.exchange(m, i, 2);
    while (c !== 0) {
      Atomics.wait(m, i, 2);
      c = Atomics.exchange(m, i, 2);
    }
    if (trace) announce(trace, 0);
  }
  // A plain store on every acquisition (the page reads it only once a thread has slept for a while).
  if (trace) trace.records[LOCK_RECORDS.holder + i] = trace.id + 1;
}

/** Where a thread publishes its lock state for the page's deadlock detector (layout.ts LOCK_RECORDS). */
export interface LockTrace {
  records: Int32Array;
  id: number;
}

/** Slow path only: "thread id now waits for mutex waiting − 1" (0: waits for nothing). */
function announce(trace: LockTrace, waiting: number): void {
  Atomics.store(trace.records, LOCK_RECORDS.waiting + trace.id, waiting);
  Atomics.add(trace.records, LOCK_RECORDS.seq, 1);
}

export function mutexUnlock(m: Int32Array, i: number): void {
  if (Atomics.sub(m, i, 1) !== 1) {
    Atomics.store(m, i, 0);
    Atomics.notify(m, i, 1);
  }
}
