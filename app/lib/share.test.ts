import { describe, expect, it } from 'vitest';
import { collect, decodeShare, encodeShare, MAX_CODE, MAX_LINK } from './share.ts';

describe('share links', () => {
  it('round-trips code and a schedule', async () => {
    const state = {
      code: 'export default function (t: Thread) {\n  t.shared[0]++; // ünïcode ✓\n}',
      schedule: [0, 1, 1, 0],
    };
    const decoded = await decodeShare(await encodeShare(state));
    expect(decoded).toEqual({ ok: true, state });
  });

  it('round-trips a store-buffer schedule; flush moves are refused without the model', async () => {
    const state = { code: 'x', schedule: [0, 0, -1, 1, -2], memoryModel: 'tso' as const };
    expect(await decodeShare(await encodeShare(state))).toEqual({ ok: true, state });
    const sc = await decodeShare(await encodeShare({ code: 'x', schedule: [0, -1] }));
    expect(sc).toEqual({ ok: false, reason: expect.stringMatching(/cannot exist/) });
    const odd = await decodeShare(
      await encodeShare({ code: 'x', memoryModel: 'arm' } as unknown as { code: string }),
    );
    expect(odd.ok).toBe(false);
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

describe('share links are bounded', () => {
  const deflate = async (bytes: Uint8Array) => {
    const packed = await collect(
      new Blob([bytes as BlobPart]).stream().pipeThrough(new CompressionStream('deflate-raw')),
      Infinity,
    );
    let s = '';
    for (const b of packed!) s += String.fromCharCode(b);
    return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  };

  it('an over-long link says "too long", not "does not contain lesson code"', async () => {
    const r = await decodeShare('A'.repeat(MAX_LINK + 1));
    expect(r).toEqual({ ok: false, reason: expect.stringMatching(/too long/) });
  });

  it('a deflate bomb stops at the size limit and says "too large"', async () => {
    // 64 MB of zeros deflates to about 64 kB: a short link that would inflate far past the limit.
    const link = await deflate(new Uint8Array(64 * 1024 * 1024));
    expect(link.length).toBeLessThan(MAX_LINK);
    const r = await decodeShare(link);
    expect(r).toEqual({ ok: false, reason: expect.stringMatching(/too large/) });
  });

  it('code longer than the limit says so', async () => {
    const link = await deflate(
      new TextEncoder().encode(JSON.stringify({ code: 'x'.repeat(MAX_CODE + 1) })),
    );
    const r = await decodeShare(link);
    expect(r).toEqual({ ok: false, reason: expect.stringMatching(/code in the link is too long/) });
  });

  it('a schedule with impossible threads says so', async () => {
    const r = await decodeShare(await encodeShare({ code: 'x', schedule: [0, 99] }));
    expect(r).toEqual({ ok: false, reason: expect.stringMatching(/threads that cannot exist/) });
  });

  it('collect stops reading once the limit is passed', async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(c) {
        pulled++;
        c.enqueue(new Uint8Array(1024));
      },
    });
    expect(await collect(endless, 10 * 1024)).toBeNull();
    expect(pulled).toBeLessThan(20);
  });
});
