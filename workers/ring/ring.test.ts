import { describe, expect, it } from 'vitest';
import { murmur3 } from './hash.ts';
import {
  buildRing,
  copyRing,
  lookup,
  lookupBinary,
  lookupMany,
  nodeList,
  ownership,
  replicas,
  vnodeIndex,
  type RingNode,
} from './ring.ts';
import { moduloMany } from './modulo.ts';
import { accumulateMoves, countLoads, loadSummary, mapNodes } from './stats.ts';
import { keyHashes } from './traffic.ts';

/** Reference owner by brute force: the smallest position ≥ h, else the smallest overall. */
function bruteOwner(positions: Uint32Array, owners: Uint16Array, h: number): number {
  let best = -1;
  for (let i = 0; i < positions.length; i++)
    if (positions[i] >= h && (best < 0 || positions[i] < positions[best])) best = i;
  if (best < 0) best = 0;
  return owners[best];
}

function randomKeys(n: number, seed = 1): Uint32Array {
  const out = new Uint32Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    out[i] = murmur3(String(x));
  }
  return out;
}

const KEYS_1M = keyHashes(1_000_000);

describe('ring structure and lookup', () => {
  const ring = buildRing(nodeList(7), { vnodes: 13 });

  it('stores sorted positions with one owner per vnode', () => {
    expect(ring.positions.length).toBe(7 * 13);
    for (let i = 1; i < ring.positions.length; i++)
      expect(ring.positions[i]).toBeGreaterThanOrEqual(ring.positions[i - 1]);
    expect(Array.from(countLoads(ring.owners, 7))).toEqual(new Array(7).fill(13));
  });

  it('indexed lookup = binary search = brute force, for random keys and every vnode boundary', () => {
    const keys = randomKeys(5000);
    const probes = [...keys];
    for (const p of ring.positions)
      probes.push(p, Math.max(0, p - 1), Math.min(2 ** 32 - 1, p + 1));
    probes.push(0, 2 ** 32 - 1);
    for (const h of probes) {
      const expected = bruteOwner(ring.positions, ring.owners, h);
      expect(lookup(ring, h)).toBe(expected);
      expect(lookupBinary(ring, h)).toBe(expected);
    }
    const many = new Uint16Array(keys.length);
    lookupMany(ring, keys, many);
    expect(Array.from(many)).toEqual(Array.from(keys, (h) => lookupBinary(ring, h)));
  });

  it('wraps around: a key hashing above the highest vnode belongs to the lowest vnode', () => {
    const top = ring.positions[ring.positions.length - 1];
    expect(top).toBeLessThan(2 ** 32 - 1);
    for (const h of [top + 1, 2 ** 32 - 1]) {
      expect(vnodeIndex(ring, h)).toBe(0);
      expect(lookup(ring, h)).toBe(ring.owners[0]);
    }
    // A key exactly on a vnode belongs to that vnode; 0 goes to the first.
    expect(lookup(ring, top)).toBe(ring.owners[ring.positions.length - 1]);
    expect(lookup(ring, 0)).toBe(ring.owners[0]);
  });

  it('gives the same answers for any bucket-index size, and after copying', () => {
    const keys = randomKeys(3000, 9);
    const want = Array.from(keys, (h) => lookupBinary(ring, h));
    for (const bucketBits of [1, 4, 8, 12, 20]) {
      const r = buildRing(nodeList(7), { vnodes: 13, bucketBits });
      expect(Array.from(keys, (h) => lookup(r, h))).toEqual(want);
    }
    const copy = copyRing(ring, (n) => new SharedArrayBuffer(n));
    expect(copy.positions.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(Array.from(keys, (h) => lookup(copy, h))).toEqual(want);
  });

  it('handles an empty ring and a single vnode', () => {
    expect(lookup(buildRing([], { vnodes: 4 }), 123)).toBe(-1);
    const one = buildRing([{ id: 'solo', vnodes: 1 }], { vnodes: 4 });
    expect(lookup(one, 0)).toBe(0);
    expect(lookup(one, 2 ** 32 - 1)).toBe(0);
  });

  it('rejects duplicate ids', () => {
    expect(() => buildRing([{ id: 'a' }, { id: 'a' }], { vnodes: 2 })).toThrow(/duplicate/);
  });

  it('weights give vnodes and ring share in proportion', () => {
    const nodes: RingNode[] = [
      { id: 'small', weight: 1 },
      { id: 'medium', weight: 2 },
      { id: 'large', weight: 4 },
      { id: 'fixed', vnodes: 100 },
    ];
    const r = buildRing(nodes, { vnodes: 200 });
    expect(Array.from(r.vnodeCounts)).toEqual([200, 400, 800, 100]);
    const share = ownership(r);
    const total = 1500;
    [200, 400, 800, 100].forEach((v, i) => expect(share[i]).toBeCloseTo(v / total, 1));
    expect(share.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
  });
});

describe('replicas', () => {
  const ring = buildRing(nodeList(6), { vnodes: 32 });

  it('are R distinct physical nodes, primary first, walking clockwise with wrap-around', () => {
    for (const h of [
      ...randomKeys(2000, 3),
      0,
      2 ** 32 - 1,
      ring.positions[ring.positions.length - 1] + 1,
    ]) {
      const r = replicas(ring, h, 3);
      expect(r).toHaveLength(3);
      expect(new Set(r).size).toBe(3);
      expect(r[0]).toBe(lookup(ring, h));
      // Brute force: walk vnodes from the primary, keeping first occurrences.
      const want: number[] = [];
      for (let i = vnodeIndex(ring, h), s = 0; s < ring.owners.length && want.length < 3; s++) {
        const o = ring.owners[(i + s) % ring.owners.length];
        if (!want.includes(o)) want.push(o);
      }
      expect(r).toEqual(want);
    }
  });

  it('skip failed nodes and stop at the number of live nodes', () => {
    const failed = new Uint8Array(6);
    failed[2] = 1;
    failed[4] = 1;
    for (const h of randomKeys(500, 5)) {
      const r = replicas(ring, h, 3, failed);
      expect(r).toHaveLength(3);
      expect(r).not.toContain(2);
      expect(r).not.toContain(4);
    }
    expect(replicas(ring, 42, 10)).toHaveLength(6);
    expect(new Set(replicas(ring, 42, 10)).size).toBe(6);
  });
});

describe('acceptance: 10 nodes × 256 vnodes, 1,000,000 keys', () => {
  const before = buildRing(nodeList(10), { vnodes: 256 });
  const after = buildRing(nodeList(11), { vnodes: 256 });
  const n = KEYS_1M.length;
  const ob = new Uint16Array(n);
  const oa = new Uint16Array(n);
  lookupMany(before, KEYS_1M, ob);
  lookupMany(after, KEYS_1M, oa);
  const mapping = mapNodes(before.ids, after.ids);

  it('adding an 11th node moves 8–10.1 % of keys, all of them TO the new node', () => {
    const movedTo = new Float64Array(11);
    const { moved, betweenOld } = accumulateMoves(ob, oa, n, mapping, undefined, movedTo);
    expect(moved / n).toBeGreaterThan(0.08);
    expect(moved / n).toBeLessThan(0.101);
    expect(betweenOld).toBe(0);
    expect(movedTo[10]).toBe(moved);
  });

  it('hash % n moves more than 85 % of the same keys', () => {
    const mb = new Uint16Array(n);
    const ma = new Uint16Array(n);
    moduloMany(KEYS_1M, 10, mb);
    moduloMany(KEYS_1M, 11, ma);
    const { moved, betweenOld } = accumulateMoves(mb, ma, n, mapping);
    expect(moved / n).toBeGreaterThan(0.85);
    expect(betweenOld).toBeGreaterThan(0.8 * n);
  });

  it('max/mean load ≤ 1.10 with murmur3, and ≈ 1.6 with raw FNV-1a', () => {
    expect(loadSummary(countLoads(ob, 10)).maxOverMean).toBeLessThanOrEqual(1.1);
    const weak = buildRing(nodeList(10), { vnodes: 256, hash: 'fnv1a' });
    const fnvKeys = keyHashes(n, 'fnv1a');
    const o = new Uint16Array(n);
    lookupMany(weak, fnvKeys, o);
    expect(loadSummary(countLoads(o, 10)).maxOverMean).toBeGreaterThan(1.55);
  });

  it('removing a node moves only that node’s keys', () => {
    const without3 = buildRing(
      nodeList(10).filter((x) => x.id !== 'node-03'),
      { vnodes: 256 },
    );
    const o = new Uint16Array(n);
    lookupMany(without3, KEYS_1M, o);
    const m = mapNodes(before.ids, without3.ids);
    const { moved, betweenOld } = accumulateMoves(ob, o, n, m);
    expect(betweenOld).toBe(0);
    expect(moved).toBe(countLoads(ob, 10)[3]);
  });
});

describe('balance against vnodes', () => {
  // One cluster's numbers are noisy (a 10-node max is an extreme value), so average over 8 clusters
  // with different names; the ring share per node has CV ≈ 1/√vnodes.
  const meanCv = (vnodes: number, hash: 'murmur3' | 'fnv1a') => {
    let sum = 0;
    for (let c = 0; c < 8; c++)
      sum += loadSummary(ownership(buildRing(nodeList(10, 0, `c${c}-node-`), { vnodes, hash }))).cv;
    return sum / 8;
  };

  it('imbalance falls as vnodes grow: 1, 4, 16, 64, 256', () => {
    const cvs = [1, 4, 16, 64, 256].map((v) => meanCv(v, 'murmur3'));
    for (let i = 1; i < cvs.length; i++) expect(cvs[i]).toBeLessThan(cvs[i - 1]);
    expect(cvs[0]).toBeGreaterThan(0.6);
    expect(cvs[4]).toBeLessThan(0.1);
  });

  it('raw FNV-1a stays markedly worse than murmur3 at 256 vnodes', () => {
    expect(meanCv(256, 'fnv1a')).toBeGreaterThan(2 * meanCv(256, 'murmur3'));
  });
});
