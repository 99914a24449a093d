/**
 * Peak memory of the whole tab (page, workers, shared buffers) while the heaviest work runs, from
 * `performance.measureUserAgentSpecificMemory()` sampled during the work. The bench launches
 * Chromium with ForceEagerMeasureMemory so a sample answers at once instead of after the next GC.
 * Reference: the same tab at rest, measured just before.
 */
import type { BenchFigure, BenchResult } from '../types.ts';
import { createPool } from '../../workers/pool/pool.ts';
import { getRingClient } from '../../workers/ring/client.ts';
import { nodeList } from '../../workers/ring/ring.ts';
import { createExploreClient } from '../../workers/explore/client.ts';

const MB = 1024 * 1024;

/**
 * The explore worker of the page itself, not the one the site starts in the pool frame: the frame
 * is another origin's process, which the page's memory measurement does not see.
 */
const pageExploreWorker = () =>
  new Worker(new URL('../../workers/explore/explore.worker.ts', import.meta.url), {
    type: 'module',
  });
const LIMIT = 1024 * MB;

type Measure = () => Promise<{ bytes: number }>;
const measure = (): Promise<number> =>
  (performance as unknown as { measureUserAgentSpecificMemory: Measure })
    .measureUserAgentSpecificMemory()
    .then((m) => m.bytes);

/** Runs `work` while sampling the tab's memory; returns the peak and the resting value before. */
async function peakDuring(work: () => Promise<unknown>): Promise<BenchResult> {
  if (!crossOriginIsolated) throw new Error('memory measurement needs cross-origin isolation');
  const rest = await measure();
  let peak = rest;
  let running = true;
  let samples = 0;
  const sampler = (async () => {
    while (running) {
      peak = Math.max(peak, await measure());
      samples++;
    }
  })();
  try {
    await work();
  } finally {
    running = false;
    await sampler;
  }
  return {
    value: Math.round(peak / MB),
    reference: Math.round(rest / MB),
    referenceName: 'the same tab at rest, just before',
    target: 'peak < 1 GB',
    met: peak < LIMIT,
    details: { samples },
  };
}

const ATOMIC = `export default function (t: Thread) {
  for (let i = 0; i < t.params.n; i++) Atomics.add(t.shared, 0, 1);
}`;
const COUNTER = `export default function (t: Thread) {
  for (let i = 0; i < t.params.increments; i++) t.shared[0]++;
}`;

export const figures: BenchFigure[] = [
  {
    name: 'memory.peak-16-workers-5m',
    unit: 'MB',
    async run() {
      const pool = createPool();
      try {
        return await peakDuring(async () => {
          const r = await pool.run({
            source: ATOMIC,
            threads: 16,
            params: { n: 5_000_000 },
            budgetMs: 60_000,
          });
          if (r.status !== 'ok' || r.memory[0] !== 80_000_000) throw new Error(`run: ${r.status}`);
        });
      } finally {
        pool.dispose();
      }
    },
  },
  {
    name: 'memory.peak-ring-1m-keys',
    unit: 'MB',
    run: () =>
      peakDuring(() =>
        getRingClient().computeRebalance({
          keys: 1_000_000,
          nodesBefore: nodeList(10),
          nodesAfter: nodeList(11),
          vnodes: 256,
          workers: 2,
        }),
      ),
  },
  {
    name: 'memory.peak-explore-100k-schedules',
    unit: 'MB',
    run: () =>
      peakDuring(async () => {
        const r = await createExploreClient(pageExploreWorker).explore(COUNTER, {
          threads: 3,
          params: { increments: 3 },
          reduction: 'none',
          maxSchedules: 100_000,
          maxMs: 60_000,
        });
        if (!r.ok) throw new Error(r.error.message);
        if (r.stats.schedules < 100_000) throw new Error(`explored only ${r.stats.schedules}`);
      }),
  },
];
