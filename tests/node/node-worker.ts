import { Worker as NodeWorker } from 'node:worker_threads';

const setup = new URL('./worker-setup.mjs', import.meta.url).href;

/**
 * A browser-`Worker`-shaped wrapper around a Node worker_thread running a `.ts` worker entry,
 * so the pools written for the browser are tested on real threads with real Atomics in Node.
 */
export function nodeWorker(entry: URL): Worker {
  const w = new NodeWorker(
    `import(${JSON.stringify(setup)}).then(() => import(${JSON.stringify(entry.href)}))`,
    { eval: true },
  );
  const map = new Map<unknown, (...args: unknown[]) => void>();
  const target = {
    postMessage: (data: unknown, transfer?: Transferable[]) =>
      w.postMessage(data, transfer as never),
    addEventListener(type: string, fn: (e: unknown) => void) {
      const wrapped =
        type === 'message'
          ? (data: unknown) => fn({ data })
          : (err: unknown) => fn({ message: String(err), preventDefault() {} });
      map.set(fn, wrapped as never);
      w.on(type === 'message' ? 'message' : 'error', wrapped);
    },
    removeEventListener(type: string, fn: (e: unknown) => void) {
      const wrapped = map.get(fn);
      if (wrapped) w.off(type === 'message' ? 'message' : 'error', wrapped);
    },
    terminate: () => void w.terminate(),
  };
  return target as unknown as Worker;
}
