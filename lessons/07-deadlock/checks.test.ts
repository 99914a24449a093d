import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { nodeWorker } from '../../tests/node/node-worker.ts';
import { createPool } from '../../workers/pool/pool.ts';
import { exploreService } from '../../workers/explore/service.ts';
import { describeError } from '../../workers/runtime/source-error.ts';
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
  explore: async ({ source: s, ...options }) => {
    const r = exploreService.explore(s ?? source, { sharedCells: 64, ...options });
    if (!r.ok) throw new Error(`Your code does not compile: ${describeError(r.error)}`);
    return r;
  },
});
const file = (name: string) => readFileSync(new URL(name, import.meta.url), 'utf8');

describe('deadlock checks (Explore in Node, real threads)', () => {
  it('the starter deadlocks (Explore shows the cycle, a real run freezes) but keeps the money', async () => {
    const st = await runChecks(checks, ctx(file('./starter.ts')));
    expect(st.results.map((r) => r.verdict)).toEqual(['fail', 'fail', 'pass', 'fail']);
    expect(st.results[0].message).toMatch(/Explore found a deadlock .*a cycle T\d → T\d → T\d/);
    expect(st.results[1].message).toMatch(/deadlock/);
    expect(st.results[3].message).toMatch(/froze|deadlock/);
  }, 60_000);

  it('the solution passes every check', async () => {
    const sol = await runChecks(checks, ctx(file('./solution.ts')));
    expect(sol.results.map((r) => [r.verdict, r.message])).toEqual(
      sol.results.map((r) => ['pass', r.message]),
    );
  }, 60_000);

  it('no locks at all: no deadlock, but money is not conserved', async () => {
    const unlocked = file('./solution.ts').replace(/t\.(un)?lock\([a-z]+\);/g, '');
    const r = await runChecks(checks, ctx(unlocked));
    expect(r.results[2].verdict).toBe('fail');
    expect(r.results[2].message).toMatch(/lost|created|Data race/);
  }, 60_000);

  it('a missing transfer export is named', async () => {
    const r = await runChecks(checks, ctx('export default function () {}'));
    expect(r.results[0].verdict).toBe('fail');
    expect(r.results[0].message).toMatch(/Keep the exported function transfer/);
  }, 60_000);
});
