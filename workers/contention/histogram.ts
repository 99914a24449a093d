/**
 * Latency histograms as the kernel writes them: bucket 0 holds transfers under 1 µs, bucket b ≥ 1
 * those in [2^((b−1)/4), 2^(b/4)) µs, so four buckets per doubling (a bucket is ±9 % wide).
 */
export const bucketUpperUs = (b: number) => 2 ** (b / 4);

/** Adds histogram `b` into `a` (same length). */
export function addInto(a: number[], b: ArrayLike<number>): void {
  for (let i = 0; i < a.length; i++) a[i] += b[i] ?? 0;
}

/**
 * The q-quantile (0 < q ≤ 1) in µs: the upper edge of the bucket holding it, so a reported p99 is
 * never below the true one by more than a bucket. NaN for an empty histogram.
 */
export function quantileUs(hist: readonly number[], q: number): number {
  const total = hist.reduce((s, n) => s + n, 0);
  if (total === 0) return NaN;
  const rank = Math.ceil(q * total);
  let seen = 0;
  for (let b = 0; b < hist.length; b++) {
    seen += hist[b];
    if (seen >= rank) return bucketUpperUs(b);
  }
  return bucketUpperUs(hist.length - 1);
}
