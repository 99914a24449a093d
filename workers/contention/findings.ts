/**
 * The sentences the contention panel prints under its charts, from a sweep's numbers (pure, so the
 * noisy and degenerate cases are unit-tested). A winner is named only where the repeated runs do
 * not overlap; a crossover only where clear winners on both sides say where it is.
 */
import type { ContentionPoint, ContentionResult, StrategyPoint } from './sweep.ts';

export interface Finding {
  /** `fact`: supported by the data; `noise`: the machine, not the strategies, decided the number. */
  kind: 'fact' | 'noise';
  text: string;
}

/** A throughput lead smaller than this share is not called a win even when the runs do not overlap. */
export const MIN_LEAD = 0.1;

export type Leader = 'pessimistic' | 'optimistic' | 'tie';

const n = (x: number) => x.toLocaleString('en');
const pct = (x: number) => `${x < 0.01 && x > 0 ? (100 * x).toFixed(1) : Math.round(100 * x)} %`;
const perCommit = (p: StrategyPoint) => (p.commits ? p.attempts / p.commits : NaN);

/** Which strategy clearly committed more per second here: every run of one above every run of the other. */
export function leader(p: Pick<ContentionPoint, 'pessimistic' | 'optimistic'>): Leader {
  const a = p.pessimistic.throughputs;
  const b = p.optimistic.throughputs;
  if (a.length < 2 || b.length < 2) return 'tie';
  const lead = (x: number[], y: number[]) =>
    Math.min(...x) > Math.max(...y) && Math.min(...x) > (1 + MIN_LEAD) * median(y);
  if (lead(a, b)) return 'pessimistic';
  if (lead(b, a)) return 'optimistic';
  return 'tie';
}

function median(xs: number[]): number {
  const s = [...xs].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

type Sweep = Pick<ContentionResult, 'points' | 'conserved' | 'runs' | 'noise'> & {
  options: Pick<ContentionResult['options'], 'repetitions' | 'workers'>;
};

export function describeContention(r: Sweep): Finding[] {
  const out: Finding[] = [];
  const all = r.points.flatMap((p) => [p.pessimistic, p.optimistic]);
  if (r.conserved) {
    out.push({
      kind: 'fact',
      text: `Money conserved in all ${r.runs} runs: every bank ended with exactly the total it started with.`,
    });
  } else {
    const bad = all.find((s) => !s.conserved)!;
    out.push({
      kind: 'noise',
      text: `Money was NOT conserved (${bad.strategy}, ${n(bad.accounts)} accounts: totals ${bad.totals.map(n).join(', ')}). That is a bug in the workload, not a finding: please report it.`,
    });
  }

  const hot = r.points[0];
  const cold = r.points.at(-1)!;
  if (hot && hot.optimistic.commits > 0) {
    out.push({
      kind: 'fact',
      text:
        `With ${n(hot.accounts)} accounts, optimistic made ${perCommit(hot.optimistic).toFixed(1)} attempts per committed ` +
        `transfer (${pct(hot.optimistic.retryRate)} of its commits failed and the work was redone); ` +
        `pessimistic made exactly 1 and instead waited for a lock in ${pct(Math.min(1, hot.pessimistic.waitRate))} of its transfers.`,
    });
  }
  if (cold && cold !== hot && cold.optimistic.commits > 0) {
    out.push({
      kind: 'fact',
      text: `With ${n(cold.accounts)} accounts, ${pct(cold.optimistic.retryRate)} of optimistic commits failed and ${pct(Math.min(1, cold.pessimistic.waitRate))} of pessimistic transfers waited: conflicts are rare.`,
    });
  }

  if (r.options.repetitions < 2) {
    out.push({
      kind: 'noise',
      text: 'One run per point shows no spread, so no winner is named. Measure with 3 repetitions.',
    });
    return out;
  }
  const leads = r.points.map((p) => ({ accounts: p.accounts, who: leader(p) }));
  const list = (who: Leader) =>
    leads
      .filter((l) => l.who === who)
      .map((l) => n(l.accounts))
      .join(', ');
  const opt = list('optimistic');
  const pes = list('pessimistic');
  if (opt)
    out.push({
      kind: 'fact',
      text: `Optimistic committed clearly more transfers per second with ${opt} accounts.`,
    });
  if (pes)
    out.push({
      kind: 'fact',
      text: `Pessimistic committed clearly more transfers per second with ${pes} accounts.`,
    });
  const ties = list('tie');
  if (ties)
    out.push({
      kind: 'fact',
      text: `With ${ties} accounts neither is clearly ahead: their repeated runs overlap (or differ by under ${Math.round(MIN_LEAD * 100)} %).`,
    });
  // A crossover: every clear pessimistic win at fewer accounts than every clear optimistic win.
  const lastPes = Math.max(...leads.filter((l) => l.who === 'pessimistic').map((l) => l.accounts));
  const firstOpt = Math.min(...leads.filter((l) => l.who === 'optimistic').map((l) => l.accounts));
  if (opt && pes && lastPes < firstOpt) {
    out.push({
      kind: 'fact',
      text: `They cross between ${n(lastPes)} and ${n(firstOpt)} accounts: with fewer, locking wins; with more, optimism does.`,
    });
  }
  if (r.noise.tooNoisy && r.noise.reason) out.push({ kind: 'noise', text: r.noise.reason });
  return out;
}
