import { describe, expect, it } from 'vitest';
import { compareAll } from './compare.ts';

describe('comparison table', () => {
  const rows = compareAll(30_000, { nodes: 10, vnodes: 128, runs: 2, minTimeMs: 10 });
  const by = Object.fromEntries(rows.map((r) => [r.algorithm, r]));

  it('measures all five; modulo reshuffles, the others move ≈ 1/(n+1) on a join and none between old servers', () => {
    expect(rows.map((r) => r.algorithm)).toEqual([
      'modulo',
      'ring',
      'rendezvous',
      'jump',
      'maglev',
    ]);
    expect(by.modulo.joinMoved.min).toBeGreaterThan(0.85);
    expect(by.modulo.leaveMoved.min).toBeGreaterThan(0.85);
    for (const a of ['ring', 'rendezvous', 'jump', 'maglev']) {
      expect(by[a].joinMoved.min).toBeGreaterThan(0.07);
      expect(by[a].joinMoved.max).toBeLessThan(0.12);
    }
    for (const a of ['ring', 'rendezvous', 'jump']) expect(by[a].joinBetweenOld).toBe(0);
  });

  it('on a leave, ring, rendezvous and jump move exactly the leaving server’s keys; Maglev at least those', () => {
    for (const a of ['ring', 'rendezvous', 'jump'])
      expect(by[a].leaveMoved).toEqual(by[a].leaveMinimal);
    expect(by.maglev.leaveMoved.min).toBeGreaterThanOrEqual(by.maglev.leaveMinimal.min);
    expect(by.maglev.balance.max).toBeLessThan(by.ring.balance.max);
  });

  it('reports spreads and speeds from the runs', () => {
    for (const r of rows) {
      expect(r.lookupsPerSecond.min).toBeGreaterThan(0);
      expect(r.lookupsPerSecond.min).toBeLessThanOrEqual(r.lookupsPerSecond.median);
      expect(r.lookupsPerSecond.median).toBeLessThanOrEqual(r.lookupsPerSecond.max);
      expect(r.balance.min).toBeGreaterThanOrEqual(1);
    }
  });
});
