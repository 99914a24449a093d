import type { BenchFigure } from '../types.ts';
import { LITMUS_TESTS } from '../../workers/litmus/tests.ts';
import { runLitmus } from '../../workers/litmus/run.ts';

/**
 * The litmus harness (workers/litmus): store-buffering rounds per second on 2 workers, against the
 * same test hand-written as a bare loop in plain workers with the same per-round barrier and result
 * slots, measured in the same run (interleaved, so drift on a shared machine hits both).
 */
const ROUNDS = 1_000_000;
const BATCH = 100_000;

const BARE = `onmessage = (e) => {
  const { memory, results, barrier, id, rounds } = e.data;
  const m = new Int32Array(memory), res = new Int32Array(results), bar = new Int32Array(barrier);
  const t0 = performance.now();
  for (let r = 0; r < rounds; r++) {
    const target = 2 * (r + 1);
    Atomics.add(bar, 0, 1);
    let v, spins = 0;
    while ((v = Atomics.load(bar, 0)) < target) if (++spins > 100000) Atomics.wait(bar, 0, v, 1);
    const b = r * 32;
    if (id === 0) { m[b] = 1; res[r * 2] = m[b + 16]; }
    else { m[b + 16] = 1; res[r * 2 + 1] = m[b]; }
  }
  postMessage(performance.now() - t0);
};`;

/** The bare loop over the same batches as the harness (memory cleared between batches, as it does). */
async function bare(rounds: number, batch: number): Promise<{ perSecond: number; weak: number }> {
  const url = URL.createObjectURL(new Blob([BARE], { type: 'text/javascript' }));
  const memory = new SharedArrayBuffer(batch * 32 * 4);
  const results = new SharedArrayBuffer(batch * 2 * 4);
  const barrier = new SharedArrayBuffer(64);
  const m = new Int32Array(memory);
  const res = new Int32Array(results);
  const bar = new Int32Array(barrier);
  const workers = [new Worker(url), new Worker(url)];
  let loopMs = 0;
  let weak = 0;
  try {
    for (let done = 0; done < rounds; done += batch) {
      m.fill(0);
      res.fill(0);
      Atomics.store(bar, 0, 0);
      const ms = await Promise.all(
        workers.map(
          (w, id) =>
            new Promise<number>((resolve, reject) => {
              w.onmessage = (e: MessageEvent<number>) => resolve(e.data);
              w.onerror = (e) => reject(new Error(e.message));
              w.postMessage({ memory, results, barrier, id, rounds: batch });
            }),
        ),
      );
      loopMs += Math.max(...ms);
      for (let r = 0; r < batch; r++) if (res[r * 2] === 0 && res[r * 2 + 1] === 0) weak++;
    }
    return { perSecond: rounds / (loopMs / 1000), weak };
  } finally {
    workers.forEach((w) => w.terminate());
    URL.revokeObjectURL(url);
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export const figures: BenchFigure[] = [
  {
    name: 'litmus.sb-rounds-per-second',
    unit: 'rounds/s',
    async run() {
      const sb = LITMUS_TESTS.find((t) => t.id === 'SB')!;
      const mine: number[] = [];
      const ref: number[] = [];
      const weak: number[] = [];
      for (let i = 0; i < 3; i++) {
        const r = await runLitmus(sb, { rounds: ROUNDS, batch: BATCH });
        mine.push(r.roundsPerSecond);
        weak.push(r.counts.get('r0=0 r1=0') ?? 0);
        ref.push((await bare(ROUNDS, BATCH)).perSecond);
      }
      const value = median(mine);
      return {
        value: Math.round(value),
        reference: Math.round(median(ref)),
        referenceName: 'the same SB test hand-written as a bare loop in 2 plain workers',
        target: 'at least 1,000,000 SB rounds per second on 2 workers',
        met: value >= 1_000_000,
        details: { mine, ref, weakPerMillion: weak },
      };
    },
  },
];
