import { wrap, type Remote } from 'comlink';
import type { RingBench } from '../../workers/ring/bench.worker.ts';
import { createRingClient } from '../../workers/ring/client.ts';
import { nodeList } from '../../workers/ring/ring.ts';
import type { BenchFigure } from '../types.ts';

/** Runs `use` against a fresh bench worker (ours and hashring side by side), then terminates it. */
async function withBenchWorker<T>(use: (bench: Remote<RingBench>) => Promise<T>): Promise<T> {
  const worker = new Worker(new URL('../../workers/ring/bench.worker.ts', import.meta.url), {
    type: 'module',
  });
  try {
    return await use(wrap<RingBench>(worker));
  } finally {
    worker.terminate();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const KEYS = 1_000_000;

export const figures: BenchFigure[] = [
  {
    name: 'ring.string-lookups-per-second',
    unit: 'lookups/s',
    async run() {
      const { ours, reference } = await withBenchWorker((b) => b.stringLookups(KEYS, 100));
      return {
        value: Math.round(ours),
        reference: Math.round(reference),
        referenceName: 'hashring npm 3.2 (MD5 via a pure-JS shim: no node:crypto in a browser)',
        target: '>= 15 x reference',
        met: ours >= 15 * reference,
        details: {
          keys: KEYS,
          nodes: 100,
          pointsPerNode: 160,
          note: 'both in one worker over the same 1M `key:i` strings; ours = murmur3 + bucket-indexed search',
        },
      };
    },
  },
  {
    name: 'ring.ketama-string-lookups-per-second',
    unit: 'lookups/s',
    async run() {
      const r = await withBenchWorker((b) => b.ketamaLookups(KEYS, 100));
      const ours = median(r.ours);
      const reference = median(r.reference);
      return {
        value: Math.round(ours),
        reference: Math.round(reference),
        referenceName: 'hashring npm 3.2, same Ketama placement (MD5 via the pure-JS shim)',
        target: '>= 20 x reference',
        met: ours >= 20 * reference,
        details: {
          keys: KEYS,
          servers: 100,
          pointsPerServer: 160,
          ratio: +(ours / reference).toFixed(1),
          oursRounds: r.ours.map(Math.round),
          referenceRounds: r.reference.map(Math.round),
          note: 'rounds alternate ours / hashring in one worker over the same 1M `user:i` keys',
        },
      };
    },
  },
  {
    name: 'ring.prehashed-lookups-per-second',
    unit: 'lookups/s',
    async run() {
      const r = await withBenchWorker((b) => b.prehashedLookups(KEYS, 100, 256));
      return {
        value: Math.round(r.indexed),
        reference: Math.round(r.binary),
        referenceName: 'plain binary search over the same sorted vnodes (no bucket index)',
        target: '> 10,000,000 lookups/s',
        met: r.indexed > 10_000_000,
        details: {
          keys: KEYS,
          nodes: 100,
          vnodes: r.vnodes,
          bareImulLoopPerSecond: Math.round(r.imulLoop),
        },
      };
    },
  },
  {
    name: 'ring.rebalance-1m-keys-speedup',
    unit: 'x (1 worker / N workers)',
    async run() {
      const n = Math.max(1, navigator.hardwareConcurrency || 1);
      const client = createRingClient();
      const request = {
        keys: KEYS,
        nodesBefore: nodeList(100),
        nodesAfter: nodeList(101),
        vnodes: 256,
      };
      const one: number[] = [];
      const many: number[] = [];
      let cold: number;
      try {
        // The first call spawns the workers and builds (then caches) both rings.
        cold = (await client.computeRebalance({ ...request, workers: n })).ms;
        await client.computeRebalance({ ...request, workers: 1 });
        // Interleaved so drift on a shared machine hits both equally.
        for (let i = 0; i < 5; i++) {
          one.push((await client.computeRebalance({ ...request, workers: 1 })).ms);
          const r = await client.computeRebalance({ ...request, workers: n });
          if (r.workers !== n) throw new Error(`asked for ${n} workers, got ${r.workers}`);
          if (r.ring.movedBetweenOld !== 0) throw new Error('keys moved between old nodes');
          many.push(r.ms);
        }
      } finally {
        client.dispose();
      }
      const speedup = median(one) / median(many);
      return {
        value: +speedup.toFixed(2),
        reference: 1,
        referenceName: 'the same computation on 1 worker',
        target: `>= ${(0.7 * n).toFixed(1)} (0.7 x ${n} workers)`,
        met: speedup >= 0.7 * n,
        details: {
          workers: n,
          transport: client.transport,
          medianMs1Worker: +median(one).toFixed(1),
          medianMsNWorkers: +median(many).toFixed(1),
          coldFirstCallMs: +cold.toFixed(1),
          keys: KEYS,
          nodes: '100 → 101',
          vnodesPerNode: 256,
        },
      };
    },
  },
];
