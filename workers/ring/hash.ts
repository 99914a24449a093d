/**
 * 32-bit hashes for the hash-ring lesson. Everything returns an unsigned 32-bit integer (0 … 2³²−1),
 * the coordinate on the ring.
 *
 * - `murmur3`: MurmurHash3 x86_32 over the string's UTF-8 bytes. Good avalanche, so vnode positions
 *   and key positions look uniformly random even for names that differ in one character.
 * - `fnv1a`: raw FNV-1a with no finalizer. Kept deliberately: it is a popular "fast" string hash,
 *   and names like `node-3#17` that differ only in their last bytes land in tight clusters, which is
 *   the lesson's "a weak hash gives bad balance".
 * - `fmix32`: murmur3's finalizer, for integers (user ids, sequence numbers) that are not random.
 */

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

export type HashName = 'murmur3' | 'fnv1a';

/** murmur3's finalizer: a bijection on uint32 in which every input bit affects every output bit. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** MurmurHash3 x86_32 of raw bytes. */
export function murmur3Bytes(bytes: Uint8Array, seed = 0): number {
  const len = bytes.length;
  const end4 = len & ~3;
  let h = seed | 0;
  let i = 0;
  for (; i < end4; i += 4) {
    let k = bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24);
    k = Math.imul(k, C1);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, C2);
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  const rest = len & 3;
  if (rest > 0) {
    let k = bytes[i];
    if (rest > 1) k |= bytes[i + 1] << 8;
    if (rest > 2) k |= bytes[i + 2] << 16;
    k = Math.imul(k, C1);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, C2);
  }
  return fmix32(h ^ len);
}

const encoder = new TextEncoder();

/**
 * MurmurHash3 x86_32 of the string's UTF-8 bytes. ASCII strings (every experiment key) are hashed
 * straight from char codes, which equal their UTF-8 bytes, with no encoding step or allocation; the
 * first non-ASCII char sends the whole string through TextEncoder so the result stays standard.
 */
export function murmur3(str: string, seed = 0): number {
  const len = str.length;
  const end4 = len & ~3;
  let h = seed | 0;
  let i = 0;
  for (; i < end4; i += 4) {
    const c0 = str.charCodeAt(i);
    const c1 = str.charCodeAt(i + 1);
    const c2 = str.charCodeAt(i + 2);
    const c3 = str.charCodeAt(i + 3);
    if ((c0 | c1 | c2 | c3) > 0x7f) return murmur3Bytes(encoder.encode(str), seed);
    let k = c0 | (c1 << 8) | (c2 << 16) | (c3 << 24);
    k = Math.imul(k, C1);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, C2);
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  const rest = len & 3;
  if (rest > 0) {
    const c0 = str.charCodeAt(i);
    const c1 = rest > 1 ? str.charCodeAt(i + 1) : 0;
    const c2 = rest > 2 ? str.charCodeAt(i + 2) : 0;
    if ((c0 | c1 | c2) > 0x7f) return murmur3Bytes(encoder.encode(str), seed);
    let k = c0 | (c1 << 8) | (c2 << 16);
    k = Math.imul(k, C1);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, C2);
  }
  return fmix32(h ^ len);
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** Raw FNV-1a (32-bit) over UTF-8 bytes, no finalizer: the weak hash of the lesson. */
export function fnv1a(str: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < str.length; i++) {
    const c = str.charCodeAt(i);
    if (c > 0x7f) return fnv1aBytes(encoder.encode(str));
    h = Math.imul(h ^ c, FNV_PRIME);
  }
  return h >>> 0;
}

export function fnv1aBytes(bytes: Uint8Array): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], FNV_PRIME);
  return h >>> 0;
}

/** FNV-1a repaired by murmur3's finalizer: as fast as FNV, with the avalanche FNV lacks. */
export function fnv1aMixed(str: string): number {
  return fmix32(fnv1a(str));
}

/** The string hash a ring or experiment is configured with. */
export function stringHash(name: HashName): (s: string) => number {
  return name === 'fnv1a' ? fnv1a : murmur3;
}

/** The experiments' synthetic key names: `key:0`, `key:1`, … */
export function keyName(i: number, prefix = 'key:'): string {
  return prefix + i;
}

/** Hashes the synthetic keys `prefix + i` for i in [start, end) into `out[i - start]`. */
export function hashKeyRange(
  out: Uint32Array,
  start: number,
  end: number,
  hash: HashName = 'murmur3',
  prefix = 'key:',
): Uint32Array {
  const f = stringHash(hash);
  for (let i = start; i < end; i++) out[i - start] = f(prefix + i);
  return out;
}
