import type { RunRequest, RunResult } from './pool.ts';

/**
 * Messages between the page and the pool frame (frame-host.ts), a sandboxed iframe that runs the
 * learner's workers in a renderer process of its own: a worker that exhausts its heap takes down
 * that process, not the page. Tagged unions, checked on arrival (the other side is a window).
 */
export type ToFrame =
  /** The thread worker's bundle as text: the frame starts its workers from a blob of it. */
  | { type: 'init'; threadWorkerCode: string }
  | { type: 'run'; id: number; request: Omit<RunRequest, 'signal'> }
  | { type: 'cancel'; id: number }
  | { type: 'ping'; n: number }
  /**
   * Starts an explore worker in the frame and hands it the MessagePort sent with this message (the
   * page's comlink end is the other port). `code`: the explore worker's bundle, on the first open
   * in this frame.
   */
  | { type: 'explore-open'; id: number; code?: string }
  | { type: 'explore-close'; id: number };

export type FromFrame =
  /** The host script is running and listening. */
  | { type: 'hello' }
  | {
      type: 'ready';
      /** Real shared memory in the frame; without it the page keeps its own pool. */
      isolated: boolean;
      /** The frame's JavaScript heap limit in bytes (each worker has the same), or 0 if unknown. */
      heapLimit: number;
    }
  | { type: 'result'; id: number; result: RunResult }
  | { type: 'failed'; id: number; message: string }
  | { type: 'pong'; n: number };

export const TAG = 'interleave-pool';

/** The name the frame gives an explore worker: it then serves the port it is sent, not itself. */
export const EXPLORE_WORKER_NAME = 'interleave-explore-in-frame';
/** The message that carries that port. */
export const EXPLORE_PORT = 'interleave-explore-port';

export function isFromFrame(data: unknown): data is FromFrame & { tag: typeof TAG } {
  return (
    typeof data === 'object' &&
    data !== null &&
    (data as { tag?: unknown }).tag === TAG &&
    typeof (data as { type?: unknown }).type === 'string'
  );
}

export function isToFrame(data: unknown): data is ToFrame & { tag: typeof TAG } {
  return isFromFrame(data);
}
