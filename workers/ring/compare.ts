/**
 * The comparison table: modulo, ring, rendezvous, jump and Maglev over the same keys, measured on
 * a join (n → n+1) and a leave (n → n−1), repeated over several key sets so every number comes with
 * its spread. Runs in a worker (ring.worker.ts); pure TS.
 */
import { jumpMany, rendezvousMany, rendezvousSeeds } from './alt.ts';
import type { HashName } from './hash.ts';
import { buildMaglev, maglevMany, maglevSize } from './maglev.ts';
import { moduloMany } from './modulo.ts';
import { buildRing, lookupMany, type RingNode } from './ring.ts';
import { countLoads, loadSummary } from './stats.ts';
import { keyHashes } from './traffic.ts';

export type Algorithm = 'modulo' | 'ring' | 'rendezvous' | 'jump' | 'maglev';

/** A measurement repeated over runs: the median and the lowest and highest value seen. */
export interface Spread {
  median: number;
  min: number;
  max: number;
}

export interface ComparisonRow {
  algorithm: Algorithm;
  /** Busiest ÷ average server, with n servers. */
  balance: Spread;
  /** Fraction of keys whose server changed when server n+1 joined. */
  joinMoved: Spread;
  /** The most keys any run moved between two servers that were there before the join. */
  joinBetweenOld: number;
  /** Fraction of keys whose server changed when one server left. */
  leaveMoved: Spread;
  /** The fraction that had to move on the leave: the keys the leaving server held. */
  leaveMinimal: Spread;
  /** Which server left ("the middle one", or for jump "the last bucket"). */
  leaveWhich: string;
  /** Lookups per second of pre-hashed keys, over every timed round of every run. */
  lookupsPerSecond: Spread;
  memoryBytes: number;
  note: string;
}

export interface ComparisonOptions {
  /** Servers before the join (and before the leave). */
  nodes: number;
  /** Points per server on the ring. */
  vnodes: number;
  /** Key sets to repeat the measurement over (each `keys` long). Default 3. */
  runs?: number;
  /** Time per lookup-speed measurement, in ms, split over the runs. Default 150. */
  minTimeMs?: number;
  hash?: HashName;
  /** Called after each run with the number of runs done. */
  onRun?: (done: number) => void;
}

const NOTES: Record<Algorithm, string> = {
  modulo: 'Balanced and free, but any change of n reshuffles almost every key.',
  ring: 'Moves ≈ 1/n; balance improves with points per server; any server can join or leave.',
  rendezvous: 'Minimal moves and fine balance, but every lookup scores all n servers.',
  jump: 'Minimal moves, near-perfect balance, no memory; only the last bucket can leave.',
  maglev:
    'One array read per lookup and near-perfect balance; a leave moves a little more than minimal.',
};

export const spreadOf = (xs: number[]): Spread => {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[s.length >> 1], min: s[0], max: s[s.length - 1] };
};

type Place = (keys: Uint32Array, out: Uint16Array) => void;

interface Placements {
  algorithm: Algorithm;
  before: Place;
  join: Place;
  leave: Place;
  /** Maps the leave placement's index back to the index before it. */
  leaveIndex: (i: number) => number;
  leaving: number;
  leaveWhich: string;
  memoryBytes: number;
}

function placements(n: number, vnodes: number, hash: HashName): Placements[] {
  const names = (count: number): RingNode[] =>
    Array.from({ length: count }, (_, i) => ({ id: `node-${i}` }));
  const before = names(n);
  const after = names(n + 1);
  const gone = n >> 1;
  const without = before.filter((_, i) => i !== gone);
  const back = (i: number) => (i >= gone ? i + 1 : i);
  const middle = `node-${gone} (the middle one)`;
  const ring = [before, after, without].map((list) => buildRing(list, { vnodes, hash }));
  const seeds = [before, after, without].map(rendezvousSeeds);
  const maglev = [before, after, without].map((list) => buildMaglev(list));
  return [
    {
      algorithm: 'modulo',
      before: (k, o) => moduloMany(k, n, o),
      join: (k, o) => moduloMany(k, n + 1, o),
      leave: (k, o) => moduloMany(k, n - 1, o),
      leaveIndex: back,
      leaving: gone,
      leaveWhich: middle,
      memoryBytes: 0,
    },
    {
      algorithm: 'ring',
      before: (k, o) => lookupMany(ring[0], k, o),
      join: (k, o) => lookupMany(ring[1], k, o),
      leave: (k, o) => lookupMany(ring[2], k, o),
      leaveIndex: back,
      leaving: gone,
      leaveWhich: middle,
      memoryBytes:
        ring[0].positions.byteLength + ring[0].owners.byteLength + ring[0].buckets.byteLength,
    },
    {
      algorithm: 'rendezvous',
      before: (k, o) => rendezvousMany(k, seeds[0], o),
      join: (k, o) => rendezvousMany(k, seeds[1], o),
      leave: (k, o) => rendezvousMany(k, seeds[2], o),
      leaveIndex: back,
      leaving: gone,
      leaveWhich: middle,
      memoryBytes: n * 4,
    },
    {
      algorithm: 'jump',
      before: (k, o) => jumpMany(k, n, o),
      join: (k, o) => jumpMany(k, n + 1, o),
      leave: (k, o) => jumpMany(k, n - 1, o),
      leaveIndex: (i) => i,
      leaving: n - 1,
      leaveWhich: `bucket ${n - 1} (the last: jump cannot lose another)`,
      memoryBytes: 0,
    },
    {
      algorithm: 'maglev',
      before: (k, o) => maglevMany(maglev[0], k, o),
      join: (k, o) => maglevMany(maglev[1], k, o),
      leave: (k, o) => maglevMany(maglev[2], k, o),
      leaveIndex: back,
      leaving: gone,
      leaveWhich: middle,
      memoryBytes: maglevSize(n) * 2,
    },
  ];
}

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

const ROUNDS_PER_RUN = 3;

/** Balance, join and leave movement, and lookup speed of the five placements over `runs` key sets. */
export function compareAll(keysPerRun: number, options: ComparisonOptions): ComparisonRow[] {
  const n = options.nodes;
  if (n < 2) throw new RangeError('the comparison needs at least 2 servers (one leaves)');
  const runs = options.runs ?? 3;
  const hash = options.hash ?? 'murmur3';
  const roundMs = (options.minTimeMs ?? 150) / runs / ROUNDS_PER_RUN;
  const algos = placements(n, options.vnodes, hash);
  const a = new Uint16Array(keysPerRun);
  const b = new Uint16Array(keysPerRun);
  const m = algos.map(() => ({
    balance: [] as number[],
    join: [] as number[],
    between: 0,
    leave: [] as number[],
    minimal: [] as number[],
    rates: [] as number[],
  }));
  for (let run = 0; run < runs; run++) {
    const keys = keyHashes(keysPerRun, hash, `run${run}:key:`);
    algos.forEach((p, i) => {
      p.before(keys, a);
      m[i].balance.push(loadSummary(countLoads(a, n)).maxOverMean);
      p.join(keys, b);
      let moved = 0;
      let between = 0;
      for (let k = 0; k < keysPerRun; k++) {
        if (a[k] !== b[k]) {
          moved++;
          if (b[k] < n) between++; // index n is the newcomer
        }
      }
      m[i].join.push(moved / keysPerRun);
      m[i].between = Math.max(m[i].between, between);
      p.leave(keys, b);
      moved = 0;
      let minimal = 0;
      for (let k = 0; k < keysPerRun; k++) {
        if (a[k] === p.leaving) minimal++;
        if (p.leaveIndex(b[k]) !== a[k]) moved++;
      }
      m[i].leave.push(moved / keysPerRun);
      m[i].minimal.push(minimal / keysPerRun);
    });
    // Speed in rounds, the placements taking turns: a burst of noise from elsewhere lands on one
    // round of one placement and shows as spread rather than as a different ranking.
    for (let round = 0; round < ROUNDS_PER_RUN; round++)
      algos.forEach((p, i) =>
        m[i].rates.push(timeIt(() => p.before(keys, a), keysPerRun, roundMs)),
      );
    options.onRun?.(run + 1);
  }
  return algos.map((p, i) => ({
    algorithm: p.algorithm,
    balance: spreadOf(m[i].balance),
    joinMoved: spreadOf(m[i].join),
    joinBetweenOld: m[i].between,
    leaveMoved: spreadOf(m[i].leave),
    leaveMinimal: spreadOf(m[i].minimal),
    leaveWhich: p.leaveWhich,
    lookupsPerSecond: spreadOf(m[i].rates),
    memoryBytes: p.memoryBytes,
    note: NOTES[p.algorithm],
  }));
}
