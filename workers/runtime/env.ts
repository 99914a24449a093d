/**
 * Whether real shared memory between workers is available. Gate on isolation, not on
 * `typeof SharedArrayBuffer`: Chromium can construct one without isolation but refuses to post it.
 */
export function canShareMemory(scope: { crossOriginIsolated?: boolean } = globalThis): boolean {
  return scope.crossOriginIsolated === true && typeof SharedArrayBuffer === 'function';
}

/** Cores the browser reports (the pool's default size), clamped to the playground's 1–16. */
export function reportedCores(): number {
  const n = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency : 0;
  return Math.min(16, Math.max(1, n || 2));
}

export const MAX_THREADS = 16;
