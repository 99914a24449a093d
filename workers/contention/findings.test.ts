import { describe, expect, it } from 'vitest';
import { describeContention, leader } from './findings.ts';
import type { ContentionPoint, StrategyPoint } from './sweep.ts';

const side = (
  strategy: StrategyPoint['strategy'],
  accounts: number,
  throughputs: number[],
  retryRate = 0,
): StrategyPoint => {
  const commits = 1000;
  return {
    strategy,
    accounts,
    throughput: [...throughputs].sort((a, b) => a - b)[throughputs.length >> 1],
    throughputs,
    commits,
    attempts: Math.round(commits / (1 - retryRate)),
    retryRate,
    waitRate: strategy === 'pessimistic' ? 0.5 : 0,
    p50Us: 200,
    p99Us: 400,
    totals: throughputs.map(() => 1000 * accounts),
    conserved: true,
  };
};
const point = (accounts: number, pes: number[], opt: number[], retry = 0): ContentionPoint => ({
  accounts,
  pessimistic: side('pessimistic', accounts, pes),
  optimistic: side('optimistic', accounts, opt, retry),
});
const sweep = (points: ContentionPoint[], repetitions = 3, tooNoisy = false) => ({
  points,
  conserved: points.every((p) => p.pessimistic.conserved && p.optimistic.conserved),
  runs: points.length * 2 * repetitions,
  noise: {
    spread: tooNoisy ? 0.6 : 0.05,
    tooNoisy,
    reason: tooNoisy ? 'Repeated runs differ by 60 %.' : null,
  },
  options: { repetitions, workers: 8 },
});
const texts = (f: { text: string }[]) => f.map((x) => x.text).join('\n');

describe('contention findings', () => {
  it('names a leader only when every run of one beats every run of the other by a margin', () => {
    expect(leader(point(2, [10, 11, 12], [5, 6, 7]))).toBe('pessimistic');
    expect(leader(point(2, [10, 11, 12], [12.5, 14, 15]))).toBe('optimistic');
    expect(leader(point(2, [10, 11, 12], [11.5, 13, 14]))).toBe('tie'); // ranges overlap
    expect(leader(point(2, [10, 10.2, 10.4], [10.5, 10.6, 10.7]))).toBe('tie'); // under 10 %
    expect(leader(point(2, [10], [20]))).toBe('tie'); // one run: no spread
  });

  it('states the crossover only when clear winners on both sides bracket it', () => {
    const f = describeContention(
      sweep([
        point(2, [10, 11, 12], [5, 6, 7], 0.85),
        point(100, [20, 21, 22], [30, 31, 32], 0.1),
        point(10_000, [40, 41, 42], [40, 42, 43], 0.001),
      ]),
    );
    const t = texts(f);
    expect(t).toMatch(/Money conserved in all 18 runs/);
    expect(t).toMatch(
      /With 2 accounts, optimistic made 6\.7 attempts per committed transfer \(85 %/,
    );
    expect(t).toMatch(/Optimistic committed clearly more .* with 100 accounts/);
    expect(t).toMatch(/Pessimistic committed clearly more .* with 2 accounts/);
    expect(t).toMatch(/With 10,000 accounts neither is clearly ahead/);
    expect(t).toMatch(/They cross between 2 and 100 accounts/);
    expect(f.every((x) => x.kind === 'fact')).toBe(true);
  });

  it('says nothing about a crossover when the winners are not ordered, or there is only one side', () => {
    const mixed = texts(
      describeContention(
        sweep([point(2, [5, 6, 7], [10, 11, 12]), point(100, [30, 31, 32], [20, 21, 22])]),
      ),
    );
    expect(mixed).not.toMatch(/cross/);
    const oneSide = texts(describeContention(sweep([point(2, [5, 6, 7], [10, 11, 12])])));
    expect(oneSide).not.toMatch(/cross|Pessimistic committed/);
  });

  it('one repetition names no winner; a noisy machine and lost money are flagged', () => {
    const single = describeContention(sweep([point(2, [10], [5])], 1));
    expect(texts(single)).toMatch(/One run per point/);
    expect(texts(single)).not.toMatch(/clearly/);
    const noisy = describeContention(sweep([point(2, [10, 11, 12], [5, 6, 7])], 3, true));
    expect(noisy.at(-1)).toEqual({ kind: 'noise', text: 'Repeated runs differ by 60 %.' });
    const broken = point(2, [10, 11, 12], [5, 6, 7]);
    broken.optimistic.conserved = false;
    broken.optimistic.totals = [2000, 2003, 2000];
    const lost = describeContention({ ...sweep([broken]), conserved: false });
    expect(lost[0]).toMatchObject({ kind: 'noise' });
    expect(lost[0].text).toMatch(
      /NOT conserved \(optimistic, 2 accounts: totals 2,000, 2,003, 2,000\)/,
    );
  });
});
