import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { md5 } from './md5.ts';

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

describe('md5 (the bench shim for hashring in the browser)', () => {
  it('matches the RFC 1321 vectors and node:crypto, across padding boundaries and UTF-8', () => {
    expect(hex(md5(''))).toBe('d41d8cd98f00b204e9800998ecf8427e');
    expect(hex(md5('abc'))).toBe('900150983cd24fb0d6963f7d28e17f72');
    expect(hex(md5('message digest'))).toBe('f96b697d7cb7938d525a2f31aaf161d0');
    for (const s of [
      'a'.repeat(55),
      'b'.repeat(56),
      'c'.repeat(64),
      'd'.repeat(119),
      'key:123456',
      'ключ-😀',
    ])
      expect(hex(md5(s))).toBe(createHash('md5').update(s).digest('hex'));
  });

  it('makes hashring build the same ring as with node:crypto', () => {
    type Ring = { get(key: string): string };
    const HashRing = createRequire(import.meta.url)('hashring') as new (
      servers: string[],
      algorithm?: string | ((s: string) => Uint8Array),
    ) => Ring;
    const servers = Array.from({ length: 20 }, (_, i) => `node-${i}`);
    const native = new HashRing(servers);
    const shim = new HashRing(servers, md5);
    for (let i = 0; i < 5000; i++) expect(shim.get(`key:${i}`)).toBe(native.get(`key:${i}`));
  });
});
