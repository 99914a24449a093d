import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../../workers/pool/pool.ts';
import type { RunRecord } from '../../lesson/useLessonSession.ts';
import {
  costSentence,
  parseStats,
  runStats,
  tallyRuns,
  tallySameRuns,
  waitingShare,
} from './stats.ts';

const run = (logs: string[][]): Extract<RunResult, { status: 'ok' }> => ({
  status: 'ok',
  memory: [0],
  overlaps: 0,
  wallMs: 1,
  transport: 'shared',
  threads: logs.map((l, id) => ({ id, startedAt: 0, endedAt: 1, logs: l, error: null })),
});

describe('lock stats from the threads’ log lines', () => {
  it('reads the last stats line a thread printed', () => {
    expect(parseStats(['hello', 'lock stats: 12 spins, waited 0.250, held 1.500'])).toEqual({
      spins: 12,
      waited: 0.25,
      held: 1.5,
    });
    expect(
      parseStats([
        'lock stats: 1 spins, waited 1, held 1',
        'lock stats: 2 spins, waited 2, held 3',
      ]),
    ).toEqual({ spins: 2, waited: 2, held: 3 });
  });
  it('a thread that printed nothing is "not reported", not zero', () => {
    const s = runStats(run([['lock stats: 4 spins, waited 1.000, held 3.000'], []]));
    expect(s.threads[1].stats).toBeNull();
    expect(s).toMatchObject({ spins: 4, waited: 1, held: 3, reported: 1 });
  });
  it('waiting share', () => {
    expect(waitingShare({ waited: 1, held: 3 })).toBe(0.25);
    expect(waitingShare({ waited: 0, held: 0 })).toBeNull();
  });
  it('speaks only from the numbers', () => {
    expect(costSentence(runStats(run([[]])), 10, 'ms')).toBeNull();
    expect(
      costSentence(runStats(run([['lock stats: 0 spins, waited 0.000, held 2.000']])), 10, 'ms'),
    ).toMatch(/never spun/);
    const two = runStats(
      run([
        ['lock stats: 300 spins, waited 3.000, held 1.000'],
        ['lock stats: 100 spins, waited 1.000, held 3.000'],
      ]),
    );
    expect(costSentence(two, 100, 'ms')).toBe(
      '2.00 spins per acquisition on average; the threads spent 50 % of their lock time (milliseconds between asking for the lock and releasing it) waiting.',
    );
  });
});

describe('tally of repeated runs', () => {
  it('a run fails when two were inside at once or an update was lost', () => {
    expect(
      tallyRuns([
        { overlaps: 0, counter: 10, expected: 10 },
        { overlaps: 2, counter: 10, expected: 10 },
        { overlaps: 0, counter: 9, expected: 10 },
      ]),
    ).toEqual({ runs: 3, failed: 2, overlaps: 2, lost: 1 });
  });
  it('tallies only the finished runs of the same code, threads and size', () => {
    const rec = (n: number, code: string, rounds: number, counter: number, overlaps: number) =>
      ({
        n,
        threads: 2,
        params: { rounds },
        code,
        result: { status: 'ok', memory: [counter], overlaps },
      }) as unknown as RunRecord;
    const runs = [
      rec(1, 'a', 10, 20, 0),
      rec(2, 'a', 10, 19, 1),
      rec(3, 'b', 10, 18, 2), // other code
      rec(4, 'a', 20, 40, 0), // other size
      { ...rec(5, 'a', 10, 0, 0), result: { status: 'timeout' } } as unknown as RunRecord,
      rec(6, 'a', 10, 20, 0),
    ];
    expect(tallySameRuns(runs, runs[5], 'rounds')).toEqual({
      runs: 3,
      failed: 1,
      overlaps: 1,
      lost: 1,
    });
    expect(tallySameRuns(runs, runs[3], 'rounds')).toBeNull();
  });
});
