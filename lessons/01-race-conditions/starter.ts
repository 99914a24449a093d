// Every thread runs this function at the same moment; t.shared[0] is the counter they all see.
export default function (t: Thread) {
  for (let i = 0; i < t.params.increments; i++) {
    const value = Atomics.load(t.shared, 0); // 1. load the counter
    const next = value + 1; //                  2. add one, in this thread's own register
    Atomics.store(t.shared, 0, next); //        3. store it back: another thread may have stored in between
  }
}
