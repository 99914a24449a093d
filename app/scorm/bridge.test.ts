import { describe, expect, it } from 'vitest';
import { lessonKey, startScormBridge, timespan, type BridgeStores } from './bridge.ts';
import type { Scorm12Api } from './find-api.ts';
import type { ScormLaunch } from './launch.ts';
import { decodeSuspend, encodeSuspend } from './suspend.ts';

const LESSONS = [
  { slug: 'race-conditions', title: 'Race conditions', starter: 'starter A' },
  { slug: 'hash-rings', title: 'Hash rings', starter: 'starter B' },
];
const saved = (code: string) => JSON.stringify({ code, threads: 2, params: {} });

/** An LMS's SCORM 1.2 API reduced to a data store and a call log. */
function fakeLms(initial: Record<string, string> = {}, accepts = true) {
  const data = new Map(Object.entries(initial));
  const calls: string[] = [];
  const api: Scorm12Api = {
    LMSInitialize: () => (calls.push('init'), accepts ? 'true' : 'false'),
    LMSFinish: () => (calls.push('finish'), 'true'),
    LMSGetValue: (k) => data.get(k) ?? '',
    LMSSetValue: (k, v) => (calls.push(`${k}=${v}`), data.set(k, v), 'true'),
    LMSCommit: () => (calls.push('commit'), 'true'),
    LMSGetLastError: () => '0',
  };
  return { api, data, calls };
}

function fakeStores() {
  const items = new Map<string, string>();
  const listeners = new Set<(k: string) => void>();
  const completed: Record<string, string> = {};
  const progressListeners = new Set<() => void>();
  const stores: BridgeStores = {
    getItem: (k) => items.get(k) ?? null,
    setItem: (k, v) => {
      items.set(k, v);
      listeners.forEach((l) => l(k));
    },
    listen: (l) => (listeners.add(l), () => listeners.delete(l)),
    completed: () => completed,
    markCompleted: (slug) => {
      completed[slug] ??= new Date(0).toISOString();
      progressListeners.forEach((l) => l());
    },
    subscribeProgress: (l) => (progressListeners.add(l), () => progressListeners.delete(l)),
  };
  return { stores, items };
}

/** Timers the test runs by hand: nothing depends on real time passing. */
function manualTimers() {
  let pending: (() => void) | null = null;
  return {
    setTimer: (fn: () => void) => ((pending = fn), 1),
    clearTimer: () => (pending = null),
    fire: () => {
      const fn = pending;
      pending = null;
      fn?.();
    },
  };
}

function start(launch: ScormLaunch, lms = fakeLms()) {
  const { stores, items } = fakeStores();
  const timers = manualTimers();
  const notices: string[][] = [];
  let clock = 0;
  const bridge = startScormBridge({
    api: lms.api,
    launch,
    lessons: LESSONS,
    stores,
    onNotices: (n) => notices.push(n),
    now: () => clock,
    ...timers,
  });
  return {
    bridge,
    stores,
    items,
    timers,
    lms,
    notices,
    advance: (ms: number) => (clock += ms),
    lastNotices: () => notices.at(-1) ?? [],
  };
}

const lesson: ScormLaunch = { kind: 'lesson', slug: 'race-conditions' };

describe('the SCORM bridge, lesson package', () => {
  it('initialises, reports incomplete and commits at launch, with no score yet', () => {
    const { lms, bridge } = start(lesson);
    expect(bridge.connected).toBe(true);
    expect(lms.calls).toEqual(['init', 'cmi.core.lesson_status=incomplete', 'commit']);
  });

  it('reports passed with a score, committed at once, when the lesson is completed', () => {
    const { lms, stores } = start(lesson);
    stores.markCompleted('hash-rings'); // another lesson: this package's status is unchanged
    expect(lms.data.get('cmi.core.lesson_status')).toBe('incomplete');
    stores.markCompleted('race-conditions');
    expect(lms.data.get('cmi.core.lesson_status')).toBe('passed');
    expect(lms.data.get('cmi.core.score.raw')).toBe('100');
    expect(lms.data.get('cmi.core.score.min')).toBe('0');
    expect(lms.data.get('cmi.core.score.max')).toBe('100');
    expect(lms.calls.at(-1)).toBe('commit');
  });

  it('saves edited code into suspend_data a moment after the last change, not the untouched starter', () => {
    const { lms, stores, timers } = start(lesson);
    stores.setItem(lessonKey('hash-rings'), saved('starter B'));
    stores.setItem(lessonKey('race-conditions'), saved('my code'));
    expect(lms.data.has('cmi.suspend_data')).toBe(false);
    timers.fire();
    const back = decodeSuspend(lms.data.get('cmi.suspend_data'));
    expect(back).toEqual({
      ok: true,
      state: { lessons: { 'race-conditions': saved('my code') }, completed: [] },
    });
    expect(lms.calls.at(-1)).toBe('commit');
  });

  it('restores code and completion from the LMS and never downgrades passed', () => {
    const earlier = encodeSuspend({
      lessons: { 'race-conditions': saved('mine'), 'no-such-lesson': saved('x') },
      completed: ['hash-rings'],
    }).data;
    const { items, stores, lms } = start(
      lesson,
      fakeLms({ 'cmi.core.lesson_status': 'passed', 'cmi.suspend_data': earlier }),
    );
    expect(items.get(lessonKey('race-conditions'))).toBe(saved('mine'));
    expect(items.has(lessonKey('no-such-lesson'))).toBe(false);
    expect(Object.keys(stores.completed()).sort()).toEqual(['hash-rings', 'race-conditions']);
    expect(lms.calls.filter((c) => c.includes('lesson_status'))).toEqual([
      'cmi.core.lesson_status=passed',
    ]);
  });

  it('says so when saved progress is damaged, and starts from the starter code', () => {
    const { items, lastNotices } = start(lesson, fakeLms({ 'cmi.suspend_data': 'garbage' }));
    expect(items.size).toBe(0);
    expect(lastNotices().join()).toMatch(/damaged.*starter code/);
  });

  it('tells the learner which lesson did not fit, and stops telling once it fits again', () => {
    const { stores, timers, lastNotices, lms } = start(lesson);
    let x = 7;
    const noise = Array.from({ length: 1200 }, () => (x = (x * 48271) % 2147483647).toString(36));
    stores.setItem(lessonKey('hash-rings'), saved(noise.join(' ')));
    stores.setItem(lessonKey('race-conditions'), saved('small'));
    timers.fire();
    expect(lastNotices().join()).toMatch(/4,096 characters.*“Hash rings” does not fit/);
    // What fits is still saved.
    const back = decodeSuspend(lms.data.get('cmi.suspend_data'));
    expect(back.ok && Object.keys(back.state.lessons)).toEqual(['race-conditions']);
    stores.setItem(lessonKey('hash-rings'), saved('short again'));
    timers.fire();
    expect(lastNotices()).toEqual([]);
  });

  it('on finish: last save, exit suspend, session time, commit, LMSFinish, once', () => {
    const { lms, stores, bridge, advance } = start(lesson);
    stores.setItem(lessonKey('race-conditions'), saved('typed just now'));
    advance(3_723_450);
    bridge.finish();
    bridge.finish();
    const tail = lms.calls.slice(-5);
    expect(tail[0]).toMatch(/^cmi\.suspend_data=i1\./);
    expect(tail.slice(1)).toEqual([
      'cmi.core.exit=suspend',
      'cmi.core.session_time=01:02:03.45',
      'commit',
      'finish',
    ]);
  });

  it('without an LMS (or one that refuses), the app still runs and the learner is told', () => {
    const none = startScormBridge({
      api: null,
      launch: lesson,
      lessons: LESSONS,
      stores: fakeStores().stores,
      onNotices: () => {},
    });
    expect(none.connected).toBe(false);
    const refused = start(lesson, fakeLms({}, false));
    expect(refused.bridge.connected).toBe(false);
    expect(refused.lastNotices().join()).toMatch(/did not accept/);
    expect(refused.lms.calls).toEqual(['init']);
  });
});

describe('the SCORM bridge, course package', () => {
  it('scores the share of lessons passed and is passed when all are', () => {
    const { lms, stores } = start({ kind: 'course' });
    expect(lms.data.get('cmi.core.score.raw')).toBe('0');
    stores.markCompleted('race-conditions');
    expect(lms.data.get('cmi.core.score.raw')).toBe('50');
    expect(lms.data.get('cmi.core.lesson_status')).toBe('incomplete');
    stores.markCompleted('hash-rings');
    expect(lms.data.get('cmi.core.score.raw')).toBe('100');
    expect(lms.data.get('cmi.core.lesson_status')).toBe('passed');
  });

  it('remembers where the learner was in lesson_location', () => {
    const { lms, bridge } = start(
      { kind: 'course' },
      fakeLms({ 'cmi.core.lesson_location': 'hash-rings' }),
    );
    expect(bridge.resumeAt).toBe('hash-rings');
    bridge.visit('race-conditions');
    expect(lms.data.get('cmi.core.lesson_location')).toBe('race-conditions');
    expect(
      start({ kind: 'course' }, fakeLms({ 'cmi.core.lesson_location': '../x' })).bridge.resumeAt,
    ).toBe(null);
  });
});

describe('timespan', () => {
  it.each([
    [0, '00:00:00.00'],
    [1_500, '00:00:01.50'],
    [59_999, '00:01:00.00'],
    [100 * 3_600_000, '100:00:00.00'],
  ])('%i ms is %s', (ms, text) => expect(timespan(ms)).toBe(text));
});

describe('the SCORM bridge when the LMS refuses a save', () => {
  it('tells the learner, and stops telling once a commit succeeds', () => {
    const lms = fakeLms();
    let failing = false;
    const commit = lms.api.LMSCommit;
    lms.api.LMSCommit = (arg) =>
      failing ? (lms.calls.push('commit failed'), 'false') : commit(arg);
    const { stores, timers, lastNotices } = start(lesson, lms);
    failing = true;
    stores.setItem(lessonKey('race-conditions'), saved('x'));
    timers.fire();
    expect(lastNotices().join()).toMatch(/could not save just now/);
    failing = false;
    stores.setItem(lessonKey('race-conditions'), saved('y'));
    timers.fire();
    expect(lastNotices()).toEqual([]);
  });
});
