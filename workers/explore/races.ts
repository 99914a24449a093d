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
  private readonly seen = new Set<string>();
  /** vc[t * n + u]: the latest step of thread u that happens before thread t's next step. */
  private readonly vc: Int32Array;
  private readonly cellClock: Int32Array;
  private readonly mutexClock: Int32Array;
  private readonly barrierClock: Int32Array;
  private readonly wTid: Int32Array;
  private readonly wEpoch: Int32Array;
  private readonly wLine: Int32Array;
  private readonly wAtomic: Uint8Array;
  /** Per cell and thread: epoch and line of that thread's last read. */
  private readonly rEpoch: Int32Array;
  private readonly rLine: Int32Array;
  private readonly rAtomic: Uint8Array;

  constructor(
    private readonly n: number,
    private readonly cells: number,
    mutexes: number,
  ) {
    this.vc = new Int32Array(n * n);
    for (let t = 0; t < n; t++) this.vc[t * n + t] = 1;
    this.cellClock = new Int32Array(cells * n);
    this.mutexClock = new Int32Array(mutexes * n);
    this.barrierClock = new Int32Array(n);
    this.wTid = new Int32Array(cells).fill(-1);
    this.wEpoch = new Int32Array(cells);
    this.wLine = new Int32Array(cells);
    this.wAtomic = new Uint8Array(cells);
    this.rEpoch = new Int32Array(cells * n);
    this.rLine = new Int32Array(cells * n);
    this.rAtomic = new Uint8Array(cells * n);
  }

  /** A plain or atomic access by thread t; reports a race with an earlier unordered conflicting one. */
  access(t: number, cell: number, write: boolean, atomic: boolean, line: number) {
    const n = this.n;
    const base = t * n;
    const u = this.wTid[cell];
    if (
      u >= 0 &&
      u !== t &&
      this.wEpoch[cell] > this.vc[base + u] &&
      !(atomic && this.wAtomic[cell])
    )
      this.report(
        cell,
        u,
        this.wLine[cell],
        this.wAtomic[cell] === 1,
        true,
        t,
        line,
        atomic,
        write,
      );
    if (write) {
      const r = cell * n;
      for (let v = 0; v < n; v++) {
        if (v === t || this.rEpoch[r + v] <= this.vc[base + v]) continue;
        if (atomic && this.rAtomic[r + v]) continue;
        this.report(
          cell,
          v,
          this.rLine[r + v],
          this.rAtomic[r + v] === 1,
          false,
          t,
          line,
          atomic,
          true,
        );
      }
      this.wTid[cell] = t;
      this.wEpoch[cell] = this.vc[base + t];
      this.wLine[cell] = line;
      this.wAtomic[cell] = atomic ? 1 : 0;
    } else {
      const r = cell * n + t;
      this.rEpoch[r] = this.vc[base + t];
      this.rLine[r] = line;
      this.rAtomic[r] = atomic ? 1 : 0;
    }
  }

  /** An Atomics operation on `cell`: sequentially consistent, so it acquires and releases that cell. */
  atomic(t: number, cell: number, write: boolean, line: number) {
    this.access(t, cell, write, true, line);
    this.sync(t, this.cellClock, cell * this.n);
  }

  /** A thread woken by notify on `cell` acquires what the notifier released there. */
  acquireCell(t: number, cell: number) {
    this.join(t, this.cellClock, cell * this.n);
  }

  lock(t: number, mutex: number) {
    this.join(t, this.mutexClock, mutex * this.n);
  }

  unlock(t: number, mutex: number) {
    this.release(t, this.mutexClock, mutex * this.n);
  }

  arriveAtBarrier(t: number) {
    this.release(t, this.barrierClock, 0);
  }

  /** Every thread leaving the barrier has seen everything done before anyone arrived. */
  leaveBarrier(threads: number[]) {
    for (const t of threads) this.join(t, this.barrierClock, 0);
  }

  private sync(t: number, clock: Int32Array, at: number) {
    this.join(t, clock, at);
    this.release(t, clock, at);
  }

  private join(t: number, clock: Int32Array, at: number) {
    const base = t * this.n;
    for (let u = 0; u < this.n; u++)
      if (clock[at + u] > this.vc[base + u]) this.vc[base + u] = clock[at + u];
  }

  private release(t: number, clock: Int32Array, at: number) {
    const base = t * this.n;
    for (let u = 0; u < this.n; u++)
      if (this.vc[base + u] > clock[at + u]) clock[at + u] = this.vc[base + u];
    this.vc[base + t]++;
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
    const key = `${cell}:${line1}:${line2}:${write1}:${write2}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
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
