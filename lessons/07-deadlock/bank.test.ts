import { describe, expect, it } from 'vitest';
import { cycleText, moneyOf } from './bank.ts';

describe('bank helpers', () => {
  it('sums only the accounts', () => {
    expect(moneyOf([100, 90, 110, 7], 3)).toBe(300);
  });

  it('writes the wait-for cycle in words, the cycle first', () => {
    const lock = (thread: number, mutex: number, holder: number) => ({
      thread,
      on: { kind: 'lock' as const, mutex, holder },
      text: '',
      line: null,
    });
    expect(cycleText({ waits: [lock(0, 1, 1), lock(1, 0, 0)], cycle: [1, 0] })).toBe(
      'T1 waits for mutex 0, held by T0; T0 waits for mutex 1, held by T1: a cycle T1 → T0 → T1',
    );
    expect(cycleText({ waits: [lock(1, 3, 0)], cycle: null })).toBe(
      'T1 waits for mutex 3, held by T0',
    );
  });
});
