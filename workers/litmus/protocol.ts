import type { LitmusTest } from './tests.ts';

/** Page → litmus worker. */
export type ToLitmusWorker =
  | {
      type: 'init';
      test: LitmusTest;
      tid: number;
      threads: number;
      memory: SharedArrayBuffer;
      results: SharedArrayBuffer;
      barrier: SharedArrayBuffer;
    }
  | { type: 'batch'; rounds: number };

/** Litmus worker → page. */
export type FromLitmusWorker = { type: 'ready' } | { type: 'done'; ms: number };
