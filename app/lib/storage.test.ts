import { describe, expect, it } from 'vitest';
import { createSafeStorage, readJson } from './storage.ts';

const isSaved = (v: unknown): v is { code: string } =>
  typeof v === 'object' && v !== null && typeof (v as { code?: unknown }).code === 'string';

describe('safe storage', () => {
  it('falls back to memory when storage access throws (blocked third-party storage)', () => {
    const s = createSafeStorage(() => {
      throw new DOMException('blocked', 'SecurityError');
    });
    expect(s.persistent).toBe(false);
    s.set('a', '1');
    expect(s.get('a')).toBe('1');
  });

  it.each([['{not json'], ['42'], ['{"code": 7}'], ['null']])(
    'recovers from a corrupted value %s',
    (raw) => {
      const s = createSafeStorage(() => undefined);
      s.set('k', raw);
      expect(readJson(s, 'k', isSaved, { code: 'starter' })).toEqual({ code: 'starter' });
    },
  );

  it('reads back what was written', () => {
    const s = createSafeStorage(() => undefined);
    s.set('k', JSON.stringify({ code: 'x' }));
    expect(readJson(s, 'k', isSaved, { code: 'starter' })).toEqual({ code: 'x' });
  });
});
