/**
 * The worker side of the parallel computations, free of worker globals so Node tests can call it
 * directly. Each job covers one slice of the key space and writes counts into its own row; rows are
 * summed on the page. Keys are processed in chunks (hash → place on both rings → accumulate) so the
 * scratch arrays stay in cache and progress can be reported between chunks, never inside the loop.
 */
import { compareAll } from './compare.ts';
import { publishedFigures } from './published.ts';
import { stringHash } from './hash.ts';
import { moduloMany } from './modulo.ts';
import { buildRing, lookupMany, ringArrays, type Alloc } from './ring.ts';
import {
  accumulateFailure,
  accumulateMoves,
  countLoads,
  failureLayout,
  rebalanceLayout,
  segment,
} from './stats.ts';
import { analyzeTraffic } from './traffic.ts';
import type { FailureJob, KeySource, RebalanceJob, RingService, SliceProgress } from './api.ts';

const CHUNK = 1 << 14;

/** Hashes of keys [from, to) into scratch (or a view of the shared hashes: no copy). */
function chunkHashes(keys: KeySource, from: number, to: number, scratch: Uint32Array): Uint32Array {
  if (keys.kind === 'hashes') return keys.hashes.subarray(from - keys.offset, to - keys.offset);
  const f = stringHash(keys.hash);
  const prefix = keys.prefix;
  for (let i = from; i < to; i++) scratch[i - from] = f(prefix + i);
  return scratch.subarray(0, to - from);
}

function isShared(a: ArrayBufferView): boolean {
  return typeof SharedArrayBuffer === 'function' && a.buffer instanceof SharedArrayBuffer;
}

/** Runs `body` over [start, end) in chunks, reporting progress about 16 times per slice. */
function chunked(
  start: number,
  end: number,
  onProgress: SliceProgress | undefined,
  body: (from: number, to: number) => void,
): void {
  const every = Math.max(CHUNK, Math.ceil((end - start) / 16 / CHUNK) * CHUNK);
  let reported = start;
  for (let from = start; from < end; from += CHUNK) {
    const to = Math.min(end, from + CHUNK);
    body(from, to);
    if (onProgress && (to - reported >= every || to === end)) {
      void onProgress(to - start);
      reported = to;
    }
  }
}

/** Ring placement, modulo placement and moves for one slice of keys. */
export function rebalanceSlice(job: RebalanceJob, onProgress?: SliceProgress): void {
  const nB = job.before.nodeCount;
  const nA = job.after.nodeCount;
  const layout = rebalanceLayout(nB, nA);
  const row = job.row;
  const ringBefore = segment(row, layout, 'ringBefore');
  const ringAfter = segment(row, layout, 'ringAfter');
  const moduloBefore = segment(row, layout, 'moduloBefore');
  const moduloAfter = segment(row, layout, 'moduloAfter');
  const movedFrom = segment(row, layout, 'movedFrom');
  const movedTo = segment(row, layout, 'movedTo');
  const scalars = segment(row, layout, 'scalars');
  const scratch = new Uint32Array(CHUNK);
  const ob = new Uint16Array(CHUNK);
  const oa = new Uint16Array(CHUNK);
  const mb = new Uint16Array(CHUNK);
  const ma = new Uint16Array(CHUNK);
  chunked(job.start, job.end, onProgress, (from, to) => {
    const h = chunkHashes(job.keys, from, to, scratch);
    const len = h.length;
    lookupMany(job.before, h, ob);
    lookupMany(job.after, h, oa);
    countLoads(ob, nB, ringBefore, len);
    countLoads(oa, nA, ringAfter, len);
    const ring = accumulateMoves(ob, oa, len, job.mapping, movedFrom, movedTo);
    scalars[0] += ring.moved;
    scalars[1] += ring.betweenOld;
    if (nB > 0 && nA > 0) {
      moduloMany(h, nB, mb);
      moduloMany(h, nA, ma);
      countLoads(mb, nB, moduloBefore, len);
      countLoads(ma, nA, moduloAfter, len);
      const mod = accumulateMoves(mb, ma, len, job.mapping);
      scalars[2] += mod.moved;
      scalars[3] += mod.betweenOld;
    }
  });
}

/** Replica walk and failover for one slice of keys. */
export function failureSlice(job: FailureJob, onProgress?: SliceProgress): void {
  const layout = failureLayout(job.ring.nodeCount, job.replication);
  const scratch = new Uint32Array(CHUNK);
  chunked(job.start, job.end, onProgress, (from, to) => {
    const h = chunkHashes(job.keys, from, to, scratch);
    accumulateFailure(job.ring, h, 0, h.length, job.failed, job.replication, job.row, layout);
  });
}

const sharedAlloc: Alloc = (bytes) => new SharedArrayBuffer(bytes);

/** What ring.worker.ts exposes through comlink (adapting progress callbacks to ports). */
export const ringService: RingService = {
  buildRings(specs, shared) {
    return specs.map((s) =>
      ringArrays(
        buildRing(s.nodes, { vnodes: s.vnodes, hash: s.hash }, shared ? sharedAlloc : undefined),
      ),
    );
  },
  rebalance(job, onProgress) {
    rebalanceSlice(job, onProgress);
    return isShared(job.row) ? null : job.row;
  },
  failure(job, onProgress) {
    failureSlice(job, onProgress);
    return isShared(job.row) ? null : job.row;
  },
  traffic(ring, options) {
    return analyzeTraffic(ring, options);
  },
  compare(keys, options, onRun) {
    return compareAll(keys, { ...options, onRun });
  },
  published(options) {
    return publishedFigures(options);
  },
};
