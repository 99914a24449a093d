import { describe, expect, it } from 'vitest';
import { hrefFor, parseHash } from './route.ts';

describe('hash routes', () => {
  it.each([
    ['', null],
    ['#/', null],
    ['#/race-conditions', 'race-conditions'],
    ['#race-conditions/', 'race-conditions'],
    ['#/race-conditions?code=abc', 'race-conditions'],
  ])('%s → %s', (hash, slug) => expect(parseHash(hash).slug).toBe(slug));

  it('keeps the query', () => {
    expect(parseHash(hrefFor('x', { code: 'a_b-c' })).query.get('code')).toBe('a_b-c');
  });
});
