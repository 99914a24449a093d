import { describe, expect, it } from 'vitest';
import { jumpFigure, maglevFigure, ringSpreadFigure } from './published.ts';

describe('published figures, measured', () => {
  it('jump: adding bucket 11 moves ≈ 1/11 of keys, all to the new bucket', () => {
    const f = jumpFigure(50_000, 10, 2);
    expect(f.strayMoves).toBe(0);
    expect(Math.abs(f.moved.median - 1 / 11)).toBeLessThan(5 * f.standardError);
  });

  it('ring: the spread of shares falls roughly as 1/√(points per server)', () => {
    const f = ringSpreadFigure(20, 4, [1, 16, 256]);
    expect(f.slope).toBeGreaterThan(-0.65);
    expect(f.slope).toBeLessThan(-0.35);
  });

  it('Maglev: slots within one of M/N, better balance than a ring, more than minimal moves', () => {
    const [small, large, ring] = maglevFigure(50, 30_000, 1, 160);
    for (const m of [small, large]) {
      expect(m.slots!.min).toBeGreaterThanOrEqual(m.slots!.floor);
      expect(m.slots!.max).toBeLessThanOrEqual(m.slots!.ceil);
      expect(m.balance.median).toBeLessThan(ring.balance.median);
      expect(m.leaveMoved.median).toBeGreaterThanOrEqual(m.leaveMinimal.median);
    }
    expect(ring.leaveMoved).toEqual(ring.leaveMinimal);
  });
});
