import { describe, expect, it } from 'vitest';
import { LITMUS_TESTS } from '../../../workers/litmus/tests.ts';
import {
  accessCount,
  applyMask,
  findings,
  outcomeRows,
  possibleOutcomes,
  rateText,
  testById,
  uniformMask,
} from './lab-model.ts';

const SB = testById('SB')!;
const MP = testById('MP')!;
const counts = (o: Record<string, number>) => new Map(Object.entries(o));

describe('masks and outcomes', () => {
  it('counts accesses and applies a mask in thread, then program, order', () => {
    expect(LITMUS_TESTS.map(accessCount)).toEqual([4, 4, 4, 3, 6]);
    const t = applyMask(SB, [true, false, false, true]);
    expect(t.threads.map((ops) => ops.map((op) => op.atomic))).toEqual([
      [true, false],
      [false, true],
    ]);
    // The accesses themselves are the test's own.
    expect(t.threads[0][0]).toMatchObject({ kind: 'store', loc: 'x', value: 1 });
  });

  it('lists every outcome a test could end in', () => {
    expect(possibleOutcomes(SB)).toEqual(['r0=0 r1=0', 'r0=0 r1=1', 'r0=1 r1=0', 'r0=1 r1=1']);
    expect(possibleOutcomes(testById('IRIW')!)).toHaveLength(16);
  });

  it('labels SB both-zero as store buffering when plain, forbidden when all Atomics', () => {
    const plain = outcomeRows(applyMask(SB, uniformMask(SB, false)), new Map());
    expect(plain.find((r) => r.interesting)).toMatchObject({ key: 'r0=0 r1=0', verdict: 'tso' });
    expect(plain.filter((r) => r.verdict === 'sc')).toHaveLength(3);
    const atomic = outcomeRows(applyMask(SB, uniformMask(SB, true)), new Map());
    expect(atomic.find((r) => r.interesting)?.verdict).toBe('forbidden');
    expect(
      outcomeRows(applyMask(MP, uniformMask(MP, false)), new Map()).find((r) => r.interesting)
        ?.verdict,
    ).toBe('weaker');
  });
});

describe('findings say only what the counts support', () => {
  const plainSB = applyMask(SB, uniformMask(SB, false));
  it('SB with a weak outcome: the reorder sentence with 1 in K', () => {
    const [f] = findings(plainSB, counts({ 'r0=0 r1=0': 1204, 'r0=1 r1=1': 998_796 }), 1_000_000);
    expect(f.kind).toBe('weak');
    expect(f.text).toBe(
      'Your processor reordered a store after a later load 1,204 times in 1,000,000 rounds (1 in 831).',
    );
  });
  it('SB plain with none: says none this time, suggests more rounds', () => {
    const f = findings(plainSB, counts({ 'r0=1 r1=1': 100_000 }), 100_000);
    expect(f).toHaveLength(1);
    expect(f[0].kind).toBe('none');
    expect(f[0].text).toMatch(/No store buffering .* in 100,000 rounds this time.*try more rounds/);
  });
  it('MP plain with none: x86 never shows it, ARM can', () => {
    const f = findings(applyMask(MP, uniformMask(MP, false)), counts({ 'r0=1 r1=1': 10 }), 10);
    expect(f[0].text).toMatch(/^No weak outcome in 10 rounds: x86 never shows MP's .*ARM can\.$/);
  });
  it('mentions any other weak outcome that showed', () => {
    // The five tests each have one weak outcome: a variant asking about another outcome of SB's.
    const variant = { ...plainSB, interesting: { r0: 1, r1: 1 } };
    const f = findings(variant, counts({ 'r0=0 r1=0': 2, 'r0=1 r1=1': 3 }), 5);
    expect(f.map((x) => x.kind)).toEqual(['none', 'weak']);
    expect(f[1].text).toBe(
      'Another weak outcome, r0=0 r1=0 (weak: store buffers (x86 allows)), showed 2 times in 5 rounds.',
    );
  });
  it('all Atomics: none is as promised; any forbidden count is called a bug', () => {
    const atomic = applyMask(SB, uniformMask(SB, true));
    expect(findings(atomic, counts({ 'r0=1 r1=1': 5 }), 5)[0].text).toMatch(/as promised/);
    const f = findings(atomic, counts({ 'r0=0 r1=0': 1, 'r0=1 r1=1': 4 }), 5);
    expect(f.map((x) => x.kind)).toEqual(['bug']);
    expect(f[0].text).toMatch(/forbidden outcome \(r0=0 r1=0\) showed 1 time in 5 rounds.*bug/);
  });
});

describe('rateText', () => {
  it('says how often the interesting outcome showed, or never', () => {
    const base = { test: 'SB', atomic: [false, false, false, false], rounds: 1_000_000 };
    expect(rateText({ ...base, counts: { 'r0=0 r1=0': 1204, 'r0=1 r1=1': 998_796 } })).toBe(
      '1 in 831 rounds',
    );
    expect(rateText({ ...base, counts: { 'r0=1 r1=1': 1_000_000 } })).toBe(
      'never in 1,000,000 rounds',
    );
  });
});
