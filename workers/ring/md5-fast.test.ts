import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { md5Point, md5State, md5Words } from './md5-fast.ts';

const hex = () => Buffer.from(new Int32Array(md5State).buffer).toString('hex');

describe('md5Words (allocation-free MD5 for Ketama)', () => {
  it('matches RFC 1321 and node:crypto across padding boundaries, UTF-8 and lone surrogates', () => {
    md5Words('message digest');
    expect(hex()).toBe('f96b697d7cb7938d525a2f31aaf161d0');
    for (const s of ['', 'abc', 'a'.repeat(55), 'b'.repeat(56), 'c'.repeat(64), 'd'.repeat(300)]) {
      md5Words(s);
      expect(hex()).toBe(createHash('md5').update(s).digest('hex'));
    }
    for (const s of ['ключ-😀', 'é', '\u0800', 'x\ud800y', '\udc00', '😀'.repeat(30)]) {
      md5Words(s);
      expect(hex()).toBe(createHash('md5').update(s).digest('hex'));
    }
  });

  it("gives a key's Ketama point: the digest's first four bytes, little-endian", () => {
    const d = createHash('md5').update('test').digest();
    expect(md5Point('test')).toBe(d.readUInt32LE(0));
    expect(md5Point('test')).toBe(3446378249); // the value hashring's own API test expects
  });
});
