/**
 * MD5 of a JS string for Ketama's hot path: no TextEncoder, no allocation per call. The string is
 * UTF-8-encoded by hand into a reused scratch buffer (what TextEncoder and node:crypto produce,
 * lone surrogates included as U+FFFD), padded, and run through the 64 steps written out by hand:
 * as 64 calls to small helpers, the function outgrows V8's inlining budget and runs 4–5× slower. The digest is left in `md5State` as four int32 words: byte i of
 * the digest is byte (i & 3) of word i >> 2, little-endian, so Ketama's points are simply the words.
 */

/** The four digest words of the last `md5Words` call (int32; `>>> 0` for the uint32 value). */
export const md5State = new Int32Array(4);

let scratch = new Uint8Array(128);

/** UTF-8 bytes of `s` into scratch (grown as needed); returns the byte length. */
function encode(s: string): number {
  const n = s.length;
  if (scratch.length < n * 3 + 72) scratch = new Uint8Array((n * 3 + 72) * 2);
  const b = scratch;
  let p = 0;
  for (let i = 0; i < n; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) b[p++] = c;
    else if (c < 0x800) {
      b[p++] = 0xc0 | (c >> 6);
      b[p++] = 0x80 | (c & 63);
    } else {
      if (c >= 0xd800 && c <= 0xdfff) {
        const d = i + 1 < n ? s.charCodeAt(i + 1) : 0;
        if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
          c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          i++;
          b[p++] = 0xf0 | (c >> 18);
          b[p++] = 0x80 | ((c >> 12) & 63);
          b[p++] = 0x80 | ((c >> 6) & 63);
          b[p++] = 0x80 | (c & 63);
          continue;
        }
        c = 0xfffd; // a lone surrogate, as TextEncoder and Node's Buffer encode it
      }
      b[p++] = 0xe0 | (c >> 12);
      b[p++] = 0x80 | ((c >> 6) & 63);
      b[p++] = 0x80 | (c & 63);
    }
  }
  return p;
}

/** MD5 of the UTF-8 bytes of `s`; the digest is left in `md5State`. */
export function md5Words(s: string): void {
  const len = encode(s);
  const b = scratch;
  const total = (((len + 8) >>> 6) + 1) << 6;
  b[len] = 0x80;
  b.fill(0, len + 1, total - 8);
  const bits = len * 8;
  b[total - 8] = bits & 255;
  b[total - 7] = (bits >>> 8) & 255;
  b[total - 6] = (bits >>> 16) & 255;
  b[total - 5] = (bits >>> 24) & 255;
  const high = Math.floor(bits / 4294967296);
  b[total - 4] = high & 255;
  b[total - 3] = (high >>> 8) & 255;
  b[total - 2] = (high >>> 16) & 255;
  b[total - 1] = (high >>> 24) & 255;
  let a0 = 0x67452301;
  let b0 = 0xefcdab89 | 0;
  let c0 = 0x98badcfe | 0;
  let d0 = 0x10325476;
  for (let off = 0; off < total; off += 64) {
    const x0 = b[off + 0] | (b[off + 1] << 8) | (b[off + 2] << 16) | (b[off + 3] << 24);
    const x1 = b[off + 4] | (b[off + 5] << 8) | (b[off + 6] << 16) | (b[off + 7] << 24);
    const x2 = b[off + 8] | (b[off + 9] << 8) | (b[off + 10] << 16) | (b[off + 11] << 24);
    const x3 = b[off + 12] | (b[off + 13] << 8) | (b[off + 14] << 16) | (b[off + 15] << 24);
    const x4 = b[off + 16] | (b[off + 17] << 8) | (b[off + 18] << 16) | (b[off + 19] << 24);
    const x5 = b[off + 20] | (b[off + 21] << 8) | (b[off + 22] << 16) | (b[off + 23] << 24);
    const x6 = b[off + 24] | (b[off + 25] << 8) | (b[off + 26] << 16) | (b[off + 27] << 24);
    const x7 = b[off + 28] | (b[off + 29] << 8) | (b[off + 30] << 16) | (b[off + 31] << 24);
    const x8 = b[off + 32] | (b[off + 33] << 8) | (b[off + 34] << 16) | (b[off + 35] << 24);
    const x9 = b[off + 36] | (b[off + 37] << 8) | (b[off + 38] << 16) | (b[off + 39] << 24);
    const x10 = b[off + 40] | (b[off + 41] << 8) | (b[off + 42] << 16) | (b[off + 43] << 24);
    const x11 = b[off + 44] | (b[off + 45] << 8) | (b[off + 46] << 16) | (b[off + 47] << 24);
    const x12 = b[off + 48] | (b[off + 49] << 8) | (b[off + 50] << 16) | (b[off + 51] << 24);
    const x13 = b[off + 52] | (b[off + 53] << 8) | (b[off + 54] << 16) | (b[off + 55] << 24);
    const x14 = b[off + 56] | (b[off + 57] << 8) | (b[off + 58] << 16) | (b[off + 59] << 24);
    const x15 = b[off + 60] | (b[off + 61] << 8) | (b[off + 62] << 16) | (b[off + 63] << 24);
    let a = a0;
    let bb = b0;
    let c = c0;
    let d = d0;
    a = (a + ((bb & c) | (~bb & d)) + x0 + -680876936) | 0;
    a = (((a << 7) | (a >>> 25)) + bb) | 0;
    d = (d + ((a & bb) | (~a & c)) + x1 + -389564586) | 0;
    d = (((d << 12) | (d >>> 20)) + a) | 0;
    c = (c + ((d & a) | (~d & bb)) + x2 + 606105819) | 0;
    c = (((c << 17) | (c >>> 15)) + d) | 0;
    bb = (bb + ((c & d) | (~c & a)) + x3 + -1044525330) | 0;
    bb = (((bb << 22) | (bb >>> 10)) + c) | 0;
    a = (a + ((bb & c) | (~bb & d)) + x4 + -176418897) | 0;
    a = (((a << 7) | (a >>> 25)) + bb) | 0;
    d = (d + ((a & bb) | (~a & c)) + x5 + 1200080426) | 0;
    d = (((d << 12) | (d >>> 20)) + a) | 0;
    c = (c + ((d & a) | (~d & bb)) + x6 + -1473231341) | 0;
    c = (((c << 17) | (c >>> 15)) + d) | 0;
    bb = (bb + ((c & d) | (~c & a)) + x7 + -45705983) | 0;
    bb = (((bb << 22) | (bb >>> 10)) + c) | 0;
    a = (a + ((bb & c) | (~bb & d)) + x8 + 1770035416) | 0;
    a = (((a << 7) | (a >>> 25)) + bb) | 0;
    d = (d + ((a & bb) | (~a & c)) + x9 + -1958414417) | 0;
    d = (((d << 12) | (d >>> 20)) + a) | 0;
    c = (c + ((d & a) | (~d & bb)) + x10 + -42063) | 0;
    c = (((c << 17) | (c >>> 15)) + d) | 0;
    bb = (bb + ((c & d) | (~c & a)) + x11 + -1990404162) | 0;
    bb = (((bb << 22) | (bb >>> 10)) + c) | 0;
    a = (a + ((bb & c) | (~bb & d)) + x12 + 1804603682) | 0;
    a = (((a << 7) | (a >>> 25)) + bb) | 0;
    d = (d + ((a & bb) | (~a & c)) + x13 + -40341101) | 0;
    d = (((d << 12) | (d >>> 20)) + a) | 0;
    c = (c + ((d & a) | (~d & bb)) + x14 + -1502002290) | 0;
    c = (((c << 17) | (c >>> 15)) + d) | 0;
    bb = (bb + ((c & d) | (~c & a)) + x15 + 1236535329) | 0;
    bb = (((bb << 22) | (bb >>> 10)) + c) | 0;

    a = (a + ((bb & d) | (c & ~d)) + x1 + -165796510) | 0;
    a = (((a << 5) | (a >>> 27)) + bb) | 0;
    d = (d + ((a & c) | (bb & ~c)) + x6 + -1069501632) | 0;
    d = (((d << 9) | (d >>> 23)) + a) | 0;
    c = (c + ((d & bb) | (a & ~bb)) + x11 + 643717713) | 0;
    c = (((c << 14) | (c >>> 18)) + d) | 0;
    bb = (bb + ((c & a) | (d & ~a)) + x0 + -373897302) | 0;
    bb = (((bb << 20) | (bb >>> 12)) + c) | 0;
    a = (a + ((bb & d) | (c & ~d)) + x5 + -701558691) | 0;
    a = (((a << 5) | (a >>> 27)) + bb) | 0;
    d = (d + ((a & c) | (bb & ~c)) + x10 + 38016083) | 0;
    d = (((d << 9) | (d >>> 23)) + a) | 0;
    c = (c + ((d & bb) | (a & ~bb)) + x15 + -660478335) | 0;
    c = (((c << 14) | (c >>> 18)) + d) | 0;
    bb = (bb + ((c & a) | (d & ~a)) + x4 + -405537848) | 0;
    bb = (((bb << 20) | (bb >>> 12)) + c) | 0;
    a = (a + ((bb & d) | (c & ~d)) + x9 + 568446438) | 0;
    a = (((a << 5) | (a >>> 27)) + bb) | 0;
    d = (d + ((a & c) | (bb & ~c)) + x14 + -1019803690) | 0;
    d = (((d << 9) | (d >>> 23)) + a) | 0;
    c = (c + ((d & bb) | (a & ~bb)) + x3 + -187363961) | 0;
    c = (((c << 14) | (c >>> 18)) + d) | 0;
    bb = (bb + ((c & a) | (d & ~a)) + x8 + 1163531501) | 0;
    bb = (((bb << 20) | (bb >>> 12)) + c) | 0;
    a = (a + ((bb & d) | (c & ~d)) + x13 + -1444681467) | 0;
    a = (((a << 5) | (a >>> 27)) + bb) | 0;
    d = (d + ((a & c) | (bb & ~c)) + x2 + -51403784) | 0;
    d = (((d << 9) | (d >>> 23)) + a) | 0;
    c = (c + ((d & bb) | (a & ~bb)) + x7 + 1735328473) | 0;
    c = (((c << 14) | (c >>> 18)) + d) | 0;
    bb = (bb + ((c & a) | (d & ~a)) + x12 + -1926607734) | 0;
    bb = (((bb << 20) | (bb >>> 12)) + c) | 0;

    a = (a + (bb ^ c ^ d) + x5 + -378558) | 0;
    a = (((a << 4) | (a >>> 28)) + bb) | 0;
    d = (d + (a ^ bb ^ c) + x8 + -2022574463) | 0;
    d = (((d << 11) | (d >>> 21)) + a) | 0;
    c = (c + (d ^ a ^ bb) + x11 + 1839030562) | 0;
    c = (((c << 16) | (c >>> 16)) + d) | 0;
    bb = (bb + (c ^ d ^ a) + x14 + -35309556) | 0;
    bb = (((bb << 23) | (bb >>> 9)) + c) | 0;
    a = (a + (bb ^ c ^ d) + x1 + -1530992060) | 0;
    a = (((a << 4) | (a >>> 28)) + bb) | 0;
    d = (d + (a ^ bb ^ c) + x4 + 1272893353) | 0;
    d = (((d << 11) | (d >>> 21)) + a) | 0;
    c = (c + (d ^ a ^ bb) + x7 + -155497632) | 0;
    c = (((c << 16) | (c >>> 16)) + d) | 0;
    bb = (bb + (c ^ d ^ a) + x10 + -1094730640) | 0;
    bb = (((bb << 23) | (bb >>> 9)) + c) | 0;
    a = (a + (bb ^ c ^ d) + x13 + 681279174) | 0;
    a = (((a << 4) | (a >>> 28)) + bb) | 0;
    d = (d + (a ^ bb ^ c) + x0 + -358537222) | 0;
    d = (((d << 11) | (d >>> 21)) + a) | 0;
    c = (c + (d ^ a ^ bb) + x3 + -722521979) | 0;
    c = (((c << 16) | (c >>> 16)) + d) | 0;
    bb = (bb + (c ^ d ^ a) + x6 + 76029189) | 0;
    bb = (((bb << 23) | (bb >>> 9)) + c) | 0;
    a = (a + (bb ^ c ^ d) + x9 + -640364487) | 0;
    a = (((a << 4) | (a >>> 28)) + bb) | 0;
    d = (d + (a ^ bb ^ c) + x12 + -421815835) | 0;
    d = (((d << 11) | (d >>> 21)) + a) | 0;
    c = (c + (d ^ a ^ bb) + x15 + 530742520) | 0;
    c = (((c << 16) | (c >>> 16)) + d) | 0;
    bb = (bb + (c ^ d ^ a) + x2 + -995338651) | 0;
    bb = (((bb << 23) | (bb >>> 9)) + c) | 0;

    a = (a + (c ^ (bb | ~d)) + x0 + -198630844) | 0;
    a = (((a << 6) | (a >>> 26)) + bb) | 0;
    d = (d + (bb ^ (a | ~c)) + x7 + 1126891415) | 0;
    d = (((d << 10) | (d >>> 22)) + a) | 0;
    c = (c + (a ^ (d | ~bb)) + x14 + -1416354905) | 0;
    c = (((c << 15) | (c >>> 17)) + d) | 0;
    bb = (bb + (d ^ (c | ~a)) + x5 + -57434055) | 0;
    bb = (((bb << 21) | (bb >>> 11)) + c) | 0;
    a = (a + (c ^ (bb | ~d)) + x12 + 1700485571) | 0;
    a = (((a << 6) | (a >>> 26)) + bb) | 0;
    d = (d + (bb ^ (a | ~c)) + x3 + -1894986606) | 0;
    d = (((d << 10) | (d >>> 22)) + a) | 0;
    c = (c + (a ^ (d | ~bb)) + x10 + -1051523) | 0;
    c = (((c << 15) | (c >>> 17)) + d) | 0;
    bb = (bb + (d ^ (c | ~a)) + x1 + -2054922799) | 0;
    bb = (((bb << 21) | (bb >>> 11)) + c) | 0;
    a = (a + (c ^ (bb | ~d)) + x8 + 1873313359) | 0;
    a = (((a << 6) | (a >>> 26)) + bb) | 0;
    d = (d + (bb ^ (a | ~c)) + x15 + -30611744) | 0;
    d = (((d << 10) | (d >>> 22)) + a) | 0;
    c = (c + (a ^ (d | ~bb)) + x6 + -1560198380) | 0;
    c = (((c << 15) | (c >>> 17)) + d) | 0;
    bb = (bb + (d ^ (c | ~a)) + x13 + 1309151649) | 0;
    bb = (((bb << 21) | (bb >>> 11)) + c) | 0;
    a = (a + (c ^ (bb | ~d)) + x4 + -145523070) | 0;
    a = (((a << 6) | (a >>> 26)) + bb) | 0;
    d = (d + (bb ^ (a | ~c)) + x11 + -1120210379) | 0;
    d = (((d << 10) | (d >>> 22)) + a) | 0;
    c = (c + (a ^ (d | ~bb)) + x2 + 718787259) | 0;
    c = (((c << 15) | (c >>> 17)) + d) | 0;
    bb = (bb + (d ^ (c | ~a)) + x9 + -343485551) | 0;
    bb = (((bb << 21) | (bb >>> 11)) + c) | 0;

    a0 = (a0 + a) | 0;
    b0 = (b0 + bb) | 0;
    c0 = (c0 + c) | 0;
    d0 = (d0 + d) | 0;
  }
  md5State[0] = a0;
  md5State[1] = b0;
  md5State[2] = c0;
  md5State[3] = d0;
}

/** Ketama's point for a key: the digest's first four bytes, little-endian (uint32). */
export function md5Point(s: string): number {
  md5Words(s);
  return md5State[0] >>> 0;
}
