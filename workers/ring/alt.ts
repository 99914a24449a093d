/**
 * Two other well-known answers to "which node owns this key", for the lesson's comparison table:
 *
 * - Rendezvous (highest-random-weight) hashing: every node scores the key, the highest score wins.
 *   Perfect minimal movement and no ring to store, but O(n) work per lookup.
 * - Jump consistent hash (Lamping & Veach, Google 2014): O(ln n) arithmetic, no memory, near-perfect
 *   balance, but buckets are numbered 0…n−1: only the LAST node can leave, so it suits sharded
 *   storage, not arbitrary servers failing.
 *
 * compare.ts measures them beside the ring and Maglev.
 */
import { fmix32, murmur3 } from './hash.ts';
import type { RingNode } from './ring.ts';

/** Per-node seeds for rendezvous scoring, from the node names. */
export function rendezvousSeeds(nodes: readonly RingNode[]): Uint32Array {
  return Uint32Array.from(nodes, (n) => murmur3(n.name ?? n.id));
}

/** A node's score for a key: fmix32 is a bijection, so for one node distinct keys score distinctly. */
function score(h: number, seed: number): number {
  return fmix32(h ^ seed);
}

/** Rendezvous (HRW): the node with the highest score for key hash `h`; ties go to the lower index. */
export function rendezvous(h: number, seeds: Uint32Array): number {
  let best = -1;
  let bestScore = -1;
  for (let i = 0; i < seeds.length; i++) {
    const s = score(h, seeds[i]);
    if (s > bestScore) {
      bestScore = s;
      best = i;
    }
  }
  return best;
}

/**
 * Weighted rendezvous: score −w / ln(u) with u uniform in (0, 1) gives each node a share ∝ w
 * (Schindelhauer & Schomaker's logarithmic method).
 */
export function rendezvousWeighted(h: number, seeds: Uint32Array, weights: Float64Array): number {
  let best = -1;
  let bestScore = -Infinity;
  for (let i = 0; i < seeds.length; i++) {
    const u = (score(h, seeds[i]) + 0.5) / 4294967296;
    const s = -weights[i] / Math.log(u);
    if (s > bestScore) {
      bestScore = s;
      best = i;
    }
  }
  return best;
}

export function rendezvousMany(
  keys: Uint32Array,
  seeds: Uint32Array,
  out: Uint16Array | Int32Array,
  start = 0,
  end = keys.length,
): void {
  for (let i = start; i < end; i++) out[i - start] = rendezvous(keys[i], seeds);
}

// The jump hash LCG multiplier 2862933555777941757 as two 32-bit halves.
const M_HI = 0x27bb2ee6;
const M_LO = 0x87b0b0fd;
const M_LO0 = M_LO & 0xffff;
const M_LO1 = M_LO >>> 16;

/**
 * Jump consistent hash of a 64-bit key given as (hi, lo) uint32 halves (hi = 0 for a 32-bit hash).
 * The 64-bit LCG step key·M + 1 (mod 2⁶⁴) is done in 16/32-bit pieces: exact, no BigInt.
 */
export function jumpHash(lo: number, buckets: number, hi = 0): number {
  if (buckets <= 0) throw new RangeError('jump hash needs at least one bucket');
  let b = -1;
  let j = 0;
  lo >>>= 0;
  hi >>>= 0;
  while (j < buckets) {
    b = j;
    // lo·M_LO as a full 64-bit product, from 16-bit halves (each partial product < 2³²).
    const a0 = lo & 0xffff;
    const a1 = lo >>> 16;
    const mid = a0 * M_LO1 + a1 * M_LO0; // < 2³³
    const low = a0 * M_LO0 + (mid % 65536) * 65536; // < 2³³
    const carry = Math.floor(low / 4294967296);
    const prodHi = a1 * M_LO1 + Math.floor(mid / 65536) + carry;
    let newLo = (low >>> 0) + 1;
    let newHi = (prodHi + Math.imul(hi, M_LO) + Math.imul(lo, M_HI)) >>> 0;
    if (newLo === 4294967296) {
      newLo = 0;
      newHi = (newHi + 1) >>> 0;
    }
    lo = newLo;
    hi = newHi;
    j = Math.floor((b + 1) * (2147483648 / ((hi >>> 1) + 1)));
  }
  return b;
}

export function jumpMany(
  keys: Uint32Array,
  n: number,
  out: Uint16Array | Int32Array,
  start = 0,
  end = keys.length,
): void {
  for (let i = start; i < end; i++) out[i - start] = jumpHash(keys[i], n);
}
