import { describe, expect, it } from 'vitest';
import { runChecks, type CheckContext } from '../check-api.ts';
import type { RunResult } from '../../workers/pool/pool.ts';
import checks from './checks.ts';

/** A context whose runs all finish at once with `sum` in the shared total (no threads needed). */
function ctx(over: Partial<CheckContext>, sum = 0): CheckContext {
  return {
    source: 'export default function () {}',
    transport: 'shared',
    cores: 2,
    run: async ({ threads }) =>
      ({
        status: 'ok',
        transport: over.transport ?? 'shared',
        memory: [sum],
        overlaps: 0,
        wallMs: 1,
        threads: Array.from({ length: threads }, (_, id) => ({
          id,
          startedAt: 0,
          endedAt: 1,
          logs: [],
          error: null,
        })),
      }) as unknown as RunResult, // the fields the checks read
    explore: () => Promise.reject(new Error('unused')),
    ...over,
  };
}

describe('Amdahl checks without a speedup to measure', () => {
  it('simulated threads: the timing checks are inconclusive and say to open a real tab', async () => {
    const r = await runChecks(checks, ctx({ transport: 'simulated' }));
    expect(r.results.slice(1).map((o) => o.verdict)).toEqual(['inconclusive', 'inconclusive']);
    for (const o of r.results.slice(1)) expect(o.message).toMatch(/one core.*own tab/);
  });

  it('one core: the speedup check is inconclusive, not passed', async () => {
    const r = await runChecks([checks[2]], ctx({ cores: 1 }));
    expect(r.results[0].verdict).toBe('inconclusive');
    expect(r.results[0].message).toMatch(/reports 1 core/);
  });

  it('a wrong sum fails, with the numbers', async () => {
    const r = await runChecks([checks[0]], ctx({}, 12345));
    expect(r.results[0].verdict).toBe('fail');
    expect(r.results[0].message).toMatch(/sum is 12,345, expected/);
  });
});
