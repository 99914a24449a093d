// Peterson's lock (1981): mutual exclusion for two threads from plain reads and writes, no
// compare-and-swap. It is correct if memory is sequentially consistent. Is yours?
const COUNTER = 0; // t.shared[0]: the counter the lock protects
const FLAG = 1; //    t.shared[1], t.shared[2]: thread 0's and thread 1's "I want to enter"
const TURN = 3; //    t.shared[3]: who gives way when both want to enter

function lock(s: Int32Array, me: number): void {
  const other = 1 - me;
  s[FLAG + me] = 1; // I want to enter …
  s[TURN] = other; // … but if you want to as well, you go first
  // Wait while the other thread wants to enter and it is its turn.
  while (s[FLAG + other] === 1 && s[TURN] === other) {
    // spin
  }
}

function unlock(s: Int32Array, me: number): void {
  s[FLAG + me] = 0; // I am out
}

export default function (t: Thread) {
  const s = t.shared;
  for (let i = 0; i < t.params.rounds; i++) {
    lock(s, t.id);
    t.enter(); // the critical section: Run counts the times both threads were in here at once
    const value = Atomics.load(s, COUNTER);
    Atomics.store(s, COUNTER, value + 1);
    t.leave();
    unlock(s, t.id);
  }
}
