/**
 * A lab result as a small JSON or a link (`#/memory-order?litmus=<base64url JSON>`), so a class can
 * compare machines. A link is untrusted input: it is decoded strictly and never runs anything. The
 * test comes from LITMUS_TESTS by id (the harness generates code from a test's accesses, so accesses
 * never come from a link); only which accesses are atomic, and the counts, are taken from it.
 */
import { accessCount, possibleOutcomes, testById, type TestId } from './lab-model.ts';

export interface SharedResult {
  version: 1;
  test: TestId;
  /** One boolean per access, threads in order, each in program order: true = Atomics. */
  atomic: boolean[];
  rounds: number;
  /** Outcome key ("r0=0 r1=0") → rounds that ended so; they add up to `rounds`. */
  counts: Record<string, number>;
  /** navigator.hardwareConcurrency, null when the browser does not say. */
  cores: number | null;
  browser: string;
  /** "x86 64-bit", "arm 64-bit" where the browser says (Chromium-based ones do); else absent. */
  arch?: string | null;
  roundsPerSecond: number;
  /** ISO 8601. */
  date: string;
}

export type ResultDecode = { ok: true; result: SharedResult } | { ok: false; reason: string };

/** Characters of a link's parameter: a result is a few hundred; IRIW's 16 outcomes stay far below. */
export const MAX_RESULT_LINK = 4_000;
export const MAX_ROUNDS = 1_000_000_000;
const MAX_BROWSER = 60;

/** Only the shared fields, in a fixed order (a result object may carry more, e.g. the rounds asked). */
const pick = (r: SharedResult): SharedResult => ({
  version: r.version,
  test: r.test,
  atomic: r.atomic,
  rounds: r.rounds,
  counts: r.counts,
  cores: r.cores,
  browser: r.browser,
  ...(r.arch ? { arch: r.arch } : {}),
  roundsPerSecond: r.roundsPerSecond,
  date: r.date,
});

export const resultJson = (r: SharedResult): string => JSON.stringify(pick(r), null, 2);

export function encodeResult(r: SharedResult): string {
  const bytes = new TextEncoder().encode(JSON.stringify(pick(r)));
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

const DAMAGED: ResultDecode = {
  ok: false,
  reason: 'the link is damaged (it was probably cut off when it was copied)',
};

/** Never throws: a garbled or hostile link gives a reason instead. */
export function decodeResult(text: string): ResultDecode {
  if (text.length > MAX_RESULT_LINK)
    return { ok: false, reason: 'the link is too long to be a litmus result' };
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return DAMAGED;
  let json: string;
  try {
    const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
    const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
    const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
    json = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return DAMAGED;
  }
  let v: unknown;
  try {
    v = JSON.parse(json);
  } catch {
    return DAMAGED;
  }
  return checkResult(v);
}

const bad = (reason: string): ResultDecode => ({ ok: false, reason });
const isCount = (x: unknown): x is number =>
  typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;
const own = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/** Validates a parsed value field by field and rebuilds it from the checked fields only. */
export function checkResult(v: unknown): ResultDecode {
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    return bad('the link does not hold a litmus result');
  const o = v as Record<string, unknown>;
  if (o.version !== 1)
    return bad('the link was made by a version of the lab this site does not know');
  const test = typeof o.test === 'string' && own(o, 'test') ? testById(o.test) : undefined;
  if (!test) return bad('the link names a litmus test this lab does not have');
  const n = accessCount(test);
  if (
    !Array.isArray(o.atomic) ||
    o.atomic.length !== n ||
    !o.atomic.every((a) => typeof a === 'boolean')
  )
    return bad(`the link's list of atomic accesses does not fit ${test.id} (${n} accesses)`);
  if (!isCount(o.rounds) || o.rounds < 1 || o.rounds > MAX_ROUNDS)
    return bad('the number of rounds in the link is not a sensible whole number');
  if (typeof o.counts !== 'object' || o.counts === null || Array.isArray(o.counts))
    return bad('the link holds no counts');
  const valid = possibleOutcomes(test);
  const counts: Record<string, number> = {};
  let sum = 0;
  for (const [k, c] of Object.entries(o.counts)) {
    if (!valid.includes(k)) return bad(`the link counts an outcome ${test.id} cannot have`);
    if (!isCount(c)) return bad('a count in the link is not a whole number of rounds');
    counts[k] = c;
    sum += c;
  }
  if (sum !== o.rounds) return bad('the counts in the link do not add up to its rounds');
  let cores: number | null = null;
  if (o.cores !== null && o.cores !== undefined) {
    if (!isCount(o.cores) || o.cores < 1 || o.cores > 4096)
      return bad('the number of cores in the link is not sensible');
    cores = o.cores;
  }
  if (typeof o.browser !== 'string' || o.browser.length > MAX_BROWSER)
    return bad('the browser named in the link is not a short name');
  // Shown as text only; control and formatting characters are dropped all the same.
  const browser = o.browser.replace(/[\p{Cc}\p{Cf}]/gu, '').trim() || 'an unnamed browser';
  let arch: string | null = null;
  if (o.arch !== null && o.arch !== undefined) {
    if (typeof o.arch !== 'string' || !/^[a-z0-9_-]{1,12}( \d{2}-bit)?$/i.test(o.arch))
      return bad('the processor named in the link is not a short architecture name');
    arch = o.arch;
  }
  if (
    typeof o.roundsPerSecond !== 'number' ||
    !Number.isFinite(o.roundsPerSecond) ||
    o.roundsPerSecond < 0 ||
    o.roundsPerSecond > 1e12
  )
    return bad('the speed in the link is not a sensible number');
  if (
    typeof o.date !== 'string' ||
    o.date.length > 40 ||
    !/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(o.date) ||
    Number.isNaN(Date.parse(o.date))
  )
    return bad('the date in the link is not a date');
  return {
    ok: true,
    result: {
      version: 1,
      test: test.id,
      atomic: [...(o.atomic as boolean[])],
      rounds: o.rounds,
      counts,
      cores,
      browser,
      ...(arch ? { arch } : {}),
      roundsPerSecond: o.roundsPerSecond,
      date: o.date,
    },
  };
}
