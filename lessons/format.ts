/**
 * The lesson format: a folder `lessons/NN-slug/` with
 *   index.md     front-matter (YAML) + prose (Markdown)
 *   starter.ts   what the learner edits first (may be deliberately broken)
 *   solution.ts  one correct answer (checks never compare text)
 *   checks.ts    executable checks (see check-api.ts)
 * The slug (URL) is the folder name without its number, so lessons can be reordered freely.
 * This module is pure: the Vite plugin runs it at build time and tests run it in Node.
 */

export interface ParamSpec {
  /** Key in `t.params`. */
  name: string;
  label: string;
  min: number;
  max: number;
  default: number;
  /** Slider step; sliders over a wide range are logarithmic when `log` is true. */
  step?: number;
  log?: boolean;
}

export interface LessonMeta {
  slug: string;
  folder: string;
  order: number;
  title: string;
  summary: string;
  /** What Check verifies, in one or two sentences, shown beside the editor: the lesson's win condition. */
  goal: string;
  minutes: number;
  concepts: string[];
  /** Slugs of lessons to do first (front-matter `prerequisites`, optional): shown to teachers. */
  prerequisites: string[];
  /** `shared`: real threads are the point (a fallback is labelled "simulated"); `any`: no difference. */
  needs: 'shared' | 'any';
  /** Simulation panel id: a folder under app/sims/. */
  sim: string | null;
  threads: { min: number; max: number; default: number };
  params: ParamSpec[];
  /** Int32 cells in `t.shared`. */
  sharedCells: number;
  hints: string[];
  /** Which panes the code lesson offers beyond Run and Check. */
  tools: Array<'step' | 'explore'>;
  /**
   * Small settings for Step and Explore (a million increments make sense on real threads, not when
   * you schedule every step by hand). Absent: they use the lesson's own threads and params.
   */
  explore: { threads: { min: number; max: number; default: number }; params: ParamSpec[] } | null;
  /** Offer "Run 20×": only where repetition teaches something (races, timings), not for deterministic code. */
  repeatRuns: boolean;
  /** `lost-update`: shared[0] counts threads × increments; Step congratulates a learner who loses one. */
  stepGoal: 'lost-update' | null;
}

export interface LessonContent extends LessonMeta {
  /** Prose rendered to HTML at build time (trusted: it is ours). */
  html: string;
  /** `goal` and `hints` as inline HTML (Markdown `code` and emphasis), rendered at build time. */
  goalHtml: string;
  hintsHtml: string[];
  starter: string;
  solution: string;
}

export class LessonError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
    this.name = 'LessonError';
  }
}

const FOLDER = /^(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)$/;

export function slugOf(folder: string): { order: number; slug: string } | null {
  const m = FOLDER.exec(folder);
  return m ? { order: Number(m[1]), slug: m[2] } : null;
}

type Raw = Record<string, unknown>;

/** Validates parsed front-matter; throws LessonError naming the file and the field. */
export function validateMeta(folder: string, data: unknown, path: string): LessonMeta {
  const at = slugOf(folder);
  if (!at)
    throw new LessonError(path, `folder name must look like "01-race-conditions", got "${folder}"`);
  if (!data || typeof data !== 'object')
    throw new LessonError(path, 'front-matter is missing (start the file with ---)');
  const d = data as Raw;
  const str = (k: string, optional = false): string => {
    const v = d[k];
    if (v === undefined && optional) return '';
    if (typeof v !== 'string' || !v.trim())
      throw new LessonError(path, `"${k}" must be a non-empty string`);
    return v.trim();
  };
  const num = (o: Raw, k: string, where: string, fallback?: number): number => {
    const v = o[k] ?? fallback;
    if (typeof v !== 'number' || !Number.isFinite(v))
      throw new LessonError(path, `${where}"${k}" must be a number`);
    return v;
  };
  const list = (k: string): string[] => {
    const v = d[k] ?? [];
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string'))
      throw new LessonError(path, `"${k}" must be a list of strings`);
    return v as string[];
  };
  const needs = d.needs ?? 'any';
  if (needs !== 'shared' && needs !== 'any')
    throw new LessonError(path, `"needs" must be "shared" or "any"`);

  const threadsOf = (raw: unknown, where: string) => {
    const t = (raw ?? {}) as Raw;
    const threads = {
      min: num(t, 'min', `${where}.`, 1),
      max: num(t, 'max', `${where}.`, 16),
      default: num(t, 'default', `${where}.`, 2),
    };
    const ok =
      threads.min >= 1 &&
      threads.max <= 16 &&
      threads.min <= threads.default &&
      threads.default <= threads.max;
    if (!ok) throw new LessonError(path, `${where} must satisfy 1 <= min <= default <= max <= 16`);
    return threads;
  };
  const paramOf = (p: Raw, where: string): ParamSpec => {
    if (typeof p?.name !== 'string' || !/^[a-zA-Z_]\w*$/.test(p.name))
      throw new LessonError(path, `${where}name must be an identifier`);
    const spec: ParamSpec = {
      name: p.name,
      label: typeof p.label === 'string' ? p.label : p.name,
      min: num(p, 'min', where),
      max: num(p, 'max', where),
      default: num(p, 'default', where),
      step: p.step === undefined ? undefined : num(p, 'step', where),
      log: p.log === true,
    };
    if (!(spec.min <= spec.default && spec.default <= spec.max))
      throw new LessonError(path, `${where}default must lie in [min, max]`);
    return spec;
  };
  const paramsOf = (raw: unknown, prefix: string): ParamSpec[] => {
    const items = raw ?? [];
    if (!Array.isArray(items)) throw new LessonError(path, `"${prefix}" must be a list`);
    return items.map((p: Raw, i) => paramOf(p, `${prefix}[${i}].`));
  };

  const threads = threadsOf(d.threads, 'threads');
  const params = paramsOf(d.params, 'params');
  const exploreRaw = d.explore as Raw | undefined;
  const explore = exploreRaw
    ? {
        threads: threadsOf(exploreRaw.threads, 'explore.threads'),
        params: paramsOf(exploreRaw.params, 'explore.params'),
      }
    : null;
  const stepGoal = d.stepGoal ?? null;
  if (stepGoal !== null && stepGoal !== 'lost-update')
    throw new LessonError(path, '"stepGoal" must be "lost-update" or absent');

  const repeatRuns = d.repeatRuns ?? true;
  if (typeof repeatRuns !== 'boolean')
    throw new LessonError(path, '"repeatRuns" must be true or false');
  const tools = list('tools');
  for (const t of tools)
    if (t !== 'step' && t !== 'explore')
      throw new LessonError(path, `unknown tool "${t}" (step, explore)`);
  const sharedCells = num(d, 'sharedCells', '', 16);
  if (!Number.isInteger(sharedCells) || sharedCells < 1 || sharedCells > 1 << 20)
    throw new LessonError(path, '"sharedCells" must be 1 … 1048576');

  return {
    slug: at.slug,
    folder,
    order: at.order,
    title: str('title'),
    summary: str('summary'),
    goal: str('goal'),
    minutes: num(d, 'minutes', ''),
    concepts: list('concepts'),
    prerequisites: list('prerequisites'),
    needs,
    sim: str('sim', true) || null,
    threads,
    params,
    sharedCells,
    hints: list('hints'),
    tools: tools as LessonMeta['tools'],
    explore,
    stepGoal,
    repeatRuns,
  };
}

/** Splits `---\nyaml\n---\nbody`; returns null front-matter when there is none. */
export function splitFrontMatter(text: string): { frontMatter: string | null; body: string } {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text);
  return m ? { frontMatter: m[1], body: m[2] } : { frontMatter: null, body: text };
}

/** Every slug once; orders distinct. */
export function validateSet(lessons: LessonMeta[]): void {
  const seen = new Map<string, string>();
  for (const l of lessons) {
    const other = seen.get(l.slug);
    if (other)
      throw new LessonError(
        `lessons/${l.folder}`,
        `slug "${l.slug}" is also used by lessons/${other}`,
      );
    seen.set(l.slug, l.folder);
  }
  for (const l of lessons)
    for (const p of l.prerequisites ?? [])
      if (!seen.has(p) || p === l.slug)
        throw new LessonError(
          `lessons/${l.folder}/index.md`,
          `prerequisite "${p}" is not ${p === l.slug ? 'another' : 'a'} lesson's slug`,
        );
}
