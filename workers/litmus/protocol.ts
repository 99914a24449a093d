import type { LitmusTest } from './tests.ts';

/** Page → litmus worker. */
export type ToLitmusWorker =
  | {
      type: 'init';
      test: LitmusTest;
      tid: number;
      /** Rounds a batch holds at most: fixes the memory layout (harness.ts layoutOf). */
      batch: number;
      /** Cores of the machine: how long the barrier spins before napping (harness.ts spinLimit). */
      cores: number;
      memory: SharedArrayBuffer;
      results: SharedArrayBuffer;
      barrier: SharedArrayBuffer;
    }
  | { type: 'batch'; rounds: number };

/** Litmus worker → page. */
export type FromLitmusWorker = { type: 'ready' } | { type: 'done'; ms: number };
