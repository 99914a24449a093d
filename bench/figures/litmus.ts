import type { BenchFigure } from '../types.ts';
import { LITMUS_TESTS, withAccesses } from '../../workers/litmus/tests.ts';
import { runLitmus } from '../../workers/litmus/run.ts';

/**
 * The litmus harness (workers/litmus): store-buffering rounds per second on 2 workers, against the
 * same test hand-written as a bare loop in plain workers with the harness's synchronisation (each
 * thread stores "arrived at round r" in its own cache line, then spins on the other's, napping
 * until woken after 100,000 spins, as harness.ts does for 2 threads on 2 or more cores) and layout
 * (cells and results by location: x[r], y[r], r0[r], r1[r]), measured in the same run
 * (interleaved, so drift on a shared machine hits both). Weak outcomes (both reads 0) are counted
 * for both, and for the harness with Atomics accesses, which must never show one.
 */
const ROUNDS = 1_000_000;
const BATCH = 100_000;

// Rows of BATCH rounds, padded as harness.ts layoutOf does: whole lines plus one.
const ROW = Math.ceil(BATCH / 16) * 16 + 16;

const BARE = `onmessage = (e) => {
  const { memory, results, barrier, id, rounds } = e.data;
  const m = new Int32Array(memory), res = new Int32Array(results), bar = new Int32Array(barrier);
  const mine = id * 16, other = 16 - mine, x = 0, y = ${ROW}, r0 = 0, r1 = ${ROW};
  const t0 = performance.now();
  for (let r = 0; r < rounds; r++) {
    const a = r + 1;
    let v, spins = 0;
    Atomics.store(bar, mine, a);
    if (Atomics.load(bar, mine + 1) !== 0) Atomics.notify(bar, mine);
    while ((v = Atomics.load(bar, other)) < a)
      if (++spins > 100000) {
        Atomics.add(bar, other + 1, 1);
        Atomics.wait(bar, other, v, 1);
        Atomics.sub(bar, other + 1, 1);
      }
    if (id === 0) { m[x + r] = 1; res[r0 + r] = m[y + r]; }
    else { m[y + r] = 1; res[r1 + r] = m[x + r]; }
  }
  postMessage(performance.now() - t0);
};`;

/** The bare loop over the same batches as the harness (memory and barrier cleared between, as it does). */
async function bare(rounds: number): Promise<{ perSecond: number; weak: number }> {
  const url = URL.createObjectURL(new Blob([BARE], { type: 'text/javascript' }));
  const memory = new SharedArrayBuffer(2 * ROW * 4);
  const results = new SharedArrayBuffer(2 * ROW * 4);
  const barrier = new SharedArrayBuffer(2 * 64);
  const m = new Int32Array(memory);
  const res = new Int32Array(results);
  const bar = new Int32Array(barrier);
  const workers = [new Worker(url), new Worker(url)];
  let loopMs = 0;
  let weak = 0;
  try {
    for (let done = 0; done < rounds; done += BATCH) {
      m.fill(0);
      bar.fill(0);
      const ms = await Promise.all(
        workers.map(
          (w, id) =>
            new Promise<number>((resolve, reject) => {
              w.onmessage = (e: MessageEvent<number>) => resolve(e.data);
              w.onerror = (e) => reject(new Error(e.message));
              w.postMessage({ memory, results, barrier, id, rounds: BATCH });
            }),
        ),
      );
      loopMs += Math.max(...ms);
      for (let r = 0; r < BATCH; r++) if (res[r] === 0 && res[ROW + r] === 0) weak++;
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
      const weakPerMillion: number[] = [];
      const bareWeakPerMillion: number[] = [];
      const atomicsWeakPerMillion: number[] = [];
      // Warm-up, untimed: the first run after the page loads was often the slowest of five
      // (1.0–1.3M rounds/s against 2.5–3.3M for the next ones).
      await runLitmus(sb, { rounds: 2 * BATCH, batch: BATCH });
      await bare(2 * BATCH);
      for (let i = 0; i < 5; i++) {
        const r = await runLitmus(sb, { rounds: ROUNDS, batch: BATCH });
        mine.push(Math.round(r.roundsPerSecond));
        weakPerMillion.push(r.counts.get('r0=0 r1=0') ?? 0);
        const b = await bare(ROUNDS);
        ref.push(Math.round(b.perSecond));
        bareWeakPerMillion.push(b.weak);
      }
      const atomics = await runLitmus(withAccesses(sb, true), { rounds: ROUNDS, batch: BATCH });
      atomicsWeakPerMillion.push(atomics.counts.get('r0=0 r1=0') ?? 0);
      const value = median(mine);
      return {
        value,
        reference: median(ref),
        referenceName:
          'the same SB test hand-written as a bare loop in 2 plain workers, same barrier and layout',
        target: 'at least 1,000,000 SB rounds per second on 2 workers',
        met: value >= 1_000_000,
        details: {
          mine,
          ref,
          weakPerMillion,
          bareWeakPerMillion,
          atomicsWeakPerMillion,
          atomicsRoundsPerSecond: Math.round(atomics.roundsPerSecond),
        },
      };
    },
  },
];
