import { describe, expect, it } from 'vitest';
import { findScormApi, MAX_HOPS, type Scorm12Api, type WindowLike } from './find-api.ts';

const api = (): Scorm12Api => ({
  LMSInitialize: () => 'true',
  LMSFinish: () => 'true',
  LMSGetValue: () => '',
  LMSSetValue: () => 'true',
  LMSCommit: () => 'true',
  LMSGetLastError: () => '0',
});

/** A chain of frames, the top one first; `parent` of the top window is itself, as in browsers. */
function chain(
  depth: number,
  atTop: Partial<Record<'API' | 'opener', unknown>> = {},
): WindowLike[] {
  const top: Record<string, unknown> = { ...atTop };
  top.parent = top;
  const frames: WindowLike[] = [top as WindowLike];
  for (let i = 1; i < depth; i++) frames.push({ parent: frames[i - 1] });
  return frames;
}

describe('findScormApi', () => {
  it('finds the API on this window', () => {
    const a = api();
    expect(findScormApi({ API: a })).toBe(a);
  });

  it('walks up parents, nearest API first', () => {
    const outer = api();
    const inner = api();
    const frames = chain(4, { API: outer });
    const middle = { parent: frames[1], API: inner };
    expect(findScormApi({ parent: middle })).toBe(inner);
    expect(findScormApi(frames[3])).toBe(outer);
  });

  it(`gives up after ${MAX_HOPS} parents (a runaway frame tree)`, () => {
    const a = api();
    expect(findScormApi(chain(MAX_HOPS + 1, { API: a })[MAX_HOPS])).toBe(a);
    expect(findScormApi(chain(MAX_HOPS + 2, { API: a })[MAX_HOPS + 1])).toBe(null);
  });

  it("then tries the opener of the top window and the opener's parents", () => {
    const a = api();
    const lms = chain(2, { API: a });
    const popup = chain(3, { opener: lms[1] });
    expect(findScormApi(popup[2])).toBe(a);
  });

  it('treats a cross-origin frame (access throws) as not there, and ignores look-alikes', () => {
    const a = api();
    const crossOrigin = {
      get API(): unknown {
        throw new DOMException('Blocked', 'SecurityError');
      },
      get parent(): WindowLike {
        throw new DOMException('Blocked', 'SecurityError');
      },
    };
    expect(findScormApi({ parent: crossOrigin })).toBe(null);
    expect(findScormApi({ API: { LMSInitialize: 'no' }, opener: { API: a } })).toBe(a);
  });

  it('finds nothing outside an LMS', () => {
    expect(findScormApi(chain(1)[0])).toBe(null);
  });
});
