/**
 * The sentences the Amdahl simulation prints under its chart, from a sweep's numbers (pure, so the
 * degenerate and noisy cases are unit-tested). A sentence appears only when the data support it:
 * a value outside what the machine can physically give, or a fit from too few points or with a
 * large error, is reported as noise (what went wrong, what to do), never as a finding.
 */
import type { SweepPoint, SweepResult } from './sweep.ts';
import { amdahl, gustafson } from './theory.ts';
import type { UslFit } from './usl-fit.ts';

export interface Finding {
  /** `fact`: a finding the data support; `noise`: a number that says more about the machine. */
  kind: 'fact' | 'noise';
  text: string;
}

export interface Findings {
  sentences: Finding[];
  /** The USL fit to draw, or null when it means nothing here (wrong workload, too few points, poor fit). */
  fit: UslFit | null;
}

/** Distinct worker counts above 1 a two-parameter fit needs before its shape means anything. */
export const MIN_FIT_COUNTS = 3;
/** A fit whose error exceeds this share of the median measured speedup describes noise. */
export const MAX_FIT_ERROR = 0.1;

type Point = Pick<SweepPoint, 'n' | 'speedup' | 'min' | 'max'>;
type Sweep = {
  points: Point[];
  fit: UslFit;
  options: Pick<SweepResult['options'], 'serialFraction' | 'mode'>;
};

const f2 = (x: number) => x.toFixed(2);

/**
 * The most this workload can gain at n workers on `cores` cores: the law's value for the workers
 * that get a core of their own. The kernel is register-only integer work (no cache to gain), so
 * nothing real exceeds it.
 */
export function physicalLimit(s: Sweep['options'], n: number, cores: number): number {
  const m = Math.min(n, cores);
  return s.mode === 'gustafson' ? gustafson(s.serialFraction, m) : amdahl(s.serialFraction, m);
}

/**
 * A point's median above the physical limit by more than its own spread (max − min of its runs):
 * the 1-worker runs it is measured against were slowed by something else.
 */
function aboveLimit(s: Sweep, p: Point, cores: number): string | null {
  const limit = physicalLimit(s.options, p.n, cores);
  if (p.speedup - limit <= Math.max(p.max - p.min, 0.02 * limit)) return null;
  return `At ${p.n} workers the measured ${f2(p.speedup)} is above the ${f2(limit)} that ${Math.min(p.n, cores)} core${Math.min(p.n, cores) > 1 ? 's' : ''} can give this job by more than its runs vary: the 1-worker runs it is compared with were slowed by another program. Measure again with other tabs closed.`;
}

export function describeSweep(r: Sweep, cores: number): Findings {
  const sentences: Finding[] = [];
  const atCores = r.points.find((p) => p.n === cores);
  if (atCores) {
    const noise = aboveLimit(r, atCores, cores);
    sentences.push(
      noise
        ? { kind: 'noise', text: noise }
        : {
            kind: 'fact',
            text: `At ${cores} workers (your cores): speedup ${f2(atCores.speedup)}, efficiency ${Math.round((100 * atCores.speedup) / cores)} %.`,
          },
    );
  }
  const last = r.points.at(-1);
  if (last && last.n > cores) {
    const noise = aboveLimit(r, last, cores);
    sentences.push(
      noise
        ? { kind: 'noise', text: noise }
        : {
            kind: 'fact',
            text: `At ${last.n} workers: ${f2(last.speedup)}. Workers beyond the cores take turns on them, so they add nothing.`,
          },
    );
  }
  const fit = usableFit(r);
  if ('reason' in fit) {
    if (fit.reason) sentences.push({ kind: 'noise', text: fit.reason });
    return { sentences, fit: null };
  }
  const top = Math.max(...r.points.map((p) => p.n));
  const { sigma, kappa, peak } = fit.fit;
  if (peak <= top) {
    sentences.push({
      kind: 'fact',
      text: `The USL fit peaks at about ${peak.toFixed(1)} workers: beyond that, adding workers makes the job slower.`,
    });
  } else if (kappa === 0 && sigma > 0) {
    sentences.push({
      kind: 'fact',
      text: `The fit finds contention (σ = ${sigma.toFixed(3)}) but no coherency cost: the curve flattens without turning down.`,
    });
  } else {
    sentences.push({
      kind: 'fact',
      text: `The USL fit would peak at about ${peak.toFixed(0)} workers, beyond the ${top} measured: no slowdown within this range.`,
    });
  }
  return { sentences, fit: fit.fit };
}

/**
 * The USL fit when it means something: the contention workload (the others have no crosstalk to
 * fit), enough worker counts, a small error, a peak at 2 workers or more. Otherwise why not (null:
 * nothing worth saying, as for the workloads the USL is not about).
 */
function usableFit(r: Sweep): { fit: UslFit } | { reason: string | null } {
  if (r.options.mode !== 'contention') return { reason: null };
  const counts = new Set(r.points.filter((p) => p.n > 1).map((p) => p.n)).size;
  if (counts < MIN_FIT_COUNTS) {
    return {
      reason: `The USL needs at least ${MIN_FIT_COUNTS} worker counts above 1 to fit its two costs; this sweep has ${counts}. Measure up to ${MIN_FIT_COUNTS + 1} workers or more.`,
    };
  }
  const speedups = r.points.map((p) => p.speedup).sort((a, b) => a - b);
  const typical = speedups[speedups.length >> 1];
  if (!(r.fit.rmse <= MAX_FIT_ERROR * typical)) {
    return {
      reason: `The USL curve misses the points by ${f2(r.fit.rmse)} on average (more than ${Math.round(MAX_FIT_ERROR * 100)} % of a typical speedup): the measurements are too noisy to fit. Measure again with other tabs closed.`,
    };
  }
  if (r.fit.peak < 2) {
    return {
      reason: `The USL fit puts its peak at ${r.fit.peak.toFixed(1)} workers, below 2: no peak to read (a single worker has nothing to contend with), so the points are too noisy to place one. Measure again with other tabs closed.`,
    };
  }
  return { fit: r.fit };
}
