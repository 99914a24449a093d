import { describe, expect, it } from 'vitest';
import { archName, browserName } from './machine.ts';

describe('browserName', () => {
  it('prefers the client hints brand, skipping GREASE and Chromium', () => {
    expect(
      browserName(
        [
          { brand: 'Not/A)Brand', version: '8' },
          { brand: 'Chromium', version: '131' },
          { brand: 'Google Chrome', version: '131' },
        ],
        '',
      ),
    ).toBe('Chrome 131');
    expect(browserName([{ brand: 'Chromium', version: '156' }], '')).toBe('Chromium 156');
  });
  it('falls back to the user agent', () => {
    expect(
      browserName(
        undefined,
        'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
      ),
    ).toBe('Firefox 133');
    expect(
      browserName(
        [],
        'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
      ),
    ).toBe('Safari 18.1');
    expect(browserName(undefined, 'curl/8')).toBe('an unknown browser');
  });
  it('names the architecture from the client hints, and nothing from garbage', () => {
    expect(archName('x86', '64')).toBe('x86 64-bit');
    expect(archName('arm', '64')).toBe('arm 64-bit');
    expect(archName('arm', undefined)).toBe('arm');
    expect(archName('', '64')).toBeNull();
    expect(archName(undefined, '64')).toBeNull();
    expect(archName('x86; drop', '64')).toBeNull();
  });
});
