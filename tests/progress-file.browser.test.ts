import { afterAll, beforeAll, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { openLesson, openSite, runChecks, type Site } from './site.ts';

let site: Site;
beforeAll(async () => {
  site = await openSite();
});
afterAll(() => site.close());

/** Everything the app keeps in this browser. */
const saved = (page: Page) =>
  page.evaluate(() =>
    Object.fromEntries(
      Object.entries(localStorage)
        .filter(([k]) => k.startsWith('interleave:'))
        .sort(),
    ),
  );

const panel = (page: Page) => page.getByRole('region', { name: 'Your progress' });

async function chooseFile(page: Page, name: string, text: string) {
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    panel(page).getByRole('button', { name: 'Import from a file…' }).click(),
  ]);
  await chooser.setFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

it('export, clear all, import: completion marks and code come back exactly; damaged, old and newer files are refused and change nothing', async () => {
  const page = await site.page();
  // Complete one lesson …
  await openLesson(page, site.url, 'race-conditions');
  await page.getByRole('button', { name: 'Solution' }).click();
  expect((await runChecks(page)).every((r) => r.state === 'pass')).toBe(true);
  // … and edit the code of another.
  await page.goto(`${site.url}#/interleavings`);
  await page.getByRole('heading', { name: 'Interleavings', level: 1 }).waitFor();
  await page.locator('.monaco-editor').waitFor({ timeout: 60_000 });
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('// my own note');
  await page.waitForFunction(() =>
    localStorage.getItem('interleave:v1:lesson:interleavings')?.includes('// my own note'),
  );

  await page.getByRole('link', { name: 'Interleave home' }).click();
  const race = panel(page).getByTestId('progress-race-conditions');
  const inter = panel(page).getByTestId('progress-interleavings');
  expect(await race.innerText()).toContain('✓ Completed');
  expect(await inter.innerText()).toContain('your code is saved');
  const before = await saved(page);
  expect(Object.keys(before)).toEqual(
    expect.arrayContaining([
      'interleave:v1:progress',
      'interleave:v1:lesson:interleavings',
      'interleave:v1:lesson:race-conditions',
    ]),
  );

  // Export.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    panel(page).getByRole('button', { name: 'Export to a file' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^interleave-progress-\d{4}-\d\d-\d\d\.json$/);
  const exported = readFileSync(await download.path(), 'utf8');
  expect(JSON.parse(exported)).toMatchObject({ format: 'interleave-progress', version: 1 });

  // Clear everything, with the question answered.
  await panel(page).getByRole('button', { name: 'Clear all progress…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Clear all progress?' });
  await dialog.getByRole('button', { name: 'Clear everything' }).click();
  await dialog.waitFor({ state: 'detached' });
  expect(await saved(page)).toEqual({});
  expect(await race.innerText()).toContain('Not started');
  const navRace = page
    .getByRole('navigation', { name: 'Lessons' })
    .getByRole('link', { name: /Race conditions/ });
  expect(await navRace.innerText()).not.toContain('✓');

  // Import: everything is back, byte for byte.
  await chooseFile(page, download.suggestedFilename(), exported);
  await panel(page)
    .getByTestId('progress-message')
    .getByText(/Imported .*1 lesson completed and your code in 2 lessons/)
    .waitFor();
  expect(await saved(page)).toEqual(before);
  expect(await race.innerText()).toContain('✓ Completed');
  expect(await navRace.innerText()).toContain('✓');

  // Refused files change nothing, and say why.
  const refusals: Array<[string, string, RegExp]> = [
    ['damaged.json', exported.slice(0, exported.length / 2), /damaged/],
    ['old.json', exported.replace('"version": 1', '"version": 0'), /old format/],
    ['newer.json', exported.replace('"version": 1', '"version": 7'), /newer version/],
    ['notes.json', '{"shopping": ["milk"]}', /not an Interleave progress file/],
  ];
  for (const [name, text, why] of refusals) {
    await chooseFile(page, name, text);
    const alert = panel(page).getByRole('alert');
    await alert.getByText(name).waitFor();
    expect(await alert.innerText()).toMatch(why);
    expect(await alert.innerText()).toContain('Nothing was changed.');
    expect(await saved(page)).toEqual(before);
  }

  // The code is back in the editor.
  await page.goto(`${site.url}#/interleavings`);
  await page.locator('.monaco-editor').waitFor({ timeout: 60_000 });
  await page.locator('.monaco-editor .view-lines').getByText('// my own note').waitFor();
});

it('damaged saved work is named; a lesson is reset from the keyboard, after a question that Escape cancels', async () => {
  const page = await site.page();
  await page.goto(site.url);
  await page.evaluate(() => {
    localStorage.clear();
    localStorage.setItem(
      'interleave:v1:progress',
      JSON.stringify({ completed: { 'hash-rings': '2026-11-29T10:00:00.000Z' } }),
    );
    localStorage.setItem('interleave:v1:lesson:interleavings', '{"code": "half a rec');
  });
  await page.reload();
  // Damaged saved work is named, not a crash; the rest is shown as it is.
  expect(await panel(page).getByTestId('progress-damaged').innerText()).toContain(
    'the saved work of interleavings: it could not be read',
  );
  const row = panel(page).getByTestId('progress-hash-rings');
  expect(await row.innerText()).toContain('✓ Completed');
  const reset = row.getByRole('button', { name: 'Reset Hash rings…' });
  await reset.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Reset Hash rings?' });
  await dialog.waitFor();
  // The safe answer has the focus; Escape cancels and gives the focus back.
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Cancel');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  expect(await row.innerText()).toContain('✓ Completed');
  expect(await reset.evaluate((b) => b === document.activeElement)).toBe(true);
  await page.keyboard.press('Enter');
  await dialog.waitFor();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await dialog.waitFor({ state: 'detached' });
  expect(await row.innerText()).toContain('Not started');
  expect(await page.evaluate(() => localStorage.getItem('interleave:v1:progress'))).toBe(
    JSON.stringify({ completed: {} }),
  );
});
