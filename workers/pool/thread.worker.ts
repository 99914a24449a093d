import { expose } from 'comlink';
import { compile } from '../runtime/compile.ts';
import {
  instantiate,
  moduleFactory,
  toSourceError,
  type ModuleFactory,
  type ThreadMain,
} from '../runtime/learner-module.ts';
import { lockDownNetwork } from '../runtime/lockdown.ts';
import { CONTROL } from '../runtime/layout.ts';
import { barrierWait, createSharedThread } from '../runtime/shared-thread.ts';
import type { ThreadJob, ThreadOutcome, ThreadWorkerApi, LoadResult } from './api.ts';

const MAX_LOG_LINES = 200;
const START_SPIN = 5_000_000;
lockDownNetwork(self as unknown as Record<string, unknown>);

let main: ThreadMain | null = null;
/** The last source and its compiled factory: unchanged code is not recompiled (and stays JIT-warm). */
let last: { source: string; factory: ModuleFactory } | null = null;

const api: ThreadWorkerApi = {
  load(source: string, entry = 'default'): LoadResult {
    main = null;
    if (last?.source !== source) {
      last = null;
      const compiled = compile(source);
      if (!compiled.ok) return compiled;
      const made = moduleFactory(compiled.js);
      if (!made.ok) return made;
      last = { source, factory: made.factory };
    }
    // A fresh module instance every run: module-level variables start over, as learners expect.
    const loaded = instantiate(last.factory, entry);
    if (!loaded.ok) return loaded;
    main = loaded.main;
    return { ok: true };
  },

  run(job: ThreadJob): ThreadOutcome {
    const logs: string[] = [];
    const log = (line: string) => {
      if (logs.length < MAX_LOG_LINES) logs.push(line);
      else if (logs.length === MAX_LOG_LINES) logs.push('… (more lines not shown)');
    };
    const thread = createSharedThread({ ...job, log });
    // Start gate: spawning and loading take tens of ms per worker; without the gate the first thread
    // could finish before the last one starts and the race would never show.
    const control = new Int32Array(job.buffer, job.layout.controlOffset * 4, 16);
    // Spin (about 10–30 ms at most) so all threads leave the gate within microseconds of each other.
    barrierWait(control, CONTROL.startCount, CONTROL.startGeneration, job.count, START_SPIN);
    const startedAt = performance.timeOrigin + performance.now();
    let error = null;
    try {
      if (!main) throw new Error('no code loaded');
      main(thread);
    } catch (e) {
      error = toSourceError(e);
    }
    const endedAt = performance.timeOrigin + performance.now();
    return { id: job.id, startedAt, endedAt, logs, error };
  },
};

expose(api);
