// Peterson's lock with Atomics: every access to the flags and the turn is sequentially consistent,
// so no store waits in a store buffer while its own thread reads the other thread's flag.
const COUNTER = 0; // t.shared[0]: the counter the lock protects
const FLAG = 1; //    t.shared[1], t.shared[2]: thread 0's and thread 1's "I want to enter"
const TURN = 3; //    t.shared[3]: who gives way when both want to enter

function lock(s: Int32Array, me: number): void {
  const other = 1 - me;
  Atomics.store(s, FLAG + me, 1); // reaches memory before the loads below run
  Atomics.store(s, TURN, other);
  while (Atomics.load(s, FLAG + other) === 1 && Atomics.load(s, TURN) === other) {
    // spin
  }
}

function unlock(s: Int32Array, me: number): void {
  Atomics.store(s, FLAG + me, 0);
}

export default function (t: Thread) {
  const s = t.shared;
  for (let i = 0; i < t.params.rounds; i++) {
    lock(s, t.id);
    t.enter();
    const value = Atomics.load(s, COUNTER);
    Atomics.store(s, COUNTER, value + 1);
    t.leave();
    unlock(s, t.id);
  }
}
