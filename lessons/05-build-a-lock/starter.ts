// The racy counter from the first lesson, now behind a lock you build yourself.
const COUNTER = 0; // t.shared[0]: the counter
const LOCK = 1; //    t.shared[1]: the lock, 0 = free, 1 = taken

/** Takes the lock; returns how often it found it taken (its spins). */
function lock(s: Int32Array): number {
  let spins = 0;
  while (Atomics.load(s, LOCK) !== 0) spins++; // wait until it looks free …
  Atomics.store(s, LOCK, 1); // … then take it. Alone?
  return spins;
}

function unlock(s: Int32Array): void {
  Atomics.store(s, LOCK, 0);
}

export default function (t: Thread) {
  const s = t.shared;
  let spins = 0;
  let waited = 0;
  let held = 0;
  for (let i = 0; i < t.params.increments; i++) {
    const asked = t.now();
    spins += lock(s);
    const got = t.now();
    t.enter(); // the critical section: Explore reports two threads in here at once
    const value = Atomics.load(s, COUNTER); // the race lesson's increment, in three steps
    const next = value + 1;
    Atomics.store(s, COUNTER, next);
    t.leave();
    unlock(s);
    waited += got - asked;
    held += t.now() - got;
  }
  // The panel reads this line: spins, and milliseconds spent waiting for and holding the lock.
  t.log(`lock stats: ${spins} spins, waited ${waited.toFixed(3)}, held ${held.toFixed(3)}`);
}
