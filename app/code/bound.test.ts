import { describe, expect, it } from 'vitest';
import { boundLines, type Line } from './bound.ts';

const log = (text: string): Line => ({ kind: 'log', text });

describe('console bounds', () => {
  it('keeps short output whole', () => {
    const lines = [log('a'), log('b'), { kind: 'info' as const, text: 'Finished in 3 ms.' }];
    expect(boundLines(lines)).toEqual(lines);
  });

  it('80 M characters of logs render as at most the character budget plus a summary', () => {
    const big = 'x'.repeat(200_000);
    const lines = [
      ...Array.from({ length: 400 }, () => log(big)),
      { kind: 'info' as const, text: 'Finished in 9 ms.' },
    ];
    const out = boundLines(lines, { maxLines: 500, maxChars: 20_000, maxLineChars: 2_000 });
    const total = out.reduce((n, l) => n + l.text.length, 0);
    expect(total).toBeLessThan(21_000);
    expect(out.at(-2)?.text).toBe('… 79,980,000 more characters (390 more lines) not shown.');
    expect(out.at(-1)?.text).toBe('Finished in 9 ms.');
  });

  it('bounds the number of lines too', () => {
    const out = boundLines(
      Array.from({ length: 1_000 }, (_, i) => log(String(i % 10))),
      { maxLines: 100, maxChars: 1e9, maxLineChars: 1e9 },
    );
    expect(out).toHaveLength(101);
    expect(out.at(-1)?.text).toBe('… 900 more characters (900 more lines) not shown.');
  });

  it('a huge error message is shortened too', () => {
    const out = boundLines([{ kind: 'error', text: 'e'.repeat(1e6) }]);
    expect(out[0].text.length).toBeLessThan(2_100);
    expect(out[0].text).toMatch(/998,000 more characters/);
  });
});
