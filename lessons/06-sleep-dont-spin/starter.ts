// A lock that sleeps instead of spinning. t.shared[1] is the lock word:
//   0 = free, 1 = held, 2 = held and someone may be asleep waiting for it.
// t.shared[0] is the counter it protects (a plain ++ on purpose: only the lock keeps it right).
const LOCK = 1;

export function lock(s: Int32Array) {
  // Free? Take it: 0 → 1.
  while (Atomics.compareExchange(s, LOCK, 0, 1) !== 0) {
    // Taken: mark it "someone is waiting", then sleep until unlock() wakes us.
    Atomics.store(s, LOCK, 2);
    Atomics.wait(s, LOCK, 2);
  }
}

export function unlock(s: Int32Array) {
  // Free it; wake one sleeper only if someone said they were waiting.
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
