import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { nodeWorker } from '../../tests/node/node-worker.ts';
import { createPool } from '../../workers/pool/pool.ts';
import { explore } from '../../workers/explore/explorer.ts';
import { program } from '../../workers/explore/test-helpers.ts';
import { runChecks, type CheckContext } from '../check-api.ts';
import checks from './checks.ts';

// The lesson's checks end to end in Node: Explore in this thread, real runs on worker_threads.
const pool = createPool({
  createWorker: () => nodeWorker(new URL('../../workers/pool/thread.worker.ts', import.meta.url)),
});
afterAll(() => pool.dispose());
const ctx = (source: string): CheckContext => ({
  source,
  transport: 'shared',
  cores: 2,
  run: (req) => pool.run({ ...req, source: req.source ?? source }),
  explore: async ({ source: s, ...options }) =>
    explore(program(s ?? source), { sharedCells: 16, ...options }),
});

const read = (f: string) => readFileSync(new URL(`./${f}`, import.meta.url), 'utf8');
const starter = read('starter.ts');
const solution = read('solution.ts');
const verdicts = async (source: string, which = checks) => {
  const r = await runChecks(which, ctx(source));
  return { verdicts: r.results.map((x) => x.verdict), messages: r.results.map((x) => x.message) };
};

describe('build-a-lock checks', () => {
  it('the solution passes every check', async () => {
    const r = await verdicts(solution);
    // The 3-thread search (about 1,300 classes) may meet its time budget on a badly overloaded
    // machine: that is "could not decide", with the reason, never a failure.
    expect(r.verdicts, r.messages.join('\n')).toEqual([
      'pass',
      expect.stringMatching(/^(pass|inconclusive)$/),
      'pass',
      'pass',
    ]);
  }, 120_000);

  it('the starter fails Explore with a two-threads-inside schedule', async () => {
    const r = await verdicts(starter);
    expect(r.verdicts.slice(0, 3)).toEqual(['fail', 'fail', 'fail']);
    expect(r.messages[0]).toMatch(
      /threads 0 and 1 inside the critical section at once \(line \d+\), after the schedule (T\d ?)+\./,
    );
  }, 120_000);

  it('test-and-test-and-set passes too', async () => {
    const ttas = solution.replace(
      /while \(Atomics\.compareExchange\(s, LOCK, 0, 1\) !== 0\) spins\+\+;/,
      'while (Atomics.compareExchange(s, LOCK, 0, 1) !== 0) { while (Atomics.load(s, LOCK) !== 0) spins++; }',
    );
    expect(ttas).not.toBe(solution);
    // It has more shared steps per try, so 3 threads take longer to explore: on a busy machine the
    // search may stop at its time budget, which is "could not decide", never a failure.
    const r = await verdicts(ttas);
    expect(r.verdicts, r.messages.join('\n')).not.toContain('fail');
    expect(r.verdicts[0]).toBe('pass');
    expect(r.verdicts[2]).toBe('pass');
  }, 120_000);

  it('fixing the counter with Atomics.add and no working lock fails the lock check, saying why', async () => {
    // No sections marked, no lock taken in the learner's own loop: only the harness can tell.
    const cheat = starter.replace(
      /export default function[\s\S]*$/,
      `export default function (t: Thread) {
  for (let i = 0; i < t.params.increments; i++) Atomics.add(t.shared, COUNTER, 1);
}
`,
    );
    const r = await verdicts(cheat);
    expect(r.verdicts).toEqual(['pass', 'pass', 'fail', 'pass']);
    expect(r.messages[2]).toMatch(
      /your lock\(\) and unlock\(\) around its own three-step increment/,
    );
    expect(r.messages[2]).toMatch(/This lesson is about the lock/);
  }, 120_000);

  it('a lock never released is a deadlock, named as one', async () => {
    // The first check decides it (Explore); the later real runs would each spin to their watchdog.
    const r = await verdicts(
      solution.replace('Atomics.store(s, LOCK, 0);', ''),
      checks.slice(0, 1),
    );
    expect(r.verdicts[0]).toBe('fail');
    expect(r.messages[0]).toMatch(/every thread got stuck/);
  }, 120_000);
});

describe('Explore on the lesson’s spinlock', () => {
  it('the retry loop with a spin counter (a local) is parked, so every search ends', () => {
    const p = program(solution);
    for (const [threads, increments, reduction] of [
      [2, 1, 'none'],
      [2, 2, 'por'],
      [3, 1, 'por'],
    ] as const) {
      const r = explore(p, { threads, params: { increments }, reduction, sharedCells: 16 });
      expect(r.complete, `${threads}×${increments} ${reduction}: ${r.stopReason}`).toBe(true);
      expect(r.error).toBeNull();
      expect(r.violations).toEqual([]);
      // One outcome: the counter exact and the lock free (the stats go to the log, not memory).
      expect(r.outcomes.map((o) => o.memory.slice(0, 2))).toEqual([[threads * increments, 0]]);
    }
  }, 60_000);
});
