/** Speedup laws, as the lesson states them. s is the serial fraction (0…1), n the worker count. */

/** Amdahl: a fixed job whose serial part does not shrink. */
export const amdahl = (s: number, n: number) => 1 / (s + (1 - s) / n);

/** The ceiling Amdahl's law never crosses however many workers: 1/s. */
export const ceiling = (s: number) => (s > 0 ? 1 / s : Infinity);

/** Gustafson: the job grows with n (each worker gets a full parallel share); scaled speedup. */
export const gustafson = (s: number, n: number) => s + (1 - s) * n;

/** Universal Scalability Law: σ contention (queueing), κ coherency (crosstalk between workers). */
export const usl = (sigma: number, kappa: number, n: number) =>
  n / (1 + sigma * (n - 1) + kappa * n * (n - 1));

/** Where the USL curve peaks: past this many workers, adding one makes the job slower. */
export const uslPeak = (sigma: number, kappa: number) =>
  kappa > 0 ? Math.sqrt((1 - sigma) / kappa) : Infinity;
