/**
 * Lookup-throughput measurements shared by the browser bench (bench.worker.ts) and Node runs:
 * each returns lookups per second, the median of several timed passes over the same keys.
 */
import { murmur3 } from './hash.ts';
import { ketamaOwners } from './ketama.ts';
import { buildRing, lookupBinary, lookupMany, nodeList, type RingArrays } from './ring.ts';

/** The part of hashring's API the reference uses. */
export interface StringRing {
  get(key: string): string | undefined;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

function rate(
  count: number,
  runs: number,
  pass: () => number,
): { perSecond: number; check: number } {
  let check = pass(); // warm-up pass (JIT, caches); its result guards against dead-code elimination
  const rates: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    check += pass();
    rates.push(count / ((performance.now() - t0) / 1000));
  }
  return { perSecond: median(rates), check };
}

export function stringKeys(n: number, prefix = 'key:'): string[] {
  return Array.from({ length: n }, (_, i) => prefix + i);
}

/** murmur3 of each string key, then the indexed ring lookup: what a client does per request. */
export function oursStringLookups(ring: RingArrays, keys: string[], runs = 5): number {
  const out = new Uint16Array(keys.length);
  const positions = ring.positions;
  return rate(keys.length, runs, () => {
    for (let i = 0; i < keys.length; i++) {
      const h = murmur3(keys[i]);
      const b = h >>> ring.shift;
      let lo = ring.buckets[b];
      let hi = ring.buckets[b + 1];
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (positions[mid] < h) lo = mid + 1;
        else hi = mid;
      }
      out[i] = ring.owners[lo === positions.length ? 0 : lo];
    }
    return out[keys.length - 1];
  }).perSecond;
}

/** Ketama: MD5 of each string key, then the indexed search over the sorted points. */
export function ketamaStringLookups(ring: RingArrays, keys: string[], runs = 5): number {
  const out = new Uint16Array(keys.length);
  return rate(keys.length, runs, () => {
    ketamaOwners(ring, keys, out);
    return out[keys.length - 1];
  }).perSecond;
}

/** The npm package on the same keys (one timed pass: it is ~100× slower). */
export function referenceStringLookups(ring: StringRing, keys: string[], runs = 1): number {
  return rate(keys.length, runs, () => {
    let n = 0;
    for (let i = 0; i < keys.length; i++) if (ring.get(keys[i])) n++;
    return n;
  }).perSecond;
}

export interface PrehashedRates {
  /** Bucket-indexed lookups (lookupMany). */
  indexed: number;
  /** Plain binary search over all positions, same keys and ring. */
  binary: number;
  /** A bare loop doing one Math.imul hash per key and storing it: a memory/loop ceiling. */
  imulLoop: number;
  vnodes: number;
}

export function prehashedLookups(
  nodes: number,
  vnodesPerNode: number,
  keys: Uint32Array,
  runs = 7,
): PrehashedRates {
  const ring = buildRing(nodeList(nodes), { vnodes: vnodesPerNode });
  const out = new Uint16Array(keys.length);
  const indexed = rate(keys.length, runs, () => {
    lookupMany(ring, keys, out);
    return out[0];
  }).perSecond;
  const binary = rate(keys.length, runs, () => {
    for (let i = 0; i < keys.length; i++) out[i] = lookupBinary(ring, keys[i]);
    return out[0];
  }).perSecond;
  const tmp = new Uint32Array(keys.length);
  const imulLoop = rate(keys.length, runs, () => {
    for (let i = 0; i < keys.length; i++)
      tmp[i] = Math.imul(keys[i] ^ (keys[i] >>> 16), 0x45d9f3b) >>> 16;
    return tmp[0];
  }).perSecond;
  return { indexed, binary, imulLoop, vnodes: ring.positions.length };
}

/** Keys `key:0 … key:n−1` pre-hashed with murmur3. */
export function prehashedKeys(n: number): Uint32Array {
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) out[i] = murmur3('key:' + i);
  return out;
}
