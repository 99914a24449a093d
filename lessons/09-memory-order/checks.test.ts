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

describe("Peterson's lock checks on real threads and Explore", () => {
  it('the solution passes every check', async () => {
    const sol = await runChecks(checks, ctx(read('./solution.ts')));
    expect(sol.results.map((r) => r.verdict)).toEqual(['pass', 'pass', 'pass', 'pass']);
    expect(sol.results[1].message).toMatch(
      /x86-TSO store buffers: 2 threads × 1 round: \d+ classes of equivalent schedules; 2 threads × 2 rounds: \d+ classes/,
    );
  }, 120_000);

  it('the starter is correct under SC (with a race reported) and fails under store buffers', async () => {
    const st = await runChecks(checks.slice(0, 3), ctx(read('./starter.ts')));
    expect(st.results.map((r) => r.verdict)).toEqual(['pass', 'fail', 'fail']);
    expect(st.results[0].message).toMatch(/data race on t\.shared\[\d\]/);
    expect(st.results[1].message).toMatch(/both threads inside .* schedule (T\d|F\d)( (T|F)\d)*\./);
    expect(st.results[1].message).toMatch(/still in its store buffer, saw 0 and went in/);
    expect(st.results[2].message).toMatch(/Data race on t\.shared\[\d\]/);
  }, 120_000);

  it('Atomics stores with plain loads pass x86-TSO but not the JavaScript model', async () => {
    const half = read('./solution.ts').replace(
      'while (Atomics.load(s, FLAG + other) === 1 && Atomics.load(s, TURN) === other)',
      'while (s[FLAG + other] === 1 && s[TURN] === other)',
    );
    expect(half).not.toBe(read('./solution.ts'));
    const r = await runChecks(checks.slice(0, 3), ctx(half));
    expect(r.results.map((x) => x.verdict)).toEqual(['pass', 'pass', 'fail']);
  }, 120_000);
});
