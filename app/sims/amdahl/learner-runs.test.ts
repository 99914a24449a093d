import { describe, expect, it } from 'vitest';
import { learnerSpeedups, type LearnerRun } from './learner-runs.ts';
import type { RunResult } from '../../../workers/pool/pool.ts';

/** A finished run whose threads all ran from 0 to `ms`. */
function run(threads: number, ms: number, code = 'A', n = 10): LearnerRun {
  const result = {
    status: 'ok',
    transport: 'shared',
    memory: [],
    overlaps: 0,
    wallMs: ms + 5,
    threads: Array.from({ length: threads }, (_, id) => ({
      id,
      startedAt: 1000,
      endedAt: 1000 + ms,
      logs: [],
      error: null,
    })),
  } as unknown as RunResult; // only the fields the speedup reads
  return { threads, params: { n }, code, result };
}

describe('learnerSpeedups', () => {
  it('medians per thread count against the 1-thread median', () => {
    const pts = learnerSpeedups(
      [run(1, 60), run(1, 64), run(1, 62), run(2, 31), run(2, 33), run(2, 40)],
      'A',
    );
    expect(pts.map((p) => [p.threads, p.runs, p.medianMs])).toEqual([
      [1, 3, 62],
      [2, 3, 33],
    ]);
    expect(pts[1].speedup).toBeCloseTo(62 / 33);
  });

  it.each([
    ['no runs', [], 0],
    ['only runs of other code', [run(1, 60, 'B'), run(2, 30, 'B')], 0],
    ['other sizes than the latest run are other jobs', [run(1, 60, 'A', 5), run(2, 30)], 1],
  ] as const)('%s', (_, runs, points) => {
    expect(learnerSpeedups([...runs], 'A')).toHaveLength(points);
  });

  it('no speedup without a 1-thread run to compare with', () => {
    expect(learnerSpeedups([run(2, 30), run(4, 20)], 'A').map((p) => p.speedup)).toEqual([
      null,
      null,
    ]);
  });

  it('leaves out failed and simulated runs', () => {
    const simulated = run(2, 30);
    simulated.result = { ...simulated.result, transport: 'simulated' } as RunResult;
    const timeout = { ...run(2, 10), result: { status: 'timeout' } as unknown as RunResult };
    expect(learnerSpeedups([run(1, 60), simulated, timeout], 'A')).toHaveLength(1);
  });
});
