/**
 * Finding the LMS's SCORM 1.2 `API` object, the way ADL's reference finder does: walk up
 * `window.parent` from this frame (LMSs nest content a few frames deep; the walk stops after
 * MAX_HOPS so a misbehaving frame tree cannot loop), then try the window that opened this one and
 * its parents (LMSs that launch content in a new window). A cross-origin frame throws on access:
 * that counts as "not here", never as an error.
 */
export interface Scorm12Api {
  LMSInitialize(arg: ''): string;
  LMSFinish(arg: ''): string;
  LMSGetValue(element: string): string;
  LMSSetValue(element: string, value: string): string;
  LMSCommit(arg: ''): string;
  LMSGetLastError(): string | number;
  LMSGetErrorString?(code: string | number): string;
}

/** The parts of a window the finder touches: a fake tree stands in for it in tests. */
export interface WindowLike {
  readonly parent?: WindowLike | null;
  readonly opener?: WindowLike | null;
  readonly API?: unknown;
}

export const MAX_HOPS = 7;

function isApi(v: unknown): v is Scorm12Api {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as Scorm12Api).LMSInitialize === 'function' &&
    typeof (v as Scorm12Api).LMSSetValue === 'function'
  );
}

function read<K extends keyof WindowLike>(w: WindowLike, key: K): WindowLike[K] | undefined {
  try {
    return w[key];
  } catch {
    return undefined; // a cross-origin window
  }
}

/** This window and up to MAX_HOPS of its parents, nearest first, looking for `API`. */
function searchUp(start: WindowLike): Scorm12Api | null {
  let w: WindowLike | null | undefined = start;
  for (let hops = 0; w && hops <= MAX_HOPS; hops++) {
    const api = read(w, 'API');
    if (isApi(api)) return api;
    const parent: WindowLike | null | undefined = read(w, 'parent');
    if (!parent || parent === w) break; // the top window is its own parent
    w = parent;
  }
  return null;
}

export function findScormApi(win: WindowLike): Scorm12Api | null {
  const found = searchUp(win);
  if (found) return found;
  // The opener of the top window (a popup launched by the LMS), and of this window itself.
  let top: WindowLike = win;
  for (let hops = 0; hops < MAX_HOPS; hops++) {
    const parent = read(top, 'parent');
    if (!parent || parent === top) break;
    top = parent;
  }
  for (const w of new Set([top, win])) {
    const opener = read(w, 'opener');
    if (opener) {
      const api = searchUp(opener);
      if (api) return api;
    }
  }
  return null;
}
