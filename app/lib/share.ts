/**
 * Share links carry the learner's code (and optionally a schedule) in the URL hash, compressed with
 * deflate-raw and base64url-encoded. Decoding never throws: a garbled link gives a reason instead.
 *
 * A link is untrusted input: its length is checked before any work, and it is inflated as a
 * stream, chunk by chunk, stopping as soon as the output passes MAX_INFLATED. A deflate bomb
 * (kilobytes that inflate to gigabytes) therefore costs at most MAX_INFLATED of memory and a few
 * short tasks, never a frozen page.
 */
export interface SharedState {
  code: string;
  schedule?: number[];
  /** The schedule was made in the store-buffer mode (its flush moves are negative numbers). */
  memoryModel?: 'tso';
}

export type DecodeResult = { ok: true; state: SharedState } | { ok: false; reason: string };

export const MAX_CODE = 100_000;
export const MAX_SCHEDULE = 100_000;
/** Characters of base64 text: 100,000 characters of typical code compress to far less. */
export const MAX_LINK = 200_000;
/** Bytes after inflating: the largest code plus the largest schedule, with room to spare. */
export const MAX_INFLATED = 512 * 1024;

export async function encodeShare(state: SharedState): Promise<string> {
  const bytes = new TextEncoder().encode(JSON.stringify(state));
  const packed = await collect(
    new Blob([bytes as BlobPart]).stream().pipeThrough(new CompressionStream('deflate-raw')),
    Infinity,
  );
  return toBase64Url(packed!);
}

const fmt = (n: number) => n.toLocaleString('en');

export async function decodeShare(text: string): Promise<DecodeResult> {
  if (text.length > MAX_LINK) {
    return {
      ok: false,
      reason: `the link is too long (${fmt(text.length)} characters; a share link holds at most ${fmt(MAX_LINK)})`,
    };
  }
  let bytes: Uint8Array;
  try {
    bytes = fromBase64Url(text);
  } catch {
    return {
      ok: false,
      reason: 'the link is damaged (it was probably cut off when it was copied)',
    };
  }
  let inflated: Uint8Array | null;
  try {
    inflated = await collect(
      sliced(bytes, 512).pipeThrough(new DecompressionStream('deflate-raw')),
      MAX_INFLATED,
    );
  } catch {
    return {
      ok: false,
      reason: 'the link is damaged (it was probably cut off when it was copied)',
    };
  }
  if (!inflated) {
    return {
      ok: false,
      reason: `the link's contents are too large (over ${fmt(MAX_INFLATED / 1024)} kB when unpacked)`,
    };
  }
  let v: unknown;
  try {
    v = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(inflated));
  } catch {
    return {
      ok: false,
      reason: 'the link is damaged (it was probably cut off when it was copied)',
    };
  }
  return checkShape(v);
}

function checkShape(v: unknown): DecodeResult {
  if (typeof v !== 'object' || v === null || typeof (v as { code?: unknown }).code !== 'string')
    return { ok: false, reason: 'the link does not contain lesson code' };
  const s = v as { code: string; schedule?: unknown; memoryModel?: unknown };
  if (s.code.length > MAX_CODE)
    return {
      ok: false,
      reason: `the code in the link is too long (${fmt(s.code.length)} characters; at most ${fmt(MAX_CODE)})`,
    };
  if (s.memoryModel !== undefined && s.memoryModel !== 'tso')
    return { ok: false, reason: 'the link names a memory model this site does not know' };
  const tso = s.memoryModel === 'tso' ? ({ memoryModel: 'tso' } as const) : {};
  if (s.schedule === undefined) return { ok: true, state: { code: s.code, ...tso } };
  if (!Array.isArray(s.schedule))
    return { ok: false, reason: 'the schedule in the link is not a list of thread numbers' };
  if (s.schedule.length > MAX_SCHEDULE)
    return {
      ok: false,
      reason: `the schedule in the link is too long (${fmt(s.schedule.length)} steps; at most ${fmt(MAX_SCHEDULE)})`,
    };
  // Flush moves, -(thread + 1), exist only in the store-buffer mode.
  const lowest = s.memoryModel === 'tso' ? -16 : 0;
  if (!s.schedule.every((x) => Number.isInteger(x) && x >= lowest && x < 16))
    return { ok: false, reason: 'the schedule in the link names threads that cannot exist' };
  return { ok: true, state: { code: s.code, schedule: s.schedule as number[], ...tso } };
}

/**
 * The bytes as a stream of small slices, produced only when asked for. A decompressor inflates a
 * whole input chunk in one go: with 512-byte slices one step yields at most ~0.5 MB (deflate's
 * ratio is at most ~1:1032), where one 120 kB chunk would have yielded 120 MB in a single task.
 */
function sliced(bytes: Uint8Array, size: number): ReadableStream<BufferSource> {
  let at = 0;
  return new ReadableStream<BufferSource>(
    {
      pull(c) {
        if (at >= bytes.length) c.close();
        else c.enqueue(bytes.slice(at, (at += size)));
      },
    },
    { highWaterMark: 0 },
  );
}

/**
 * Reads a byte stream chunk by chunk; null (and the stream cancelled) once it passes `limit` bytes.
 * Each chunk is its own task, so the page stays responsive however much the stream would produce.
 */
export async function collect(
  stream: ReadableStream<Uint8Array>,
  limit: number,
): Promise<Uint8Array | null> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

function toBase64Url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
