import type { SourceError } from '../runtime/source-error.ts';
import type { Layout } from '../runtime/layout.ts';

/** One thread's part in a run (sent to its worker; the buffer is shared, not copied). */
export interface ThreadJob {
  buffer: SharedArrayBuffer;
  layout: Layout;
  id: number;
  count: number;
  params: Record<string, number>;
}

export interface ThreadOutcome {
  id: number;
  /** Epoch milliseconds (performance.timeOrigin + now) so timings of different workers line up. */
  startedAt: number;
  endedAt: number;
  logs: string[];
  error: SourceError | null;
}

export type LoadResult = { ok: true } | { ok: false; error: SourceError };

/** What each pool worker exposes through comlink. */
export interface ThreadWorkerApi {
  /** Compiles and instantiates learner code (its export `entry`, default `default`). */
  load(source: string, entry?: string): LoadResult;
  /** Runs the loaded code as thread `job.id`, after every thread has reached the start gate. */
  run(job: ThreadJob): Promise<ThreadOutcome>;
}
