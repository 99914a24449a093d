import { describe, expect, it } from 'vitest';
import { fitUsl } from './usl-fit.ts';
import { amdahl, ceiling, gustafson, usl, uslPeak } from './theory.ts';

/** Deterministic noise in ±amplitude (a fixed LCG, so the test never flakes). */
function noisy(amplitude: number) {
  let x = 12345;
  return (v: number) => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return v * (1 + amplitude * ((x / 2 ** 32) * 2 - 1));
  };
}

describe('speedup laws', () => {
  it('Amdahl: never above 1/s, and exact at the ends', () => {
    expect(amdahl(0, 8)).toBeCloseTo(8);
    expect(amdahl(1, 8)).toBeCloseTo(1);
    expect(amdahl(0.5, 2)).toBeCloseTo(4 / 3);
    expect(amdahl(0.1, 1e9)).toBeLessThan(ceiling(0.1));
    expect(ceiling(0.1)).toBeCloseTo(10);
  });
  it('Gustafson grows linearly', () => expect(gustafson(0.2, 10)).toBeCloseTo(8.2));
  it('USL peaks at sqrt((1 − σ)/κ)', () => {
    const peak = uslPeak(0.05, 0.01);
    expect(usl(0.05, 0.01, Math.floor(peak))).toBeGreaterThan(
      usl(0.05, 0.01, Math.floor(peak) + 3),
    );
  });
});

describe('USL fit', () => {
  it.each([
    [0.05, 0.002],
    [0.1, 0.01],
    [0.02, 0.0005],
    [0.3, 0.02],
  ])('recovers σ = %f, κ = %f within 10 % from exact data', (sigma, kappa) => {
    const points = Array.from({ length: 16 }, (_, i) => ({
      n: i + 1,
      speedup: usl(sigma, kappa, i + 1),
    }));
    const fit = fitUsl(points);
    expect(Math.abs(fit.sigma - sigma) / sigma).toBeLessThan(0.1);
    expect(Math.abs(fit.kappa - kappa) / kappa).toBeLessThan(0.1);
    expect(fit.peak).toBeCloseTo(uslPeak(sigma, kappa), 1);
  });

  it.each([
    [0.05, 0.002],
    [0.1, 0.01],
  ])(
    'recovers σ = %f, κ = %f within 10 % with ±1 % noise, three repetitions per n',
    (sigma, kappa) => {
      const jitter = noisy(0.01);
      const points = Array.from({ length: 48 }, (_, i) => {
        const n = (i % 16) + 1;
        return { n, speedup: jitter(usl(sigma, kappa, n)) };
      });
      const fit = fitUsl(points);
      expect(Math.abs(fit.sigma - sigma) / sigma).toBeLessThan(0.1);
      expect(Math.abs(fit.kappa - kappa) / kappa).toBeLessThan(0.1);
    },
  );

  it('perfect scaling fits σ = κ = 0 and never peaks', () => {
    const fit = fitUsl([1, 2, 4, 8].map((n) => ({ n, speedup: n })));
    expect(fit.sigma).toBeCloseTo(0);
    expect(fit.kappa).toBeCloseTo(0);
    expect(fit.peak).toBe(Infinity);
  });

  it('pure Amdahl data fits κ = 0 and σ = s', () => {
    const fit = fitUsl([1, 2, 3, 4, 6, 8].map((n) => ({ n, speedup: amdahl(0.25, n) })));
    expect(fit.sigma).toBeCloseTo(0.25, 3);
    expect(fit.kappa).toBeCloseTo(0, 5);
  });
});
