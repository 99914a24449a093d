/**
 * Maglev hashing (Eisenbud et al., NSDI 2016, Google's load balancer): instead of a ring, a lookup
 * table of M entries (M prime, well above 100 × servers). Each server walks its own permutation of
 * the table, (offset + j·skip) mod M, with offset and skip from two hashes of its name; the servers
 * take turns claiming the next entry of their permutation that is still free until the table is
 * full. A key's server is table[hash mod M]: one array read, whatever the server count.
 *
 * Taking turns gives every server ⌊M/N⌋ or ⌈M/N⌉ entries (near-perfect balance); the price is that
 * when a server leaves, the turns of the others shift and a few entries change hands between
 * servers that stayed, so slightly more than the minimal 1/N of keys move.
 */
import { murmur3 } from './hash.ts';
import type { RingNode } from './ring.ts';

export interface MaglevTable {
  /** entries[i]: index (into the node list) of the server owning slot i. */
  entries: Uint16Array;
  nodeCount: number;
}

export function isPrime(n: number): boolean {
  if (n < 2) return false;
  if (n % 2 === 0) return n === 2;
  for (let d = 3; d * d <= n; d += 2) if (n % d === 0) return false;
  return true;
}

export function nextPrime(n: number): number {
  let p = Math.max(2, Math.ceil(n));
  while (!isPrime(p)) p++;
  return p;
}

/**
 * The table size for n servers: the smallest prime ≥ max(65,537, 100·n + 1). The paper uses 65,537
 * for small clusters and asks for M ≫ 100·N so that ⌈M/N⌉ vs ⌊M/N⌋ is under a 1 % difference.
 */
export function maglevSize(n: number): number {
  return nextPrime(Math.max(65_537, 100 * n + 1));
}

const OFFSET_SEED = 0x9e3779b9;
const SKIP_SEED = 0x85ebca6b;

/** The paper's population: servers take turns claiming the next free slot of their permutation. */
export function buildMaglev(
  nodes: readonly RingNode[],
  size = maglevSize(nodes.length),
): MaglevTable {
  const n = nodes.length;
  if (n === 0) throw new Error('Maglev needs at least one server');
  if (n > 0xffff) throw new RangeError('at most 65,535 servers');
  if (!isPrime(size)) throw new RangeError(`table size ${size} is not prime`);
  const offset = new Float64Array(n);
  const skip = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const name = nodes[i].name ?? nodes[i].id;
    offset[i] = murmur3(name, OFFSET_SEED) % size;
    skip[i] = (murmur3(name, SKIP_SEED) % (size - 1)) + 1;
  }
  // Each server's place in its own permutation, as the slot it points at now: advancing by skip
  // mod M walks (offset + j·skip) mod M without a multiplication.
  const at = Float64Array.from(offset);
  const entries = new Uint16Array(size);
  const taken = new Uint8Array(size);
  let filled = 0;
  for (;;) {
    for (let i = 0; i < n; i++) {
      let c = at[i];
      while (taken[c]) {
        c += skip[i];
        if (c >= size) c -= size;
      }
      taken[c] = 1;
      entries[c] = i;
      c += skip[i];
      at[i] = c >= size ? c - size : c;
      if (++filled === size) return { entries, nodeCount: n };
    }
  }
}

/** Owners of pre-hashed keys: one modulo and one array read each. */
export function maglevMany(
  table: MaglevTable,
  keys: Uint32Array,
  out: Uint16Array | Int32Array,
  start = 0,
  end = keys.length,
): void {
  const entries = table.entries;
  const m = entries.length;
  for (let i = start; i < end; i++) out[i - start] = entries[keys[i] % m];
}

/** Slots per server: each is ⌊M/N⌋ or ⌈M/N⌉ (the paper's balance guarantee). */
export function maglevSlots(table: MaglevTable): Uint32Array {
  const counts = new Uint32Array(table.nodeCount);
  for (const e of table.entries) counts[e]++;
  return counts;
}
