import { describe, expect, it } from 'vitest';
import { binFinalValues } from './histogram.ts';

describe('binFinalValues', () => {
  it('counts every run exactly once', () => {
    const values = [1_200_000, 1_500_000, 2_000_000, 1_999_999, 1_000_001, 2_000_000];
    const bins = binFinalValues(values, 2_000_000);
    expect(bins.reduce((s, b) => s + b.runs, 0)).toBe(values.length);
    expect(bins.at(-1)).toMatchObject({ exact: true, runs: 2 });
  });

  it('has only the exact bin when nothing is lost', () => {
    expect(binFinalValues([10, 10, 10], 10)).toEqual([
      { label: '10 (exact)', from: 10, to: 10, runs: 3, exact: true },
    ]);
  });

  it('is empty without runs', () => expect(binFinalValues([], 5)).toEqual([]));
});
