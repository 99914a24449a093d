import type { RunRequest, RunResult } from './pool.ts';

// Placeholder until the deterministic scheduler (workers/explore) is wired in: see createSimulatedRunner.
export function createSimulatedRunner(): (request: RunRequest) => Promise<RunResult> {
  return async () => ({
    status: 'compile-error',
    error: {
      message: 'Simulated threads are not available yet: open the playground in its own tab.',
      line: null,
      column: null,
    },
    message: 'Simulated threads are not available yet: open the playground in its own tab.',
  });
}
