import { describe, expect, it } from 'vitest';
import { moduloMany, moduloNode } from './modulo.ts';

describe('modulo placement', () => {
  it('is hash % n, unsigned', () => {
    expect(moduloNode(0xffffffff, 10)).toBe(5);
    const out = new Uint16Array(3);
    moduloMany(Uint32Array.of(7, 0xfffffffe, 30), 4, out);
    expect(Array.from(out)).toEqual([3, 2, 2]);
    expect(() => moduloMany(Uint32Array.of(1), 0, out)).toThrow();
  });

  it('moves n/(n+1) of keys when a node joins', () => {
    let moved = 0;
    const n = 9;
    for (let h = 0; h < 99_000; h++) if (h % n !== h % (n + 1)) moved++;
    expect(moved / 99_000).toBeCloseTo(n / (n + 1), 2);
  });
});
