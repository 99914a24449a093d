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
      goalHtml: marked.parseInline(meta.goal, { async: false }),
      hintsHtml: meta.hints.map((h) => marked.parseInline(h, { async: false })),
      starter: readFileSync(join(dir, folder, 'starter.ts'), 'utf8'),
      solution: readFileSync(join(dir, folder, 'solution.ts'), 'utf8'),
    };
  });
  validateSet(lessons);
  return lessons;
}

/** The content files the lesson list is made from (not checks.ts: it is imported on its own). */
function lessonContentFiles(root: string): string[] {
  const dir = resolve(root, 'lessons');
  return readdirSync(dir)
    .filter((f) => statSync(join(dir, f)).isDirectory())
    .flatMap((f) =>
      ['index.md', 'starter.ts', 'solution.ts']
        .map((file) => join(dir, f, file))
        .filter((path) => existsSync(path)),
    );
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
      // Files only: the dev server turns every watched path into an import of this module, and a
      // folder cannot be imported (that once made `npm start` serve a blank app). New or removed
      // lesson folders are picked up by the watcher in configureServer.
      for (const file of lessonContentFiles(root)) this.addWatchFile(file);
      return `export const lessons = ${JSON.stringify(loadLessons(root))};`;
    },
    configureServer(server) {
      const lessonsDir = resolve(root, 'lessons');
      const reload = (file: string) => {
        if (!file.startsWith(lessonsDir) || file.endsWith('checks.ts')) return;
        const mod = server.moduleGraph.getModuleById(RESOLVED);
        if (!mod) return;
        server.moduleGraph.invalidateModule(mod);
        server.ws.send({ type: 'full-reload' });
      };
      server.watcher.on('add', reload);
      server.watcher.on('unlink', reload);
    },
    handleHotUpdate(ctx) {
      if (ctx.file.includes('/lessons/') && !ctx.file.endsWith('checks.ts')) {
        const mod = ctx.server.moduleGraph.getModuleById(RESOLVED);
        if (mod) ctx.server.moduleGraph.invalidateModule(mod);
      }
    },
  };
}
