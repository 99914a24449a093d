/**
 * The learner's whole progress as one value (lessons completed, and each lesson's code and
 * settings), how it is gathered from and written back to storage, and the file a learner exports
 * to move it to another computer. Pure (storage passed in): tested in Node.
 *
 * The file is versioned (`format` + `version`). Reading one is table-driven: each known version has
 * an upgrade to the current one; a file of an unknown version, older or newer, is refused whole,
 * with a message, and nothing is changed. Damaged entries inside a readable file are skipped one by
 * one and named; a file with nothing usable left is refused.
 */
import type { SafeStorage } from './storage.ts';
import { parseProgress, PROGRESS_KEY } from './progress.ts';

/** Where a lesson's code and settings are kept: the keys app/lesson/useLessonSession.ts uses. */
export const lessonKey = (slug: string) => `interleave:v1:lesson:${slug}`;
/** The learner's own code, set aside when a shared link replaced it. */
export const asideKey = (slug: string) => `interleave:v1:lesson:${slug}:before-link`;

export const FILE_FORMAT = 'interleave-progress';
export const FILE_VERSION = 1;
/** A progress file larger than this is not parsed (every lesson's code at its limit fits easily). */
export const MAX_FILE_CHARS = 5_000_000;
/** As the lesson page's own limit on saved code (restore.ts). */
const MAX_CODE = 100_000;
const SLUG = /^[a-z0-9-]{1,64}$/;

export interface LessonState {
  code: string;
  threads: number;
  params: Record<string, number>;
}

export interface Snapshot {
  /** slug → when the lesson was first completed (ISO time). */
  completed: Record<string, string>;
  /** slug → the learner's code and settings in that lesson. */
  lessons: Record<string, LessonState>;
}

export interface ProgressFile extends Snapshot {
  format: typeof FILE_FORMAT;
  version: typeof FILE_VERSION;
  exportedAt: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A lesson's stored state, or why it cannot be used. */
export function readLessonState(v: unknown): LessonState | string {
  if (!isRecord(v)) return 'it held no code';
  if (typeof v.code !== 'string') return 'its code was missing';
  if (v.code.length > MAX_CODE) return 'its code was too long';
  if (typeof v.threads !== 'number' || !Number.isFinite(v.threads))
    return 'its thread count was damaged';
  const params: Record<string, number> = {};
  if (v.params !== undefined) {
    if (!isRecord(v.params)) return 'its settings were damaged';
    for (const [name, x] of Object.entries(v.params)) {
      if (typeof x !== 'number' || !Number.isFinite(x)) return 'its settings were damaged';
      params[name] = x;
    }
  }
  return { code: v.code, threads: v.threads, params };
}

/** Everything stored for these lessons. A damaged lesson record is left out (the lesson page
 * repairs it, with a message, when it is opened). */
export function collectSnapshot(storage: SafeStorage, slugs: readonly string[]): Snapshot {
  const known = new Set(slugs);
  const completed = Object.fromEntries(
    Object.entries(parseProgress(storage.get(PROGRESS_KEY)).completed).filter(([s]) =>
      known.has(s),
    ),
  );
  const lessons: Record<string, LessonState> = {};
  for (const slug of slugs) {
    const raw = storage.get(lessonKey(slug));
    if (raw == null) continue;
    try {
      const state = readLessonState(JSON.parse(raw));
      if (typeof state !== 'string') lessons[slug] = state;
    } catch {
      /* unreadable: left out */
    }
  }
  return { completed, lessons };
}

/**
 * What of the stored progress cannot be read (and so is left out of the panel and of an export),
 * one phrase each. The lesson page repairs a damaged lesson record, with a message, when opened.
 */
export function damagedRecords(storage: SafeStorage, slugs: readonly string[]): string[] {
  const damaged: string[] = [];
  const raw = storage.get(PROGRESS_KEY);
  if (raw != null) {
    let stored: unknown;
    try {
      stored = JSON.parse(raw);
    } catch {
      stored = undefined;
    }
    const entries = isRecord(stored) && isRecord(stored.completed) ? stored.completed : null;
    const kept = Object.keys(parseProgress(raw).completed).length;
    if (entries === null) damaged.push('the list of completed lessons could not be read');
    else if (Object.keys(entries).length > kept)
      damaged.push(
        `${Object.keys(entries).length - kept} of ${Object.keys(entries).length} completion marks were damaged (${kept} kept)`,
      );
  }
  for (const slug of slugs) {
    const rawLesson = storage.get(lessonKey(slug));
    if (rawLesson == null) continue;
    let state: LessonState | string;
    try {
      state = readLessonState(JSON.parse(rawLesson));
    } catch {
      state = 'it could not be read';
    }
    if (typeof state === 'string') damaged.push(`the saved work of ${slug}: ${state}`);
  }
  return damaged;
}

/** Removes one lesson's progress (completion mark, code, settings, code set aside by a link). */
export function clearLesson(storage: SafeStorage, slug: string): void {
  const progress = parseProgress(storage.get(PROGRESS_KEY));
  if (progress.completed[slug] !== undefined) {
    const { [slug]: _gone, ...rest } = progress.completed;
    storage.set(PROGRESS_KEY, JSON.stringify({ completed: rest }));
  }
  storage.remove(lessonKey(slug));
  storage.remove(asideKey(slug));
}

/** Removes all progress for these lessons. */
export function clearAll(storage: SafeStorage, slugs: readonly string[]): void {
  storage.remove(PROGRESS_KEY);
  for (const slug of slugs) {
    storage.remove(lessonKey(slug));
    storage.remove(asideKey(slug));
  }
}

/**
 * Makes storage hold exactly `snapshot` for these lessons (what Undo import needs). Lessons the
 * snapshot does not mention lose their stored code and mark.
 */
export function replaceSnapshot(
  storage: SafeStorage,
  slugs: readonly string[],
  snapshot: Snapshot,
): void {
  clearAll(storage, slugs);
  mergeSnapshot(storage, snapshot);
}

/**
 * Writes an imported snapshot over what is stored: its lessons' code and settings replace the
 * stored ones; completion marks are added (the earlier date kept), never removed.
 */
export function mergeSnapshot(storage: SafeStorage, snapshot: Snapshot): void {
  const completed = { ...parseProgress(storage.get(PROGRESS_KEY)).completed };
  for (const [slug, at] of Object.entries(snapshot.completed))
    if (!completed[slug] || Date.parse(at) < Date.parse(completed[slug])) completed[slug] = at;
  if (Object.keys(completed).length > 0) storage.set(PROGRESS_KEY, JSON.stringify({ completed }));
  for (const [slug, state] of Object.entries(snapshot.lessons))
    storage.set(lessonKey(slug), JSON.stringify(state));
}

export function toFile(snapshot: Snapshot, exportedAt: Date): string {
  const file: ProgressFile = {
    format: FILE_FORMAT,
    version: FILE_VERSION,
    exportedAt: exportedAt.toISOString(),
    completed: snapshot.completed,
    lessons: snapshot.lessons,
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

export function fileName(exportedAt: Date): string {
  return `interleave-progress-${exportedAt.toISOString().slice(0, 10)}.json`;
}

export type ReadResult =
  | {
      ok: true;
      snapshot: Snapshot;
      /** One sentence: what the file brings. */
      summary: string;
      /** What was skipped, one phrase each ("hash-rings: its code was too long"). */
      skipped: string[];
    }
  | { ok: false; message: string };

/**
 * Upgrades from each readable version to the current shape. Version 1 is the first; a later format
 * adds `n: (file) => upgraded` here, so files exported by this version keep importing.
 */
const UPGRADES: Record<number, (file: Record<string, unknown>) => Record<string, unknown>> = {
  1: (file) => file,
};

const refused = (why: string): ReadResult => ({
  ok: false,
  message: `This file was not imported: ${why} Nothing was changed.`,
});

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Reads an exported progress file against the lessons this version of the site has. */
export function readFile(text: string, slugs: readonly string[]): ReadResult {
  if (text.length > MAX_FILE_CHARS)
    return refused('it is far larger than any progress file, so it is not one.');
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return refused('it is damaged (it is not readable JSON).');
  }
  if (!isRecord(v) || v.format !== FILE_FORMAT)
    return refused('it is not an Interleave progress file.');
  const version = v.version;
  if (typeof version !== 'number' || !Number.isInteger(version))
    return refused('it is damaged (its version is missing).');
  if (version > FILE_VERSION)
    return refused(
      `it was made by a newer version of Interleave (file version ${version}; this site reads up to version ${FILE_VERSION}). Open the site where it was exported, or update this one.`,
    );
  const upgrade = UPGRADES[version];
  if (!upgrade)
    return refused(
      `it is in an old format this site no longer reads (file version ${version}; this site reads version ${FILE_VERSION}).`,
    );
  const file = upgrade(v);
  if (!isRecord(file.completed) || !isRecord(file.lessons))
    return refused('it is damaged (its list of lessons is missing).');

  const known = new Set(slugs);
  const skipped: string[] = [];
  const completed: Record<string, string> = {};
  for (const [slug, at] of Object.entries(file.completed)) {
    if (!SLUG.test(slug) || !known.has(slug))
      skipped.push(`“${slug.slice(0, 64)}”: not a lesson of this site`);
    else if (typeof at !== 'string' || Number.isNaN(Date.parse(at)))
      skipped.push(`${slug}: its completion date was damaged`);
    else completed[slug] = new Date(at).toISOString();
  }
  const lessons: Record<string, LessonState> = {};
  for (const [slug, raw] of Object.entries(file.lessons)) {
    if (!SLUG.test(slug) || !known.has(slug)) {
      if (!(slug in file.completed))
        skipped.push(`“${slug.slice(0, 64)}”: not a lesson of this site`);
      continue;
    }
    const state = readLessonState(raw);
    if (typeof state === 'string') skipped.push(`${slug}: ${state}`);
    else lessons[slug] = state;
  }
  const nDone = Object.keys(completed).length;
  const nCode = Object.keys(lessons).length;
  if (nDone === 0 && nCode === 0)
    return skipped.length > 0
      ? refused(`nothing in it could be used (${skipped.join('; ')}).`)
      : refused('it holds no progress.');
  return {
    ok: true,
    snapshot: { completed, lessons },
    summary: `${plural(nDone, 'lesson')} completed and your code in ${plural(nCode, 'lesson')}`,
    skipped,
  };
}
