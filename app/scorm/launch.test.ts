import { describe, expect, it } from 'vitest';
import { ObservedMemoryStorage, parseLaunch } from './launch.ts';
import { createSafeStorage } from '../lib/storage.ts';

describe('parseLaunch', () => {
  it.each([
    ['course', { kind: 'course' }],
    ['lesson:race-conditions', { kind: 'lesson', slug: 'race-conditions' }],
    ['lesson:', null],
    ['lesson:../x', null],
    ['', null],
    [null, null],
  ])('%s', (content, launch) => expect(parseLaunch(content)).toEqual(launch));
});

describe('ObservedMemoryStorage', () => {
  it('backs the app storage and reports every change', () => {
    const backing = new ObservedMemoryStorage();
    const seen: string[] = [];
    const stop = backing.listen((k) => seen.push(k));
    const storage = createSafeStorage(() => backing);
    expect(storage.persistent).toBe(true);
    storage.set('a', '1');
    expect(backing.getItem('a')).toBe('1');
    expect(backing.length).toBe(1);
    storage.remove('a');
    stop();
    storage.set('b', '2');
    // The availability probe, then our own writes; nothing after unsubscribing.
    expect(seen.filter((k) => !k.startsWith('__'))).toEqual(['a', 'a']);
  });
});
