/**
 * Data-race detection for one execution, with vector clocks (happens-before, as in FastTrack/TSan).
 *
 * Why: the explorer interleaves whole steps, i.e. it assumes sequential consistency. JavaScript only
 * promises that for `Atomics` operations and for programs without data races; two plain accesses to
 * one cell from different threads, at least one a write, not ordered by synchronisation, may be
 * reordered by real hardware (store buffering on x86) and the explored outcome set can be too small.
 *
 * Synchronisation that orders accesses: every `Atomics` operation on a cell (sequentially consistent:
 * acquire and release on that cell), wait/notify on a cell, t.lock/t.unlock on a mutex, t.barrier().
 */

export interface DataRace {
  /** Index in t.shared. */
  cell: number;
  /** Lines of the two conflicting accesses (earlier access first). */
  lines: [number, number];
  threads: [number, number];
  /** What each access was ("plain write", "Atomics read" …). */
  accesses: [string, string];
}

export class RaceDetector {
  readonly races: DataRace[] = [];
  // One allocation for every table (an execution is created per schedule; ten typed arrays each cost
  // more than the steps themselves). Offsets into `m`:
  /** vc: m[t * n + u] is the latest step of thread u that happens before thread t's next step. */
  private readonly cellClock: number;
  private readonly mutexClock: number;
  private readonly barrierClock: number;
  /** Per cell: thread (+1, 0 = none), epoch, line and atomic flag of the last write. */
  private readonly w: number;
  /** Per cell and thread: epoch, line and atomic flag of that thread's last read. */
  private readonly r: number;
  private readonly m: Int32Array;

  constructor(
    private readonly n: number,
    private readonly cells: number,
    mutexes: number,
    /** Races already reported (shared across an exploration's executions, so each is built once). */
    private readonly known: Set<number> = new Set(),
  ) {
    this.cellClock = n * n;
    this.mutexClock = this.cellClock + cells * n;
    this.barrierClock = this.mutexClock + mutexes * n;
    this.w = this.barrierClock + n;
    this.r = this.w + 4 * cells;
    this.m = new Int32Array(this.r + 3 * cells * n);
    for (let t = 0; t < n; t++) this.m[t * n + t] = 1;
  }

  /** A plain or atomic access by thread t; reports a race with an earlier unordered conflicting one. */
  access(t: number, cell: number, write: boolean, atomic: boolean, line: number) {
    const { m, n } = this;
    const base = t * n;
    const w = this.w + 4 * cell;
    const u = m[w] - 1;
    if (u >= 0 && u !== t && m[w + 1] > m[base + u] && !(atomic && m[w + 3]))
      this.report(cell, u, m[w + 2], m[w + 3] === 1, true, t, line, atomic, write);
    if (write) {
      for (let v = 0; v < n; v++) {
        const r = this.r + 3 * (cell * n + v);
        if (v === t || m[r] <= m[base + v] || (atomic && m[r + 2])) continue;
        this.report(cell, v, m[r + 1], m[r + 2] === 1, false, t, line, atomic, true);
      }
      m[w] = t + 1;
      m[w + 1] = m[base + t];
      m[w + 2] = line;
      m[w + 3] = atomic ? 1 : 0;
    } else {
      const r = this.r + 3 * (cell * n + t);
      m[r] = m[base + t];
      m[r + 1] = line;
      m[r + 2] = atomic ? 1 : 0;
    }
  }

  /** An Atomics operation on `cell`: sequentially consistent, so it acquires and releases that cell. */
  atomic(t: number, cell: number, write: boolean, line: number) {
    this.access(t, cell, write, true, line);
    this.sync(t, this.cellClock + cell * this.n);
  }

  /** Atomics.notify: releases what the notifier did to the threads it wakes (no access to the value). */
  syncCell(t: number, cell: number) {
    this.sync(t, this.cellClock + cell * this.n);
  }

  /** A thread woken by notify on `cell` acquires what the notifier released there. */
  acquireCell(t: number, cell: number) {
    this.join(t, this.cellClock + cell * this.n);
  }

  lock(t: number, mutex: number) {
    this.join(t, this.mutexClock + mutex * this.n);
  }

  unlock(t: number, mutex: number) {
    this.release(t, this.mutexClock + mutex * this.n);
  }

  arriveAtBarrier(t: number) {
    this.release(t, this.barrierClock);
  }

  /** Every thread leaving the barrier has seen everything done before anyone arrived. */
  leaveBarrier(threads: number[]) {
    for (const t of threads) this.join(t, this.barrierClock);
  }

  private sync(t: number, at: number) {
    this.join(t, at);
    this.release(t, at);
  }

  private join(t: number, at: number) {
    const { m, n } = this;
    const base = t * n;
    for (let u = 0; u < n; u++) if (m[at + u] > m[base + u]) m[base + u] = m[at + u];
  }

  private release(t: number, at: number) {
    const { m, n } = this;
    const base = t * n;
    for (let u = 0; u < n; u++) if (m[base + u] > m[at + u]) m[at + u] = m[base + u];
    m[base + t]++;
  }

  private report(
    cell: number,
    t1: number,
    line1: number,
    atomic1: boolean,
    write1: boolean,
    t2: number,
    line2: number,
    atomic2: boolean,
    write2: boolean,
  ) {
    // A number, not a string: racy programs report on almost every step of every execution.
    const a = line1 <= line2 ? line1 : line2;
    const b = line1 <= line2 ? line2 : line1;
    const key = (cell * 0x10000 + (a & 0xffff)) * 0x10000 + (b & 0xffff);
    if (this.known.has(key)) return;
    this.known.add(key);
    const what = (atomic: boolean, write: boolean) =>
      `${atomic ? 'Atomics' : 'plain'} ${write ? 'write' : 'read'}`;
    this.races.push({
      cell,
      lines: [line1, line2],
      threads: [t1, t2],
      accesses: [what(atomic1, write1), what(atomic2, write2)],
    });
  }

  /** Cells of the memory (for opaque built-ins, which may touch every one). */
  get cellCount() {
    return this.cells;
  }
}
