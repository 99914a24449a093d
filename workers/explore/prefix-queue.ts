/**
 * Schedule prefixes queued for the next preemption bound (explorer.ts). A long execution queues a
 * branch at nearly every step, so a prefix is not copied: it is kept as (the execution's schedule
 * array, a length, the thread to run next). Memory stays linear in the steps, not quadratic.
 */
export class PrefixQueue {
  private schedules: number[][] = [];
  private lengths: number[] = [];
  private tids: (number | null)[] = [];

  get length() {
    return this.tids.length;
  }

  /**
   * Queues the first `schedule.length` choices of `schedule` (as it is now; the caller may only
   * append to it later) followed by `tid`, or alone when tid is null (a negative tid is a flush move).
   */
  push(schedule: number[], tid: number | null) {
    this.schedules.push(schedule);
    this.lengths.push(schedule.length);
    this.tids.push(tid);
  }

  get(i: number): number[] {
    const prefix = this.schedules[i].slice(0, this.lengths[i]);
    const tid = this.tids[i];
    if (tid !== null) prefix.push(tid);
    return prefix;
  }
}
