// Drepper's mutex ("Futexes are tricky", mutex3). t.shared[1] is the lock word:
//   0 = free, 1 = held, 2 = held and someone may be asleep waiting for it.
// t.shared[0] is the counter it protects.
const LOCK = 1;

export function lock(s: Int32Array) {
  // Fast path: free, nobody waiting → 0 → 1, and no sleeping at all.
  if (Atomics.compareExchange(s, LOCK, 0, 1) === 0) return;
  // Slow path: say "contended" (2) with one atomic swap. If the old value was 0, the lock was free
  // and is now ours (marked 2: unlock may wake someone for nothing, which is only a little slow).
  // Otherwise sleep, but only while the word is still 2: if unlock ran in between, wait returns
  // at once and we swap again. Whoever wakes takes the lock as 2, so no other sleeper is forgotten.
  while (Atomics.exchange(s, LOCK, 2) !== 0) Atomics.wait(s, LOCK, 2);
}

export function unlock(s: Int32Array) {
  // Free it; if it said 2, someone may be asleep: wake one.
  if (Atomics.exchange(s, LOCK, 0) === 2) Atomics.notify(s, LOCK, 1);
}

export default function (t: Thread) {
  for (let i = 0; i < t.params.increments; i++) {
    lock(t.shared);
    t.enter();
    t.shared[0]++;
    t.leave();
    unlock(t.shared);
  }
}
