import { describe, expect, it } from 'vitest';
import { MAX_SAVED_CHARS, restoreSaved } from './restore.ts';

const lesson = {
  threads: { min: 1, max: 8, default: 2 },
  params: [{ name: 'increments', label: 'Increments', min: 1, max: 1000, default: 100 }],
};
const starter = '// starter';

describe('restoring saved state', () => {
  it('nothing saved: the starter, no notice', () => {
    expect(restoreSaved(null, starter, lesson)).toEqual({
      saved: { code: starter, threads: 2, params: { increments: 100 } },
      notice: null,
    });
  });

  it('good state comes back whole and silently, clamped to the lesson', () => {
    const raw = JSON.stringify({ code: 'mine', threads: 20, params: { increments: 5 } });
    expect(restoreSaved(raw, starter, lesson)).toEqual({
      saved: { code: 'mine', threads: 8, params: { increments: 5 } },
      notice: null,
    });
  });

  it('keeps the code when only the settings are damaged, and says so', () => {
    const code = 'x'.repeat(3 * 1024);
    const raw = JSON.stringify({ code, threads: 'x', params: { increments: null } });
    const r = restoreSaved(raw, starter, lesson);
    expect(r.saved).toEqual({ code, threads: 2, params: { increments: 100 } });
    expect(r.notice).toBe(
      'Your saved work for this lesson was damaged; kept your code (3 kB), reset the thread count to 2, reset increments to 100.',
    );
  });

  it.each([
    ['unparsable', '{"code": 12, "threads": "x"', /could not be read/],
    ['not an object', '42', /held no code/],
    ['too large', 'x'.repeat(MAX_SAVED_CHARS + 1), /too large to read \(977 kB\)/],
    [
      'code of the wrong type',
      '{"code": 12, "threads": 3, "params": {"increments": 4}}',
      /code was missing/,
    ],
  ])('%s: the starter, with a notice', (_name, raw, notice) => {
    const r = restoreSaved(raw, starter, lesson);
    expect(r.saved.code).toBe(starter);
    expect(r.notice).toMatch(notice);
  });
});
