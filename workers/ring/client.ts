/**
 * What the UI imports: the hash-ring computations spread over a pool of module workers.
 *
 * Shared transport (the page is cross-origin isolated): rings are built once into
 * SharedArrayBuffers, pre-hashed keys are copied once into one, and every worker writes its per-node
 * counts into its own row of a shared Float64Array. Copied transport (no isolation, e.g. a host that
 * cannot send COOP/COEP): the same work, still parallel, but each worker receives a copy of the
 * rings and of its slice of keys, and sends its row back. Either way the rows are summed here.
 */
import { wrap, transfer, type Remote } from 'comlink';
import { canShareMemory, reportedCores } from '../runtime/env.ts';
import type {
  ComparisonRequest,
  ComparisonResult,
  PublishedRequest,
  PublishedResult,
  FailureRequest,
  FailureResult,
  KeySource,
  KeysInput,
  MoveSummary,
  RebalanceRequest,
  RebalanceResult,
  RingArrays,
  RingNode,
  RingSpec,
  RingWorkerApi,
  RunRequest,
  TrafficRequest,
  TrafficResult,
  Transport,
} from './api.ts';
import { vnodeCount } from './ring.ts';
import {
  failureCounts,
  failureLayout,
  loadSummary,
  mapNodes,
  rebalanceLayout,
  segment,
  sumRows,
  type Layout,
} from './stats.ts';

export type * from './api.ts';

/** Below this many keys per worker, another worker costs more in messages than it saves. */
const MIN_KEYS_PER_WORKER = 1 << 15;
const RING_CACHE_SIZE = 6;

export interface RingClientOptions {
  /** Spawns one worker (tests pass a Node worker_threads stand-in). */
  spawn?: () => Worker;
  /** 'auto' (default) shares memory when the page may; the others force a transport (tests). */
  transport?: 'auto' | Transport;
}

export interface RingClient {
  /** Places the keys on the ring before and after a membership change, and by hash % n. */
  computeRebalance(request: RebalanceRequest): Promise<RebalanceResult>;
  /** Which keys survive failed nodes with replication R (and with every r < R). */
  computeFailure(request: FailureRequest): Promise<FailureResult>;
  /** Zipf traffic with a celebrity key: per-node load, cache smearing, bounded loads (1 worker). */
  computeTraffic(request: TrafficRequest): Promise<TrafficResult>;
  /** Modulo, ring, rendezvous, jump, Maglev: balance, join/leave movement, speed (1 worker). */
  computeComparison(request: ComparisonRequest): Promise<ComparisonResult>;
  /** Published results measured again (1 worker). */
  computePublished(request: PublishedRequest): Promise<PublishedResult>;
  /** The transport calls will use. */
  readonly transport: Transport;
  /** Terminates every worker (a later call spawns new ones). */
  dispose(): void;
}

export class RingAbortError extends Error {
  override name = 'AbortError';
}

interface PoolWorker {
  worker: Worker;
  remote: Remote<RingWorkerApi>;
}

const defaultSpawn = () =>
  new Worker(new URL('./ring.worker.ts', import.meta.url), { type: 'module' });

export function createRingClient(options: RingClientOptions = {}): RingClient {
  const spawn = options.spawn ?? defaultSpawn;
  const transport: Transport =
    options.transport && options.transport !== 'auto'
      ? options.transport
      : canShareMemory()
        ? 'shared'
        : 'copied';
  const shared = transport === 'shared';
  let pool: PoolWorker[] = [];
  /** Rejecters of calls in flight: a crash or abort fails them all (their workers are gone). */
  const inFlight = new Set<(e: Error) => void>();
  /** Rings by spec, so moving a slider that does not change the nodes rebuilds nothing. */
  const ringCache = new Map<string, RingArrays>();
  /** Pre-hashed key arrays already copied into shared memory. */
  const sharedKeys = new WeakMap<Uint32Array, Uint32Array>();

  const kill = (reason: Error) => {
    for (const p of pool) p.worker.terminate();
    pool = [];
    for (const reject of [...inFlight]) reject(reason);
    inFlight.clear();
  };

  const workers = (n: number): PoolWorker[] => {
    while (pool.length < n) {
      const worker = spawn();
      worker.addEventListener('error', (e: Event) => {
        const message = (e as ErrorEvent).message ?? 'unknown error';
        kill(new Error(`A ring worker crashed: ${message}`));
      });
      pool.push({ worker, remote: wrap<RingWorkerApi>(worker) });
    }
    return pool.slice(0, n);
  };

  /** Runs `body`, rejecting early if the signal aborts or a worker dies (both kill the pool). */
  const guarded = <T>(signal: AbortSignal | undefined, body: () => Promise<T>): Promise<T> => {
    if (signal?.aborted) return Promise.reject(new RingAbortError('aborted'));
    return new Promise<T>((resolve, reject) => {
      const fail = (e: Error) => {
        settle();
        reject(e);
      };
      const onAbort = () => kill(new RingAbortError('aborted'));
      const settle = () => {
        inFlight.delete(fail);
        signal?.removeEventListener('abort', onAbort);
      };
      inFlight.add(fail);
      signal?.addEventListener('abort', onAbort);
      body().then(
        (v) => {
          if (!inFlight.has(fail)) return; // already rejected
          settle();
          resolve(v);
        },
        (e: unknown) => fail(e instanceof Error ? e : new Error(String(e))),
      );
    });
  };

  /** Rings for the specs, from the cache or built in parallel (spec i on worker i). */
  const rings = async (specs: RingSpec[], pw: PoolWorker[]): Promise<RingArrays[]> => {
    const keys = specs.map((s) => JSON.stringify(s));
    const missing = specs.map((_, i) => i).filter((i) => !ringCache.has(keys[i]));
    const built = await Promise.all(
      missing.map((i, j) => pw[j % pw.length].remote.buildRings([specs[i]], shared)),
    );
    missing.forEach((i, j) => {
      ringCache.set(keys[i], built[j][0]);
      if (ringCache.size > RING_CACHE_SIZE) ringCache.delete(ringCache.keys().next().value!);
    });
    return keys.map((k) => ringCache.get(k)!);
  };

  /** Splits the keys over the workers and returns the summed rows. */
  const runSlices = async (
    request: RunRequest,
    length: number,
    call: (
      w: PoolWorker,
      job: { keys: KeySource; start: number; end: number; row: Float64Array },
      port: MessagePort,
    ) => Promise<Float64Array | null>,
    pw: PoolWorker[],
    total: number,
  ): Promise<Float64Array> => {
    const parts = pw.length;
    const rows = shared ? new Float64Array(new SharedArrayBuffer(parts * length * 8)) : null;
    const done = new Float64Array(parts);
    const channels: MessageChannel[] = [];
    try {
      const results = await Promise.all(
        pw.map((w, k) => {
          const start = Math.floor((total * k) / parts);
          const end = Math.floor((total * (k + 1)) / parts);
          const channel = new MessageChannel();
          channels.push(channel);
          channel.port1.onmessage = (e: MessageEvent<number>) => {
            done[k] = e.data;
            let sum = 0;
            for (const d of done) sum += d;
            request.onProgress?.({ done: sum, total });
          };
          const row = rows ? rows.subarray(k * length, (k + 1) * length) : new Float64Array(length);
          return call(w, { keys: keySource(request, start, end), start, end, row }, channel.port2);
        }),
      );
      // Every slice has finished: say so, whatever progress messages are still in flight on their
      // ports (they are closed below, and a late one would otherwise be the last word).
      request.onProgress?.({ done: total, total });
      if (rows) return sumRows(rows, length, parts);
      const merged = new Float64Array(parts * length);
      results.forEach((r, k) => merged.set(r!, k * length));
      return sumRows(merged, length, parts);
    } finally {
      for (const c of channels) c.port1.close();
    }
  };

  const keySource = (request: RunRequest, start: number, end: number): KeySource => {
    const keys = request.keys;
    const hash = request.hash ?? 'murmur3';
    if (typeof keys === 'number') return { kind: 'synthetic', prefix: 'key:', hash };
    if (!(keys instanceof Uint32Array))
      return { kind: 'synthetic', prefix: keys.prefix ?? 'key:', hash };
    if (!shared) return { kind: 'hashes', hashes: keys.slice(start, end), offset: start };
    let view = keys.buffer instanceof SharedArrayBuffer ? keys : sharedKeys.get(keys);
    if (!view) {
      view = new Uint32Array(new SharedArrayBuffer(keys.byteLength));
      view.set(keys);
      sharedKeys.set(keys, view);
    }
    return { kind: 'hashes', hashes: view, offset: 0 };
  };

  const workerCount = (request: RunRequest, total: number) =>
    Math.max(
      1,
      Math.min(request.workers ?? reportedCores(), Math.ceil(total / MIN_KEYS_PER_WORKER)),
    );

  return {
    transport,
    dispose: () => kill(new RingAbortError('The ring client was closed.')),

    computeRebalance(request) {
      return guarded(request.signal, async () => {
        const t0 = performance.now();
        if (!request.nodesBefore.length || !request.nodesAfter.length)
          throw new Error('both node lists need at least one node');
        const hash = request.hash ?? 'murmur3';
        const total = keyCount(request.keys);
        const pw = workers(workerCount(request, total));
        const [before, after] = await rings(
          [
            { nodes: request.nodesBefore, vnodes: request.vnodes, hash },
            { nodes: request.nodesAfter, vnodes: request.vnodes, hash },
          ],
          pw,
        );
        const idsBefore = request.nodesBefore.map((n) => n.id);
        const idsAfter = request.nodesAfter.map((n) => n.id);
        const mapping = mapNodes(idsBefore, idsAfter);
        const layout = rebalanceLayout(idsBefore.length, idsAfter.length);
        const sum = await runSlices(
          request,
          layout.length,
          (w, slice, port) =>
            w.remote.rebalance(transfer({ ...slice, before, after, mapping }, [port]), port),
          pw,
          total,
        );
        const seg = (k: keyof typeof layout.offsets) => segment(sum, layout, k);
        const moves = (moved: number, betweenOld: number): MoveSummary => ({
          moved,
          movedFraction: total ? moved / total : 0,
          movedBetweenOld: betweenOld,
        });
        const [moved, betweenOld, modMoved, modBetweenOld] = seg('scalars');
        return {
          transport,
          workers: pw.length,
          ms: performance.now() - t0,
          keys: total,
          idsBefore,
          idsAfter,
          expectedFraction: expectedMove(request.nodesBefore, request.nodesAfter, request.vnodes),
          ring: {
            ...moves(moved, betweenOld),
            before: loadSummary(seg('ringBefore')),
            after: loadSummary(seg('ringAfter')),
            movedFrom: Array.from(seg('movedFrom')),
            movedTo: Array.from(seg('movedTo')),
          },
          modulo: {
            ...moves(modMoved, modBetweenOld),
            before: loadSummary(seg('moduloBefore')),
            after: loadSummary(seg('moduloAfter')),
          },
        };
      });
    },

    computeFailure(request) {
      return guarded(request.signal, async () => {
        const t0 = performance.now();
        const hash = request.hash ?? 'murmur3';
        const r = Math.max(1, Math.floor(request.replication));
        const total = keyCount(request.keys);
        const pw = workers(workerCount(request, total));
        const [ring] = await rings([{ nodes: request.nodes, vnodes: request.vnodes, hash }], pw);
        const ids = request.nodes.map((n) => n.id);
        const dead = new Set(request.failed);
        const failed = Uint8Array.from(ids, (id) => (dead.has(id) ? 1 : 0));
        const layout: Layout<'rank' | 'primary' | 'serving' | 'takeover'> = failureLayout(
          ids.length,
          r,
        );
        const sum = await runSlices(
          request,
          layout.length,
          (w, slice, port) =>
            w.remote.failure(transfer({ ...slice, ring, failed, replication: r }, [port]), port),
          pw,
          total,
        );
        const rank = segment(sum, layout, 'rank');
        const live = Array.from(failed, (f) => f === 0);
        const counts = failureCounts(rank, r);
        return {
          transport,
          workers: pw.length,
          ms: performance.now() - t0,
          keys: total,
          ids,
          failed: ids.filter((id) => dead.has(id)),
          replication: r,
          lostPrimary: counts.lostPrimary,
          servedByReplica: counts.servedByReplica,
          lost: counts.lost,
          byReplication: Array.from({ length: r }, (_, i) => {
            const c = failureCounts(rank, i + 1);
            return { replication: i + 1, servedByReplica: c.servedByReplica, lost: c.lost };
          }),
          before: loadSummary(segment(sum, layout, 'primary')),
          after: loadSummary(segment(sum, layout, 'serving'), live),
          takeover: Array.from(segment(sum, layout, 'takeover')),
        };
      });
    },

    computeTraffic(request) {
      return guarded(request.signal, async () => {
        const t0 = performance.now();
        const { nodes, vnodes, signal: _signal, ...options } = request;
        const hash = request.hash ?? 'murmur3';
        const [w] = workers(1);
        const [ring] = await rings([{ nodes, vnodes, hash }], [w]);
        const analysis = await w.remote.traffic(ring, { ...options, hash });
        return {
          ...analysis,
          ids: nodes.map((n) => n.id),
          transport,
          workers: 1,
          ms: performance.now() - t0,
        };
      });
    },

    computeComparison(request) {
      return guarded(request.signal, async () => {
        const t0 = performance.now();
        const [w] = workers(1);
        const total = request.runs ?? 3;
        const channel = new MessageChannel();
        channel.port1.onmessage = (e: MessageEvent<number>) =>
          request.onProgress?.({ done: e.data, total });
        try {
          const rows = await w.remote.compare(
            request.keys,
            {
              nodes: request.nodes,
              vnodes: request.vnodes,
              hash: request.hash ?? 'murmur3',
              minTimeMs: request.minTimeMs,
              runs: request.runs,
            },
            transfer(channel.port2, [channel.port2]),
          );
          // Done, whatever progress messages are still in flight on the port closed below.
          request.onProgress?.({ done: total, total });
          return { rows, transport, workers: 1, ms: performance.now() - t0 };
        } finally {
          channel.port1.close();
        }
      });
    },
    computePublished(request) {
      return guarded(request.signal, async () => {
        const t0 = performance.now();
        const [w] = workers(1);
        const figures = await w.remote.published({ keys: request.keys, runs: request.runs });
        return { ...figures, ms: performance.now() - t0 };
      });
    },
  };
}

function keyCount(keys: KeysInput): number {
  if (typeof keys === 'number') return Math.max(0, Math.floor(keys));
  if (keys instanceof Uint32Array) return keys.length;
  return Math.max(0, Math.floor(keys.count));
}

/**
 * The least that must move: keys of nodes that left, plus what joining nodes take. Measured as ring
 * share by vnode count, so it is 1/(n+1) for one equal node joining n.
 */
export function expectedMove(before: RingNode[], after: RingNode[], vnodes: number): number {
  const weight = (ns: RingNode[]) => ns.reduce((s, n) => s + vnodeCount(n, vnodes), 0);
  const beforeIds = new Set(before.map((n) => n.id));
  const afterIds = new Set(after.map((n) => n.id));
  const left = weight(before.filter((n) => !afterIds.has(n.id))) / (weight(before) || 1);
  const joined = weight(after.filter((n) => !beforeIds.has(n.id))) / (weight(after) || 1);
  return left + joined - left * joined;
}

let sharedClient: RingClient | null = null;

/** The page's one ring client (workers spawned on first use, kept for later calls). */
export function getRingClient(): RingClient {
  sharedClient ??= createRingClient();
  return sharedClient;
}
