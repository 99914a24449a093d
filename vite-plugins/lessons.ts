import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Plugin } from 'vite';
import { parse as parseYaml } from 'yaml';
import { marked } from 'marked';
import {
  LessonError,
  splitFrontMatter,
  validateMeta,
  validateSet,
  type LessonContent,
} from '../lessons/format.ts';

const VIRTUAL = 'virtual:lessons';
const RESOLVED = '\0' + VIRTUAL;
const REQUIRED = ['index.md', 'starter.ts', 'solution.ts', 'checks.ts'];

/** Reads and validates every lesson folder; throws LessonError with the file path on bad content. */
export function loadLessons(root: string): LessonContent[] {
  const dir = resolve(root, 'lessons');
  const folders = readdirSync(dir)
    .filter((f) => statSync(join(dir, f)).isDirectory() && !f.startsWith('_') && !f.startsWith('.'))
    .sort();
  const lessons = folders.map((folder): LessonContent => {
    for (const file of REQUIRED) {
      if (!existsSync(join(dir, folder, file)))
        throw new LessonError(`lessons/${folder}/${file}`, 'file is missing');
    }
    const path = `lessons/${folder}/index.md`;
    const { frontMatter, body } = splitFrontMatter(
      readFileSync(join(dir, folder, 'index.md'), 'utf8'),
    );
    let data: unknown;
    try {
      data = frontMatter === null ? null : parseYaml(frontMatter);
    } catch (e) {
      throw new LessonError(path, `front-matter is not valid YAML: ${(e as Error).message}`);
    }
    const meta = validateMeta(folder, data, path);
    if (meta.sim && !existsSync(resolve(root, 'app', 'sims', meta.sim, 'index.tsx'))) {
      throw new LessonError(
        path,
        `"sim: ${meta.sim}" has no panel: app/sims/${meta.sim}/index.tsx is missing`,
      );
    }
    if (!body.trim()) throw new LessonError(path, 'the lesson has no prose');
    return {
      ...meta,
      html: marked.parse(body, { async: false }),
      starter: readFileSync(join(dir, folder, 'starter.ts'), 'utf8'),
      solution: readFileSync(join(dir, folder, 'solution.ts'), 'utf8'),
    };
  });
  validateSet(lessons);
  return lessons;
}

/** `import { lessons } from 'virtual:lessons'`: validated lesson content, rebuilt when a lesson changes. */
export function lessonsPlugin(): Plugin {
  let root = process.cwd();
  return {
    name: 'interleave-lessons',
    configResolved(config) {
      root = config.root;
    },
    buildStart() {
      // Fail the build early, naming the file, rather than shipping a broken lesson.
      loadLessons(root);
    },
    resolveId(id) {
      return id === VIRTUAL ? RESOLVED : undefined;
    },
    load(id) {
      if (id !== RESOLVED) return undefined;
      for (const f of readdirSync(resolve(root, 'lessons')))
        this.addWatchFile(resolve(root, 'lessons', f));
      return `export const lessons = ${JSON.stringify(loadLessons(root))};`;
    },
    handleHotUpdate(ctx) {
      if (ctx.file.includes('/lessons/') && !ctx.file.endsWith('checks.ts')) {
        const mod = ctx.server.moduleGraph.getModuleById(RESOLVED);
        if (mod) ctx.server.moduleGraph.invalidateModule(mod);
      }
    },
  };
}
