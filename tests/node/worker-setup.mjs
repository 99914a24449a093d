// Runs first in a Node worker_thread: registers the TypeScript hooks and makes the worker look like
// a browser DedicatedWorkerGlobalScope to comlink (self, addEventListener('message'), postMessage).
import { register } from 'node:module';
import { parentPort } from 'node:worker_threads';

register('./ts-hooks.mjs', import.meta.url);

if (parentPort) {
  const listeners = new Map();
  globalThis.self = globalThis;
  globalThis.crossOriginIsolated = true;
  globalThis.postMessage = (data, transfer) => parentPort.postMessage(data, transfer);
  globalThis.addEventListener = (type, fn) => {
    if (type === 'unhandledrejection') {
      // Browsers report these as an event on the worker's global; Node would end the thread.
      process.on('unhandledRejection', (reason) => fn({ reason, preventDefault() {} }));
      return;
    }
    if (type !== 'message') return;
    const wrapped = (data) => fn({ data });
    listeners.set(fn, wrapped);
    parentPort.on('message', wrapped);
  };
  globalThis.removeEventListener = (type, fn) => {
    const wrapped = listeners.get(fn);
    if (wrapped) parentPort.off('message', wrapped);
  };
}
