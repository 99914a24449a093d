import { describe, expect, it } from 'vitest';
import { buildRing, lookupMany, nodeList, replicas } from './ring.ts';
import {
  accumulateFailure,
  accumulateMoves,
  countLoads,
  failureCounts,
  failureLayout,
  loadSummary,
  mapNodes,
  rowLayout,
  segment,
  sumRows,
} from './stats.ts';
import { keyHashes } from './traffic.ts';

describe('load summary', () => {
  it('computes mean, max/mean, standard deviation and CV', () => {
    const s = loadSummary([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(s.mean).toBe(5);
    expect(s.max).toBe(9);
    expect(s.argmax).toBe(7);
    expect(s.maxOverMean).toBeCloseTo(1.8);
    expect(s.stdDev).toBeCloseTo(2);
    expect(s.cv).toBeCloseTo(0.4);
  });

  it('can leave dead nodes out of the statistics but not out of the values', () => {
    const s = loadSummary([10, 0, 20], [true, false, true]);
    expect(s.mean).toBe(15);
    expect(s.min).toBe(10);
    expect(s.values).toEqual([10, 0, 20]);
  });
});

describe('rows', () => {
  it('lay out named segments and sum per-worker rows', () => {
    const layout = rowLayout({ a: 2, b: 3 });
    expect(layout.length).toBe(5);
    const rows = new Float64Array(10);
    segment(rows.subarray(0, 5), layout, 'b').set([1, 2, 3]);
    segment(rows.subarray(5, 10), layout, 'b').set([10, 20, 30]);
    segment(rows.subarray(5, 10), layout, 'a')[1] = 7;
    expect(Array.from(sumRows(rows, 5, 2))).toEqual([0, 7, 11, 22, 33]);
  });
});

describe('moves', () => {
  it('tell needed moves (node left or joined) from needless ones, by id', () => {
    const mapping = mapNodes(['a', 'b', 'c'], ['c', 'a', 'd']);
    expect(Array.from(mapping.map)).toEqual([1, -1, 0]);
    expect(Array.from(mapping.existed)).toEqual([1, 1, 0]);
    // before indices (a=0,b=1,c=2) → after indices (c=0,a=1,d=2)
    const before = [0, 0, 1, 2, 2];
    const after = [1, 2, 0, 0, 1]; // stay, a→d (join), b→c (left), stay, c→a (needless)
    const from = new Float64Array(3);
    const to = new Float64Array(3);
    expect(accumulateMoves(before, after, 5, mapping, from, to)).toEqual({
      moved: 3,
      betweenOld: 1,
    });
    expect(Array.from(from)).toEqual([1, 1, 1]);
    expect(Array.from(to)).toEqual([1, 1, 1]);
  });
});

describe('failure analysis', () => {
  const ring = buildRing(nodeList(10), { vnodes: 64 });
  const keys = keyHashes(100_000);
  const owners = new Uint16Array(keys.length);
  lookupMany(ring, keys, owners);
  const primaries = countLoads(owners, 10);

  const run = (failedIds: number[], r: number) => {
    const failed = new Uint8Array(10);
    for (const f of failedIds) failed[f] = 1;
    const layout = failureLayout(10, r);
    const row = new Float64Array(layout.length);
    accumulateFailure(ring, keys, 0, keys.length, failed, r, row, layout);
    return { row, layout, failed };
  };

  it('R = 3 with one failed node loses no key; R = 1 loses exactly that node’s keys', () => {
    const { row, layout } = run([4], 3);
    const rank = segment(row, layout, 'rank');
    const r3 = failureCounts(rank, 3);
    expect(r3.keys).toBe(keys.length);
    expect(r3.lostPrimary).toBe(primaries[4]);
    expect(r3.lost).toBe(0);
    expect(r3.servedByReplica).toBe(primaries[4]);
    const r1 = failureCounts(rank, 1);
    expect(r1.lost).toBe(primaries[4]);
    expect(segment(row, layout, 'serving')[4]).toBe(0);
    // Vnodes spread the dead node's keys over many survivors, not one neighbour.
    const takeover = segment(row, layout, 'takeover');
    expect(takeover.filter((x) => x > 0).length).toBeGreaterThanOrEqual(8);
    expect(takeover.reduce((a, b) => a + b, 0)).toBe(primaries[4]);
  });

  it('a key is lost exactly when all R replicas failed (checked key by key)', () => {
    const dead = [1, 2, 7];
    const { row, layout } = run(dead, 2);
    let lost = 0;
    for (const h of keys) if (replicas(ring, h, 2).every((n) => dead.includes(n))) lost++;
    expect(lost).toBeGreaterThan(0);
    expect(failureCounts(segment(row, layout, 'rank'), 2).lost).toBe(lost);
  });
});
