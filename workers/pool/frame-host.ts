/**
 * Runs inside the pool frame: a sandboxed (opaque-origin) iframe that Chromium puts in a renderer
 * process of its own. The learner's workers live here, so a heap that reaches V8's limit ends this
 * process and the page survives (it notices the silence and reports the memory). Built as one
 * self-contained module by Vite (`?worker&url`); the page sends it as text to the frame's boot script
 * (frame-boot.ts), which runs it from a blob.
 */
import { createPool, type ThreadPool } from './pool.ts';
import {
  EXPLORE_PORT,
  EXPLORE_WORKER_NAME,
  TAG,
  isToFrame,
  type FromFrame,
} from './frame-protocol.ts';

const send = (message: FromFrame) => parent.postMessage({ tag: TAG, ...message }, '*');

let pool: ThreadPool | null = null;
const running = new Map<number, AbortController>();
/** The explore worker's code as a blob URL (sent with the first explore-open), and its workers. */
let exploreUrl: string | null = null;
const explorers = new Map<number, Worker>();

/**
 * Workers start from a blob of the thread worker's code: an opaque origin may not use the site's URL,
 * and Chromium will not load a module worker from its blob either, so the bundle (self-contained,
 * no import or export) runs as a classic script, strict as SES requires.
 */
const classicUrl = (code: string) =>
  URL.createObjectURL(new Blob(['"use strict";\n', code], { type: 'text/javascript' }));

function workerFactory(threadWorkerCode: string) {
  const url = classicUrl(threadWorkerCode);
  return (index: number) => new Worker(url, { name: `interleave-thread-${index}` });
}

addEventListener('message', (e: MessageEvent) => {
  // Only the page that made this frame may command it.
  if (e.source !== parent || !isToFrame(e.data)) return;
  const m = e.data;
  switch (m.type) {
    case 'init': {
      pool ??= createPool({ createWorker: workerFactory(m.threadWorkerCode) });
      const memory = (performance as Performance & { memory?: { jsHeapSizeLimit: number } }).memory;
      send({
        type: 'ready',
        isolated: self.crossOriginIsolated === true && typeof SharedArrayBuffer === 'function',
        heapLimit: memory?.jsHeapSizeLimit ?? 0,
      });
      return;
    }
    case 'ping':
      send({ type: 'pong', n: m.n });
      return;
    case 'cancel':
      running.get(m.id)?.abort();
      return;
    case 'explore-open': {
      if (m.code) exploreUrl ??= classicUrl(m.code);
      const port = e.ports[0];
      if (!exploreUrl || !port) return;
      const worker = new Worker(exploreUrl, { name: EXPLORE_WORKER_NAME });
      worker.postMessage(EXPLORE_PORT, [port]);
      explorers.set(m.id, worker);
      return;
    }
    case 'explore-close':
      explorers.get(m.id)?.terminate();
      explorers.delete(m.id);
      return;
    case 'run': {
      if (!pool)
        return send({ type: 'failed', id: m.id, message: 'the pool frame was not set up' });
      const controller = new AbortController();
      running.set(m.id, controller);
      pool
        .run({ ...m.request, signal: controller.signal })
        .then(
          (result) => send({ type: 'result', id: m.id, result }),
          (err: unknown) =>
            send({
              type: 'failed',
              id: m.id,
              message: err instanceof Error ? err.message : String(err),
            }),
        )
        .finally(() => running.delete(m.id));
    }
  }
});

send({ type: 'hello' });
