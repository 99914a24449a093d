import { useSyncExternalStore } from 'react';
import { storage as defaultStorage, type SafeStorage } from './storage.ts';

/**
 * Which lessons the learner has completed (every check passed), kept with the saved code so it
 * survives a reload. A small store with listeners: the nav, the home page and the lesson page all
 * show the same marks, and another tab's progress arrives through the `storage` event.
 */
export interface Progress {
  /** slug → when Check first passed in full (ISO time). */
  completed: Record<string, string>;
}

export const PROGRESS_KEY = 'interleave:v1:progress';
const EMPTY: Progress = { completed: {} };
/** Far above what any number of lessons needs; a larger value is not ours. */
const MAX_CHARS = 64 * 1024;

/** Keeps what is valid of a stored value: damaged entries are dropped, never the whole record. */
export function parseProgress(raw: string | null): Progress {
  if (raw === null || raw.length > MAX_CHARS) return EMPTY;
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    return EMPTY;
  }
  const completed: Record<string, string> = {};
  const source = (v as { completed?: unknown } | null)?.completed;
  if (typeof source === 'object' && source !== null && !Array.isArray(source)) {
    for (const [slug, at] of Object.entries(source)) {
      if (/^[a-z0-9-]{1,64}$/.test(slug) && typeof at === 'string' && !Number.isNaN(Date.parse(at)))
        completed[slug] = at;
    }
  }
  return { completed };
}

export interface ProgressStore {
  get(): Progress;
  markCompleted(slug: string, at?: Date): void;
  /** Reads storage again (after an import, a reset): listeners hear of any change. */
  refresh(): void;
  subscribe(listener: () => void): () => void;
}

export function createProgressStore(storage: SafeStorage = defaultStorage): ProgressStore {
  let current = parseProgress(storage.get(PROGRESS_KEY));
  const listeners = new Set<() => void>();
  const emit = () => listeners.forEach((l) => l());
  return {
    get: () => current,
    markCompleted(slug, at = new Date()) {
      // Re-read first: another tab may have completed a lesson since this one loaded.
      const latest = parseProgress(storage.get(PROGRESS_KEY));
      if (latest.completed[slug]) {
        if (JSON.stringify(latest) !== JSON.stringify(current)) {
          current = latest;
          emit();
        }
        return;
      }
      current = { completed: { ...latest.completed, [slug]: at.toISOString() } };
      storage.set(PROGRESS_KEY, JSON.stringify(current));
      emit();
    },
    refresh() {
      const latest = parseProgress(storage.get(PROGRESS_KEY));
      if (JSON.stringify(latest) === JSON.stringify(current)) return;
      current = latest;
      emit();
    },
    subscribe(listener) {
      listeners.add(listener);
      const onStorage = (e: StorageEvent) => {
        if (e.key !== PROGRESS_KEY) return;
        current = parseProgress(e.newValue);
        emit();
      };
      globalThis.addEventListener?.('storage', onStorage);
      return () => {
        listeners.delete(listener);
        globalThis.removeEventListener?.('storage', onStorage);
      };
    },
  };
}

export const progress = createProgressStore();

/** The learner's progress, re-rendering when a lesson is completed here or in another tab. */
export function useProgress(store: ProgressStore = progress): Progress {
  return useSyncExternalStore(store.subscribe, store.get, store.get);
}
