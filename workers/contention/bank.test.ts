import { describe, expect, it } from 'vitest';
import { bankProblem, readBank } from './bank.ts';

describe('reading the bank back', () => {
  it('splits versions and balances and sums the money', () => {
    const b = readBank([3, 2, 4, -5, 2, 5], 2);
    expect(b).toEqual({ retries: 3, commits: 2, versions: [4, 2], balances: [-5, 5], total: 0 });
    expect(bankProblem(b, 2)).toBeNull();
  });

  it.each([
    [[0, 2, 4, -5, 4, 12], 2, /total is \+7.*money was created/],
    [[0, 2, 4, -12, 4, 5], 2, /total is -7.*money vanished/],
    [[0, 2, 3, -5, 4, 5], 2, /account 0's version ended odd \(3\)/],
    [[0, 1, 4, -5, 4, 5], 2, /counts 1 committed transfers, but 2 were made/],
  ])('names what is wrong: %j', (memory, transfers, message) => {
    expect(bankProblem(readBank(memory, 2), transfers)).toMatch(message);
  });
});
