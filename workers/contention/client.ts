import { createPool, type ThreadPool } from '../pool/pool.ts';
import { canShareMemory } from '../runtime/env.ts';
import { sweepContention, type ContentionOptions, type ContentionResult } from './sweep.ts';

export type {
  ContentionOptions,
  ContentionResult,
  ContentionPoint,
  StrategyPoint,
} from './sweep.ts';

let pool: ThreadPool | null = null;

/**
 * The UI's entry point: measures both strategies on real workers. Contention needs threads that
 * really run at once over shared memory, so without it this rejects with a message the page shows.
 */
export function measureContention(options: ContentionOptions): Promise<ContentionResult> {
  if (!canShareMemory()) {
    return Promise.reject(
      new Error(
        'Measuring contention needs real threads: open the playground in its own tab (this page is not cross-origin isolated).',
      ),
    );
  }
  pool ??= createPool();
  return sweepContention(pool, options);
}
