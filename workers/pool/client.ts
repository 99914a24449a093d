import { canShareMemory, reportedCores } from '../runtime/env.ts';
import { createPool, type RunRequest, type RunResult, type ThreadPool } from './pool.ts';

/** What the UI and the checks use to run learner code: the transport is chosen once per page. */
export interface Runner {
  transport: 'shared' | 'simulated';
  cores: number;
  run(request: RunRequest): Promise<RunResult>;
}

let pool: Promise<ThreadPool> | null = null;

/**
 * The built site runs learner workers in the pool frame (a process of their own, so a memory bomb
 * cannot take the tab down), falling back to workers of the page where the frame cannot share
 * memory. The dev server keeps them in the page: it does not serve its modules to opaque origins.
 */
function sharedPool(): Promise<ThreadPool> {
  pool ??= import.meta.env.DEV
    ? Promise.resolve(createPool())
    : import('./frame-pool.ts')
        .then((m) => m.openFramePool())
        .then((p) => p ?? createPool())
        .catch(() => createPool());
  return pool;
}
let simulated: Promise<Runner['run']> | null = null;

export function getRunner(): Runner {
  const shared = canShareMemory();
  return {
    transport: shared ? 'shared' : 'simulated',
    cores: reportedCores(),
    run(request) {
      if (shared) return sharedPool().then((p) => p.run(request));
      // No shared memory (a classroom iframe that is not isolated): threads are simulated by a
      // deterministic scheduler with random preemption in one worker, loaded only when needed.
      simulated ??= import('./simulated.ts').then((m) => m.createSimulatedRunner());
      return simulated.then((run) => run(request));
    },
  };
}
