/**
 * The measured workload, as thread code for the pool (so it gets the start gate, the barrier, the
 * watchdog and a warm JIT like learner code). Every worker makes random transfers between
 * `accounts` accounts for `durationMs`, each transfer doing `work` units of computation between
 * reading the two balances and writing them (the "business logic", or a slow round trip).
 *
 * strategy 0 = pessimistic: lock both accounts (lower index first, so no deadlock) before reading,
 * hold them through the work, write, unlock. The lock is a futex-style word per account
 * (0 free, 1 held, 2 held with sleepers): a waiter sleeps in Atomics.wait instead of burning a core.
 * strategy 1 = optimistic: read each account's version (even = stable) and balance, do the work
 * holding nothing, then claim both versions with compareExchange from the values read (odd = being
 * written); a failed claim means someone committed in between: the work is thrown away and redone.
 *
 * Memory: per worker w, stats at 4w (commits, retries, waits) and a latency histogram at
 * HIST + 64w (bucket 0: < 1 µs; bucket b: [2^((b−1)/4), 2^(b/4)) µs); account k's lock/version at
 * ACCOUNTS + 2k and balance at ACCOUNTS + 2k + 1. Every balance starts at INITIAL.
 */
export const STATS = 0;
export const HIST = 64;
export const BUCKETS = 64;
export const ACCOUNTS = HIST + 16 * BUCKETS;
export const INITIAL = 1000;
export const kernelCells = (accounts: number) => ACCOUNTS + 2 * accounts;

export const KERNEL = `const HIST = ${HIST}, BUCKETS = ${BUCKETS}, ACC = ${ACCOUNTS}, INITIAL = ${INITIAL};
export default function (t: Thread) {
  const s = t.shared;
  const m = t.params.accounts, work = t.params.work, optimistic = t.params.strategy === 1;
  if (t.id === 0) for (let k = 0; k < m; k++) Atomics.store(s, ACC + 2 * k + 1, INITIAL);
  t.barrier();
  // Waiting on a cell nobody notifies is a sleep of exactly the time-out: a round trip, not CPU.
  const pause = t.params.waitUs / 1000, nap = 4 * t.id + 3;
  const stats = 4 * t.id, hist = HIST + BUCKETS * t.id;
  let x = (t.id + 1) * 0x9e3779b1 + t.params.seed;
  let sink = 0;
  const end = t.now() + t.params.durationMs;
  for (let started = t.now(); started < end; ) {
    x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
    const from = (x >>> 0) % m;
    const to = (from + 1 + ((x >>> 8) % (m - 1))) % m;
    const amount = 1 + ((x >>> 16) & 15);
    const lo = ACC + 2 * Math.min(from, to), hi = ACC + 2 * Math.max(from, to);
    if (optimistic) {
      for (;;) {
        const vLo = Atomics.load(s, lo), vHi = Atomics.load(s, hi);
        if ((vLo | vHi) & 1) continue; // a commit is writing one of them: read again
        const a = Atomics.load(s, ACC + 2 * from + 1), b = Atomics.load(s, ACC + 2 * to + 1);
        sink += burn(x, work);
        if (pause > 0) Atomics.wait(s, nap, 0, pause);
        if (Atomics.compareExchange(s, lo, vLo, vLo + 1) !== vLo) { Atomics.add(s, stats + 1, 1); continue; }
        if (Atomics.compareExchange(s, hi, vHi, vHi + 1) !== vHi) {
          Atomics.store(s, lo, vLo);
          Atomics.add(s, stats + 1, 1);
          continue;
        }
        Atomics.store(s, ACC + 2 * from + 1, a - amount);
        Atomics.store(s, ACC + 2 * to + 1, b + amount);
        Atomics.store(s, lo, vLo + 2);
        Atomics.store(s, hi, vHi + 2);
        break;
      }
    } else {
      if (lock(s, lo) + lock(s, hi) > 0) Atomics.add(s, stats + 2, 1);
      const a = Atomics.load(s, ACC + 2 * from + 1), b = Atomics.load(s, ACC + 2 * to + 1);
      sink += burn(x, work);
      if (pause > 0) Atomics.wait(s, nap, 0, pause);
      Atomics.store(s, ACC + 2 * from + 1, a - amount);
      Atomics.store(s, ACC + 2 * to + 1, b + amount);
      unlock(s, hi);
      unlock(s, lo);
    }
    Atomics.add(s, stats, 1);
    const now = t.now();
    const us = (now - started) * 1000;
    const bucket = us < 1 ? 0 : Math.min(BUCKETS - 1, 1 + Math.floor(4 * Math.log2(us)));
    Atomics.add(s, hist + bucket, 1);
    started = now;
  }
  if (sink === 0.5) t.log(sink); // keeps the work from being optimised away
}

// Drepper's futex mutex: 1 if it had to wait, else 0.
function lock(s: Int32Array, i: number): number {
  let c = Atomics.compareExchange(s, i, 0, 1);
  if (c === 0) return 0;
  if (c !== 2) c = Atomics.exchange(s, i, 2);
  while (c !== 0) {
    Atomics.wait(s, i, 2);
    c = Atomics.exchange(s, i, 2);
  }
  return 1;
}

function unlock(s: Int32Array, i: number) {
  if (Atomics.sub(s, i, 1) !== 1) {
    Atomics.store(s, i, 0);
    Atomics.notify(s, i, 1);
  }
}

// About 0.3 µs of integer work per unit.
function burn(x: number, units: number): number {
  for (let i = 0; i < units * 100; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
  }
  return x & 1;
}
`;
