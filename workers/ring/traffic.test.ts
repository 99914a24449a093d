import { describe, expect, it } from 'vitest';
import { buildRing, lookupMany, nodeList } from './ring.ts';
import { weightedLoads } from './stats.ts';
import { analyzeTraffic, boundedLoads, keyHashes, smear, zipfWeights } from './traffic.ts';

const ring = buildRing(nodeList(10), { vnodes: 256 });

describe('zipf weights', () => {
  it('sum to 1, give the celebrity its share and fall with rank', () => {
    const w = zipfWeights(1000, 1, 0.3);
    expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(w[0]).toBe(0.3);
    for (let i = 2; i < 1000; i++) expect(w[i]).toBeLessThan(w[i - 1]);
    expect(w[1] / w[2]).toBeCloseTo(2, 12); // 1/1 vs 1/2 for s = 1
    const flat = zipfWeights(4, 0);
    expect(Array.from(flat)).toEqual([0.25, 0.25, 0.25, 0.25]);
  });
});

describe('traffic on a ring', () => {
  const base = { keys: 100_000, s: 1, celebrityShare: 0.3, smearCopies: 16, epsilon: 0.25 };

  it('balanced keys, unbalanced requests: the celebrity’s node is the hot one', () => {
    const t = analyzeTraffic(ring, base);
    expect(t.keyLoad.maxOverMean).toBeLessThan(1.15);
    expect(t.requestLoad.maxOverMean).toBeGreaterThan(3);
    expect(t.requestLoad.argmax).toBe(t.celebrityNode);
    expect(t.requestLoad.total).toBeCloseTo(1, 9);
    expect(t.topKeys[0]).toEqual({ key: 'key:0', share: 0.3, node: t.celebrityNode });
  });

  it('smearing splits the celebrity over k copies, at the cost of k − 1 extra copies', () => {
    const t = analyzeTraffic(ring, base);
    expect(t.smeared.copyNodes).toHaveLength(16);
    expect(t.smeared.extraCopies).toBe(15);
    expect(t.smeared.distinctNodes).toBeGreaterThan(5);
    expect(t.smeared.distinctNodes).toBeLessThanOrEqual(10);
    expect(t.smeared.load.maxOverMean).toBeLessThan(t.requestLoad.maxOverMean / 2);
    expect(t.smeared.load.total).toBeCloseTo(1, 9);
    expect(t.smeared.expectedDistinct).toBeCloseTo(10 * (1 - 0.9 ** 16), 9);
  });

  it('a small k can land every copy on one node, and then smearing changes nothing', () => {
    // With 10 nodes, both copies of k = 2 share a node 1 time in 10: find such a key name.
    let found = false;
    for (let p = 0; p < 200 && !found; p++) {
      const prefix = `p${p}:`;
      const keys = keyHashes(1000, 'murmur3', prefix);
      const weights = zipfWeights(1000, 1, 0.5);
      const owners = new Uint16Array(1000);
      lookupMany(ring, keys, owners);
      const loads = weightedLoads(owners, weights, new Float64Array(10));
      const s = smear(ring, owners, weights, loads, 2, 1, 'murmur3', prefix);
      if (s.distinctNodes !== 1) continue;
      found = true;
      expect(s.probAllOnOneNode).toBeCloseTo(0.1, 12);
      // The copies' node got the celebrity's whole share back, whichever node that is.
      expect(s.load.max).toBeGreaterThanOrEqual(0.5);
    }
    expect(found).toBe(true);
  });

  it('bounded loads cap every node at (1 + ε)·mean plus one key, but cannot split the celebrity', () => {
    const t = analyzeTraffic(ring, base);
    const { capacity, load } = t.bounded;
    expect(capacity).toBeCloseTo(1.25 * 0.1, 12);
    const others = load.values.filter((_, i) => i !== t.celebrityNode);
    const secondKey = zipfWeights(base.keys, 1, 0.3)[1];
    for (const v of others) expect(v).toBeLessThanOrEqual(capacity + secondKey + 1e-12);
    expect(load.values[t.celebrityNode]).toBeGreaterThanOrEqual(0.3);
    expect(t.bounded.displacedKeys).toBeGreaterThan(0);
    expect(t.bounded.meanExtraSteps).toBeGreaterThan(0);
  });

  it('with unit weights, bounded loads bounds key counts exactly', () => {
    const keys = keyHashes(50_000);
    const ones = new Float64Array(keys.length).fill(1);
    const b = boundedLoads(ring, keys, ones, 0.05);
    expect(b.load.max).toBeLessThanOrEqual(Math.ceil(b.capacity));
    expect(b.load.total).toBe(50_000);
    // every key not on its primary walked clockwise from it
    expect(b.displacedKeys).toBeGreaterThan(0);
  });
});
