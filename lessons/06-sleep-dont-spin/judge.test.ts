import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { exploreService } from '../../workers/explore/service.ts';
import type { ExploreOptions, ExploreResult } from '../../workers/explore/api.ts';
import {
  HELD,
  INSTANCES,
  judgeCounter,
  judgeExclusion,
  judgeSleeps,
  judgeWakeups,
  optionsFor,
  withHarness,
} from './judge.ts';

const read = (f: string) => readFileSync(fileURLToPath(new URL(f, import.meta.url)), 'utf8');
const starter = read('./starter.ts');
const solution = read('./solution.ts');

const SLOW_PATH = 'while (Atomics.exchange(s, LOCK, 2) !== 0) Atomics.wait(s, LOCK, 2);';
/** A woken thread takes the lock as 1: the other sleepers are forgotten (needs 3 threads). */
const wakesAsOne = solution.replace(
  SLOW_PATH,
  'while (Atomics.compareExchange(s, LOCK, 0, 1) !== 0) { Atomics.compareExchange(s, LOCK, 1, 2); Atomics.wait(s, LOCK, 2); }',
);
/** The starter's lost wake-up, papered over with a time-out. */
const timedStarter = starter.replace('Atomics.wait(s, LOCK, 2);', 'Atomics.wait(s, LOCK, 2, 5);');
/** Sleeps, but does not check the lock word before entering: two threads inside at once. */
const noRecheck = solution.replace(
  SLOW_PATH,
  'Atomics.exchange(s, LOCK, 2); Atomics.wait(s, LOCK, 2, 1);',
);
const spinlock = solution.replace(
  SLOW_PATH,
  'while (Atomics.compareExchange(s, LOCK, 0, 1) !== 0) {}',
);

function explore(source: string, options: ExploreOptions): ExploreResult {
  const r = exploreService.explore(source, { sharedCells: 2, ...options });
  if (!r.ok) throw new Error(r.error.message);
  return r;
}
const exploreAll = (source: string) =>
  INSTANCES.map((instance) => ({
    instance,
    result: explore(withHarness(source), { ...optionsFor(instance), maxMs: 60_000 }),
  }));
const held = (source: string) =>
  explore(withHarness(source), {
    entry: HELD,
    threads: 2,
    reduction: 'por',
    timeoutsNeverFire: true,
  });

describe('sleep-dont-spin verdicts from real explorations', () => {
  it('the solution passes every check', () => {
    const all = exploreAll(solution);
    expect(judgeExclusion(all).verdict).toBe('pass');
    expect(judgeCounter(all).verdict).toBe('pass');
    const w = judgeWakeups(all);
    expect(w.verdict).toBe('pass');
    expect(w.message).toMatch(/with up to 3 preemptions/);
    expect(judgeSleeps(held(solution))).toMatchObject({ verdict: 'pass' });
  }, 60_000);

  it('the starter loses a wake-up with 2 threads, and says where', () => {
    const all = exploreAll(starter);
    const w = judgeWakeups(all);
    expect(w.verdict).toBe('fail');
    expect(w.message).toMatch(
      /Lost wake-up: in a schedule of 2 threads × 2 lock rounds, thread \d sleeps in Atomics.wait \(line 11\)/,
    );
    expect(w.message).not.toMatch(/time-out/);
    // It does sleep, and exclusion holds: the bug is the wake-up alone.
    expect(judgeSleeps(held(starter)).verdict).toBe('pass');
    expect(judgeExclusion(all).verdict).toBe('pass');
  }, 60_000);

  it('a lost wake-up that needs 3 threads is found within the preemption bound', () => {
    const all = exploreAll(wakesAsOne);
    expect(judgeWakeups(all.slice(0, 1)).verdict).toBe('pass');
    const w = judgeWakeups(all);
    expect(w.verdict).toBe('fail');
    expect(w.message).toMatch(/3 threads × 1 lock round/);
  }, 60_000);

  it('a time-out that hides the lost wake-up is called out', () => {
    const w = judgeWakeups(exploreAll(timedStarter));
    expect(w.verdict).toBe('fail');
    expect(w.message).toMatch(/hides the lost wake-up, it does not fix it/);
  }, 60_000);

  it('entering without re-checking the lock word breaks exclusion and the counter', () => {
    const all = exploreAll(noRecheck);
    const e = judgeExclusion(all);
    expect(e.verdict).toBe('fail');
    expect(e.message).toMatch(/two threads inside the critical section at once/);
    expect(judgeCounter(all).verdict).toBe('fail');
  }, 60_000);

  it('a spinlock is correct but is told to sleep', () => {
    const all = exploreAll(spinlock);
    expect(judgeExclusion(all).verdict).toBe('pass');
    const s = judgeSleeps(held(spinlock));
    expect(s.verdict).toBe('fail');
    expect(s.message).toMatch(/thread 1 spins/);
  }, 60_000);

  it('no lock at all lets two threads in at once', () => {
    const own = solution
      .replace(
        /export function lock[\s\S]*?\n}\n/,
        'export function lock(s: Int32Array) { void s; }\n',
      )
      .replace(
        /export function unlock[\s\S]*?\n}\n/,
        'export function unlock(s: Int32Array) { void s; }\n',
      );
    // No lock at all: two threads inside at once.
    expect(judgeExclusion(exploreAll(own)).verdict).toBe('fail');
  }, 60_000);

  it('renamed functions fail with a sentence, not a stack trace', () => {
    const all = exploreAll(solution.replaceAll('lock(', 'acquire('));
    const e = judgeExclusion(all);
    expect(e.verdict).toBe('fail');
    expect(e.message).toMatch(/Keep your functions named `lock\(s\)`/);
  }, 60_000);
});
