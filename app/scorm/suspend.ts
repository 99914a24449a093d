import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate';

/**
 * What the package keeps in the LMS between sessions: each lesson's saved state and which lessons
 * are complete, in `cmi.suspend_data`. SCORM 1.2 gives that field 4,096 characters, so the JSON is
 * deflated and base64-encoded (a lesson's code shrinks to about a third). Synchronous on purpose:
 * the last save happens while the page unloads, when a promise would never settle.
 *
 * When everything does not fit, whole lessons are left out, least important first (the caller's
 * order: the lesson being worked on before the others), and the caller is told which, so the
 * learner can be told. The list of completed lessons always fits: it is a few slugs.
 */
export interface SuspendState {
  /** slug → the lesson's saved state exactly as the app stores it (JSON text). */
  lessons: Record<string, string>;
  /** Slugs of lessons whose every check has passed. */
  completed: string[];
}

export const SUSPEND_LIMIT = 4096;
/** A version tag: a later format can still read (or knowingly ignore) this one. */
const PREFIX = 'i1.';
/** An LMS value is untrusted: never inflate more than this (4,096 characters cannot need more). */
const MAX_INFLATED = 1024 * 1024;

export interface Encoded {
  data: string;
  /** Lessons whose saved state had to be left out to fit the limit. */
  dropped: string[];
}

export function encodeSuspend(
  state: SuspendState,
  priority: string[] = [],
  limit = SUSPEND_LIMIT,
): Encoded {
  // Most important first: the priority list, then the rest in a stable order.
  const order = [
    ...priority.filter((s) => s in state.lessons),
    ...Object.keys(state.lessons)
      .filter((s) => !priority.includes(s))
      .sort(),
  ];
  const dropped: string[] = [];
  for (let keep = order.length; keep >= 0; keep--) {
    const lessons = Object.fromEntries(order.slice(0, keep).map((s) => [s, state.lessons[s]]));
    const data = pack({ l: lessons, d: state.completed });
    if (data.length <= limit) return { data, dropped };
    dropped.unshift(order[keep - 1]);
  }
  // Not even the completed list fits (a limit far below SCORM's): save nothing rather than a
  // value the LMS would refuse or cut off.
  return { data: '', dropped: order };
}

export type Decoded = { ok: true; state: SuspendState } | { ok: false; reason: string };

const EMPTY: SuspendState = { lessons: {}, completed: [] };

export function decodeSuspend(text: string | null | undefined): Decoded {
  if (!text) return { ok: true, state: EMPTY };
  const damaged = { ok: false as const, reason: 'the saved progress in your course was damaged' };
  if (!text.startsWith(PREFIX) || text.length > SUSPEND_LIMIT * 2) return damaged;
  let v: unknown;
  try {
    const bytes = fromBase64(text.slice(PREFIX.length));
    const json = inflateSync(bytes, { out: new Uint8Array(MAX_INFLATED) });
    if (json.length >= MAX_INFLATED) return damaged;
    v = JSON.parse(strFromU8(json));
  } catch {
    return damaged;
  }
  if (typeof v !== 'object' || v === null) return damaged;
  const raw = v as { l?: unknown; d?: unknown };
  const lessons: Record<string, string> = {};
  if (typeof raw.l === 'object' && raw.l !== null && !Array.isArray(raw.l)) {
    for (const [slug, saved] of Object.entries(raw.l))
      if (isSlug(slug) && typeof saved === 'string') lessons[slug] = saved;
  }
  const completed = Array.isArray(raw.d) ? raw.d.filter(isSlug) : [];
  return { ok: true, state: { lessons, completed } };
}

function isSlug(s: unknown): s is string {
  return typeof s === 'string' && /^[a-z0-9-]{1,64}$/.test(s);
}

function pack(v: unknown): string {
  return PREFIX + toBase64(deflateSync(strToU8(JSON.stringify(v)), { level: 9 }));
}

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

function fromBase64(text: string): Uint8Array {
  const bin = atob(text);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
