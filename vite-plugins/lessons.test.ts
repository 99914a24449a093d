import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLessons } from './lessons.ts';

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'lessons-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const good = {
  'lessons/01-a/index.md': '---\ntitle: A\nsummary: s\ngoal: g\nminutes: 5\n---\nProse.',
  'lessons/01-a/starter.ts': 'x',
  'lessons/01-a/solution.ts': 'y',
  'lessons/01-a/checks.ts': 'z',
};

describe('lesson loader', () => {
  it('loads the real lessons folder', () => {
    const lessons = loadLessons(process.cwd());
    expect(lessons.length).toBeGreaterThan(0);
    expect(lessons.map((l) => l.slug)).toContain('race-conditions');
  });

  it('turns folder names into slugs without numbers', () => {
    expect(loadLessons(tree(good))[0]).toMatchObject({ slug: 'a', order: 1, title: 'A' });
  });

  it.each([
    [
      'a missing file',
      { ...good, 'lessons/01-a/checks.ts': undefined },
      /lessons\/01-a\/checks\.ts: file is missing/,
    ],
    [
      'bad YAML',
      { ...good, 'lessons/01-a/index.md': '---\ntitle: [\n---\nx' },
      /lessons\/01-a\/index\.md: front-matter is not valid YAML/,
    ],
    [
      'a missing title',
      { ...good, 'lessons/01-a/index.md': '---\nsummary: s\ngoal: g\nminutes: 1\n---\nx' },
      /index\.md: "title"/,
    ],
    [
      'a missing goal (what Check verifies)',
      { ...good, 'lessons/01-a/index.md': '---\ntitle: A\nsummary: s\nminutes: 1\n---\nx' },
      /index\.md: "goal"/,
    ],
    [
      'a bad folder name',
      Object.fromEntries(Object.entries(good).map(([k, v]) => [k.replace('01-a', 'Intro'), v])),
      /lessons\/Intro\/index\.md: folder name must look like/,
    ],
    [
      'an unknown sim',
      {
        ...good,
        'lessons/01-a/index.md':
          '---\ntitle: A\nsummary: s\ngoal: g\nminutes: 5\nsim: nope\n---\nx',
      },
      /app\/sims\/nope\/index\.tsx is missing/,
    ],
    [
      'a param default out of range',
      {
        ...good,
        'lessons/01-a/index.md':
          '---\ntitle: A\nsummary: s\ngoal: g\nminutes: 5\nparams:\n  - { name: n, min: 1, max: 2, default: 5 }\n---\nx',
      },
      /params\[0\]\.default must lie in/,
    ],
  ])('fails on %s, naming the file', (_name, files, message) => {
    const clean = Object.fromEntries(
      Object.entries(files).filter(([, v]) => v !== undefined),
    ) as Record<string, string>;
    expect(() => loadLessons(tree(clean))).toThrow(message);
  });
});

describe('prerequisites', () => {
  const second = (prereq: string) => ({
    ...good,
    'lessons/02-b/index.md': `---\ntitle: B\nsummary: s\ngoal: g\nminutes: 5\nprerequisites: [${prereq}]\n---\nProse.`,
    'lessons/02-b/starter.ts': 'x',
    'lessons/02-b/solution.ts': 'y',
    'lessons/02-b/checks.ts': 'z',
  });
  it('are slugs of other lessons, and default to none', () => {
    const [a, b] = loadLessons(tree(second('a')));
    expect(a.prerequisites).toEqual([]);
    expect(b.prerequisites).toEqual(['a']);
  });
  it.each([
    ['an unknown slug', 'zzz', /02-b\/index\.md: prerequisite "zzz" is not a lesson's slug/],
    ['the lesson itself', 'b', /prerequisite "b" is not another lesson's slug/],
  ])('refuse %s, naming the file', (_, prereq, error) => {
    expect(() => loadLessons(tree(second(prereq)))).toThrow(error);
  });
});
