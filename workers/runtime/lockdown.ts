/**
 * Learner code runs in workers that exist only for it. Before it runs we remove every way to reach
 * the network from the worker's global scope. The Content-Security-Policy (connect-src/script-src
 * 'self') is the second wall: it also stops `import('https://…')`, which no global can shadow.
 */
const NETWORK_GLOBALS = [
  'fetch',
  'XMLHttpRequest',
  'WebSocket',
  'WebSocketStream',
  'EventSource',
  'WebTransport',
  'importScripts',
  'Worker',
  'SharedWorker',
  'indexedDB',
  'caches',
  'BroadcastChannel',
  'Request',
] as const;

export const NETWORK_BLOCKED = 'network access is disabled in lesson code';

export function lockDownNetwork(scope: Record<string, unknown>): void {
  for (const name of NETWORK_GLOBALS) {
    const blocked = function blocked() {
      throw new Error(`${name}: ${NETWORK_BLOCKED}`);
    };
    try {
      Object.defineProperty(scope, name, { value: blocked, configurable: false, writable: false });
    } catch {
      // Some hosts make a global non-configurable; shadowing with a plain assignment is the fallback.
      try {
        scope[name] = blocked;
      } catch {
        /* CSP still applies */
      }
    }
  }
  const nav = scope.navigator as { sendBeacon?: unknown } | undefined;
  if (nav && 'sendBeacon' in nav) {
    try {
      Object.defineProperty(nav, 'sendBeacon', { value: () => false });
    } catch {
      /* CSP still applies */
    }
  }
}
