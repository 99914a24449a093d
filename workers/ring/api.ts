/**
 * Types shared by the ring worker (ring.worker.ts → parallel.ts) and its page-side client
 * (client.ts): the comlink interface, the per-slice jobs, and the plain-data results the UI renders.
 */
import type { ComparisonRow } from './compare.ts';
import type { PublishedFigures, PublishedOptions } from './published.ts';
import type { HashName } from './hash.ts';
import type { RingArrays, RingNode } from './ring.ts';
import type { LoadSummary, NodeMapping } from './stats.ts';
import type { TrafficAnalysis, TrafficOptions } from './traffic.ts';

export type { ComparisonRow, Spread } from './compare.ts';
export type { BalanceDisruption, PublishedFigures } from './published.ts';
export type { HashName } from './hash.ts';
export type { RingArrays, RingNode } from './ring.ts';
export type { LoadSummary } from './stats.ts';
export type { BoundedResult, SmearResult, TopKey, TrafficAnalysis } from './traffic.ts';

/** How the big arrays reached the workers: one SharedArrayBuffer, or a copy per worker. */
export type Transport = 'shared' | 'copied';

// ---- Worker side -----------------------------------------------------------------------------

export interface RingSpec {
  nodes: RingNode[];
  vnodes: number;
  hash: HashName;
}

/** Where a worker's keys come from. */
export type KeySource =
  /** `prefix + i`, hashed by the worker itself: nothing to send. */
  | { kind: 'synthetic'; prefix: string; hash: HashName }
  /** Pre-hashed keys; key i is hashes[i − offset] (a shared whole array, or this slice's copy). */
  | { kind: 'hashes'; hashes: Uint32Array; offset: number };

export interface SliceJob {
  keys: KeySource;
  /** Global key indices [start, end) this worker owns. */
  start: number;
  end: number;
  /** This worker's output row: a view into the shared rows, or a private array to send back. */
  row: Float64Array;
}

export interface RebalanceJob extends SliceJob {
  before: RingArrays;
  after: RingArrays;
  mapping: NodeMapping;
}

export interface FailureJob extends SliceJob {
  ring: RingArrays;
  /** failed[node] = 1 for a failed node. */
  failed: Uint8Array;
  replication: number;
}

/** Keys done so far in this slice. */
export type SliceProgress = (done: number) => void;

/** The worker's computations as plain functions (parallel.ts); progress is a callback. */
export interface RingService {
  /** Builds rings; with `shared`, in SharedArrayBuffers (posted by reference), else plain buffers. */
  buildRings(specs: RingSpec[], shared: boolean): RingArrays[];
  /** Returns the row when it is private (copied transport); null when it was written in place. */
  rebalance(job: RebalanceJob, onProgress?: SliceProgress): Float64Array | null;
  failure(job: FailureJob, onProgress?: SliceProgress): Float64Array | null;
  traffic(ring: RingArrays, options: TrafficOptions): TrafficAnalysis;
  /** `onRun` hears the number of runs done after each run. */
  compare(keys: number, options: CompareOptions, onRun?: (done: number) => void): ComparisonRow[];
  /** Jump's 1/(n+1), the ring's 1/√v spread, Maglev's balance against disruption. */
  published(options: PublishedOptions): PublishedFigures;
}

export interface CompareOptions {
  nodes: number;
  vnodes: number;
  hash: HashName;
  minTimeMs?: number;
  /** Key sets the measurements are repeated over. */
  runs?: number;
}

/**
 * The same over comlink (ring.worker.ts): progress travels on a MessagePort the page creates and
 * closes itself (the worker posts the slice's done count), so nothing stays open after a call.
 */
export interface RingWorkerApi extends Omit<RingService, 'rebalance' | 'failure' | 'compare'> {
  compare(keys: number, options: CompareOptions, progress?: MessagePort): ComparisonRow[];
  rebalance(job: RebalanceJob, progress?: MessagePort): Float64Array | null;
  failure(job: FailureJob, progress?: MessagePort): Float64Array | null;
}

// ---- Page side: requests and results -----------------------------------------------------------

/** A key count (`key:0 … key:n−1`), a count with a prefix, or pre-hashed uint32 keys. */
export type KeysInput = number | { count: number; prefix?: string } | Uint32Array;

export interface Progress {
  /** Keys processed so far, over all workers. */
  done: number;
  total: number;
}

export interface RunRequest {
  keys: KeysInput;
  /** Vnodes per unit of weight. */
  vnodes: number;
  /** Hash for vnode names and string keys (default murmur3; fnv1a shows a weak hash). */
  hash?: HashName;
  /** Workers to split the keys over (default: the reported cores, at most 16). */
  workers?: number;
  onProgress?: (p: Progress) => void;
  /** Aborting terminates the workers (they are respawned on the next call) and rejects. */
  signal?: AbortSignal;
}

export interface RunInfo {
  transport: Transport;
  /** Workers actually used (fewer than asked when there are few keys). */
  workers: number;
  /** Wall time on the page, ring building included. */
  ms: number;
  keys: number;
}

export interface MoveSummary {
  moved: number;
  movedFraction: number;
  /** Moves between two nodes that were both there before and after: 0 for consistent hashing. */
  movedBetweenOld: number;
}

export interface RebalanceRequest extends RunRequest {
  nodesBefore: RingNode[];
  nodesAfter: RingNode[];
}

export interface RebalanceResult extends RunInfo {
  idsBefore: string[];
  idsAfter: string[];
  /** Share of the keys that must move at least: the ring share that changed hands by weight. */
  expectedFraction: number;
  ring: MoveSummary & {
    before: LoadSummary;
    after: LoadSummary;
    /** Keys that left each before-node (vnodes spread the newcomer's take over every old node). */
    movedFrom: number[];
    /** Keys that arrived at each after-node (only new nodes, for a consistent ring). */
    movedTo: number[];
  };
  /** The same keys placed by hash % n over the same node lists. */
  modulo: MoveSummary & { before: LoadSummary; after: LoadSummary };
}

export interface FailureRequest extends RunRequest {
  nodes: RingNode[];
  /** Ids of the failed nodes. */
  failed: string[];
  /** Copies per key: primary + (R − 1) next distinct nodes clockwise. */
  replication: number;
}

export interface FailureResult extends RunInfo {
  ids: string[];
  failed: string[];
  replication: number;
  /** Keys whose primary failed. */
  lostPrimary: number;
  /** Of those, served by a live replica. */
  servedByReplica: number;
  /** Keys with all R replicas failed. */
  lost: number;
  /** The same failure under replication 1 … R (one walk answers all). */
  byReplication: { replication: number; servedByReplica: number; lost: number }[];
  /** Keys per node before the failure (primaries). */
  before: LoadSummary;
  /** Keys each node answers after failover; mean/max over the live nodes only. */
  after: LoadSummary;
  /** Keys of failed primaries each live node took over (vnodes spread them over many nodes). */
  takeover: number[];
}

export interface TrafficRequest extends Omit<TrafficOptions, 'hash'> {
  nodes: RingNode[];
  vnodes: number;
  hash?: HashName;
  signal?: AbortSignal;
}

export interface TrafficResult extends TrafficAnalysis {
  ids: string[];
  transport: Transport;
  workers: 1;
  ms: number;
}

export interface ComparisonRequest {
  /** Nodes before one joins. */
  nodes: number;
  vnodes: number;
  /** Synthetic keys (rendezvous is O(n) per key: keep nodes × keys ≲ 10⁸). */
  keys: number;
  hash?: HashName;
  minTimeMs?: number;
  /** Key sets to repeat over (default 3). */
  runs?: number;
  /** Runs done out of runs. */
  onProgress?: (p: Progress) => void;
  signal?: AbortSignal;
}

export interface ComparisonResult {
  rows: ComparisonRow[];
  transport: Transport;
  workers: 1;
  ms: number;
}

export interface PublishedRequest extends PublishedOptions {
  signal?: AbortSignal;
}

export interface PublishedResult extends PublishedFigures {
  ms: number;
}
