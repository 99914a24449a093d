/**
 * The measured workload, as thread code for the pool (so it gets the start gate, the barrier, the
 * watchdog and a warm JIT like learner code). Work comes in abstract units of a CPU-bound xorshift
 * loop. Worker 0 does the serial part while the others wait at a barrier (the checkout), then all
 * split the parallel part (the shopping). Each thread records, in microseconds from its own start,
 * when its serial part ended, when it left the barrier and when its parallel part ended.
 *
 * params: units (total), serialPct (0…100), mode 0 = Amdahl (fixed job), 1 = Gustafson (each worker
 * gets a whole parallel part), 2 = contention (Amdahl + every unit also updates one shared counter).
 * shared[0]: checksum/counter; shared[1 + 3·id + k]: timeline marks.
 */
export const KERNEL = `export default function (t: Thread) {
  const units = t.params.units, mode = t.params.mode;
  const serial = Math.round((units * t.params.serialPct) / 100);
  const parallel = units - serial;
  let mine = mode === 1 ? parallel : Math.floor(parallel / t.count) + (t.id < parallel % t.count ? 1 : 0);
  const t0 = t.now();
  let x = (t.id + 1) * 0x9e3779b1;
  if (t.id === 0) x = burn(x, serial, false, t.shared);
  const t1 = t.now();
  t.barrier();
  const t2 = t.now();
  x = burn(x, mine, mode === 2, t.shared);
  const t3 = t.now();
  const base = 1 + 3 * t.id;
  t.shared[base] = Math.round((t1 - t0) * 1000);
  t.shared[base + 1] = Math.round((t2 - t0) * 1000);
  t.shared[base + 2] = Math.round((t3 - t0) * 1000);
  Atomics.add(t.shared, 0, x & 1);
}

function burn(x: number, units: number, contend: boolean, shared: Int32Array): number {
  for (let u = 0; u < units; u++) {
    for (let i = 0; i < 1000; i++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
    }
    if (contend) Atomics.add(shared, 0, 1);
  }
  return x;
}
`;

export const MODES = { amdahl: 0, gustafson: 1, contention: 2 } as const;
export type Mode = keyof typeof MODES;
/** Cells the kernel uses: a counter plus three marks per worker for 16 workers. */
export const KERNEL_CELLS = 1 + 3 * 16;
