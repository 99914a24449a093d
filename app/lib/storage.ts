import { lmsBacking } from '../scorm/launch.ts';

/**
 * Storage that never throws. In a cross-site iframe with third-party storage blocked, touching
 * localStorage throws SecurityError; corrupted values must not crash the page either. Falls back to
 * memory for the session, so the learner loses nothing while the page is open.
 */
export interface SafeStorage {
  get(key: string): string | null;
  set(key: string, value: string): void;
  remove(key: string): void;
  readonly persistent: boolean;
}

export function createSafeStorage(
  getBacking: () => Storage | undefined = () => globalThis.localStorage,
): SafeStorage {
  const memory = new Map<string, string>();
  let backing: Storage | undefined;
  try {
    backing = getBacking();
    const probe = '__interleave_probe__';
    backing?.setItem(probe, '1');
    backing?.removeItem(probe);
  } catch {
    backing = undefined;
  }
  return {
    persistent: backing !== undefined,
    get(key) {
      try {
        return backing ? backing.getItem(key) : (memory.get(key) ?? null);
      } catch {
        return memory.get(key) ?? null;
      }
    },
    set(key, value) {
      memory.set(key, value);
      try {
        backing?.setItem(key, value);
      } catch {
        /* quota or policy: the memory copy keeps it for this session */
      }
    },
    remove(key) {
      memory.delete(key);
      try {
        backing?.removeItem(key);
      } catch {
        /* ignore */
      }
    },
  };
}

/** Reads JSON written by `writeJson`; anything unreadable or of the wrong shape gives `fallback`. */
export function readJson<T>(
  storage: SafeStorage,
  key: string,
  isValid: (v: unknown) => v is T,
  fallback: T,
): T {
  const raw = storage.get(key);
  if (raw == null) return fallback;
  try {
    const v: unknown = JSON.parse(raw);
    return isValid(v) ? v : fallback;
  } catch {
    return fallback;
  }
}

// A SCORM launch keeps the learner's work in the LMS, not in this browser (see app/scorm/launch.ts).
export const storage = createSafeStorage(() => lmsBacking() ?? globalThis.localStorage);
