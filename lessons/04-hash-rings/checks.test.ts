import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { nodeWorker } from '../../tests/node/node-worker.ts';
import { createPool } from '../../workers/pool/pool.ts';
import { runChecks, type CheckContext } from '../check-api.ts';
import checks from './checks.ts';

const pool = createPool({
  createWorker: () => nodeWorker(new URL('../../workers/pool/thread.worker.ts', import.meta.url)),
});
afterAll(() => pool.dispose());
const ctx = (source: string): CheckContext => ({
  source,
  transport: 'shared',
  cores: 2,
  run: (req) => pool.run({ ...req, source: req.source ?? source }),
  explore: () => Promise.reject(new Error('unused')),
});

describe('hash-ring checks on real threads', () => {
  it('the solution passes every property; the starter fails the wrap-around and the replica walk', async () => {
    const sol = await runChecks(
      checks,
      ctx(readFileSync(new URL('./solution.ts', import.meta.url), 'utf8')),
    );
    const st = await runChecks(
      checks,
      ctx(readFileSync(new URL('./starter.ts', import.meta.url), 'utf8')),
    );
    expect(sol.failed).toBe(0);
    expect(st.results.map((r) => r.verdict)).toEqual(['pass', 'fail', 'pass', 'fail']);
    expect(st.results[1].message).toMatch(/above the last position .* expected vnode 0/);
    expect(st.results[3].message).toMatch(/expected nodes \[.*\] \(distinct, clockwise\)/);
  }, 60_000);
});
