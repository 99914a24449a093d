import { describe, expect, it } from 'vitest';
import { jumpHash, rendezvous, rendezvousSeeds, rendezvousWeighted } from './alt.ts';
import { nodeList } from './ring.ts';
import { countLoads, loadSummary } from './stats.ts';
import { keyHashes } from './traffic.ts';

/** Lamping & Veach's C++ verbatim, in BigInt: the reference the 32-bit version must equal. */
function jumpReference(key: bigint, buckets: number): number {
  let b = -1n;
  let j = 0n;
  while (j < BigInt(buckets)) {
    b = j;
    key = (key * 2862933555777941757n + 1n) & 0xffffffffffffffffn;
    j = BigInt(Math.floor(Number(b + 1n) * (Number(1n << 31n) / Number((key >> 33n) + 1n))));
  }
  return Number(b);
}

describe('jump consistent hash', () => {
  it('equals the BigInt reference for 32- and 64-bit keys', () => {
    const keys = keyHashes(2000);
    for (let i = 0; i < keys.length; i++) {
      const n = 1 + (i % 300);
      expect(jumpHash(keys[i], n)).toBe(jumpReference(BigInt(keys[i]), n));
      const hi = keys[(i + 1) % keys.length];
      expect(jumpHash(keys[i], n, hi)).toBe(
        jumpReference((BigInt(hi) << 32n) | BigInt(keys[i]), n),
      );
    }
    expect(jumpHash(0xffffffff, 1000, 0xffffffff)).toBe(jumpReference(0xffffffffffffffffn, 1000));
  });

  // dgryski/go-jump's test table, "generated from the reference C++ code": key, then the bucket
  // for 1, 2, 3, … buckets.
  it("reproduces go-jump's reference vectors", () => {
    const vectors: [bigint, number[]][] = [
      [0n, Array(20).fill(0) as number[]],
      [1n, [0, 0, 0, 0, 0, 0, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 17, 17]],
      [0xdeadbeefn, [0, 1, 2, 3, 3, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 16, 16, 16]],
      [0x0ddc0ffeebadf00dn, [0, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 15, 15, 15, 15]],
    ];
    for (const [key, buckets] of vectors)
      buckets.forEach((want, i) =>
        expect(jumpHash(Number(key & 0xffffffffn), i + 1, Number(key >> 32n))).toBe(want),
      );
  });

  it('moves keys only to the new bucket', () => {
    for (const h of keyHashes(20_000)) {
      const a = jumpHash(h, 10);
      const b = jumpHash(h, 11);
      if (a !== b) expect(b).toBe(10);
    }
  });
});

describe('rendezvous hashing', () => {
  const nodes = nodeList(11);
  const seeds = rendezvousSeeds(nodes);

  it('moves keys only to the new node and balances well', () => {
    const keys = keyHashes(50_000);
    const owners = new Uint16Array(keys.length);
    for (let i = 0; i < keys.length; i++) {
      const a = rendezvous(keys[i], seeds.subarray(0, 10));
      const b = rendezvous(keys[i], seeds);
      if (a !== b) expect(b).toBe(10);
      owners[i] = a;
    }
    expect(loadSummary(countLoads(owners, 10)).maxOverMean).toBeLessThan(1.05);
  });

  it('weighted: shares follow the weights', () => {
    const weights = Float64Array.of(1, 2, 4);
    const counts = new Float64Array(3);
    for (const h of keyHashes(70_000))
      counts[rendezvousWeighted(h, seeds.subarray(0, 3), weights)]++;
    [1, 2, 4].forEach((w, i) => expect(counts[i] / 70_000).toBeCloseTo(w / 7, 1));
  });
});
