import { describe, expect, it } from 'vitest';
import type { Measurement } from './contention.ts';
import { compare, describeContention, rangeOf } from './findings.ts';

const m = (
  kind: 'spin' | 'sleep',
  roundsPerMs: number,
  bystanderRate: number,
  spins = 0,
): Measurement => ({
  kind,
  rounds: roundsPerMs * 250,
  roundsPerMs,
  bystanderRate,
  spins,
  wallMs: 260,
});

describe('spin vs sleep findings', () => {
  it('medians and ranges', () => {
    expect(rangeOf([3, 1, 2])).toEqual({ min: 1, max: 3, median: 2 });
    expect(rangeOf([4, 1, 2, 3]).median).toBe(2.5);
  });

  it('sleep wins only when every run of it beats every run of the spinlock', () => {
    // Measured here with 8 lockers on 2 cores (rounds/ms, bystander chunks/ms).
    const ms = [
      m('spin', 5.2, 2.8, 2e6),
      m('sleep', 23.7, 34),
      m('spin', 6.4, 5.1, 3e6),
      m('sleep', 25.2, 72.7),
      m('spin', 2.8, 23, 7e6),
      m('sleep', 13.3, 57),
    ];
    const f = describeContention(ms, 8, 2);
    expect(f.rounds.winner).toBe('sleep');
    expect(f.sentences[0]).toMatch(
      /^Your sleeping lock got through 4\.6× as many lock rounds per ms as the spinlock \(13\.3–25\.2 against 2\.80–6\.40\), in every one of the 3 runs of each\. With 9 threads on 2 cores/,
    );
    expect(f.bystander.winner).toBe('sleep');
    expect(f.sentences[2]).toMatch(/times per round/);
  });

  it('one slow run of the sleeping lock makes the verdict "overlap", not a win', () => {
    const ms = [m('spin', 5, 3), m('sleep', 20, 30), m('spin', 6, 4), m('sleep', 5.5, 30)];
    const f = describeContention(ms, 8, 2);
    expect(f.rounds.winner).toBe('overlap');
    expect(f.sentences[0]).toMatch(/overlap.*no clear winner.*busy/);
    expect(f.sentences.join(' ')).not.toMatch(/as many lock rounds/);
  });

  it('spinning may win with a core per thread, and the sentence says why', () => {
    const f = describeContention([m('spin', 40, 10), m('sleep', 12, 10.5)], 1, 4);
    expect(f.rounds.winner).toBe('spin');
    expect(f.sentences[0]).toMatch(/in the one run of each\. Every thread has a core of its own/);
    expect(compare([m('spin', 40, 10), m('sleep', 12, 10.5)], (x) => x.bystanderRate).winner).toBe(
      'sleep',
    );
  });
});
