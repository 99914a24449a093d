/** Grouping finished executions into outcomes, violations and data races (for explorer.ts). */
import type { Execution } from './machine.ts';
import type { DataRace } from './races.ts';
import type { Violation } from './types.ts';

/** A violation without its thread-specific details, for grouping final states. */
export type ViolationSummary =
  | { kind: 'assert' | 'error'; message: string; line: number | null }
  | { kind: 'mutual-exclusion'; section: string; line: number }
  | { kind: 'deadlock'; text: string };

export interface Outcome {
  /** Final shared memory. */
  memory: number[];
  violations: ViolationSummary[];
  /** Schedules (reduction none) or explored classes of equivalent schedules (por) that ended here. */
  schedules: number;
  /** One schedule reaching it: the thread id chosen at each step. */
  example: number[];
  /** Store-buffer mode: no schedule under sequential consistency reaches it (see scComparison). */
  onlyWithBuffers?: boolean;
}

/**
 * A violation with the schedule prefix that leads to it, how many explored schedules (or classes)
 * hit it, and the preemptions in the first schedule found (the search tries few preemptions first).
 */
export type FoundViolation = Violation & { schedule: number[]; count: number; preemptions: number };

/** A data race with a schedule in which it happens. */
export type FoundRace = DataRace & { schedule: number[] };

export class Tally {
  readonly outcomes = new Map<string, Outcome>();
  readonly violations = new Map<string, FoundViolation>();
  readonly races: FoundRace[] = [];

  /** `pre[d]`: preemptions among the first d steps of `schedule`. */
  record(ex: Execution, schedule: number[], pre: ArrayLike<number>) {
    const memory = ex.memory();
    const summaries: ViolationSummary[] = [];
    const seen = new Set<string>();
    for (const v of ex.violations) {
      const s = summarize(v);
      const key = JSON.stringify(s);
      if (seen.has(key)) continue;
      seen.add(key);
      summaries.push(s);
      const found = this.violations.get(key);
      if (found) found.count++;
      else
        this.violations.set(key, {
          ...v,
          schedule: schedule.slice(0, v.step),
          count: 1,
          preemptions: pre[Math.min(v.step, schedule.length)],
        });
    }
    this.addRaces(ex, schedule);
    const key = `${memory.join(',')}|${summaries.map((s) => JSON.stringify(s)).join('|')}`;
    const o = this.outcomes.get(key);
    if (o) o.schedules++;
    else
      this.outcomes.set(key, {
        memory,
        violations: summaries,
        schedules: 1,
        example: [...schedule],
      });
  }

  /** Races are a property of the program: one found in any execution (even a cut one) counts. */
  addRaces(ex: Execution, schedule: number[]) {
    // The machine reports each race once per exploration (see RaceDetector's `known`).
    for (const r of ex.races) this.races.push({ ...r, schedule: [...schedule] });
  }
}

function summarize(v: Violation): ViolationSummary {
  switch (v.kind) {
    case 'assert':
    case 'error':
      return { kind: v.kind, message: v.message, line: v.line };
    case 'mutual-exclusion':
      return { kind: v.kind, section: v.section, line: v.line };
    case 'deadlock':
      return {
        kind: 'deadlock',
        text: v.waits.map((w) => `thread ${w.thread} ${w.text}`).join('; '),
      };
  }
}
