/**
 * How the page was launched. A SCORM package launches `scorm.html`, a copy of index.html carrying
 * `<meta name="interleave-scorm" content="lesson:<slug>">` (or `content="course"`): a meta tag
 * rather than a query or an inline script, because LMSs rewrite launch URLs and the site's CSP
 * refuses inline scripts. No imports: storage.ts reads this before anything else runs.
 */
export type ScormLaunch = { kind: 'lesson'; slug: string } | { kind: 'course' };

export const SCORM_META = 'interleave-scorm';

export function parseLaunch(content: string | null | undefined): ScormLaunch | null {
  if (content === 'course') return { kind: 'course' };
  const m = /^lesson:([a-z0-9-]{1,64})$/.exec(content ?? '');
  return m ? { kind: 'lesson', slug: m[1] } : null;
}

export function readLaunch(doc: Document | undefined = globalThis.document): ScormLaunch | null {
  const meta = doc?.querySelector?.(`meta[name="${SCORM_META}"]`);
  return parseLaunch(meta?.getAttribute('content'));
}

/**
 * Inside an LMS the LMS is the learner's store, not localStorage: the LMS origin's localStorage is
 * shared by every learner who uses this browser (a classroom computer) and by every package on
 * that LMS, so trusting it would show (and report) another learner's work. The app's storage is
 * backed by this memory Storage instead; the SCORM bridge fills it from cmi.suspend_data at launch
 * and hears every write, to save it back.
 */
export class ObservedMemoryStorage implements Storage {
  private readonly map = new Map<string, string>();
  private readonly listeners = new Set<(key: string) => void>();
  get length(): number {
    return this.map.size;
  }
  key(index: number): string | null {
    return [...this.map.keys()][index] ?? null;
  }
  getItem(key: string): string | null {
    return this.map.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.map.set(key, String(value));
    this.listeners.forEach((l) => l(key));
  }
  removeItem(key: string): void {
    if (this.map.delete(key)) this.listeners.forEach((l) => l(key));
  }
  clear(): void {
    const keys = [...this.map.keys()];
    this.map.clear();
    keys.forEach((k) => this.listeners.forEach((l) => l(k)));
  }
  /** Called with the key after every change; returns an unsubscribe function. */
  listen(listener: (key: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  [name: string]: unknown;
}

let backing: ObservedMemoryStorage | undefined;

/** The LMS-backed storage when this page is a SCORM launch; undefined on the ordinary site. */
export function lmsBacking(doc?: Document): ObservedMemoryStorage | undefined {
  if (!readLaunch(doc)) return undefined;
  return (backing ??= new ObservedMemoryStorage());
}
