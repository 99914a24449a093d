/**
 * A bench figure: one number measured in headless Chromium beside a reference measured in the same
 * run (a bare loop, a popular npm library), so the ratio means something on a noisy machine.
 * Figure modules live in bench/figures/*.ts and export `figures: BenchFigure[]`; the bench page
 * (bench/index.html) discovers them with import.meta.glob, so adding a file is all it takes.
 */
export interface BenchResult {
  /** The measured value. */
  value: number;
  /** The reference's value in the same unit, measured in the same run; null when there is none. */
  reference: number | null;
  /** What the reference is ("bare Atomics.add loop in a plain worker", "hashring npm 3.2"). */
  referenceName: string;
  /** Optional target, printed beside the ratio (e.g. ">= 0.9 x reference"). */
  target?: string;
  /** Whether the target was met, when there is one. */
  met?: boolean;
  /** Free-form details kept in the JSON output. */
  details?: Record<string, unknown>;
}

export interface BenchFigure {
  /** Stable id, e.g. "race.atomic-increments-per-second". */
  name: string;
  /** Unit of value and reference, e.g. "ops/s", "ms", "KiB gzip", "%". */
  unit: string;
  run(): Promise<BenchResult>;
}
