import { describe, expect, it } from 'vitest';
import {
  asideKey,
  clearAll,
  clearLesson,
  collectSnapshot,
  damagedRecords,
  FILE_FORMAT,
  fileName,
  lessonKey,
  mergeSnapshot,
  readFile,
  readLessonState,
  replaceSnapshot,
  toFile,
  type Snapshot,
} from './progress-file.ts';
import { PROGRESS_KEY } from './progress.ts';
import { createSafeStorage } from './storage.ts';

const SLUGS = ['race-conditions', 'interleavings', 'amdahls-law', 'hash-rings'];
const T1 = '2026-11-29T10:00:00.000Z';
const T2 = '2026-11-30T10:00:00.000Z';
const race = { code: 'export default function (t: Thread) {}\n', threads: 2, params: { n: 10 } };

function memoryStorage(init: Record<string, string> = {}) {
  const map = new Map(Object.entries(init));
  const storage = createSafeStorage(
    () =>
      ({
        getItem: (k: string) => map.get(k) ?? null,
        setItem: (k: string, v: string) => void map.set(k, v),
        removeItem: (k: string) => void map.delete(k),
      }) as Storage,
  );
  return { storage, map };
}

const file = (over: Record<string, unknown>) =>
  JSON.stringify({
    format: FILE_FORMAT,
    version: 1,
    exportedAt: T1,
    completed: {},
    lessons: {},
    ...over,
  });

describe('readLessonState', () => {
  it.each<[string, unknown, string | null]>([
    ['a full record', race, null],
    ['no settings at all (kept; the lesson page fills defaults)', { code: 'x', threads: 2 }, null],
    ['not an object', 'code', 'it held no code'],
    ['no code', { threads: 2 }, 'its code was missing'],
    ['code too long', { code: 'x'.repeat(100_001), threads: 2 }, 'its code was too long'],
    ['threads not a number', { code: 'x', threads: '2' }, 'its thread count was damaged'],
    ['threads NaN-like', { code: 'x', threads: null }, 'its thread count was damaged'],
    ['params an array', { code: 'x', threads: 2, params: [1] }, 'its settings were damaged'],
    [
      'a param not a number',
      { code: 'x', threads: 2, params: { n: 'a' } },
      'its settings were damaged',
    ],
  ])('%s', (_, value, problem) => {
    const r = readLessonState(value);
    if (problem === null) expect(typeof r).toBe('object');
    else expect(r).toBe(problem);
  });
});

describe('readFile', () => {
  it.each<[string, string, RegExp]>([
    [
      'not JSON (a truncated download)',
      file({ completed: { a: T1 } }).slice(0, 40),
      /damaged \(it is not readable JSON\)/,
    ],
    ['an empty file', '', /not readable JSON/],
    ['another JSON file', '{"name":"package"}', /not an Interleave progress file/],
    ['an array', '[1,2]', /not an Interleave progress file/],
    ['no version', file({ version: undefined }), /version is missing/],
    ['a version that is text', file({ version: '1' }), /version is missing/],
    ['an old format', file({ version: 0 }), /old format .*file version 0/],
    ['a negative version', file({ version: -3 }), /old format/],
    ['a newer format', file({ version: 2 }), /newer version of Interleave \(file version 2/],
    ['lessons missing', file({ lessons: undefined }), /list of lessons is missing/],
    ['completed an array', file({ completed: [] }), /list of lessons is missing/],
    ['no progress in it', file({}), /holds no progress/],
    [
      'only lessons this site lacks',
      file({ completed: { 'no-such': T1 } }),
      /nothing in it could be used .*no-such/,
    ],
    [
      'only damaged code',
      file({ lessons: { 'hash-rings': { threads: 1 } } }),
      /hash-rings: its code was missing/,
    ],
    ['far too large', 'x'.repeat(5_000_001), /far larger/],
  ])('refuses %s, saying why and that nothing changed', (_, text, why) => {
    const r = readFile(text, SLUGS);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.message).toMatch(why);
      expect(r.message).toMatch(/Nothing was changed\.$/);
    }
  });

  it('reads a good file exactly', () => {
    const snapshot: Snapshot = {
      completed: { 'race-conditions': T1 },
      lessons: { interleavings: race },
    };
    const r = readFile(toFile(snapshot, new Date(T2)), SLUGS);
    expect(r).toEqual({
      ok: true,
      snapshot,
      summary: '1 lesson completed and your code in 1 lesson',
      skipped: [],
    });
  });

  it('keeps what is good in a partly damaged file and names what it skipped', () => {
    const r = readFile(
      file({
        completed: { 'race-conditions': T1, 'hash-rings': 'yesterday', 'Bad Slug': T1 },
        lessons: {
          interleavings: race,
          'amdahls-law': { code: 7, threads: 2 },
          'future-lesson': race,
        },
      }),
      SLUGS,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.snapshot).toEqual({
      completed: { 'race-conditions': T1 },
      lessons: { interleavings: race },
    });
    expect(r.skipped).toEqual([
      'hash-rings: its completion date was damaged',
      '“Bad Slug”: not a lesson of this site',
      'amdahls-law: its code was missing',
      '“future-lesson”: not a lesson of this site',
    ]);
  });
});

describe('storage round trip', () => {
  it('collects, clears and merges back exactly', () => {
    const { storage, map } = memoryStorage({
      [PROGRESS_KEY]: JSON.stringify({ completed: { 'race-conditions': T1 } }),
      [lessonKey('interleavings')]: JSON.stringify(race),
      [lessonKey('hash-rings')]: '{damaged',
      'other:key': 'untouched',
    });
    const snapshot = collectSnapshot(storage, SLUGS);
    expect(snapshot).toEqual({
      completed: { 'race-conditions': T1 },
      lessons: { interleavings: race },
    });
    const before = new Map(map);
    clearAll(storage, SLUGS);
    expect([...map.keys()]).toEqual(['other:key']);
    const r = readFile(toFile(snapshot, new Date(T2)), SLUGS);
    if (!r.ok) throw new Error(r.message);
    mergeSnapshot(storage, r.snapshot);
    expect(map.get(PROGRESS_KEY)).toBe(before.get(PROGRESS_KEY));
    expect(map.get(lessonKey('interleavings'))).toBe(before.get(lessonKey('interleavings')));
  });

  it('merging keeps every completion mark (the earlier date) and replaces only the imported code', () => {
    const { storage, map } = memoryStorage({
      [PROGRESS_KEY]: JSON.stringify({ completed: { 'race-conditions': T2, 'hash-rings': T2 } }),
      [lessonKey('hash-rings')]: JSON.stringify({ ...race, code: 'mine' }),
      [lessonKey('interleavings')]: JSON.stringify({ ...race, code: 'old' }),
    });
    mergeSnapshot(storage, {
      completed: { 'race-conditions': T1 },
      lessons: { interleavings: race },
    });
    expect(JSON.parse(map.get(PROGRESS_KEY)!).completed).toEqual({
      'race-conditions': T1,
      'hash-rings': T2,
    });
    expect(JSON.parse(map.get(lessonKey('hash-rings'))!).code).toBe('mine');
    expect(JSON.parse(map.get(lessonKey('interleavings'))!)).toEqual(race);
  });

  it('replacing restores an earlier snapshot exactly (undo import)', () => {
    const { storage } = memoryStorage({
      [PROGRESS_KEY]: JSON.stringify({ completed: { 'hash-rings': T1 } }),
      [lessonKey('hash-rings')]: JSON.stringify(race),
    });
    const before = collectSnapshot(storage, SLUGS);
    mergeSnapshot(storage, { completed: { interleavings: T2 }, lessons: { interleavings: race } });
    replaceSnapshot(storage, SLUGS, before);
    expect(collectSnapshot(storage, SLUGS)).toEqual(before);
  });

  it('resetting one lesson removes its mark, code and set-aside code, and nothing else', () => {
    const { storage, map } = memoryStorage({
      [PROGRESS_KEY]: JSON.stringify({ completed: { 'hash-rings': T1, interleavings: T1 } }),
      [lessonKey('hash-rings')]: JSON.stringify(race),
      [asideKey('hash-rings')]: 'mine',
      [lessonKey('interleavings')]: JSON.stringify(race),
    });
    clearLesson(storage, 'hash-rings');
    expect(collectSnapshot(storage, SLUGS)).toEqual({
      completed: { interleavings: T1 },
      lessons: { interleavings: race },
    });
    expect(map.has(asideKey('hash-rings'))).toBe(false);
  });

  it('names the file by its date', () => {
    expect(fileName(new Date(T1))).toBe('interleave-progress-2026-11-29.json');
  });

  it.each<[string, Record<string, string>, string[]]>([
    ['nothing stored', {}, []],
    ['all good', { [PROGRESS_KEY]: JSON.stringify({ completed: { 'hash-rings': T1 } }) }, []],
    [
      'marks not JSON',
      { [PROGRESS_KEY]: '{oops' },
      ['the list of completed lessons could not be read'],
    ],
    [
      'one damaged mark',
      {
        [PROGRESS_KEY]: JSON.stringify({ completed: { 'hash-rings': T1, interleavings: 'soon' } }),
      },
      ['1 of 2 completion marks were damaged (1 kept)'],
    ],
    [
      'a lesson record that is not JSON',
      { [lessonKey('hash-rings')]: '{' },
      ['the saved work of hash-rings: it could not be read'],
    ],
    [
      'a lesson record with no code',
      { [lessonKey('hash-rings')]: '{"threads":2}' },
      ['the saved work of hash-rings: its code was missing'],
    ],
  ])('damaged stored progress is named: %s', (_, init, damaged) => {
    expect(damagedRecords(memoryStorage(init).storage, SLUGS)).toEqual(damaged);
  });
});
