// Each thread sums its own slice in a local variable (no sharing, no waiting), then adds its
// partial sum to the shared total once: the serial part shrinks to one step per thread.
export default function (t: Thread) {
  const n = t.params.n;
  const chunk = Math.ceil(n / t.count);
  const start = t.id * chunk;
  const end = Math.min(n, start + chunk);
  let partial = 0;
  for (let i = start; i < end; i++) {
    partial += value(i);
  }
  Atomics.add(t.shared, 0, partial);
}

function value(i: number): number {
  let x = i;
  for (let k = 0; k < 6; k++) x = Math.imul(x ^ (x >>> 15), 0x2c1b3c6d);
  return x >>> 26;
}
