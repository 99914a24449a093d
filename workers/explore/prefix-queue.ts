/**
 * Schedule prefixes queued for the next preemption bound (explorer.ts), packed into one growing byte
 * arena: there can be millions, and an array per prefix would cost far more memory and GC.
 * Thread ids fit a byte (at most 16 threads).
 */
export class PrefixQueue {
  private bytes = new Uint8Array(1024);
  private ends = new Int32Array(64);
  private used = 0;
  length = 0;

  /** Queues `schedule` followed by `tid` (or `schedule` alone when tid < 0). */
  push(schedule: ArrayLike<number>, tid: number) {
    const n = schedule.length + (tid >= 0 ? 1 : 0);
    while (this.used + n > this.bytes.length) this.bytes = grow(this.bytes);
    if (this.length === this.ends.length) this.ends = grow(this.ends);
    for (let i = 0; i < schedule.length; i++) this.bytes[this.used + i] = schedule[i];
    if (tid >= 0) this.bytes[this.used + schedule.length] = tid;
    this.used += n;
    this.ends[this.length++] = this.used;
  }

  get(i: number): Uint8Array {
    return this.bytes.subarray(i === 0 ? 0 : this.ends[i - 1], this.ends[i]);
  }
}

function grow<T extends Uint8Array | Int32Array>(a: T): T {
  const b = new (a.constructor as new (n: number) => T)(a.length * 2);
  b.set(a);
  return b;
}
