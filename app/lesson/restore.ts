/**
 * Reading a lesson's saved state back, field by field: whatever is still good is kept, whatever is
 * damaged is reset, and the learner is told exactly which. Saved state is untrusted (another tab,
 * an extension, an old version of the app, a full disk can leave anything there), so the raw text
 * is size-checked before it is parsed. Pure: tested in Node.
 */
export interface Saved {
  code: string;
  threads: number;
  params: Record<string, number>;
}

export interface LessonLimits {
  threads: { min: number; max: number; default: number };
  params: Array<{ name: string; label: string; min: number; max: number; default: number }>;
}

/** A saved state larger than this is not even parsed (100,000 characters of code fit easily). */
export const MAX_SAVED_CHARS = 1_000_000;
export const MAX_SAVED_CODE = 100_000;

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
const kb = (chars: number) =>
  chars < 1024 ? `${chars} characters` : `${Math.round(chars / 1024).toLocaleString('en')} kB`;

export function defaultsOf(starter: string, lesson: LessonLimits): Saved {
  return {
    code: starter,
    threads: lesson.threads.default,
    params: Object.fromEntries(lesson.params.map((p) => [p.name, p.default])),
  };
}

/**
 * The state to start from and, when anything had to be dropped, a sentence saying what happened
 * and what was kept. Values that are merely out of today's range (the lesson changed) are clamped
 * silently: nothing the learner chose is lost there.
 */
export function restoreSaved(
  raw: string | null,
  starter: string,
  lesson: LessonLimits,
): { saved: Saved; notice: string | null } {
  const defaults = defaultsOf(starter, lesson);
  if (raw == null) return { saved: defaults, notice: null };
  if (raw.length > MAX_SAVED_CHARS) {
    return {
      saved: defaults,
      notice: `Your saved work for this lesson was too large to read (${kb(raw.length)}), so the starter code is back.`,
    };
  }
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    return {
      saved: defaults,
      notice:
        'Your saved work for this lesson was damaged and could not be read, so the starter code is back.',
    };
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    return {
      saved: defaults,
      notice:
        'Your saved work for this lesson was damaged (it held no code), so the starter code is back.',
    };
  }
  const s = v as Record<string, unknown>;
  const kept: string[] = [];
  const reset: string[] = [];

  let code = defaults.code;
  if (typeof s.code === 'string' && s.code.length <= MAX_SAVED_CODE) {
    code = s.code;
    kept.push(`kept your code (${kb(code.length)})`);
  } else {
    reset.push(
      typeof s.code === 'string'
        ? `your code was too long (${kb(s.code.length)}), so the starter code is back`
        : 'your code was missing, so the starter code is back',
    );
  }

  let threads = defaults.threads;
  if (typeof s.threads === 'number' && Number.isFinite(s.threads)) {
    threads = clamp(Math.round(s.threads), lesson.threads.min, lesson.threads.max);
  } else {
    reset.push(`reset the thread count to ${defaults.threads}`);
  }

  const params = { ...defaults.params };
  const rawParams =
    typeof s.params === 'object' && s.params !== null ? (s.params as Record<string, unknown>) : {};
  for (const p of lesson.params) {
    const x = rawParams[p.name];
    if (typeof x === 'number' && Number.isFinite(x)) params[p.name] = clamp(x, p.min, p.max);
    else reset.push(`reset ${p.label.toLowerCase()} to ${p.default.toLocaleString('en')}`);
  }

  const notice =
    reset.length === 0
      ? null
      : `Your saved work for this lesson was damaged; ${[...kept, ...reset].join(', ')}.`;
  return { saved: { code, threads, params }, notice };
}
