// One atomic step: no other thread can run between the load and the store.
export default function (t: Thread) {
  for (let i = 0; i < t.params.increments; i++) {
    Atomics.add(t.shared, 0, 1);
  }
}
