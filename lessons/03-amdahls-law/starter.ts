// Sum value(i) for i = 0 … n − 1, split across the threads.
// Every thread adds each value straight into ONE shared total: correct, but every addition queues
// for the same memory cell (the same cache line), so the threads mostly wait for each other.
export default function (t: Thread) {
  const n = t.params.n;
  const chunk = Math.ceil(n / t.count);
  const start = t.id * chunk;
  const end = Math.min(n, start + chunk);
  for (let i = start; i < end; i++) {
    Atomics.add(t.shared, 0, value(i));
  }
}

// A deterministic "data set" of values 0 … 63, with a little work per element.
function value(i: number): number {
  let x = i;
  for (let k = 0; k < 6; k++) x = Math.imul(x ^ (x >>> 15), 0x2c1b3c6d);
  return x >>> 26;
}
