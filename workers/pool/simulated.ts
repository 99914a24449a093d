import { getExploreClient } from '../explore/client.ts';
import { CANCELLED, DEFAULT_BUDGET_MS, type RunRequest, type RunResult } from './pool.ts';
import { describeError } from '../runtime/source-error.ts';
import { deadlockMessage } from './deadlock.ts';

/**
 * The transport for pages without shared memory: the same RunRequest, run in one worker under a
 * random preemptive scheduler (workers/explore/simulate.ts). Thread timings are in scheduler steps.
 */
export function createSimulatedRunner(): (request: RunRequest) => Promise<RunResult> {
  return async (req) => {
    const budgetMs = req.budgetMs ?? DEFAULT_BUDGET_MS;
    const t0 = performance.now();
    if (req.signal?.aborted) return CANCELLED;
    const stop = () => getExploreClient().cancel();
    req.signal?.addEventListener('abort', stop, { once: true });
    let r;
    try {
      r = await getExploreClient().simulate(
        req.source,
        {
          threads: req.threads,
          params: req.params,
          sharedCells: req.sharedCells,
          entry: req.entry,
        },
        budgetMs,
      );
    } catch {
      if (req.signal?.aborted) return CANCELLED;
      return {
        status: 'timeout',
        budgetMs,
        memory: [],
        overlaps: 0,
        wallMs: performance.now() - t0,
        transport: 'simulated',
        message: `Stopped after ${(budgetMs / 1000).toFixed(1)} s: the simulated threads did not finish (an infinite loop, or a deadlock?). You can run again.`,
      };
    } finally {
      req.signal?.removeEventListener('abort', stop);
    }
    if (!r.ok) return { status: 'compile-error', error: r.error, message: describeError(r.error) };
    const base = {
      memory: r.memory,
      overlaps: r.violations.filter((v) => v.kind === 'mutual-exclusion').length,
      wallMs: performance.now() - t0,
      transport: 'simulated' as const,
    };
    if (r.deadlock) {
      // The scheduler knows exactly when no thread can move: the same report the live detector gives.
      const deadlock = { waits: r.deadlock.waits, cycle: r.deadlock.cycle };
      return {
        ...base,
        status: 'deadlock',
        deadlock,
        message: deadlockMessage(deadlock, 'on simulated threads'),
      };
    }
    if (r.budgetError) {
      return {
        ...base,
        status: 'timeout',
        budgetMs,
        message: `Stopped: ${r.budgetError.message}`,
      };
    }
    const threads = r.threads.map((t, id) => ({
      id,
      startedAt: Math.max(0, r.spans[id].first),
      endedAt: Math.max(0, r.spans[id].last + 1),
      logs: t.logs,
      error: t.error ? { message: t.error.message, line: t.error.line, column: null } : null,
    }));
    const bad = threads.find((t) => t.error);
    if (bad?.error) return { ...base, status: 'error', threads, error: bad.error, thread: bad.id };
    return { ...base, status: 'ok', threads };
  };
}
