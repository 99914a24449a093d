import { describe, expect, it } from 'vitest';
import { hrefFor, parseHash, withSticky } from './route.ts';

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

  it('splits a huge query by hand and keeps the long value as it is', () => {
    const code = 'A'.repeat(600_000);
    const r = parseHash(`#/race-conditions?code=${code}&x=a%20b`);
    expect(r.slug).toBe('race-conditions');
    expect(r.query.get('code')).toHaveLength(600_000);
    expect(r.query.get('x')).toBe('a b');
  });
});

describe('replacing a query', () => {
  it('keeps the embed view and drops the rest', () => {
    expect(withSticky('#/race-conditions?code=abc&embed=code', {})).toEqual({ embed: 'code' });
    expect(withSticky('#/race-conditions?code=abc', {})).toEqual({});
    expect(withSticky('#/x?embed=sim', { code: 'z' })).toEqual({ embed: 'sim', code: 'z' });
  });
});
