/**
 * Statistics over placements, written as accumulators over typed arrays: a worker runs them over its
 * slice of the keys into its own row of numbers, and the rows are summed at the end (every quantity
 * here is a count or a sum, so merging is addition and no atomics are needed).
 */
import { replicasInto, vnodeIndex, type RingArrays } from './ring.ts';

export interface LoadSummary {
  /** Load per node (keys, or request share), in node-list order. */
  values: number[];
  total: number;
  mean: number;
  min: number;
  max: number;
  /** Index of the most loaded node. */
  argmax: number;
  /** max / mean: 1 is perfect balance. */
  maxOverMean: number;
  /** Population standard deviation of the loads. */
  stdDev: number;
  /** Coefficient of variation: stdDev / mean. */
  cv: number;
}

/**
 * Summary of per-node loads. `include` restricts mean/min/max to some nodes (e.g. the survivors of a
 * failure, whose dead nodes carry 0 by definition); values still lists every node.
 */
export function loadSummary(values: ArrayLike<number>, include?: ArrayLike<boolean>): LoadSummary {
  let total = 0;
  let count = 0;
  let max = -Infinity;
  let min = Infinity;
  let argmax = -1;
  for (let i = 0; i < values.length; i++) {
    if (include && !include[i]) continue;
    const v = values[i];
    total += v;
    count++;
    if (v > max) {
      max = v;
      argmax = i;
    }
    if (v < min) min = v;
  }
  const mean = count ? total / count : 0;
  let sq = 0;
  for (let i = 0; i < values.length; i++) {
    if (include && !include[i]) continue;
    sq += (values[i] - mean) ** 2;
  }
  const stdDev = count ? Math.sqrt(sq / count) : 0;
  return {
    values: Array.from(values),
    total,
    mean,
    min: count ? min : 0,
    max: count ? max : 0,
    argmax,
    maxOverMean: mean > 0 ? max / mean : 0,
    stdDev,
    cv: mean > 0 ? stdDev / mean : 0,
  };
}

/** Adds one per key to counts[owner] for owners[0..len). Returns counts. */
export function countLoads(
  owners: ArrayLike<number>,
  nodeCount: number,
  counts: Float64Array = new Float64Array(nodeCount),
  len = owners.length,
): Float64Array {
  for (let i = 0; i < len; i++) counts[owners[i]]++;
  return counts;
}

/** Adds weights[i] to loads[owner[i]]: request load instead of key count. */
export function weightedLoads(
  owners: ArrayLike<number>,
  weights: ArrayLike<number>,
  loads: Float64Array,
  len = owners.length,
): Float64Array {
  for (let i = 0; i < len; i++) loads[owners[i]] += weights[i];
  return loads;
}

// ---- Row layouts: named segments of one Float64Array row per worker --------------------------

export type Layout<K extends string> = {
  offsets: Record<K, number>;
  sizes: Record<K, number>;
  length: number;
};

export function rowLayout<K extends string>(sizes: Record<K, number>): Layout<K> {
  const offsets = {} as Record<K, number>;
  let length = 0;
  for (const k of Object.keys(sizes) as K[]) {
    offsets[k] = length;
    length += sizes[k];
  }
  return { offsets, sizes, length };
}

export function segment<K extends string>(
  row: Float64Array,
  layout: Layout<K>,
  key: K,
): Float64Array {
  return row.subarray(layout.offsets[key], layout.offsets[key] + layout.sizes[key]);
}

/** Sums `count` rows of `length` laid out back to back (per-worker rows → one merged row). */
export function sumRows(rows: Float64Array, length: number, count: number): Float64Array {
  const sum = new Float64Array(length);
  for (let w = 0; w < count; w++) {
    const base = w * length;
    for (let i = 0; i < length; i++) sum[i] += rows[base + i];
  }
  return sum;
}

// ---- Rebalancing: which keys moved, and where ------------------------------------------------

/**
 * How two node lists relate, by id: `map[i]` is the after-index of before-node i (−1 if it left),
 * `existed[j]` is 1 if after-node j was already there before.
 */
export interface NodeMapping {
  map: Int32Array;
  existed: Uint8Array;
}

export function mapNodes(before: readonly string[], after: readonly string[]): NodeMapping {
  const index = new Map(after.map((id, j) => [id, j]));
  const map = Int32Array.from(before, (id) => index.get(id) ?? -1);
  const old = new Set(before);
  const existed = Uint8Array.from(after, (id) => (old.has(id) ? 1 : 0));
  return { map, existed };
}

export function rebalanceLayout(nBefore: number, nAfter: number) {
  return rowLayout({
    ringBefore: nBefore,
    ringAfter: nAfter,
    movedFrom: nBefore,
    movedTo: nAfter,
    moduloBefore: nBefore,
    moduloAfter: nAfter,
    // moved, movedBetweenOld, moduloMoved, moduloBetweenOld
    scalars: 4,
  });
}

export interface MoveCounts {
  moved: number;
  /** Moves from a node that is still there to a node that was already there: needless. */
  betweenOld: number;
}

/**
 * Compares two placements of the same keys. A move is needed only when the old owner left or the
 * new owner joined; every other move (betweenOld) is one consistent hashing promises never to make.
 * movedFrom/movedTo (optional) count moves per before/after node.
 */
export function accumulateMoves(
  before: ArrayLike<number>,
  after: ArrayLike<number>,
  len: number,
  mapping: NodeMapping,
  movedFrom?: Float64Array,
  movedTo?: Float64Array,
): MoveCounts {
  const { map, existed } = mapping;
  let moved = 0;
  let betweenOld = 0;
  for (let i = 0; i < len; i++) {
    const o = before[i];
    const n = after[i];
    const same = map[o];
    if (same === n) continue;
    moved++;
    if (same >= 0 && existed[n]) betweenOld++;
    if (movedFrom) movedFrom[o]++;
    if (movedTo) movedTo[n]++;
  }
  return { moved, betweenOld };
}

// ---- Failures with replication -----------------------------------------------------------------

export function failureLayout(nodes: number, maxReplication: number) {
  return rowLayout({
    // rank[r]: keys whose first live replica is the r-th (0 = primary alive); rank[R] = none alive.
    rank: maxReplication + 1,
    primary: nodes,
    serving: nodes,
    takeover: nodes,
  });
}

/**
 * For each key: its R replicas as placed before the failure (primary + next distinct physical nodes
 * clockwise), then which of them is the first still alive. A key is lost only if all R are dead.
 * `serving` counts who answers each key after failover, `takeover` only the keys whose primary died.
 */
export function accumulateFailure(
  ring: RingArrays,
  keys: Uint32Array,
  start: number,
  end: number,
  failed: Uint8Array,
  replication: number,
  row: Float64Array,
  layout: ReturnType<typeof failureLayout>,
): void {
  const rank = segment(row, layout, 'rank');
  const primary = segment(row, layout, 'primary');
  const serving = segment(row, layout, 'serving');
  const takeover = segment(row, layout, 'takeover');
  const chosen = new Int32Array(replication);
  const mark = new Uint32Array(ring.nodeCount);
  const owners = ring.owners;
  for (let i = start; i < end; i++) {
    const h = keys[i];
    const p = owners[vnodeIndex(ring, h)];
    primary[p]++;
    if (!failed[p]) {
      // The common case needs no walk: the primary answers.
      rank[0]++;
      serving[p]++;
      continue;
    }
    const found = replicasInto(ring, h, replication, chosen, undefined, mark, i + 1);
    let r = 0;
    while (r < found && failed[chosen[r]]) r++;
    if (r < found) {
      rank[r]++;
      serving[chosen[r]]++;
      takeover[chosen[r]]++;
    } else rank[replication]++;
  }
}

export interface FailureCounts {
  keys: number;
  /** Keys whose primary is a failed node. */
  lostPrimary: number;
  /** Of those, keys a live replica still serves. */
  servedByReplica: number;
  /** Keys with every replica on a failed node. */
  lost: number;
}

/** With replication r ≤ R: the counts follow from the rank histogram of the R-walk. */
export function failureCounts(rank: ArrayLike<number>, r: number): FailureCounts {
  let keys = 0;
  for (let i = 0; i < rank.length; i++) keys += rank[i];
  const lostPrimary = keys - rank[0];
  let servedByReplica = 0;
  for (let i = 1; i < Math.min(r, rank.length - 1); i++) servedByReplica += rank[i];
  return { keys, lostPrimary, servedByReplica, lost: lostPrimary - servedByReplica };
}
