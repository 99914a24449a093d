export const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

export interface Noise {
  /** Median over the worker counts of (max − min) / median of the repeated times. */
  spread: number;
  tooNoisy: boolean;
  reason: string | null;
}

/** Repeated times per worker count → a verdict the page can show. */
export function noiseOf(timesByN: ReadonlyArray<readonly number[]>, limit = 0.25): Noise {
  const spreads = timesByN
    .filter((t) => t.length > 1)
    .map((t) => (Math.max(...t) - Math.min(...t)) / median(t));
  if (spreads.length === 0) return { spread: 0, tooNoisy: false, reason: null };
  const spread = median(spreads);
  const tooNoisy = spread > limit;
  return {
    spread,
    tooNoisy,
    reason: tooNoisy
      ? `Repeated runs differ by ${Math.round(spread * 100)} % (median): something else is using the cores. Close other tabs or run again.`
      : null,
  };
}
