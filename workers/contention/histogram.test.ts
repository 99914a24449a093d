import { describe, expect, it } from 'vitest';
import { addInto, bucketUpperUs, quantileUs } from './histogram.ts';

describe('latency histogram', () => {
  it('four buckets per doubling', () => {
    expect(bucketUpperUs(0)).toBe(1);
    expect(bucketUpperUs(4)).toBe(2);
    expect(bucketUpperUs(40)).toBe(1024);
  });

  it('quantiles are the upper edge of the bucket that holds them', () => {
    const h = new Array(64).fill(0);
    h[4] = 98; // 98 transfers in (1.68, 2] µs
    h[40] = 2; // 2 slow ones in (861, 1024] µs
    expect(quantileUs(h, 0.5)).toBe(2);
    expect(quantileUs(h, 0.98)).toBe(2);
    expect(quantileUs(h, 0.99)).toBe(1024);
    expect(quantileUs(new Array(64).fill(0), 0.5)).toBeNaN();
  });

  it('adds histograms bucket by bucket', () => {
    const a = [1, 2, 3];
    addInto(a, [1, 0, 5]);
    expect(a).toEqual([2, 2, 8]);
  });
});
