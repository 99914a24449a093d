import { describe, expect, it } from 'vitest';
import { LOCK_RECORD_CELLS, LOCK_RECORDS, MUTEXES } from '../runtime/layout.ts';
import { createDeadlockWatch, deadlockMessage } from './deadlock.ts';

/** Lock records as the runtime writes them: `waits[i]` = mutex thread i sleeps on (-1: running). */
function state(waits: number[], holders: Record<number, number>) {
  const records = new Int32Array(LOCK_RECORD_CELLS);
  const mutex = new Int32Array(MUTEXES);
  waits.forEach((m, i) => (records[LOCK_RECORDS.waiting + i] = m + 1));
  for (const [m, t] of Object.entries(holders)) {
    records[LOCK_RECORDS.holder + Number(m)] = t + 1;
    mutex[Number(m)] = 2;
  }
  return { records, mutex, threads: waits.length, settleMs: 300 };
}

describe('deadlock watch', () => {
  it('reports a two-thread cycle only after the state has stayed still for the settle time', () => {
    const w = createDeadlockWatch(state([1, 0], { 0: 0, 1: 1 }));
    const finished = [false, false];
    expect(w.poll(finished, 0)).toBeNull();
    expect(w.poll(finished, 299)).toBeNull();
    const d = w.poll(finished, 300);
    expect(d?.cycle).toEqual([0, 1]);
    expect(d?.waits.map((x) => x.text)).toEqual([
      'waits for mutex 1, held by thread 1',
      'waits for mutex 0, held by thread 0',
    ]);
    expect(deadlockMessage(d!, 'here')).toMatch(/thread 0 → thread 1 → thread 0/);
  });

  it('any lock activity restarts the settle time', () => {
    const s = state([1, 0], { 0: 0, 1: 1 });
    const w = createDeadlockWatch(s);
    w.poll([false, false], 0);
    Atomics.add(s.records, LOCK_RECORDS.seq, 2); // a thread woke and went back to sleep
    expect(w.poll([false, false], 400)).toBeNull();
    expect(w.poll([false, false], 699)).toBeNull();
    expect(w.poll([false, false], 700)).not.toBeNull();
  });

  it('a running thread, or a waiter whose mutex was just released, means progress', () => {
    const running = createDeadlockWatch(state([1, -1], { 0: 0, 1: 1 }));
    running.poll([false, false], 0);
    expect(running.poll([false, false], 1000)).toBeNull();
    const s = state([1, 0], { 0: 0, 1: 1 });
    s.mutex[1] = 0;
    const released = createDeadlockWatch(s);
    released.poll([false, false], 0);
    expect(released.poll([false, false], 1000)).toBeNull();
  });

  it('finds a three-thread cycle, and a waiter on a finished holder without one', () => {
    const three = createDeadlockWatch(state([1, 2, 0], { 0: 0, 1: 1, 2: 2 }));
    three.poll([false, false, false], 0);
    expect(three.poll([false, false, false], 300)?.cycle).toEqual([0, 1, 2]);
    const orphan = createDeadlockWatch(state([-1, 5], { 5: 0 }));
    orphan.poll([true, false], 0);
    const d = orphan.poll([true, false], 300);
    expect(d?.cycle).toBeNull();
    expect(d?.waits[0].text).toMatch(/finished without unlocking/);
  });

  it('all threads finished is not a deadlock', () => {
    const w = createDeadlockWatch(state([-1, -1], {}));
    w.poll([true, true], 0);
    expect(w.poll([true, true], 1000)).toBeNull();
  });
});
