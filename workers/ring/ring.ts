/**
 * The consistent-hash ring as flat typed arrays: every vnode's position on the 32-bit circle, sorted,
 * beside the index of the physical node that owns it. A key belongs to the first vnode at or after
 * its hash, wrapping to vnode 0 past the top.
 *
 * Lookups are the hot path (millions per second in a worker), so in front of the sorted positions
 * sits a bucket index: the top `bits` of a hash pick a bucket, `buckets[b]` is the first vnode at or
 * after the bucket's start. With about one vnode per bucket, the binary search that is left runs over
 * a range of 0–2 entries instead of log₂(V) ≈ 15 unpredictable steps.
 *
 * The arrays are plain data (no class, no closures) so they can live in a SharedArrayBuffer and be
 * posted to workers as they are.
 */
import { stringHash, type HashName } from './hash.ts';

export interface RingNode {
  /** Stable identity: the same id in two rings is the same server. */
  id: string;
  /** What the vnode names are hashed from (`${name}#${i}`); defaults to the id. */
  name?: string;
  /** Relative capacity: vnodes ∝ weight. Defaults to 1. */
  weight?: number;
  /** An explicit vnode count for this node, overriding vnodes × weight. */
  vnodes?: number;
}

export interface RingOptions {
  /** Vnodes per unit of weight. */
  vnodes: number;
  /** The hash vnode names go through (keys must use the same one). Default murmur3. */
  hash?: HashName;
  /** Bucket-index size as a power of two; by default about one bucket per vnode. */
  bucketBits?: number;
}

/** Everything lookups need; every field is structured-clonable and shareable. */
export interface RingArrays {
  /** Vnode positions, ascending. */
  positions: Uint32Array;
  /** owners[i]: index (into the node list) of the node owning positions[i]. */
  owners: Uint16Array;
  /** buckets[b]: first vnode index with position ≥ b·2^shift; length 2^bits + 1, last = V. */
  buckets: Uint32Array;
  /** 32 − bucket bits: hash >>> shift is the bucket. */
  shift: number;
  /** Number of physical nodes. */
  nodeCount: number;
}

export interface Ring extends RingArrays {
  ids: string[];
  /** Vnodes actually placed per node. */
  vnodeCounts: Uint32Array;
  hash: HashName;
}

export const MAX_NODES = 0xffff;

/**
 * The lesson's default servers: `node-00`, `node-01`, … (ids padded to two digits, so adding node 100
 * renames nobody). Ids are also the names hashed for vnodes.
 */
export function nodeList(n: number, from = 0, prefix = 'node-'): RingNode[] {
  return Array.from({ length: n }, (_, i) => ({ id: prefix + String(from + i).padStart(2, '0') }));
}

/** How many vnodes a node gets: its explicit count, or vnodes × weight (at least 1 if weight > 0). */
export function vnodeCount(node: RingNode, vnodesPerWeight: number): number {
  if (node.vnodes !== undefined) return Math.max(0, Math.floor(node.vnodes));
  const w = node.weight ?? 1;
  if (!(w > 0)) return 0;
  return Math.max(1, Math.round(vnodesPerWeight * w));
}

/** Bytes a ring of `totalVnodes` takes (for sizing shared buffers). */
export function ringBytes(
  totalVnodes: number,
  bucketBits = defaultBucketBits(totalVnodes),
): number {
  return totalVnodes * 6 + ((1 << bucketBits) + 1) * 4;
}

export function defaultBucketBits(totalVnodes: number): number {
  return Math.min(20, Math.max(4, Math.ceil(Math.log2(Math.max(1, totalVnodes)))));
}

/** Allocates ring arrays in `alloc`'s buffers (an ArrayBuffer or a SharedArrayBuffer). */
export type Alloc = (bytes: number) => ArrayBufferLike;
export const plainAlloc: Alloc = (bytes) => new ArrayBuffer(bytes);

export function buildRing(
  nodes: readonly RingNode[],
  options: RingOptions,
  alloc = plainAlloc,
): Ring {
  if (nodes.length > MAX_NODES) throw new RangeError(`at most ${MAX_NODES} nodes`);
  const seen = new Set<string>();
  for (const n of nodes) {
    if (seen.has(n.id)) throw new Error(`duplicate node id ${n.id}`);
    seen.add(n.id);
  }
  const hashName = options.hash ?? 'murmur3';
  const hash = stringHash(hashName);
  const counts = new Uint32Array(nodes.length);
  let total = 0;
  for (let i = 0; i < nodes.length; i++) total += counts[i] = vnodeCount(nodes[i], options.vnodes);

  // Ties (two vnodes at one position: ~V²/2³³ of them, tens at 512k vnodes) are broken by the
  // node's rank in id order, not by its list index: the relative order of two surviving nodes never
  // changes when others join or leave, so a tie cannot move a key between old nodes.
  const byId = nodes.map((_, i) => i).sort((a, b) => (nodes[a].id < nodes[b].id ? -1 : 1));
  const rank = new Uint32Array(nodes.length);
  byId.forEach((node, r) => (rank[node] = r));

  // Sort (position, rank) pairs packed into one float64 (< 2⁴⁸, exact): the native typed-array sort
  // beats sorting objects or an index permutation by a wide margin.
  const packed = new Float64Array(total);
  let k = 0;
  for (let i = 0; i < nodes.length; i++) {
    const name = nodes[i].name ?? nodes[i].id;
    for (let v = 0; v < counts[i]; v++) packed[k++] = hash(`${name}#${v}`) * 65536 + rank[i];
  }
  packed.sort();

  const bits = options.bucketBits ?? defaultBucketBits(total);
  const buf = alloc(ringBytes(total, bits));
  const positions = new Uint32Array(buf, 0, total);
  const buckets = new Uint32Array(buf, total * 4, (1 << bits) + 1);
  const owners = new Uint16Array(buf, total * 4 + buckets.byteLength, total);
  for (let i = 0; i < total; i++) {
    const p = packed[i];
    const pos = Math.floor(p / 65536);
    positions[i] = pos;
    owners[i] = byId[p - pos * 65536];
  }
  const shift = 32 - bits;
  fillBuckets(positions, buckets, shift);
  return {
    positions,
    owners,
    buckets,
    shift,
    nodeCount: nodes.length,
    ids: nodes.map((n) => n.id),
    vnodeCounts: counts,
    hash: hashName,
  };
}

/** buckets[b] = first index whose position ≥ b << shift (as uint32). */
export function fillBuckets(positions: Uint32Array, buckets: Uint32Array, shift: number): void {
  const nb = buckets.length - 1;
  let i = 0;
  for (let b = 0; b < nb; b++) {
    const start = b * 2 ** shift;
    while (i < positions.length && positions[i] < start) i++;
    buckets[b] = i;
  }
  buckets[nb] = positions.length;
}

/**
 * Index of the vnode owning `h`: the first position ≥ h, or 0 when h is above the last one
 * (wrap-around). `h` must be a uint32 (`x >>> 0`).
 */
export function vnodeIndex(ring: RingArrays, h: number): number {
  const positions = ring.positions;
  const b = h >>> ring.shift;
  let lo = ring.buckets[b];
  let hi = ring.buckets[b + 1];
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (positions[mid] < h) lo = mid + 1;
    else hi = mid;
  }
  return lo === positions.length ? 0 : lo;
}

/** The node index owning key hash `h`. Throws nothing; an empty ring answers -1. */
export function lookup(ring: RingArrays, h: number): number {
  if (ring.positions.length === 0) return -1;
  return ring.owners[vnodeIndex(ring, h)];
}

/** The same answer by a plain binary search over all positions: the baseline the index beats. */
export function lookupBinary(ring: RingArrays, h: number): number {
  const positions = ring.positions;
  let lo = 0;
  let hi = positions.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (positions[mid] < h) lo = mid + 1;
    else hi = mid;
  }
  return ring.owners[lo === positions.length ? 0 : lo];
}

/**
 * Owners of `keys[start..end)` into `out[0..end-start)`. The loop keeps every array in a local so
 * the JIT sees monomorphic typed-array loads: this is the loop the throughput figures measure.
 */
export function lookupMany(
  ring: RingArrays,
  keys: Uint32Array,
  out: Uint16Array | Uint32Array | Int32Array,
  start = 0,
  end = keys.length,
): void {
  const positions = ring.positions;
  const owners = ring.owners;
  const buckets = ring.buckets;
  const shift = ring.shift;
  const last = positions.length;
  if (last === 0) throw new Error('empty ring');
  for (let i = start; i < end; i++) {
    const h = keys[i];
    const b = h >>> shift;
    let lo = buckets[b];
    let hi = buckets[b + 1];
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (positions[mid] < h) lo = mid + 1;
      else hi = mid;
    }
    out[i - start] = owners[lo === last ? 0 : lo];
  }
}

/**
 * Replica set of a key: its primary, then the next DISTINCT physical nodes clockwise, skipping more
 * vnodes of nodes already chosen and nodes marked in `skip` (failed nodes; skip[node] ≠ 0).
 * Writes node indices to `out` and returns how many (< R when fewer eligible nodes exist).
 * `mark` is scratch (length nodeCount) reused across calls to make "already chosen" O(1);
 * `stamp` must differ between calls that share it.
 */
export function replicasInto(
  ring: RingArrays,
  h: number,
  r: number,
  out: Int32Array | number[],
  skip?: Uint8Array,
  mark?: Uint32Array,
  stamp = 1,
): number {
  const owners = ring.owners;
  const v = owners.length;
  if (v === 0 || r <= 0) return 0;
  let i = vnodeIndex(ring, h);
  let found = 0;
  for (let steps = 0; steps < v && found < r; steps++) {
    const node = owners[i];
    if (!(skip && skip[node])) {
      let dup = false;
      if (mark) dup = mark[node] === stamp;
      else for (let j = 0; j < found; j++) if (out[j] === node) dup = true;
      if (!dup) {
        out[found++] = node;
        if (mark) mark[node] = stamp;
      }
    }
    if (++i === v) i = 0;
  }
  return found;
}

/** `replicasInto` returning a fresh array: primary first, then clockwise. */
export function replicas(ring: RingArrays, h: number, r: number, skip?: Uint8Array): number[] {
  const out: number[] = [];
  replicasInto(ring, h, r, out, skip);
  return out;
}

/** Fraction of the circle each node owns (the arc before each of its vnodes). */
export function ownership(ring: RingArrays): Float64Array {
  const share = new Float64Array(ring.nodeCount);
  const p = ring.positions;
  const v = p.length;
  for (let i = 0; i < v; i++) {
    const prev = i === 0 ? p[v - 1] - 2 ** 32 : p[i - 1];
    share[ring.owners[i]] += (p[i] - prev) / 2 ** 32;
  }
  return share;
}

/** Copies ring arrays into one new buffer from `alloc` (to share or post a ring built elsewhere). */
export function copyRing(ring: RingArrays, alloc: Alloc): RingArrays {
  const v = ring.positions.length;
  const buf = alloc(v * 6 + ring.buckets.byteLength);
  const positions = new Uint32Array(buf, 0, v);
  const buckets = new Uint32Array(buf, v * 4, ring.buckets.length);
  const owners = new Uint16Array(buf, v * 4 + ring.buckets.byteLength, v);
  positions.set(ring.positions);
  buckets.set(ring.buckets);
  owners.set(ring.owners);
  return { positions, owners, buckets, shift: ring.shift, nodeCount: ring.nodeCount };
}

/** Just the arrays (drops ids and metadata), for posting. */
export function ringArrays(ring: RingArrays): RingArrays {
  const { positions, owners, buckets, shift, nodeCount } = ring;
  return { positions, owners, buckets, shift, nodeCount };
}
