/**
 * Share links carry the learner's code (and optionally a schedule) in the URL hash, compressed with
 * deflate-raw and base64url-encoded. Decoding never throws: a garbled link gives a reason instead.
 */
export interface SharedState {
  code: string;
  schedule?: number[];
}

const MAX_CODE = 100_000;

export async function encodeShare(state: SharedState): Promise<string> {
  const bytes = new TextEncoder().encode(JSON.stringify(state));
  const packed = await pipe(bytes, new CompressionStream('deflate-raw'));
  return toBase64Url(packed);
}

export async function decodeShare(
  text: string,
): Promise<{ ok: true; state: SharedState } | { ok: false; reason: string }> {
  try {
    const bytes = fromBase64Url(text);
    const json = new TextDecoder('utf-8', { fatal: true }).decode(
      await pipe(bytes, new DecompressionStream('deflate-raw')),
    );
    const v: unknown = JSON.parse(json);
    if (!isSharedState(v)) return { ok: false, reason: 'the link does not contain lesson code' };
    return { ok: true, state: v };
  } catch {
    return {
      ok: false,
      reason: 'the link is damaged (it was probably cut off when it was copied)',
    };
  }
}

function isSharedState(v: unknown): v is SharedState {
  if (typeof v !== 'object' || v === null) return false;
  const s = v as Record<string, unknown>;
  if (typeof s.code !== 'string' || s.code.length > MAX_CODE) return false;
  if (s.schedule !== undefined) {
    if (!Array.isArray(s.schedule) || s.schedule.length > 100_000) return false;
    if (!s.schedule.every((x) => Number.isInteger(x) && x >= 0 && x < 16)) return false;
  }
  return true;
}

async function pipe(
  bytes: Uint8Array,
  stream: CompressionStream | DecompressionStream,
): Promise<Uint8Array> {
  const out = new Response(new Blob([bytes as BlobPart]).stream().pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
}

function toBase64Url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}
