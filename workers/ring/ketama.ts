/**
 * Ketama: the ring memcached clients share (libketama, libmemcached, the `hashring` npm
 * package), so that every client of a cache cluster sends a key to the same server.
 *
 * - A server named `host:port` with weight w gets floor(40 × servers × w / Σw) digests, each the MD5
 *   of `"<server>-<k>"`; every 16-byte digest gives four points (little-endian 32-bit slices), so
 *   160 points per server at equal weight.
 * - A key's position is the first four bytes of MD5(key), little-endian; its server owns the first
 *   point at or after it, wrapping past the top.
 *
 * Clients differ only in the rounding of the digest count: `hashring` computes it in doubles,
 * libketama in single-precision floats. For 7 equal servers, (1/7)·40·7 is 39.999… in doubles and
 * 40 in floats, so hashring gives each 39 digests where libketama gives 40; `flavour` picks one.
 * Ties between equal points keep server order (a stable sort, as hashring's); libketama's qsort
 * leaves them in no fixed order.
 *
 * The result is the same flat arrays as Interleave's own ring (ring.ts), so lookups reuse its
 * bucket index and the comparisons reuse its code.
 */
import { md5Point, md5State, md5Words } from './md5-fast.ts';
import { defaultBucketBits, fillBuckets, lookup, type RingArrays } from './ring.ts';

export interface KetamaServer {
  /** `host:port` as the client is configured with it: the string that is hashed. */
  name: string;
  /** Relative weight (libketama: the server's memory). Defaults to 1. */
  weight?: number;
}

export type KetamaFlavour = 'hashring' | 'libketama';

export interface KetamaRing extends RingArrays {
  /** Server names, in the order owners index them. */
  ids: string[];
  /** MD5 digests (4 points each) per server. */
  digests: Uint32Array;
  flavour: KetamaFlavour;
}

/** Digests per server at 1 weight unit of 40 × servers: hashring's rounding or libketama's. */
export function ketamaDigests(
  servers: readonly KetamaServer[],
  flavour: KetamaFlavour = 'hashring',
): Uint32Array {
  const n = servers.length;
  const weights = servers.map((s) => s.weight ?? 1);
  const total = weights.reduce((a, b) => a + b, 0);
  return Uint32Array.from(weights, (w) => {
    if (flavour === 'hashring') return Math.max(0, Math.floor((w / total) * 40 * n));
    // libketama: float pct = (float)memory / (float)total; floorf(pct * 40.0 * (float)n)
    const pct = Math.fround(Math.fround(w) / Math.fround(total));
    return Math.max(0, Math.floor(Math.fround(pct * 40 * n)));
  });
}

export const MAX_KETAMA_SERVERS = 10_000;

export function buildKetama(
  servers: readonly KetamaServer[],
  flavour: KetamaFlavour = 'hashring',
): KetamaRing {
  if (servers.length > MAX_KETAMA_SERVERS)
    throw new RangeError(`at most ${MAX_KETAMA_SERVERS} servers`);
  const seen = new Set<string>();
  for (const s of servers) {
    if (seen.has(s.name)) throw new Error(`duplicate server ${s.name}`);
    if (!((s.weight ?? 1) > 0)) throw new RangeError(`weight of ${s.name} must be > 0`);
    seen.add(s.name);
  }
  const digests = ketamaDigests(servers, flavour);
  let total = 0;
  for (const d of digests) total += d * 4;
  // (point, insertion order) packed into one float64: the native sort of a Float64Array is fast,
  // and insertion order as the low part makes ties come out as a stable sort leaves them.
  const seqBits = Math.max(1, Math.ceil(Math.log2(total + 1)));
  const scale = 2 ** seqBits;
  const packed = new Float64Array(total);
  const owner = new Uint16Array(total);
  let k = 0;
  for (let s = 0; s < servers.length; s++) {
    const prefix = servers[s].name + '-';
    for (let i = 0; i < digests[s]; i++) {
      md5Words(prefix + i);
      for (let j = 0; j < 4; j++) {
        owner[k] = s;
        packed[k] = (md5State[j] >>> 0) * scale + k;
        k++;
      }
    }
  }
  packed.sort();
  const bits = defaultBucketBits(total);
  const positions = new Uint32Array(total);
  const owners = new Uint16Array(total);
  const buckets = new Uint32Array((1 << bits) + 1);
  for (let i = 0; i < total; i++) {
    const p = packed[i];
    const point = Math.floor(p / scale);
    positions[i] = point;
    owners[i] = owner[p - point * scale];
  }
  const shift = 32 - bits;
  fillBuckets(positions, buckets, shift);
  return {
    positions,
    owners,
    buckets,
    shift,
    nodeCount: servers.length,
    ids: servers.map((s) => s.name),
    digests,
    flavour,
  };
}

/** Index of the server owning `key` (-1 on an empty ring). */
export function ketamaOwner(ring: RingArrays, key: string): number {
  return lookup(ring, md5Point(key));
}

/**
 * Owners of many string keys: MD5 and the bucket-indexed search inlined in one loop (the hot path
 * the bench measures against hashring).
 */
export function ketamaOwners(ring: RingArrays, keys: readonly string[], out: Uint16Array): void {
  const positions = ring.positions;
  const owners = ring.owners;
  const buckets = ring.buckets;
  const shift = ring.shift;
  const last = positions.length;
  if (last === 0) throw new Error('empty ring');
  for (let i = 0; i < keys.length; i++) {
    md5Words(keys[i]);
    const h = md5State[0] >>> 0;
    const b = h >>> shift;
    let lo = buckets[b];
    let hi = buckets[b + 1];
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (positions[mid] < h) lo = mid + 1;
      else hi = mid;
    }
    out[i] = owners[lo === last ? 0 : lo];
  }
}

export interface ParsedServers {
  servers: KetamaServer[];
  /** One message per line that could not be read (1-based line numbers). */
  errors: string[];
}

/**
 * A server list as a learner pastes it: one `host:port weight` per line (weight optional, 1 by
 * default; tabs or spaces; `#` starts a comment), the format of libketama's server file.
 */
export function parseServerList(text: string): ParsedServers {
  const servers: KetamaServer[] = [];
  const errors: string[] = [];
  const seen = new Set<string>();
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/#.*/, '').trim();
    if (!line) return;
    const [name, weightText, ...rest] = line.split(/[\s,]+/);
    const weight = weightText === undefined ? 1 : Number(weightText);
    if (rest.length) errors.push(`line ${i + 1}: expected "host:port weight"`);
    else if (!(weight > 0) || !Number.isFinite(weight))
      errors.push(`line ${i + 1}: weight must be a positive number`);
    else if (seen.has(name)) errors.push(`line ${i + 1}: ${name} is listed twice`);
    else {
      seen.add(name);
      servers.push({ name, weight });
    }
  });
  return { servers, errors };
}
