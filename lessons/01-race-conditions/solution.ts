// Atomics.add does the load, the add and the store as one indivisible step.
export default function (t: Thread) {
  for (let i = 0; i < t.params.increments; i++) {
    Atomics.add(t.shared, 0, 1);
  }
}
