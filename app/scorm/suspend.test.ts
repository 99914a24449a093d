import { describe, expect, it } from 'vitest';
import { decodeSuspend, encodeSuspend, SUSPEND_LIMIT } from './suspend.ts';

const saved = (code: string) => JSON.stringify({ code, threads: 2, params: { increments: 1000 } });
/** Code that does not compress well: every line different. */
const noisy = (n: number, seed = 1) => {
  let x = seed;
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    lines.push(`  const v${i} = ${x.toString(36)} ^ ${(x >>> 7).toString(36)};`);
  }
  return lines.join('\n');
};

describe('suspend_data', () => {
  it('round-trips code and completed lessons, well within the limit for ordinary code', () => {
    const state = {
      lessons: {
        'race-conditions': saved('export default function (t) {\n  t.atomics.add(0, 1);\n}\n'),
        'hash-rings': saved('// ünïcode “quotes” ✓\n'),
      },
      completed: ['race-conditions'],
    };
    const { data, dropped } = encodeSuspend(state);
    expect(dropped).toEqual([]);
    expect(data.length).toBeLessThan(400);
    expect(decodeSuspend(data)).toEqual({ ok: true, state });
  });

  it('compresses: 6,000 characters of typical code fit in 4,096', () => {
    const code = Array.from(
      { length: 120 },
      (_, i) => `  shared[${i % 8}] = Atomics.add(view, ${i % 8}, 1); // step ${i}`,
    ).join('\n');
    expect(code.length).toBeGreaterThan(6000);
    const { data, dropped } = encodeSuspend({ lessons: { a: saved(code) }, completed: [] });
    expect(dropped).toEqual([]);
    expect(data.length).toBeLessThanOrEqual(SUSPEND_LIMIT);
  });

  it('when it does not fit, keeps what fits, most important first, and names what was left out', () => {
    const state = {
      lessons: { a: saved(noisy(100, 1)), b: saved(noisy(100, 2)), c: saved(noisy(100, 3)) },
      completed: ['a', 'b'],
    };
    const all = encodeSuspend(state, [], Infinity).data.length;
    expect(all).toBeGreaterThan(SUSPEND_LIMIT);
    const { data, dropped } = encodeSuspend(state, ['c', 'a']);
    expect(data.length).toBeLessThanOrEqual(SUSPEND_LIMIT);
    expect(dropped.length).toBeGreaterThan(0);
    const back = decodeSuspend(data);
    if (!back.ok) throw new Error(back.reason);
    // The priority lesson is kept; what was dropped is exactly what is missing.
    expect(Object.keys(back.state.lessons)[0]).toBe('c');
    expect(Object.keys(back.state.lessons).sort()).toEqual(
      ['a', 'b', 'c'].filter((s) => !dropped.includes(s)),
    );
    expect(back.state.completed).toEqual(['a', 'b']);
  });

  it('leaves a lesson out entirely when its code alone is too large, keeping the completed list', () => {
    const { data, dropped } = encodeSuspend({
      lessons: { huge: saved(noisy(400)) },
      completed: ['huge'],
    });
    expect(dropped).toEqual(['huge']);
    expect(decodeSuspend(data)).toEqual({ ok: true, state: { lessons: {}, completed: ['huge'] } });
  });

  it('reads nothing as a fresh start and anything damaged as a reason, never a throw', () => {
    expect(decodeSuspend('')).toEqual({ ok: true, state: { lessons: {}, completed: [] } });
    for (const bad of [
      'hello',
      'i1.!!!',
      'i1.AAAA',
      'i1.' + btoa('not deflate at all'),
      'x'.repeat(9000),
    ])
      expect(decodeSuspend(bad).ok).toBe(false);
    // Valid packing of the wrong shape: only well-formed entries are kept.
    const odd = encodeSuspend(
      { lessons: { 'Bad Slug!': 'x', ok: 'y' }, completed: ['ok', '../etc'] },
      [],
      Infinity,
    ).data;
    expect(decodeSuspend(odd)).toEqual({
      ok: true,
      state: { lessons: { ok: 'y' }, completed: ['ok'] },
    });
  });
});
