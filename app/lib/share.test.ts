import { describe, expect, it } from 'vitest';
import { decodeShare, encodeShare } from './share.ts';

describe('share links', () => {
  it('round-trips code and a schedule', async () => {
    const state = {
      code: 'export default function (t: Thread) {\n  t.shared[0]++; // ünïcode ✓\n}',
      schedule: [0, 1, 1, 0],
    };
    const decoded = await decodeShare(await encodeShare(state));
    expect(decoded).toEqual({ ok: true, state });
  });

  it.each([
    ['cut off', (s: string) => s.slice(0, s.length / 2)],
    ['garbled', () => '%%%not-base64'],
    ['empty', () => ''],
    ['random', () => 'AAAAAAAAAAAAAAAA'],
  ])('a %s link gives a reason, not a crash', async (_name, mangle) => {
    const good = await encodeShare({ code: 'x'.repeat(200) + Math.random() });
    const r = await decodeShare(mangle(good));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/link/);
  });
});
