/** Bins final counter values of repeated runs for the histogram; pure so it is unit-tested. */
export interface Bin {
  label: string;
  from: number;
  to: number;
  runs: number;
  exact: boolean;
}

export function binFinalValues(values: number[], expected: number, maxBins = 12): Bin[] {
  if (values.length === 0) return [];
  const lo = Math.min(...values, expected);
  const hi = Math.max(...values, expected);
  const exactRuns = values.filter((v) => v === expected).length;
  const others = values.filter((v) => v !== expected);
  const bins: Bin[] = [];
  if (others.length > 0) {
    const span = Math.max(1, hi - lo);
    const count = Math.min(maxBins, Math.max(1, new Set(others).size));
    const width = Math.ceil(span / count);
    for (let i = 0; i < count; i++) {
      const from = lo + i * width;
      const to = i === count - 1 ? Math.max(from, expected - 1, hi) : from + width - 1;
      const runs = others.filter(
        (v) => v >= from && (i === count - 1 ? v <= to : v < from + width),
      ).length;
      bins.push({
        label: compact(from) + (to > from ? `–${compact(to)}` : ''),
        from,
        to,
        runs,
        exact: false,
      });
    }
  }
  bins.push({
    label: `${compact(expected)} (exact)`,
    from: expected,
    to: expected,
    runs: exactRuns,
    exact: true,
  });
  return bins;
}

export function compact(n: number): string {
  if (Math.abs(n) >= 1e6) return `${+(n / 1e6).toFixed(2)}M`;
  if (Math.abs(n) >= 1e4) return `${+(n / 1e3).toFixed(1)}k`;
  return n.toLocaleString('en');
}
