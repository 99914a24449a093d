import { createPool, type ThreadPool } from '../pool/pool.ts';
import { canShareMemory } from '../runtime/env.ts';
import { sweep, type SweepOptions, type SweepResult } from './sweep.ts';

let pool: ThreadPool | null = null;

/**
 * The UI's entry point: measures speedup on real workers. Speedup needs real parallel threads, so
 * without shared memory this rejects with a message the page shows (simulated threads share a core).
 */
export function measureSweep(options: SweepOptions): Promise<SweepResult> {
  if (!canShareMemory()) {
    return Promise.reject(
      new Error(
        'Measuring speedup needs real threads: open the playground in its own tab (this page is not cross-origin isolated).',
      ),
    );
  }
  pool ??= createPool();
  return sweep(pool, options);
}
