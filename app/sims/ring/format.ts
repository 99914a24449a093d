/** Number formats the ring experiments share. */

/** Lookups per second, rounded to what a noisy measurement can tell: "12.3 M/s". */
export const rate = (x: number) =>
  x >= 1e6 ? `${(x / 1e6).toFixed(1)} M/s` : `${Math.round(x / 1e3).toLocaleString('en')} k/s`;

export const pct = (x: number, digits = 1) => `${(100 * x).toFixed(digits)} %`;
