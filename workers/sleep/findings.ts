/**
 * Sentences from a spin-vs-sleep measurement, only where the data support them: one lock "did more"
 * only when every run of it beat every run of the other (ranges that do not overlap). Otherwise the
 * finding says the runs overlap and why that may be. Pure: unit-tested with made-up measurements.
 */
import type { LockKind, Measurement } from './contention.ts';

export interface Range {
  min: number;
  max: number;
  median: number;
}

export type Winner = LockKind | 'overlap';

export interface Comparison {
  spin: Range;
  sleep: Range;
  winner: Winner;
  /** Median of the winner over median of the loser (≥ 1); null on overlap. */
  ratio: number | null;
}

export interface Findings {
  rounds: Comparison;
  bystander: Comparison;
  /** Sentences for the page, in order. */
  sentences: string[];
}

export function rangeOf(values: number[]): Range {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { min: sorted[0], max: sorted[sorted.length - 1], median };
}

export function compare(ms: Measurement[], pick: (m: Measurement) => number): Comparison {
  const spin = rangeOf(ms.filter((m) => m.kind === 'spin').map(pick));
  const sleep = rangeOf(ms.filter((m) => m.kind === 'sleep').map(pick));
  const winner: Winner = sleep.min > spin.max ? 'sleep' : spin.min > sleep.max ? 'spin' : 'overlap';
  const ratio =
    winner === 'overlap'
      ? null
      : winner === 'sleep'
        ? sleep.median / Math.max(spin.median, 1e-9)
        : spin.median / Math.max(sleep.median, 1e-9);
  return { spin, sleep, winner, ratio };
}

const num = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
export const rangeText = (r: Range) =>
  r.min === r.max ? num(r.min) : `${num(r.min)}–${num(r.max)}`;
const times = (ratio: number) => (ratio >= 10 ? ratio.toFixed(0) : ratio.toFixed(1));

export function describeContention(ms: Measurement[], lockers: number, cores: number): Findings {
  const rounds = compare(ms, (m) => m.roundsPerMs);
  const bystander = compare(ms, (m) => m.bystanderRate);
  const runs = ms.filter((m) => m.kind === 'spin').length;
  const every = runs === 1 ? 'in the one run of each' : `in every one of the ${runs} runs of each`;
  const threads = lockers + 1;
  const sentences: string[] = [];

  if (rounds.winner === 'sleep') {
    sentences.push(
      `Your sleeping lock got through ${times(rounds.ratio!)}× as many lock rounds per ms as the spinlock ` +
        `(${rangeText(rounds.sleep)} against ${rangeText(rounds.spin)}), ${every}.` +
        (threads > cores
          ? ` With ${threads} threads on ${cores} cores, a spinner burns the time slice the lock holder needs to finish.`
          : ''),
    );
  } else if (rounds.winner === 'spin') {
    sentences.push(
      `The spinlock got through ${times(rounds.ratio!)}× as many lock rounds per ms as your sleeping lock ` +
        `(${rangeText(rounds.spin)} against ${rangeText(rounds.sleep)}), ${every}.` +
        (threads <= cores
          ? ' Every thread has a core of its own here, so nobody needs the CPU a spinner burns, and a sleep and a wake-up only add delay.'
          : ' Going to sleep and being woken costs a trip through the operating system; here that cost was larger than what spinning wasted.'),
    );
  } else {
    sentences.push(
      `Lock rounds per ms overlap between the two locks (spinlock ${rangeText(rounds.spin)}, yours ` +
        `${rangeText(rounds.sleep)}): no clear winner in these runs. The machine may be busy with other ` +
        'work; measure again, or change the number of threads.',
    );
  }

  if (bystander.winner === 'sleep') {
    sentences.push(
      `The bystander, which never takes the lock, got ${times(bystander.ratio!)}× as much work done ` +
        `beside your lock as beside the spinlock: sleeping threads leave the CPU to others.`,
    );
  } else if (bystander.winner === 'spin') {
    sentences.push(
      'The bystander got more work done beside the spinlock than beside your lock in these runs.',
    );
  } else {
    sentences.push(
      `The bystander's work overlaps between the two locks (${rangeText(bystander.spin)} against ` +
        `${rangeText(bystander.sleep)} chunks per ms): no clear difference for it in these runs.`,
    );
  }

  const spinRuns = ms.filter((m) => m.kind === 'spin');
  const failed = spinRuns.reduce((a, m) => a + m.spins, 0);
  const done = spinRuns.reduce((a, m) => a + m.rounds, 0);
  if (failed > 0 && done > 0)
    sentences.push(
      `Spinners tried and failed to take the lock ${Math.round(failed / done).toLocaleString('en')} times per round they completed.`,
    );
  return { rounds, bystander, sentences };
}
