import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { nodeWorker } from '../../tests/node/node-worker.ts';
import { createPool } from '../../workers/pool/pool.ts';
import { program } from '../../workers/explore/test-helpers.ts';
import { explore } from '../../workers/explore/explorer.ts';
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
  run: (req) => pool.run({ sharedCells: 64, ...req, source: req.source ?? source }),
  explore: async ({ source: s, ...options }) =>
    explore(program(s ?? source), { sharedCells: 64, ...options }),
});
const read = (f: string) => readFileSync(new URL(f, import.meta.url), 'utf8');

describe('optimistic-transfer checks on real threads and Explore', () => {
  it('the solution passes; the starter fails with money created or lost', async () => {
    const sol = await runChecks(checks, ctx(read('./solution.ts')));
    expect(sol.results.map((r) => r.verdict)).toEqual(['pass', 'pass', 'pass']);
    expect(sol.results[2].message).toMatch(
      /committed all 200,000 transfers .* after [\d,]+ retr(y|ies)/,
    );
    const st = await runChecks(checks, ctx(read('./starter.ts')));
    expect(st.results.map((r) => r.verdict)).toEqual(['pass', 'fail', 'fail']);
    expect(st.results[1].message).toMatch(/total is [+-]\d+, not 0/);
    expect(st.results[2].message).toMatch(/first no interleaving may create or lose money/);
  }, 60_000);

  it('a commit that checks the version with a load, then writes, still fails', async () => {
    const checkThenWrite = read('./starter.ts').replace(
      '    Atomics.store(s, 3 + 2 * from, newFrom);',
      '    if (Atomics.load(s, 2 + 2 * lo) !== vLo || Atomics.load(s, 2 + 2 * hi) !== vHi) {\n' +
        '      Atomics.add(s, 0, 1);\n      continue;\n    }\n' +
        '    Atomics.store(s, 3 + 2 * from, newFrom);',
    );
    expect(checkThenWrite).not.toBe(read('./starter.ts'));
    const r = await runChecks(checks, ctx(checkThenWrite));
    expect(r.results[1].verdict).toBe('fail');
    expect(r.results[1].message).toMatch(/money (was created|vanished)/);
  }, 60_000);

  it('a solution that forgets to count retries fails the retry check, not the money check', async () => {
    const silent = read('./solution.ts').replaceAll('      Atomics.add(s, 0, 1);', '');
    expect(silent).not.toBe(read('./solution.ts'));
    const r = await runChecks(checks, ctx(silent));
    expect(r.results.map((x) => x.verdict)).toEqual(['pass', 'pass', 'fail']);
    expect(r.results[2].message).toMatch(/t.shared\[0\] stayed 0/);
  }, 60_000);
});
