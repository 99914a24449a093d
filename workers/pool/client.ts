import { canShareMemory, reportedCores } from '../runtime/env.ts';
import { createPool, type RunRequest, type RunResult, type ThreadPool } from './pool.ts';

/** What the UI and the checks use to run learner code: the transport is chosen once per page. */
export interface Runner {
  transport: 'shared' | 'simulated';
  cores: number;
  run(request: RunRequest): Promise<RunResult>;
}

let pool: ThreadPool | null = null;
let simulated: Promise<Runner['run']> | null = null;

export function getRunner(): Runner {
  const shared = canShareMemory();
  return {
    transport: shared ? 'shared' : 'simulated',
    cores: reportedCores(),
    run(request) {
      if (shared) {
        pool ??= createPool();
        return pool.run(request);
      }
      // No shared memory (a classroom iframe that is not isolated): threads are simulated by a
      // deterministic scheduler with random preemption in one worker, loaded only when needed.
      simulated ??= import('./simulated.ts').then((m) => m.createSimulatedRunner());
      return simulated.then((run) => run(request));
    },
  };
}
