import { describe, expect, it } from 'vitest';
import {
  fmix32,
  fnv1a,
  fnv1aBytes,
  fnv1aMixed,
  hashKeyRange,
  murmur3,
  murmur3Bytes,
} from './hash.ts';

const popcount = (x: number) => {
  let c = 0;
  for (; x; x &= x - 1) c++;
  return c;
};

describe('hashes', () => {
  it('murmur3 matches the reference MurmurHash3_x86_32 vectors', () => {
    expect(murmur3('')).toBe(0);
    expect(murmur3('', 1)).toBe(0x514e28b7);
    expect(murmur3('hello')).toBe(0x248bfa47);
    expect(murmur3('The quick brown fox jumps over the lazy dog')).toBe(0x2e4ff723);
    expect(murmur3('a', 0x9747b28c)).toBe(0x7fa09ea6);
    expect(murmur3('abcd', 0x9747b28c)).toBe(0xf0478627);
  });

  it('murmur3 hashes UTF-8: non-ASCII strings equal the byte version', () => {
    const enc = new TextEncoder();
    for (const s of ['héllo', 'ключ:1', 'key:😀', 'ab€', '日本語のキー']) {
      expect(murmur3(s)).toBe(murmur3Bytes(enc.encode(s)));
      expect(fnv1a(s)).toBe(fnv1aBytes(enc.encode(s)));
    }
    for (const s of ['', 'a', 'ab', 'abc', 'abcd', 'key:123456'])
      expect(murmur3(s, 7)).toBe(murmur3Bytes(enc.encode(s), 7));
  });

  it('fnv1a matches the published FNV-1a 32 vectors', () => {
    expect(fnv1a('')).toBe(0x811c9dc5);
    expect(fnv1a('a')).toBe(0xe40c292c);
    expect(fnv1a('foobar')).toBe(0xbf9cf968);
  });

  it('fmix32 is the murmur3 finalizer and spreads neighbouring integers', () => {
    expect(fmix32(0)).toBe(0);
    expect(fmix32(1)).toBe(0x514e28b7); // murmur3("", seed 1) is exactly fmix32(1)
    let flips = 0;
    for (let i = 0; i < 1000; i++) flips += popcount(fmix32(i) ^ fmix32(i + 1));
    expect(flips / 1000).toBeGreaterThan(14);
  });

  it('murmur3 avalanches on keys one character apart; raw FNV-1a keeps them a fixed distance apart', () => {
    const FNV_PRIME = 0x01000193;
    let m = 0;
    let fixedGap = 0;
    for (let i = 0; i < 2000; i++) {
      m += popcount(murmur3(`key:${i}`) ^ murmur3(`key:${i + 1}`));
      // FNV-1a ends with (h ^ c) · prime: names differing in a last char '0' vs '1' sit exactly
      // ±prime (≈ 2³²/256) apart on the ring: structure, not randomness.
      const gap = (fnv1a(`key:${i}1`) - fnv1a(`key:${i}0`) + 2 ** 32) % 2 ** 32;
      if (gap === FNV_PRIME || gap === 2 ** 32 - FNV_PRIME) fixedGap++;
    }
    expect(m / 2000).toBeGreaterThan(15);
    expect(m / 2000).toBeLessThan(17);
    expect(fixedGap).toBe(2000);
    expect(fnv1aMixed('key:1')).toBe(fmix32(fnv1a('key:1')));
  });

  it('hashKeyRange hashes prefix + index', () => {
    const out = hashKeyRange(new Uint32Array(3), 10, 13);
    expect(Array.from(out)).toEqual([murmur3('key:10'), murmur3('key:11'), murmur3('key:12')]);
  });
});
