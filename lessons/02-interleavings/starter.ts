// Each thread adds one to the shared counter, t.params.increments times.
// t.shared[0]++ is a load, a private add, and a store: the scheduler can switch threads in between.
export default function (t: Thread) {
  for (let i = 0; i < t.params.increments; i++) {
    t.shared[0]++;
  }
}
