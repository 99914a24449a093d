import { describe, expect, it } from 'vitest';
import { movedMessage } from './moved-message.ts';

const s = (live: string[], vnodes = 3) => ({ live, vnodes });

describe('movedMessage', () => {
  it('a join quotes 1/n of the new count and names the new server', () => {
    expect(movedMessage(s(['a', 'b', 'c']), s(['a', 'b', 'c', 'd']), 11, 48)).toBe(
      '11 of 48 keys moved (ringed), all of them to d: a joining server takes about 1/4 of the keys (≈ 12 here).',
    );
  });
  it('a server leaving (or failing) quotes 1/n of the old count', () => {
    expect(movedMessage(s(['a', 'b', 'c', 'd']), s(['a', 'c', 'd']), 13, 48)).toMatch(
      /only b's keys.*1\/4.*≈ 12/,
    );
  });
  it('the last server leaving says no one owns the keys', () => {
    expect(movedMessage(s(['a']), s([]), 48, 48)).toMatch(/no server is left/);
  });
  it('changing the points per server is a re-layout, not a join: no 1/n rule', () => {
    const m = movedMessage(s(['a', 'b', 'c', 'd'], 3), s(['a', 'b', 'c', 'd'], 4), 29, 48);
    expect(m).toMatch(/re-layout, not a join/);
    expect(m).not.toMatch(/1\//);
  });
});
