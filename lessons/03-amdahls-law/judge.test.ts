import { describe, expect, it } from 'vitest';
import { judgeAgainstStarter, judgeScaling, type ScalingSamples } from './judge.ts';

const rep = (n: number, v: number) => Array.from({ length: n }, () => v);

/** Deterministic uniform numbers in [0, 1) (a fixed LCG: the tests never flake). */
function lcg(seed: number) {
  let x = seed >>> 0;
  return () => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return x / 2 ** 32;
  };
}

/**
 * A machine where another program holds a core in a share `busy` of the moments. A run only ever
 * gets slower: on a held core a 2-thread run of parallel code waits for its second half (×1.6–2.4),
 * a 1-thread run shares time (×1–2); quiet runs jitter by up to 5 %.
 */
function machine(seed: number, busy: number) {
  const r = lcg(seed);
  return (ms: number, threads: 1 | 2) => {
    const held = r() < busy;
    const stretch = held ? (threads === 2 ? 1.6 + 0.8 * r() : 1 + r()) : 1 + 0.05 * r();
    return ms * stretch;
  };
}

/** Rounds of [code on 1, reference on 1, code on 2, reference on 2] on one machine. */
function scaling(
  run: ReturnType<typeof machine>,
  rounds: number,
  code: { one: number; two: number },
): ScalingSamples {
  const s: ScalingSamples = { mine1: [], ref1: [], mine2: [], ref2: [] };
  for (let i = 0; i < rounds; i++) {
    s.mine1.push(run(code.one, 1));
    s.ref1.push(run(30, 1));
    s.mine2.push(run(code.two, 2));
    s.ref2.push(run(15.5, 2));
  }
  return s;
}

const SOLUTION = { one: 30, two: 15.5 };
// The shared accumulator: every element an atomic add on one cell, slower on 2 threads than on 1.
const STARTER = { one: 130, two: 160 };

describe('judgeScaling', () => {
  it.each([
    [
      'an idle machine, the solution',
      { mine1: rep(10, 30), mine2: rep(10, 16), ref1: rep(10, 30), ref2: rep(10, 16) },
      'pass',
    ],
    [
      'an idle machine, the starter',
      { mine1: rep(10, 130), mine2: rep(10, 160), ref1: rep(10, 30), ref2: rep(10, 16) },
      'fail',
    ],
    [
      'a held core: nothing scales',
      { mine1: rep(10, 30), mine2: rep(10, 30), ref1: rep(10, 30), ref2: rep(10, 31) },
      'inconclusive',
    ],
    [
      'a held core, the starter',
      { mine1: rep(10, 130), mine2: rep(10, 130), ref1: rep(10, 30), ref2: rep(10, 31) },
      'inconclusive',
    ],
    // Every 1-thread run slowed (min 36 ms for 30 ms of work): the reference "reached" 2.4×.
    // Above 2 on 2 threads is noise, capped, and the solution's 2.0× matches it.
    [
      'a speedup above 2 from slowed 1-thread runs',
      { mine1: rep(10, 30), mine2: rep(10, 15), ref1: rep(10, 36), ref2: rep(10, 15) },
      'pass',
    ],
    // Starter's 1-thread runs all slowed and one lucky 2-thread run: its speedup looks like 1.4×,
    // but on 2 threads it is 4× slower than the plain loop, so it does not pass.
    [
      'the starter with slowed 1-thread runs',
      { mine1: rep(10, 150), mine2: [125, ...rep(9, 160)], ref1: rep(10, 30), ref2: rep(10, 16) },
      'fail',
    ],
    // Code that scales halfway (1.4× where the machine gives 1.9×): neither clearly.
    [
      'halfway scaling',
      { mine1: rep(10, 30), mine2: rep(10, 21), ref1: rep(10, 30), ref2: rep(10, 16) },
      'inconclusive',
    ],
  ] as const)('%s: %s', (_, samples, verdict) => {
    const s = {
      mine1: [...samples.mine1],
      mine2: [...samples.mine2],
      ref1: [...samples.ref1],
      ref2: [...samples.ref2],
    };
    const out = judgeScaling(s, 2, true);
    expect(out?.verdict).toBe(verdict);
    expect(out?.message).toMatch(/\d ms/);
    if (verdict === 'inconclusive') expect(out?.message).toMatch(/check again/);
  });

  it('asks for more rounds instead of failing or giving up early', () => {
    const starter = { mine1: rep(4, 130), mine2: rep(4, 160), ref1: rep(4, 30), ref2: rep(4, 16) };
    expect(judgeScaling(starter, 2, false)).toBeNull();
    const busy = { mine1: rep(4, 30), mine2: rep(4, 30), ref1: rep(4, 30), ref2: rep(4, 30) };
    expect(judgeScaling(busy, 2, false)).toBeNull();
  });

  it('says how busy the machine was, with the reference speedup', () => {
    const out = judgeScaling(
      { mine1: rep(10, 30), mine2: rep(10, 28), ref1: rep(10, 30), ref2: rep(10, 27) },
      2,
      true,
    )!;
    expect(out.message).toMatch(
      /busy: a plain parallel loop reached only 1\.1\d× on 2 of your 2 cores/,
    );
  });

  it.each([0, 0.2, 0.4, 0.5, 0.6, 0.8, 0.95])(
    'never fails the solution on a machine held %f of the time (2000 simulated checks)',
    (busy) => {
      const verdicts = { pass: 0, fail: 0, inconclusive: 0 };
      for (let seed = 1; seed <= 2000; seed++) {
        const run = machine(seed * 7919 + busy * 1e6, busy);
        const all = scaling(run, 12, SOLUTION);
        const first = (k: number): ScalingSamples => ({
          mine1: all.mine1.slice(0, k),
          mine2: all.mine2.slice(0, k),
          ref1: all.ref1.slice(0, k),
          ref2: all.ref2.slice(0, k),
        });
        // As the check does: a verdict from 3 rounds on, final at 12.
        for (let rounds = 3; rounds <= 12; rounds++) {
          const out = judgeScaling(first(rounds), 2, rounds === 12);
          if (out) {
            verdicts[out.verdict]++;
            break;
          }
        }
      }
      expect(verdicts.fail).toBe(0);
      if (busy <= 0.5) expect(verdicts.pass).toBeGreaterThan(1900);
    },
  );

  it.each([0, 0.2, 0.4, 0.6, 0.95])(
    'never passes the starter on a machine held %f of the time',
    (busy) => {
      const verdicts = { pass: 0, fail: 0, inconclusive: 0 };
      for (let seed = 1; seed <= 2000; seed++) {
        const run = machine(seed * 104729 + busy * 1e6, busy);
        const out = judgeScaling(scaling(run, 12, STARTER), 2, true)!;
        verdicts[out.verdict]++;
      }
      expect(verdicts.pass).toBe(0);
      if (busy <= 0.2) expect(verdicts.fail).toBeGreaterThan(1900);
    },
  );
});

describe('judgeAgainstStarter', () => {
  const rounds = (n: number, mine: number, run = (ms: number) => ms) => ({
    mine: Array.from({ length: n }, () => run(mine)),
    ref: Array.from({ length: n }, () => run(16)),
    starter: Array.from({ length: n }, () => run(160)),
  });

  it('passes code like the plain loop early, and fails the starter only at the end', () => {
    expect(judgeAgainstStarter(rounds(3, 16), false)?.verdict).toBe('pass');
    expect(judgeAgainstStarter(rounds(3, 160), false)).toBeNull();
    const out = judgeAgainstStarter(rounds(10, 160), true)!;
    expect(out.verdict).toBe('fail');
    expect(out.message).toMatch(/per-thread partial sum/);
  });

  it('is inconclusive when the starter ran as fast as the plain loop', () => {
    const s = { mine: rep(10, 16), ref: rep(10, 16), starter: rep(10, 18) };
    expect(judgeAgainstStarter(s, true)?.verdict).toBe('inconclusive');
  });

  it.each([0, 0.3, 0.6, 0.95])(
    'on a machine held %f of the time: the solution never fails, the starter always does',
    (busy) => {
      for (let seed = 1; seed <= 1000; seed++) {
        const r = machine(seed * 31337 + busy * 1e6, busy);
        const run = (ms: number) => r(ms, 2);
        expect(judgeAgainstStarter(rounds(10, 16, run), true)?.verdict).toBe('pass');
        expect(judgeAgainstStarter(rounds(10, 160, run), true)?.verdict).toBe('fail');
      }
    },
  );
});
