import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { openLesson, openSite, runChecks, type Site } from './site.ts';
import { slugOf } from '../lessons/format.ts';

// Every lesson proves itself in real Chromium workers: its solution passes every check and its
// starter fails at least one. New lesson folders are picked up automatically.
const lessons = readdirSync('lessons', { withFileTypes: true })
  .filter((d) => d.isDirectory() && slugOf(d.name))
  .map((d) => slugOf(d.name)!.slug);

let site: Site;
beforeAll(async () => {
  site = await openSite();
});
afterAll(() => site.close());

describe.each(lessons)('lesson %s', (slug) => {
  it('the solution passes every check', async () => {
    const page = await site.page();
    await openLesson(page, site.url, slug);
    await page.getByRole('button', { name: 'Solution' }).click();
    const rows = await runChecks(page);
    // The messages carry the measured margins (speedups, lost updates): keep them in the CI log.
    console.log(
      `${slug} solution:\n${rows.map((r) => `  ${r.text.replace(/\n/g, ' ')}`).join('\n')}`,
    );
    expect(rows.filter((r) => r.state !== 'pass')).toEqual([]);
    expect(page.errors).toEqual([]);
  });

  it('the starter fails at least one check, with a message', async () => {
    const page = await site.page();
    await openLesson(page, site.url, slug);
    const rows = await runChecks(page);
    console.log(
      `${slug} starter:\n${rows.map((r) => `  ${r.text.replace(/\n/g, ' ')}`).join('\n')}`,
    );
    const failed = rows.filter((r) => r.state === 'fail');
    expect(failed.length).toBeGreaterThan(0);
    for (const f of failed) expect(f.text.split('\n').length).toBeGreaterThan(1);
  });
});
