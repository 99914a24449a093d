import type { Scorm12Api } from './find-api.ts';
import type { ScormLaunch } from './launch.ts';
import { decodeSuspend, encodeSuspend, SUSPEND_LIMIT } from './suspend.ts';

/**
 * Reports the learner's progress to the LMS through the SCORM 1.2 API, and keeps their code there.
 * Framework-free, with everything it touches passed in, so it is tested in Node against a fake API.
 *
 * - Launch: `LMSInitialize`, read `cmi.suspend_data` back into the app's storage, status
 *   `incomplete` unless the LMS already has `passed`.
 * - A lesson's Check passes in full (the app marks it completed): `passed` and a score. A lesson
 *   package scores 100 when its lesson passes; the course package scores the share of lessons
 *   passed, and is `passed` when all are.
 * - The learner edits code: saved into `cmi.suspend_data` (deflated, within 4,096 characters) and
 *   committed, a moment after the last change.
 * - The page goes away: last save, `cmi.core.exit = suspend` (resume next time), `LMSFinish`.
 */
export interface BridgeLesson {
  slug: string;
  title: string;
  starter: string;
}

/** The parts of the app's stores the bridge uses (app/lib/progress.ts, app/scorm/launch.ts). */
export interface BridgeStores {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  listen(listener: (key: string) => void): () => void;
  completed(): Record<string, string>;
  markCompleted(slug: string): void;
  subscribeProgress(listener: () => void): () => void;
}

export interface BridgeOptions {
  api: Scorm12Api | null;
  launch: ScormLaunch;
  lessons: BridgeLesson[];
  stores: BridgeStores;
  /** What the learner should know about saving, or [] when all is well. */
  onNotices(notices: string[]): void;
  /** Code changes are saved this long after the last one (each save is a request to the LMS). */
  saveDelayMs?: number;
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (id: unknown) => void;
}

export interface ScormBridge {
  /** True when an LMS answered LMSInitialize. */
  readonly connected: boolean;
  /** The lesson the learner was on when they left (course packages), or null. */
  readonly resumeAt: string | null;
  /** The learner moved to another lesson (or to the lesson list: null). */
  visit(slug: string | null): void;
  /** Saves now, if a save is waiting. */
  flush(): void;
  /** Last save, exit = suspend, LMSFinish. Safe to call more than once. */
  finish(): void;
}

export const lessonKey = (slug: string) => `interleave:v1:lesson:${slug}`;
const LESSON_KEY = /^interleave:v1:lesson:([a-z0-9-]{1,64})$/;

export function startScormBridge(o: BridgeOptions): ScormBridge {
  const setTimer = o.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = o.clearTimer ?? ((id) => clearTimeout(id as ReturnType<typeof setTimeout>));
  const now = o.now ?? (() => Date.now());
  const started = now();
  const notices = new Map<'connection' | 'restore' | 'fit' | 'lms', string>();
  const tell = (kind: 'connection' | 'restore' | 'fit' | 'lms', text: string | null) => {
    if (text === null) notices.delete(kind);
    else notices.set(kind, text);
    o.onNotices([...notices.values()]);
  };
  const titleOf = (slug: string) => o.lessons.find((l) => l.slug === slug)?.title ?? slug;

  let api = o.api;
  if (api && String(api.LMSInitialize('')) !== 'true') api = null;
  if (!api) {
    tell(
      'connection',
      o.api
        ? 'Your course (LMS) did not accept this lesson: your work is kept only while this page is open.'
        : 'This page is not connected to a course (no LMS found): your work is kept only while this page is open.',
    );
    return { connected: false, resumeAt: null, visit() {}, flush() {}, finish() {} };
  }
  const lms = api;

  const set = (element: string, value: string) => {
    if (String(lms.LMSSetValue(element, value)) === 'true') return true;
    const code = lms.LMSGetLastError();
    tell('lms', `Your course (LMS) refused to save ${element} (error ${code}).`);
    return false;
  };
  const commit = () => {
    if (String(lms.LMSCommit('')) !== 'true')
      tell(
        'lms',
        `Your course (LMS) could not save just now (error ${lms.LMSGetLastError()}); it will try again.`,
      );
    else if (notices.has('lms')) tell('lms', null);
  };

  // Restore: the LMS's record is the learner's, whatever this browser holds.
  const status = lms.LMSGetValue('cmi.core.lesson_status');
  const decoded = decodeSuspend(lms.LMSGetValue('cmi.suspend_data'));
  if (!decoded.ok) tell('restore', `${decoded.reason}: the lessons start from their starter code.`);
  const saved = decoded.ok ? decoded.state : { lessons: {}, completed: [] };
  for (const [slug, value] of Object.entries(saved.lessons))
    if (o.lessons.some((l) => l.slug === slug)) o.stores.setItem(lessonKey(slug), value);
  for (const slug of saved.completed)
    if (o.lessons.some((l) => l.slug === slug)) o.stores.markCompleted(slug);
  if (o.launch.kind === 'lesson' && (status === 'passed' || status === 'completed'))
    o.stores.markCompleted(o.launch.slug);

  const location = lms.LMSGetValue('cmi.core.lesson_location');
  const resumeAt = o.lessons.some((l) => l.slug === location) ? location : null;

  /** Lessons by how recently their code changed, most recent first: what to keep when space runs out. */
  const recent: string[] = [];
  let current: string | null = o.launch.kind === 'lesson' ? o.launch.slug : resumeAt;

  let reported = { status: '', score: '' };
  const report = () => {
    const done = o.stores.completed();
    let passed: boolean;
    let score: number | null;
    if (o.launch.kind === 'lesson') {
      passed = done[o.launch.slug] !== undefined;
      score = passed ? 100 : null;
    } else {
      const n = o.lessons.filter((l) => done[l.slug] !== undefined).length;
      passed = n === o.lessons.length;
      score = Math.round((100 * n) / Math.max(1, o.lessons.length));
    }
    // Never downgrade what the LMS already records as passed.
    const next = passed || status === 'passed' ? 'passed' : 'incomplete';
    const nextScore = score === null ? '' : String(score);
    if (nextScore !== reported.score && nextScore !== '') {
      set('cmi.core.score.min', '0');
      set('cmi.core.score.max', '100');
      set('cmi.core.score.raw', nextScore);
    }
    if (next !== reported.status) set('cmi.core.lesson_status', next);
    const changed = next !== reported.status || nextScore !== reported.score;
    reported = { status: next, score: nextScore };
    return changed;
  };

  let timer: unknown = null;
  let dirty = false;
  const save = () => {
    if (timer !== null) clearTimer(timer);
    timer = null;
    dirty = false;
    const lessons: Record<string, string> = {};
    for (const l of o.lessons) {
      const value = o.stores.getItem(lessonKey(l.slug));
      if (value === null || unchanged(value, l.starter)) continue;
      lessons[l.slug] = value;
    }
    const completed = Object.keys(o.stores.completed()).filter((s) =>
      o.lessons.some((l) => l.slug === s),
    );
    const priority = [...(current ? [current] : []), ...recent];
    const { data, dropped } = encodeSuspend({ lessons, completed }, priority);
    tell(
      'fit',
      dropped.length === 0
        ? null
        : `Your course (LMS) keeps at most ${SUSPEND_LIMIT.toLocaleString('en')} characters of saved work, ` +
            `and your code for ${dropped.map((s) => `“${titleOf(s)}”`).join(', ')} does not fit: ` +
            'it is kept only while this page is open. Shorter code fits; or copy it somewhere safe.',
    );
    set('cmi.suspend_data', data);
  };

  const scheduleSave = () => {
    dirty = true;
    if (timer !== null) clearTimer(timer);
    timer = setTimer(() => {
      save();
      commit();
    }, o.saveDelayMs ?? 3000);
  };

  report();
  commit();

  const unlisten = o.stores.listen((key) => {
    const m = LESSON_KEY.exec(key);
    if (!m) return;
    const i = recent.indexOf(m[1]);
    if (i >= 0) recent.splice(i, 1);
    recent.unshift(m[1]);
    scheduleSave();
  });
  const unsubscribe = o.stores.subscribeProgress(() => {
    // A lesson passed: say so at once (and save the completed list with the code that passed).
    if (report()) {
      save();
      commit();
    }
  });

  let finished = false;
  return {
    connected: true,
    resumeAt,
    visit(slug) {
      current = slug;
      if (o.launch.kind === 'course' && slug) {
        set('cmi.core.lesson_location', slug);
        scheduleSave();
      }
    },
    flush() {
      if (dirty && !finished) {
        save();
        commit();
      }
    },
    finish() {
      if (finished) return;
      finished = true;
      unlisten();
      unsubscribe();
      save();
      set('cmi.core.exit', 'suspend');
      set('cmi.core.session_time', timespan(now() - started));
      commit();
      lms.LMSFinish('');
    },
  };
}

/** A saved state whose code is still the starter holds nothing worth the LMS's space. */
function unchanged(value: string, starter: string): boolean {
  try {
    return (JSON.parse(value) as { code?: unknown }).code === starter;
  } catch {
    return false;
  }
}

/** SCORM 1.2's CMITimespan: HHHH:MM:SS.SS (hours at least two digits). */
export function timespan(ms: number): string {
  const total = Math.max(0, Math.round(ms / 10)) / 100;
  const h = Math.min(9999, Math.floor(total / 3600));
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${s.toFixed(2).padStart(5, '0')}`;
}
