/**
 * Skewed traffic on a ring: balanced KEYS do not mean balanced REQUESTS. Key popularity follows a
 * Zipf law, and one "celebrity" key takes a fixed share of every request, so whichever node owns it
 * is hot no matter how many vnodes there are. Two remedies are modelled:
 *
 * - Cache smearing: the hot key is stored under k names `${key}#0 … ${key}#(k−1)` and each request
 *   picks one at random, so its load splits k ways, at the cost of k copies (k× memory, k writes per
 *   update). A small k can still land every copy on one node.
 * - Consistent hashing with bounded loads (Mirrokni, Thorup & Zadimoghaddam 2016): every node has a
 *   capacity (1+ε)·average; a key whose node is full walks on clockwise to the next node with room.
 *   It caps every other node, but cannot split a single key bigger than the capacity.
 *
 * Loads are expected request shares (sum 1 over the nodes), not sampled requests: deterministic, so
 * the UI's numbers do not flicker.
 */
import { stringHash, type HashName } from './hash.ts';
import { lookupMany, vnodeIndex, type RingArrays } from './ring.ts';
import { loadSummary, weightedLoads, type LoadSummary } from './stats.ts';

/**
 * Request share per key: key 0 is the celebrity with `celebrityShare` of all requests; keys 1…n−1
 * share the rest by Zipf's law, weight ∝ 1/rank^s. With celebrityShare 0 all n keys follow Zipf.
 */
export function zipfWeights(n: number, s: number, celebrityShare = 0): Float64Array {
  const w = new Float64Array(n);
  if (n === 0) return w;
  const first = celebrityShare > 0 ? 1 : 0;
  let sum = 0;
  for (let i = first; i < n; i++) sum += w[i] = 1 / (i - first + 1) ** s;
  const rest = n > first ? 1 - celebrityShare : 0;
  for (let i = first; i < n; i++) w[i] = (w[i] / sum) * rest;
  if (first) w[0] = n === 1 ? 1 : celebrityShare;
  return w;
}

/** Hashes `prefix + i` for i in [0, n). */
export function keyHashes(n: number, hash: HashName = 'murmur3', prefix = 'key:'): Uint32Array {
  const f = stringHash(hash);
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) out[i] = f(prefix + i);
  return out;
}

export interface SmearResult {
  /** Copies per smeared key. */
  k: number;
  /** How many of the top keys were smeared. */
  hotKeys: number;
  /** Extra stored copies: hotKeys × (k − 1). */
  extraCopies: number;
  /** Distinct nodes the celebrity's k copies landed on (1 means smearing did nothing). */
  distinctNodes: number;
  /** Nodes holding the celebrity's copies, in copy order. */
  copyNodes: number[];
  /** Expected distinct nodes for k uniform copies on n nodes: n(1 − (1 − 1/n)^k). */
  expectedDistinct: number;
  /** Chance that all k copies land on a single node, for uniform ownership: n^(1−k). */
  probAllOnOneNode: number;
  load: LoadSummary;
}

/**
 * Smears the top `hotKeys` keys (indices 0…hotKeys−1, the most popular) into k copies each; every
 * copy takes 1/k of its key's requests. `loads` is the unsmeared per-node request load.
 */
export function smear(
  ring: RingArrays,
  owners: ArrayLike<number>,
  weights: Float64Array,
  loads: Float64Array,
  k: number,
  hotKeys = 1,
  hash: HashName = 'murmur3',
  prefix = 'key:',
): SmearResult {
  const f = stringHash(hash);
  const after = Float64Array.from(loads);
  const n = ring.nodeCount;
  let copyNodes: number[] = [];
  const hot = Math.min(hotKeys, weights.length);
  for (let j = 0; j < hot; j++) {
    after[owners[j]] -= weights[j];
    const nodes: number[] = [];
    for (let c = 0; c < k; c++) {
      const node = ring.owners[vnodeIndex(ring, f(`${prefix}${j}#${c}`))];
      after[node] += weights[j] / k;
      nodes.push(node);
    }
    if (j === 0) copyNodes = nodes;
  }
  for (let i = 0; i < n; i++) if (Math.abs(after[i]) < 1e-15) after[i] = 0; // float dust from −w+w
  return {
    k,
    hotKeys: hot,
    extraCopies: hot * (k - 1),
    distinctNodes: new Set(copyNodes).size,
    copyNodes,
    expectedDistinct: n * (1 - (1 - 1 / n) ** k),
    probAllOnOneNode: n ** (1 - k),
    load: loadSummary(after),
  };
}

export interface BoundedResult {
  epsilon: number;
  /** (1 + ε) × mean load: a node at or above it takes no more keys. */
  capacity: number;
  load: LoadSummary;
  /** Keys placed somewhere other than their primary. */
  displacedKeys: number;
  /** Share of requests whose key is not on its primary. */
  displacedShare: number;
  /** Mean vnodes walked past per key (0 = primary had room). */
  meanExtraSteps: number;
  assignment: Uint16Array;
}

/**
 * Consistent hashing with bounded loads, keys placed one by one in the given order (index order:
 * most popular first). A node accepts a key while its load is below capacity, as in the paper, so
 * a node can exceed capacity by at most one key's weight — a celebrity bigger than the capacity
 * still overloads whichever node takes it.
 */
export function boundedLoads(
  ring: RingArrays,
  keys: Uint32Array,
  weights: ArrayLike<number>,
  epsilon: number,
): BoundedResult {
  const n = ring.nodeCount;
  const v = ring.owners.length;
  let total = 0;
  for (let i = 0; i < keys.length; i++) total += weights[i];
  const capacity = (1 + epsilon) * (total / n);
  const loads = new Float64Array(n);
  const assignment = new Uint16Array(keys.length);
  let displacedKeys = 0;
  let displacedShare = 0;
  let steps = 0;
  for (let i = 0; i < keys.length; i++) {
    let at = vnodeIndex(ring, keys[i]);
    let node = ring.owners[at];
    // Total capacity exceeds total load, so some node always has room: the walk ends within V steps.
    for (let s = 0; loads[node] >= capacity && s < v; s++) {
      if (++at === v) at = 0;
      node = ring.owners[at];
      steps++;
    }
    if (node !== ring.owners[vnodeIndex(ring, keys[i])]) {
      displacedKeys++;
      displacedShare += weights[i];
    }
    loads[node] += weights[i];
    assignment[i] = node;
  }
  return {
    epsilon,
    capacity,
    load: loadSummary(loads),
    displacedKeys,
    displacedShare: total > 0 ? displacedShare / total : 0,
    meanExtraSteps: keys.length ? steps / keys.length : 0,
    assignment,
  };
}

export interface TrafficOptions {
  /** Distinct keys `key:0 … key:(n−1)`; key:0 is the celebrity when celebrityShare > 0. */
  keys: number;
  /** Zipf exponent (≈ 0.8–1.2 for web caches). */
  s: number;
  /** Share of ALL requests that go to the celebrity key, 0…1. */
  celebrityShare: number;
  /** Copies per smeared key. */
  smearCopies: number;
  /** How many of the most popular keys to smear (default 1: the celebrity). */
  smearHotKeys?: number;
  /** Bounded-loads slack: capacity = (1 + ε) × average. */
  epsilon: number;
  hash?: HashName;
  prefix?: string;
}

export interface TopKey {
  key: string;
  share: number;
  node: number;
}

export interface TrafficAnalysis {
  keys: number;
  /** Per-node key counts: balanced by the ring… */
  keyLoad: LoadSummary;
  /** …while per-node request shares are not. */
  requestLoad: LoadSummary;
  /** Node that owns the celebrity (or the top key). */
  celebrityNode: number;
  topKeys: TopKey[];
  smeared: SmearResult;
  bounded: Omit<BoundedResult, 'assignment'>;
}

/** The whole traffic experiment on one ring (one worker: bounded loads is sequential by nature). */
export function analyzeTraffic(ring: RingArrays, options: TrafficOptions): TrafficAnalysis {
  const hash = options.hash ?? 'murmur3';
  const prefix = options.prefix ?? 'key:';
  const hashes = keyHashes(options.keys, hash, prefix);
  const weights = zipfWeights(options.keys, options.s, options.celebrityShare);
  const owners = new Uint16Array(options.keys);
  lookupMany(ring, hashes, owners);
  const keyCounts = new Float64Array(ring.nodeCount);
  for (let i = 0; i < owners.length; i++) keyCounts[owners[i]]++;
  const loads = weightedLoads(owners, weights, new Float64Array(ring.nodeCount));
  const smeared = smear(
    ring,
    owners,
    weights,
    loads,
    options.smearCopies,
    options.smearHotKeys ?? 1,
    hash,
    prefix,
  );
  // `assignment` is per key (megabytes at 1M keys): dropped, the UI draws nodes, not keys.
  const { assignment: _assignment, ...bounded } = boundedLoads(
    ring,
    hashes,
    weights,
    options.epsilon,
  );
  const topKeys: TopKey[] = [];
  for (let i = 0; i < Math.min(10, options.keys); i++)
    topKeys.push({ key: prefix + i, share: weights[i], node: owners[i] });
  return {
    keys: options.keys,
    keyLoad: loadSummary(keyCounts),
    requestLoad: loadSummary(loads),
    celebrityNode: options.keys ? owners[0] : -1,
    topKeys,
    smeared,
    bounded,
  };
}
