import { describe, expect, it } from 'vitest';
import { buildMaglev, maglevMany, maglevSize, maglevSlots, nextPrime } from './maglev.ts';
import { nodeList } from './ring.ts';
import { keyHashes } from './traffic.ts';

describe('Maglev lookup table', () => {
  it('sizes the table as a prime above 100 × servers', () => {
    expect(maglevSize(10)).toBe(65_537);
    expect(maglevSize(1000)).toBe(nextPrime(100_001));
    expect(nextPrime(100_001)).toBe(100_003);
  });

  it('gives every server ⌊M/N⌋ or ⌈M/N⌉ slots', () => {
    for (const n of [1, 3, 10, 97, 500]) {
      const table = buildMaglev(nodeList(n));
      const slots = maglevSlots(table);
      const m = table.entries.length;
      expect(Math.min(...slots)).toBeGreaterThanOrEqual(Math.floor(m / n));
      expect(Math.max(...slots)).toBeLessThanOrEqual(Math.ceil(m / n));
    }
  });

  it('moves about 1/N of keys when a server leaves, a little more than a ring would', () => {
    const keys = keyHashes(100_000);
    const nodes = nodeList(20);
    const before = new Uint16Array(keys.length);
    const after = new Uint16Array(keys.length);
    maglevMany(buildMaglev(nodes), keys, before);
    const gone = 7;
    maglevMany(buildMaglev(nodes.filter((_, i) => i !== gone)), keys, after);
    let moved = 0;
    let mustMove = 0;
    for (let i = 0; i < keys.length; i++) {
      const now = after[i] >= gone ? after[i] + 1 : after[i];
      if (now !== before[i]) moved++;
      if (before[i] === gone) mustMove++;
    }
    expect(mustMove / keys.length).toBeCloseTo(1 / 20, 1);
    expect(moved).toBeGreaterThanOrEqual(mustMove);
    expect(moved / keys.length).toBeLessThan(2.5 / 20);
  });
});
