/**
 * The two other well-known answers to "which node owns this key", for the lesson's comparison table:
 *
 * - Rendezvous (highest-random-weight) hashing: every node scores the key, the highest score wins.
 *   Perfect minimal movement and no ring to store, but O(n) work per lookup.
 * - Jump consistent hash (Lamping & Veach, Google 2014): O(ln n) arithmetic, no memory, near-perfect
 *   balance, but buckets are numbered 0…n−1: only the LAST node can leave, so it suits sharded
 *   storage, not arbitrary servers failing.
 */
import { fmix32, murmur3, type HashName } from './hash.ts';
import { buildRing, lookupMany, type RingNode } from './ring.ts';
import { moduloMany } from './modulo.ts';
import { countLoads, loadSummary, type LoadSummary } from './stats.ts';

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

export type Algorithm = 'modulo' | 'ring' | 'rendezvous' | 'jump';

export interface ComparisonRow {
  algorithm: Algorithm;
  /** Fraction of keys whose node changed when node n+1 joined. */
  movedFraction: number;
  /** Moves between two nodes that both existed before (needless moves). */
  movedBetweenOld: number;
  /** Load with n nodes. */
  balance: LoadSummary;
  /** Lookups per second for pre-hashed keys, measured here on this thread: the median of the rounds. */
  lookupsPerSecond: number;
  /** The slowest and fastest round: the four placements take turns, so noise hits them alike. */
  lookupsSpread: { min: number; max: number };
  /** Memory the placement needs, in bytes. */
  memoryBytes: number;
  note: string;
}

export interface ComparisonOptions {
  /** Node count before one node joins. */
  nodes: number;
  /** Vnodes per node for the ring. */
  vnodes: number;
  /** Minimum time each lookup-speed measurement runs, in ms. */
  minTimeMs?: number;
  /** Hash for the ring's vnode names (the keys are already hashed). */
  hash?: HashName;
}

const NOTES: Record<Algorithm, string> = {
  modulo: 'Balanced and free, but adding a node reshuffles almost every key.',
  ring: 'Moves ≈ 1/(n+1); balance improves with vnodes; any node can join or leave.',
  rendezvous: 'Moves ≈ 1/(n+1) with perfect balance, but every lookup scores all n nodes.',
  jump: 'Moves ≈ 1/(n+1), near-perfect balance, no memory; only the last bucket can be removed.',
};

/** Runs `place` over all keys repeatedly for at least minTimeMs; returns lookups per second. */
function timeIt(place: () => void, count: number, minTimeMs: number): number {
  let runs = 0;
  const t0 = performance.now();
  let t: number;
  do {
    place();
    runs++;
    t = performance.now();
  } while (t - t0 < minTimeMs);
  return (runs * count) / ((t - t0) / 1000);
}

const ROUNDS = 5;
const medianOf = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Movement (n → n+1), balance and lookup speed of the four placements over the same keys. */
export function compareAlgorithms(keys: Uint32Array, options: ComparisonOptions): ComparisonRow[] {
  const n = options.nodes;
  const minTime = options.minTimeMs ?? 100;
  const before = Array.from({ length: n }, (_, i) => ({ id: `node-${i}` }));
  const after = [...before, { id: `node-${n}` }];
  const a = new Uint16Array(keys.length);
  const b = new Uint16Array(keys.length);
  const rows: ComparisonRow[] = [];
  const timed: Array<() => void> = [];
  const row = (
    algorithm: Algorithm,
    place: (count: number, out: Uint16Array) => void,
    memoryBytes: number,
  ) => {
    place(n, a);
    place(n + 1, b);
    let moved = 0;
    let between = 0;
    for (let i = 0; i < keys.length; i++) {
      if (a[i] !== b[i]) {
        moved++;
        if (b[i] < n) between++; // node indices are stable: index n is the newcomer
      }
    }
    rows.push({
      algorithm,
      movedFraction: moved / keys.length,
      movedBetweenOld: between,
      balance: loadSummary(countLoads(a, n)),
      lookupsPerSecond: 0,
      lookupsSpread: { min: 0, max: 0 },
      memoryBytes,
      note: NOTES[algorithm],
    });
    timed.push(() => place(n, a));
  };
  row('modulo', (count, out) => moduloMany(keys, count, out), 0);
  const ringBefore = buildRing(before, { vnodes: options.vnodes, hash: options.hash });
  const ringAfter = buildRing(after, { vnodes: options.vnodes, hash: options.hash });
  row(
    'ring',
    (count, out) => lookupMany(count === n ? ringBefore : ringAfter, keys, out),
    ringBefore.positions.byteLength + ringBefore.owners.byteLength + ringBefore.buckets.byteLength,
  );
  const seedsAfter = rendezvousSeeds(after);
  const seedsBefore = seedsAfter.subarray(0, n);
  row(
    'rendezvous',
    (count, out) => rendezvousMany(keys, count === n ? seedsBefore : seedsAfter, out),
    n * 4,
  );
  row('jump', (count, out) => jumpMany(keys, count, out), 0);
  // Speed in rounds, the placements taking turns (each warmed first): a burst of noise lands on one
  // round of one placement, and shows as spread instead of as a different ranking.
  timed.forEach((place) => place());
  const rates = timed.map(() => [] as number[]);
  for (let round = 0; round < ROUNDS; round++)
    timed.forEach((place, i) => rates[i].push(timeIt(place, keys.length, minTime / ROUNDS)));
  rows.forEach((r, i) => {
    r.lookupsPerSecond = medianOf(rates[i]);
    r.lookupsSpread = { min: Math.min(...rates[i]), max: Math.max(...rates[i]) };
  });
  return rows;
}
