import { wrap, releaseProxy, type Remote } from 'comlink';
import { describeError, type SourceError } from '../runtime/source-error.ts';
import { CONTROL, LOCK_RECORD_CELLS, MUTEXES, layoutFor } from '../runtime/layout.ts';
import { MAX_THREADS } from '../runtime/env.ts';
import type { ThreadOutcome, ThreadWorkerApi } from './api.ts';
import {
  DEADLOCK_POLL_MS,
  createDeadlockWatch,
  deadlockMessage,
  type DeadlockReport,
} from './deadlock.ts';

export type { DeadlockReport } from './deadlock.ts';

export interface RunRequest {
  /** The learner's module (TypeScript or JavaScript). */
  source: string;
  /** Threads to run it on, 1–16. */
  threads: number;
  params?: Record<string, number>;
  /** Int32 cells in `t.shared` (default 16). */
  sharedCells?: number;
  /** Watchdog budget for load + run, in ms (default 5000). */
  budgetMs?: number;
  /** The export every thread runs (default `default`): checks append a harness export and run it. */
  entry?: string;
  /** Cancel: the run's workers are terminated at once (fresh ones are spawned for the next run). */
  signal?: AbortSignal;
}

interface Finished {
  /** Shared memory after the run (or at the moment the watchdog stopped it). */
  memory: number[];
  /** Times two threads were inside one `t.enter` section at once. */
  overlaps: number;
  wallMs: number;
  /** `simulated`: one worker under a random scheduler; thread times are then in scheduler steps. */
  transport: 'shared' | 'simulated';
}

export type RunResult =
  | (Finished & { status: 'ok'; threads: ThreadOutcome[] })
  | (Finished & {
      status: 'error';
      threads: ThreadOutcome[];
      error: SourceError;
      thread: number;
      /** Set when the pool stopped the workers itself (the error says why); thread is then -1 when no one thread is to blame. */
      stopped?: Death['reason'];
    })
  | (Finished & { status: 'timeout'; budgetMs: number; message: string })
  /** Every unfinished thread slept in `t.lock` with nothing changing: stopped, with the wait-for graph. */
  | (Finished & { status: 'deadlock'; deadlock: DeadlockReport; message: string })
  | { status: 'compile-error'; error: SourceError; message: string }
  /** The learner pressed Cancel (RunRequest.signal). */
  | { status: 'cancelled'; message: string };

export const CANCELLED: RunResult = {
  status: 'cancelled',
  message: 'Cancelled. The workers were stopped; the next run starts fresh ones.',
};

/** Resolves when `signal` aborts (at once if it already has); never, without a signal. */
export function whenAborted(signal: AbortSignal | undefined): Promise<'cancelled'> {
  return new Promise((resolve) => {
    if (signal?.aborted) resolve('cancelled');
    else signal?.addEventListener('abort', () => resolve('cancelled'), { once: true });
  });
}

export interface PoolOptions {
  /** Creates one pool worker; injectable so Node tests can use worker_threads adapters. */
  createWorker?: (index: number) => Worker;
}

export interface ThreadPool {
  run(request: RunRequest): Promise<RunResult>;
  /** Workers currently alive (they are kept warm between runs and respawned after a timeout). */
  readonly size: number;
  dispose(): void;
}

interface Slot {
  worker: Worker;
  api: Remote<ThreadWorkerApi>;
  /** Settles when the worker dies (script failed to load, crashed) or misbehaves (a flood). */
  died: Promise<Death>;
  /** Messages received since the current run started. */
  counter: { messages: number };
}

/** Why a worker had to be stopped, in words for the learner. */
export interface Death {
  /** `memory`: the process the workers ran in was stopped at its heap limit (frame-pool.ts). */
  reason: 'crash' | 'flood' | 'memory';
  message: string;
}

export const DEFAULT_BUDGET_MS = 5000;
/**
 * A run exchanges two messages per worker (load and run answers); anything near this many means a
 * worker is posting on its own, and the page must not spend its time receiving them.
 */
export const MAX_MESSAGES_PER_RUN = 64;

const defaultCreateWorker = (index: number) =>
  new Worker(new URL('./thread.worker.ts', import.meta.url), {
    type: 'module',
    name: `interleave-thread-${index}`,
  });

/**
 * N module workers that run learner code as threads over one SharedArrayBuffer.
 * The page never blocks: the watchdog is a timer on the page's side, and a run over its budget
 * terminates its workers (the only way to stop a busy worker) and fresh ones are spawned next time.
 */
export function createPool(options: PoolOptions = {}): ThreadPool {
  const createWorker = options.createWorker ?? defaultCreateWorker;
  let slots: Slot[] = [];
  let queue: Promise<unknown> = Promise.resolve();
  let spawned = 0;

  const spawn = (): Slot => {
    const worker = createWorker(spawned++);
    const counter = { messages: 0 };
    const died = new Promise<Death>((resolve) => {
      worker.addEventListener('error', (e) => {
        e.preventDefault?.();
        resolve({
          reason: 'crash',
          message: `a worker failed: ${(e as ErrorEvent).message || 'could not start'}`,
        });
      });
      // Registered before comlink's listener, so a flood is cut off before comlink sees much of it.
      worker.addEventListener('message', () => {
        if (++counter.messages === MAX_MESSAGES_PER_RUN) {
          worker.terminate();
          resolve({
            reason: 'flood',
            message:
              'a worker sent far more messages than a run needs, so it was stopped and restarted',
          });
        }
      });
    });
    return { worker, api: wrap<ThreadWorkerApi>(worker), died, counter };
  };

  const kill = (victims: Slot[]) => {
    for (const s of victims) {
      s.api[releaseProxy]();
      s.worker.terminate();
    }
    slots = slots.filter((s) => !victims.includes(s));
  };

  const runNow = async (req: RunRequest): Promise<RunResult> => {
    const n = req.threads;
    if (!Number.isInteger(n) || n < 1 || n > MAX_THREADS) {
      throw new RangeError(`threads must be an integer from 1 to ${MAX_THREADS}, got ${n}`);
    }
    if (req.signal?.aborted) return CANCELLED;
    const budgetMs = req.budgetMs ?? DEFAULT_BUDGET_MS;
    while (slots.length < n) slots.push(spawn());
    const used = slots.slice(0, n);
    for (const s of used) s.counter.messages = 0;

    const layout = layoutFor(req.sharedCells ?? 16);
    const buffer = new SharedArrayBuffer(layout.totalCells * 4);
    const user = new Int32Array(buffer, layout.userOffset * 4, layout.userCells);
    const control = new Int32Array(buffer, layout.controlOffset * 4, 16);
    const watch = createDeadlockWatch({
      records: new Int32Array(buffer, layout.lockOffset * 4, LOCK_RECORD_CELLS),
      mutex: new Int32Array(buffer, layout.mutexOffset * 4, MUTEXES),
      threads: n,
    });
    const finishedThreads = used.map(() => false);
    let started = false;

    const t0 = performance.now();
    const finish = () => ({
      memory: Array.from(user),
      overlaps: Atomics.load(control, CONTROL.overlaps),
      wallMs: performance.now() - t0,
      transport: 'shared' as const,
    });

    let timer: ReturnType<typeof setTimeout> | undefined;
    const watchdog = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), budgetMs);
    });
    const died = Promise.race(used.map((s, id) => s.died.then((d) => ({ ...d, id }))));
    let poller: ReturnType<typeof setInterval> | undefined;
    const deadlocked = new Promise<{ deadlock: DeadlockReport }>((resolve) => {
      poller = setInterval(() => {
        const d = started ? watch.poll(finishedThreads, performance.now()) : null;
        if (d) resolve({ deadlock: d });
      }, DEADLOCK_POLL_MS);
    });

    const work = (async () => {
      const loads = await Promise.all(used.map((s) => s.api.load(req.source, req.entry)));
      const failed = loads.find((l) => !l.ok);
      if (failed && !failed.ok) return { compileError: failed.error, outcomes: null };
      const params = { ...(req.params ?? {}) };
      started = true;
      const outcomes = await Promise.all(
        used.map((s, id) =>
          s.api.run({ buffer, layout, id, count: n, params }).then((o) => {
            finishedThreads[id] = true;
            return o;
          }),
        ),
      );
      return { compileError: null, outcomes };
    })();

    try {
      const winner = await Promise.race([
        work,
        watchdog,
        died,
        deadlocked,
        whenAborted(req.signal),
      ]);
      if (winner === 'cancelled') {
        kill(used);
        return CANCELLED;
      }
      if (typeof winner === 'object' && 'deadlock' in winner) {
        // Threads asleep in Atomics.wait can only be stopped by terminating their workers.
        const snapshot = finish();
        kill(used);
        // Fresh workers start loading now, while the learner reads the graph: the next run is warm.
        while (slots.length < n) slots.push(spawn());
        return {
          ...snapshot,
          status: 'deadlock',
          deadlock: winner.deadlock,
          message: deadlockMessage(winner.deadlock, 'on real workers'),
        };
      }
      if (typeof winner === 'object' && 'reason' in winner) {
        const snapshot = finish();
        kill(used);
        const at = performance.timeOrigin + performance.now();
        return {
          ...snapshot,
          status: 'error',
          stopped: winner.reason,
          thread: winner.id,
          error: { message: winner.message, line: null, column: null },
          threads: used.map((_, id) => ({ id, startedAt: at, endedAt: at, logs: [], error: null })),
        };
      }
      if (winner === 'timeout') {
        // Snapshot before terminating so the learner sees how far the threads got.
        const snapshot = finish();
        kill(used);
        return {
          ...snapshot,
          status: 'timeout',
          budgetMs,
          message:
            `Stopped after ${(budgetMs / 1000).toFixed(1)} s: the threads did not finish ` +
            `(an infinite loop, threads waiting for each other forever (a deadlock?), or memory ` +
            `that only grows). ` +
            `The workers were restarted; you can run again.`,
        };
      }
      if (winner.compileError || !winner.outcomes) {
        if (!winner.compileError) throw new Error('no outcomes');
        return {
          status: 'compile-error',
          error: winner.compileError,
          message: describeError(winner.compileError),
        };
      }
      const result = finish();
      const bad = winner.outcomes.find((o) => o.error);
      if (bad?.error) {
        return {
          ...result,
          status: 'error',
          threads: winner.outcomes,
          error: bad.error,
          thread: bad.id,
        };
      }
      return { ...result, status: 'ok', threads: winner.outcomes };
    } catch (e) {
      kill(used);
      throw e;
    } finally {
      clearTimeout(timer);
      clearInterval(poller);
    }
  };

  return {
    // Runs are serialised: one SharedArrayBuffer and one set of workers at a time.
    run(request) {
      const next = queue.then(() => runNow(request));
      queue = next.catch(() => undefined);
      return next;
    },
    get size() {
      return slots.length;
    },
    dispose() {
      kill([...slots]);
    },
  };
}
