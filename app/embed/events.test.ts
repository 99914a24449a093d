import { describe, expect, it } from 'vitest';
import {
  EMBED_EVENT_VERSION,
  checkFinished,
  embedEvent,
  isEmbedEvent,
  postToParent,
  runFinished,
} from './events.ts';

describe('embed events', () => {
  it('carry the source, the version and the lesson', () => {
    const e = embedEvent('race-conditions', { type: 'lesson-completed', firstTime: true });
    expect(e).toEqual({
      source: 'interleave',
      version: 1,
      lesson: 'race-conditions',
      type: 'lesson-completed',
      firstTime: true,
    });
    expect(isEmbedEvent(e)).toBe(true);
  });

  it.each([
    ['another source', { source: 'x', version: 1, lesson: 'a', type: 'ready' }],
    ['another version', { source: 'interleave', version: 2, lesson: 'a', type: 'ready' }],
    ['an unknown type', { source: 'interleave', version: 1, lesson: 'a', type: 'boom' }],
    ['no lesson', { source: 'interleave', version: 1, type: 'ready' }],
    ['a string', 'interleave'],
    ['null', null],
  ])('are told apart from %s', (_, data) => expect(isEmbedEvent(data)).toBe(false));

  it('a run: status, threads, the first 16 shared cells, rounded time', () => {
    const body = runFinished(
      3,
      2,
      { increments: 10 },
      {
        status: 'ok',
        memory: Array.from({ length: 40 }, (_, i) => i),
        wallMs: 12.345,
        overlaps: 0,
        transport: 'shared',
      },
    );
    expect(body).toEqual({
      type: 'run-finished',
      run: 3,
      status: 'ok',
      threads: 2,
      params: { increments: 10 },
      result: {
        shared: Array.from({ length: 16 }, (_, i) => i),
        wallMs: 12.3,
        overlaps: 0,
        transport: 'shared',
      },
    });
    expect(runFinished(1, 2, {}, { status: 'compile-error', message: 'Unexpected token' })).toEqual(
      {
        type: 'run-finished',
        run: 1,
        status: 'compile-error',
        threads: 2,
        params: {},
        message: 'Unexpected token',
      },
    );
  });

  it.each([
    [['pass', 'pass'], 'passed'],
    [['pass', 'fail', 'inconclusive'], 'failed'],
    [['pass', 'inconclusive'], 'inconclusive'],
    [['pass', 'pending'], 'cancelled'],
    [['fail', 'pending'], 'failed'],
    [[], 'cancelled'],
  ] as const)('a Check with rows %j is %s', (states, outcome) => {
    const body = checkFinished(states);
    expect(body.outcome).toBe(outcome);
    expect(body.passed + body.failed + body.inconclusive + body.undecided).toBe(states.length);
    expect(body.total).toBe(states.length);
  });

  it('go to the parent with any origin, and only when there is a parent', () => {
    const sent: Array<[unknown, string]> = [];
    const parent = { postMessage: (d: unknown, o: string) => sent.push([d, o]) };
    const e = embedEvent('a', { type: 'lesson-completed', firstTime: false });
    const top = { parent: null as unknown } as { parent: unknown };
    top.parent = top;
    expect(postToParent(e, top as unknown as Window)).toBe(false);
    expect(postToParent(e, { parent } as unknown as Window)).toBe(true);
    expect(sent).toEqual([[e, '*']]);
    expect(EMBED_EVENT_VERSION).toBe(1);
  });
});
