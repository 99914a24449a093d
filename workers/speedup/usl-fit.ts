import { uslPeak } from './theory.ts';

export interface UslFit {
  sigma: number;
  kappa: number;
  /** Workers at which the fitted curve peaks (Infinity when κ = 0). */
  peak: number;
  /** Root-mean-square error of the fit, in speedup units. */
  rmse: number;
}

/**
 * Fits the Universal Scalability Law to measured (n, speedup) points.
 * Gunther's linearisation: n / S(n) − 1 = σ·(n − 1) + κ·n·(n − 1), a least-squares fit with no
 * intercept in two unknowns, with σ, κ ≥ 0 (a negative one is clamped and the other refitted).
 */
export function fitUsl(points: ReadonlyArray<{ n: number; speedup: number }>): UslFit {
  const usable = points.filter((p) => p.n > 1 && p.speedup > 0 && Number.isFinite(p.speedup));
  if (usable.length === 0) return { sigma: 0, kappa: 0, peak: Infinity, rmse: 0 };
  let a11 = 0,
    a12 = 0,
    a22 = 0,
    b1 = 0,
    b2 = 0;
  for (const { n, speedup } of usable) {
    const x1 = n - 1;
    const x2 = n * (n - 1);
    const y = n / speedup - 1;
    a11 += x1 * x1;
    a12 += x1 * x2;
    a22 += x2 * x2;
    b1 += x1 * y;
    b2 += x2 * y;
  }
  const det = a11 * a22 - a12 * a12;
  let sigma = det !== 0 ? (b1 * a22 - b2 * a12) / det : b1 / a11;
  let kappa = det !== 0 ? (a11 * b2 - a12 * b1) / det : 0;
  if (sigma < 0 || kappa < 0) {
    // One-parameter fits on the boundary; keep the better one.
    const sOnly = Math.max(0, b1 / a11);
    const kOnly = Math.max(0, b2 / a22);
    const err = (s: number, k: number) =>
      usable.reduce(
        (e, p) => e + (p.n / p.speedup - 1 - s * (p.n - 1) - k * p.n * (p.n - 1)) ** 2,
        0,
      );
    [sigma, kappa] = err(sOnly, 0) <= err(0, kOnly) ? [sOnly, 0] : [0, kOnly];
  }
  sigma = Math.min(sigma, 1);
  const rmse = Math.sqrt(
    usable.reduce(
      (e, p) => e + (p.speedup - p.n / (1 + sigma * (p.n - 1) + kappa * p.n * (p.n - 1))) ** 2,
      0,
    ) / usable.length,
  );
  return { sigma, kappa, peak: uslPeak(sigma, kappa), rmse };
}
