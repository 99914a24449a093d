import { describe, expect, it } from 'vitest';
import {
  checkResult,
  decodeResult,
  encodeResult,
  MAX_RESULT_LINK,
  resultJson,
  type SharedResult,
} from './result-share.ts';

const good: SharedResult = {
  version: 1,
  test: 'SB',
  atomic: [false, false, false, false],
  rounds: 1_000_000,
  counts: { 'r0=0 r1=0': 1204, 'r0=0 r1=1': 500_000, 'r0=1 r1=0': 400_000, 'r0=1 r1=1': 98_796 },
  cores: 8,
  browser: 'Chrome 131',
  roundsPerSecond: 712_345.5,
  date: '2026-11-30T01:23:45.678Z',
};
const encodeRaw = (v: unknown) =>
  btoa(String.fromCharCode(...new TextEncoder().encode(JSON.stringify(v))))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
const reasonOf = (v: unknown) => {
  const r = checkResult(v);
  return r.ok ? null : r.reason;
};

describe('litmus result links', () => {
  it('round-trips a result, and the link is short and URL-safe', () => {
    const link = encodeResult(good);
    expect(link).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(link.length).toBeLessThan(600);
    expect(decodeResult(link)).toEqual({ ok: true, result: good });
    // Fields beyond the shared ones stay home.
    const more = { ...good, roundsAsked: 5 } as SharedResult;
    expect(encodeResult(more)).toBe(link);
    expect(JSON.parse(resultJson(more))).toEqual(good);
    const iriw = {
      ...good,
      test: 'IRIW',
      atomic: Array(6).fill(true),
      counts: { 'r0=0 r1=0 r2=0 r3=0': 1_000_000 },
    };
    expect(decodeResult(encodeResult(iriw as SharedResult))).toMatchObject({ ok: true });
    // The processor's architecture travels where the browser told it.
    const arm = { ...good, arch: 'arm 64-bit' };
    expect(decodeResult(encodeResult(arm))).toEqual({ ok: true, result: arm });
  });

  it('gives a reason for a garbled link, never throws', () => {
    for (const text of [
      '',
      '!!!',
      'abc',
      encodeResult(good).slice(0, 40),
      '%E0%A4%A',
      'a'.repeat(MAX_RESULT_LINK + 1),
    ]) {
      const r = decodeResult(text);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.reason).toMatch(/\w/);
    }
    expect(decodeResult(encodeRaw('just a string'))).toMatchObject({ ok: false });
    expect(decodeResult(encodeRaw(null))).toMatchObject({ ok: false });
  });

  it('rejects hostile or impossible values', () => {
    expect(reasonOf({ ...good, version: 2 })).toMatch(/version/);
    expect(reasonOf({ ...good, test: 'toString' })).toMatch(/test/);
    expect(reasonOf({ ...good, test: '__proto__' })).toMatch(/test/);
    // Accesses never come from a link: a link with ops is just a wrong shape of atomic list.
    expect(reasonOf({ ...good, atomic: [{ kind: 'store', loc: 'x);alert(1);//' }] })).toMatch(
      /atomic/,
    );
    expect(reasonOf({ ...good, atomic: [false, false, false] })).toMatch(/4 accesses/);
    expect(reasonOf({ ...good, atomic: [0, 0, 0, 0] })).toMatch(/atomic/);
    expect(reasonOf({ ...good, rounds: -1 })).toMatch(/rounds/);
    expect(reasonOf({ ...good, rounds: 1.5 })).toMatch(/rounds/);
    expect(reasonOf({ ...good, counts: { ...good.counts, 'r0=2 r1=0': 0 } })).toMatch(
      /cannot have/,
    );
    expect(reasonOf({ ...good, counts: { __proto__: 1 } })).toMatch(/add up|cannot/);
    expect(
      reasonOf({
        ...good,
        counts: { ...good.counts, 'r0=0 r1=0': -1, 'r0=1 r1=1': 1_000_000 - 499_999 - 400_000 + 1 },
      }),
    ).toMatch(/whole number/);
    expect(reasonOf({ ...good, counts: { ...good.counts, 'r0=0 r1=0': 1e300 } })).toMatch(
      /whole number/,
    );
    expect(reasonOf({ ...good, counts: { 'r0=0 r1=0': 1 } })).toMatch(/add up/);
    expect(reasonOf({ ...good, cores: 0 })).toMatch(/cores/);
    expect(reasonOf({ ...good, cores: '8' })).toMatch(/cores/);
    expect(reasonOf({ ...good, browser: 'x'.repeat(61) })).toMatch(/browser/);
    expect(reasonOf({ ...good, roundsPerSecond: Infinity })).toMatch(/speed/);
    expect(reasonOf({ ...good, arch: 'x86 <b>' })).toMatch(/processor/);
    expect(reasonOf({ ...good, arch: 64 })).toMatch(/processor/);
    expect(reasonOf({ ...good, date: 'yesterday' })).toMatch(/date/);
    expect(reasonOf({ ...good, date: '2026-13-45T00:00:00Z' })).toMatch(/date/);
  });

  it('keeps only the checked fields, and strips control characters from the browser name', () => {
    const r = checkResult({ ...good, browser: 'Chrome\u202e 131\u0000', extra: '<script>' });
    expect(r.ok && r.result).toEqual({ ...good, browser: 'Chrome 131' });
    const unnamed = checkResult({ ...good, cores: null, browser: '\u200b' });
    expect(unnamed.ok && unnamed.result).toMatchObject({
      cores: null,
      browser: 'an unnamed browser',
    });
  });
});
