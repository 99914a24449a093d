import { describe, expect, it } from 'vitest';
import { createProgressStore, parseProgress, PROGRESS_KEY } from './progress.ts';
import { createSafeStorage } from './storage.ts';

function memoryStorage() {
  const map = new Map<string, string>();
  return createSafeStorage(
    () =>
      ({
        getItem: (k: string) => map.get(k) ?? null,
        setItem: (k: string, v: string) => void map.set(k, v),
        removeItem: (k: string) => void map.delete(k),
      }) as Storage,
  );
}

describe('parseProgress', () => {
  it.each([
    ['nothing stored', null, {}],
    ['not JSON', '{oops', {}],
    ['the wrong shape', '[1,2,3]', {}],
    ['completed is an array', '{"completed":[1]}', {}],
    ['far too long', `{"completed":{"a":"${'x'.repeat(70_000)}"}}`, {}],
  ])('%s gives no completed lessons', (_, raw, completed) => {
    expect(parseProgress(raw).completed).toEqual(completed);
  });

  it('keeps the valid entries of a damaged record', () => {
    const raw = JSON.stringify({
      completed: {
        'race-conditions': '2026-11-29T10:00:00.000Z',
        'BAD SLUG': '2026-11-29T10:00:00.000Z',
        interleavings: 'not a date',
        'hash-rings': 42,
      },
    });
    expect(parseProgress(raw).completed).toEqual({
      'race-conditions': '2026-11-29T10:00:00.000Z',
    });
  });
});

describe('createProgressStore', () => {
  it('marks a lesson completed once, keeps the first time, and tells listeners', () => {
    const storage = memoryStorage();
    const store = createProgressStore(storage);
    let calls = 0;
    const off = store.subscribe(() => calls++);
    store.markCompleted('race-conditions', new Date('2026-11-29T10:00:00Z'));
    store.markCompleted('race-conditions', new Date('2026-11-30T10:00:00Z'));
    expect(store.get().completed).toEqual({ 'race-conditions': '2026-11-29T10:00:00.000Z' });
    expect(calls).toBe(1);
    off();
    // A reload reads it back.
    expect(createProgressStore(storage).get().completed['race-conditions']).toBeDefined();
    expect(JSON.parse(storage.get(PROGRESS_KEY)!).completed).toHaveProperty('race-conditions');
  });

  it('does not lose a lesson another tab completed in the meantime', () => {
    const storage = memoryStorage();
    const here = createProgressStore(storage);
    createProgressStore(storage).markCompleted('hash-rings');
    here.markCompleted('race-conditions');
    expect(Object.keys(here.get().completed).sort()).toEqual(['hash-rings', 'race-conditions']);
  });

  it('refresh picks up what was written to storage directly (an import, a reset) and tells listeners', () => {
    const storage = memoryStorage();
    const store = createProgressStore(storage);
    let calls = 0;
    store.subscribe(() => calls++);
    store.refresh();
    expect(calls).toBe(0);
    storage.set(
      PROGRESS_KEY,
      JSON.stringify({ completed: { 'hash-rings': '2026-11-29T10:00:00.000Z' } }),
    );
    store.refresh();
    expect(store.get().completed).toEqual({ 'hash-rings': '2026-11-29T10:00:00.000Z' });
    expect(calls).toBe(1);
  });
});
