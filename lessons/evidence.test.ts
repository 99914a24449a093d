import { describe, expect, it } from 'vitest';
import { countText, exploreCounter, runCounter } from './evidence.ts';
import type { CheckContext } from './check-api.ts';
import type { ExploreResult } from '../workers/explore/api.ts';
import type { RunResult } from '../workers/pool/pool.ts';

const explored = (over: Partial<ExploreResult>): ExploreResult =>
  ({
    complete: true,
    stopReason: null,
    reduction: 'por',
    counting: '',
    unit: 'classes of equivalent schedules',
    model: 'sequential consistency',
    outcomes: [{ memory: [4], violations: [], schedules: 3, example: [0, 1] }],
    violations: [],
    dataRaces: [],
    error: null,
    stats: { schedules: 3, pruned: 0, steps: 10, ms: 1, preemptionBound: 2 },
    ...over,
  }) as unknown as ExploreResult;

const ctx = (r: ExploreResult, memory = [2_000_000]): CheckContext => ({
  source: '',
  transport: 'shared',
  cores: 2,
  explore: async () => r,
  run: async () =>
    ({
      status: 'ok',
      memory,
      threads: [],
      overlaps: 0,
      wallMs: 1,
      transport: 'shared',
    }) as RunResult,
});

describe('exploreCounter: Explore decides', () => {
  it('passes when every schedule ends at threads × increments', async () => {
    expect(await exploreCounter(ctx(explored({})), 2, 2)).toMatchObject({ ok: true });
  });
  it('fails with the schedule when one loses an update', async () => {
    const r = explored({
      outcomes: [
        { memory: [4], violations: [], schedules: 2, example: [0, 1] },
        { memory: [3], violations: [], schedules: 1, example: [0, 1, 0, 1] },
      ],
    });
    const e = await exploreCounter(ctx(r), 2, 2);
    expect(e.ok).toBe(false);
    if (!e.ok) {
      expect(e.outcome.verdict).toBe('fail');
      expect(e.outcome.message).toMatch(/ends at 3, not 4: T0 T1 T0 T1/);
    }
  });
  it('fails a data race even when every outcome is right (SC is not what hardware gives)', async () => {
    const r = explored({
      dataRaces: [
        {
          cell: 1,
          lines: [3, 5],
          threads: [0, 1],
          accesses: ['plain write', 'plain read'],
          schedule: [0, 1],
        },
      ],
    } as Partial<ExploreResult>);
    const e = await exploreCounter(ctx(r), 2, 2);
    expect(e.ok).toBe(false);
    if (!e.ok) expect(e.outcome.message).toMatch(/Data race on t.shared\[1\]: line 3 .* line 5/);
  });
  it('is inconclusive, never a pass, when the search did not finish', async () => {
    const e = await exploreCounter(ctx(explored({ complete: false, stopReason: 'budget' })), 2, 2);
    expect(e.ok).toBe(false);
    if (!e.ok) expect(e.outcome.verdict).toBe('inconclusive');
  });
});

describe('runCounter: real runs only add failures', () => {
  it('fails a run that lost updates, with the numbers', async () => {
    const e = await runCounter(ctx(explored({}), [1_999_990]), 2, 1_000_000, 3);
    expect(e.ok).toBe(false);
    if (!e.ok) expect(e.outcome.message).toMatch(/reached 1,999,990, not 2,000,000: 10 updates/);
  });
});

describe('countText', () => {
  it.each([
    [1, 'schedules', '1 schedule'],
    [4, 'schedules', '4 schedules'],
    [1, 'classes of equivalent schedules', '1 class of equivalent schedules'],
    [7134, 'classes of equivalent schedules', '7134 classes of equivalent schedules'],
  ])('%i %s', (n, unit, text) => expect(countText(n, unit)).toBe(text));
});
