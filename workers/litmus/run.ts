/**
 * Runs a litmus test on real workers over shared memory: one worker per test thread, batches of
 * rounds (fresh cells every round; memory and barrier cleared between batches), outcomes counted
 * after each batch. Works in the browser and, with a worker_threads factory, in Node.
 */
import { barrierSlots, countOutcomes, layoutOf } from './harness.ts';
import type { FromLitmusWorker, ToLitmusWorker } from './protocol.ts';
import type { LitmusTest } from './tests.ts';
import { reportedCores } from '../runtime/env.ts';

export interface LitmusOptions {
  /** Rounds in all. */
  rounds: number;
  /** Rounds per batch: the memory the workers share is sized for one batch. */
  batch?: number;
  createWorker?: () => Worker;
  signal?: AbortSignal;
  onProgress?(done: number, total: number): void;
}

export interface LitmusResult {
  rounds: number;
  /** Outcome key ("r0=0 r1=1") → rounds that ended so. */
  counts: Map<string, number>;
  /** Time the threads spent in their loops (the slowest thread of each batch, summed). */
  loopMs: number;
  roundsPerSecond: number;
  cancelled: boolean;
}

const browserWorker = () =>
  new Worker(new URL('./litmus.worker.ts', import.meta.url), { type: 'module' });

function next(worker: Worker): Promise<FromLitmusWorker> {
  return new Promise((resolve, reject) => {
    const onMessage = (e: MessageEvent<FromLitmusWorker>) => {
      worker.removeEventListener('message', onMessage);
      worker.removeEventListener('error', onError);
      resolve(e.data);
    };
    const onError = (e: ErrorEvent) => {
      worker.removeEventListener('message', onMessage);
      worker.removeEventListener('error', onError);
      reject(new Error(e.message));
    };
    worker.addEventListener('message', onMessage);
    worker.addEventListener('error', onError);
  });
}

export async function runLitmus(test: LitmusTest, options: LitmusOptions): Promise<LitmusResult> {
  const batch = options.batch ?? 20_000;
  const layout = layoutOf(test, batch);
  const cores = reportedCores();
  const memory = new SharedArrayBuffer(layout.memorySlots * 4);
  const results = new SharedArrayBuffer(layout.resultSlots * 4);
  const barrier = new SharedArrayBuffer(barrierSlots(test.threads.length) * 4);
  const m = new Int32Array(memory);
  const res = new Int32Array(results);
  const bar = new Int32Array(barrier);
  const workers = test.threads.map(() => (options.createWorker ?? browserWorker)());
  const counts = new Map<string, number>();
  let loopMs = 0;
  let done = 0;
  try {
    await Promise.all(
      workers.map((w, tid) => {
        const ready = next(w);
        const init: ToLitmusWorker = {
          type: 'init',
          test,
          tid,
          batch,
          cores,
          memory,
          results,
          barrier,
        };
        w.postMessage(init);
        return ready;
      }),
    );
    while (done < options.rounds && !options.signal?.aborted) {
      const rounds = Math.min(batch, options.rounds - done);
      // The workers are idle here (each has answered), so plain clearing is safe. Every round writes
      // every register, so the results need no clearing.
      m.fill(0);
      bar.fill(0);
      const replies = workers.map((w) => {
        const reply = next(w);
        w.postMessage({ type: 'batch', rounds } satisfies ToLitmusWorker);
        return reply;
      });
      const times = await Promise.all(replies);
      loopMs += Math.max(...times.map((t) => (t.type === 'done' ? t.ms : 0)));
      countOutcomes(res, rounds, layout, counts);
      done += rounds;
      options.onProgress?.(done, options.rounds);
    }
  } finally {
    for (const w of workers) w.terminate();
  }
  return {
    rounds: done,
    counts,
    loopMs,
    roundsPerSecond: loopMs > 0 ? (done / loopMs) * 1000 : 0,
    cancelled: done < options.rounds,
  };
}
