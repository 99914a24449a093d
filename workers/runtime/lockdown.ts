/**
 * Names learner code might reach for that it must not have. Inside the learner's compartment
 * (sandbox.ts) they simply do not exist; we endow stubs under these names only so the learner reads
 * why, instead of "fetch is not defined".
 */
const NETWORK = [
  'fetch',
  'XMLHttpRequest',
  'WebSocket',
  'WebSocketStream',
  'EventSource',
  'WebTransport',
  'importScripts',
  'Request',
  'FontFace',
  'navigator',
] as const;
const STORAGE = ['indexedDB', 'caches', 'localStorage', 'sessionStorage'] as const;
const WORKERS = [
  'Worker',
  'SharedWorker',
  'BroadcastChannel',
  'MessageChannel',
  'postMessage',
  'close',
  'self',
] as const;
const TIMERS = [
  'setTimeout',
  'setInterval',
  'setImmediate',
  'requestAnimationFrame',
  'queueMicrotask',
] as const;

export const NETWORK_BLOCKED = 'network access is disabled in lesson code';

export const BLOCKED_GLOBALS: readonly string[] = [...NETWORK, ...STORAGE, ...WORKERS, ...TIMERS];

const WHY: Record<string, string> = {
  ...Object.fromEntries(NETWORK.map((n) => [n, NETWORK_BLOCKED])),
  ...Object.fromEntries(STORAGE.map((n) => [n, 'storage is not available in lesson code'])),
  ...Object.fromEntries(
    WORKERS.map((n) => [n, 'lesson code runs as one thread: use the Thread API (t) to coordinate']),
  ),
  ...Object.fromEntries(
    TIMERS.map((n) => [
      n,
      'timers are not available in lesson code: threads run straight through (use t.now() to measure time)',
    ]),
  ),
};

/** A stand-in that throws a clear error when called, constructed or read from. */
export function blockedGlobal(name: string): unknown {
  const message = `${name}: ${WHY[name] ?? 'not available in lesson code'}`;
  const fail = function blocked(): never {
    throw new Error(message);
  };
  return new Proxy(fail, {
    get(_t, key) {
      if (key === Symbol.toPrimitive || key === 'toString') return () => `[blocked ${name}]`;
      throw new Error(message);
    },
  });
}

/**
 * Defence in depth for the worker's own global scope (the boundary is the compartment): shadow the
 * network globals there too, so a bug that let learner code reach it would still find no fetch.
 */
export function lockDownNetwork(scope: Record<string, unknown>): void {
  for (const name of [...NETWORK, ...STORAGE]) {
    if (name === 'navigator') continue;
    try {
      Object.defineProperty(scope, name, {
        value: blockedGlobal(name),
        configurable: false,
        writable: false,
      });
    } catch {
      /* the compartment is the boundary */
    }
  }
}
