import { getRunner } from '../pool/client.ts';
import { measureContention, type ContentionOptions, type ContentionResult } from './contention.ts';

/**
 * The panel's entry point: spin vs sleep on real workers. Simulated threads share one core and have
 * no operating system to sleep in, so without shared memory this rejects with a message to show.
 */
export function measureSpinVsSleep(
  options: Omit<ContentionOptions, 'budgetMs'>,
): Promise<ContentionResult> {
  const runner = getRunner();
  if (runner.transport !== 'shared') {
    return Promise.reject(
      new Error(
        'Spinning and sleeping only differ on real threads: open the playground in its own tab (this page is not cross-origin isolated).',
      ),
    );
  }
  return measureContention(runner.run, options);
}
