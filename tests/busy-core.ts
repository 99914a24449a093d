import { Worker } from 'node:worker_threads';

/**
 * Keeps one core busy, as a video call does on a student's laptop, until the returned function is
 * called. A Node worker thread spinning in a loop: it competes with Chromium's workers for the CPU.
 */
export function keepCoreBusy(): () => Promise<void> {
  const worker = new Worker('for (;;) {}', { eval: true });
  worker.unref();
  return async () => {
    await worker.terminate();
  };
}
