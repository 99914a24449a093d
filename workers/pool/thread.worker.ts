import { expose } from 'comlink';
import { compile } from '../runtime/compile.ts';
import {
  evaluateModule,
  instantiate,
  toSourceError,
  MUST_BE_SYNCHRONOUS,
  type ModuleFactory,
  type ThreadMain,
} from '../runtime/learner-module.ts';
import { lockDownNetwork } from '../runtime/lockdown.ts';
import { hardenRealm, makeCompartment } from '../runtime/sandbox.ts';
import { CONTROL } from '../runtime/layout.ts';
import { boundedLog } from '../runtime/output.ts';
import { barrierWait, createSharedThread } from '../runtime/shared-thread.ts';
import type { SourceError } from '../runtime/source-error.ts';
import type { ThreadJob, ThreadOutcome, ThreadWorkerApi, LoadResult } from './api.ts';

const START_SPIN = 5_000_000;
lockDownNetwork(self as unknown as Record<string, unknown>);
// Every module this worker needs has loaded: freeze the intrinsics before any learner code exists.
hardenRealm();

/** Where `console.log` in learner code prints: the running thread's output. */
let print: (line: string) => void = () => undefined;

let main: ThreadMain | null = null;
/**
 * The last source and its module factory, evaluated in its own frozen compartment. Unchanged code is
 * not re-evaluated, so it stays JIT-warm; a run cannot leave anything behind for the next one (the
 * compartment's globals and every intrinsic are frozen, and each run gets a fresh module instance).
 */
let last: { source: string; factory: ModuleFactory } | null = null;

const api: ThreadWorkerApi = {
  load(source: string, entry = 'default'): LoadResult {
    main = null;
    if (last?.source !== source) {
      last = null;
      const compiled = compile(source);
      if (!compiled.ok) return compiled;
      const compartment = makeCompartment({ print: (line) => print(line) });
      const made = evaluateModule(compartment, compiled.js);
      if (!made.ok) return made;
      last = { source, factory: made.factory };
    }
    const loaded = instantiate(last.factory, entry, toSourceError);
    if (!loaded.ok) return loaded;
    main = loaded.main;
    return { ok: true };
  },

  async run(job: ThreadJob): Promise<ThreadOutcome> {
    const log = boundedLog();
    print = log.push;
    const thread = createSharedThread({ ...job, log: log.push, logFull: log.full });
    // Start gate: spawning and loading take tens of ms per worker; without the gate the first thread
    // could finish before the last one starts and the race would never show.
    const control = new Int32Array(job.buffer, job.layout.controlOffset * 4, 16);
    // Spin (about 10–30 ms at most) so all threads leave the gate within microseconds of each other.
    barrierWait(control, CONTROL.startCount, CONTROL.startGeneration, job.count, START_SPIN);
    const startedAt = performance.timeOrigin + performance.now();
    let error: SourceError | null = null;
    rejections.length = 0;
    try {
      if (!main) throw new Error('no code loaded');
      const result = main(thread);
      if (isThenable(result)) {
        // A real Promise's rejection is ours to swallow: it is reported as the refusal below.
        if (result instanceof Promise) result.then(undefined, () => undefined);
        error = {
          message: `Your thread function returned a Promise: it ${MUST_BE_SYNCHRONOUS}`,
          line: null,
          column: null,
        };
      }
    } catch (e) {
      error = toSourceError(e);
    }
    const endedAt = performance.timeOrigin + performance.now();
    // Promise callbacks the learner queued run now, inside this run's budget, not in the next run.
    await quiesce();
    print = () => undefined;
    if (!error && rejections.length > 0) {
      const first = toSourceError(rejections[0]);
      error = {
        ...first,
        message: `a Promise was rejected and nothing handled it: ${first.message}`,
      };
    }
    return { id: job.id, startedAt, endedAt, logs: log.lines(), error };
  },
};

/** Rejections nothing handled during the current run (learner code cannot reach this list). */
const rejections: unknown[] = [];
addEventListener('unhandledrejection', (e) => {
  e.preventDefault();
  rejections.push(e.reason);
});

/** Resolves after every microtask queued so far (and those they queue) has run: two task hops. */
function quiesce(): Promise<void> {
  const hop = () =>
    new Promise<void>((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(0);
    });
  return hop().then(hop);
}

function isThenable(x: unknown): boolean {
  try {
    return (
      (typeof x === 'object' || typeof x === 'function') &&
      x !== null &&
      typeof (x as { then?: unknown }).then === 'function'
    );
  } catch {
    return false;
  }
}

expose(api);
