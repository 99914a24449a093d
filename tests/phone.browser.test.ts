import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { openLesson, openSite, type Site, lessonSlugs } from './site.ts';

// On a phone (390 × 844) the page never scrolls sideways: wide tables scroll inside their own box,
// controls wrap. Every lesson, every tab, every experiment's result and every disclosure is opened.
const WIDTH = 390;
const lessons = lessonSlugs();

let site: Site;
beforeAll(async () => {
  site = await openSite();
});
afterAll(() => site.close());

async function pageWidth(page: Page, where: string, seen: string[]) {
  const w = await page.evaluate(() => document.documentElement.scrollWidth);
  if (w > WIDTH) {
    const culprits = await page.evaluate((max) => {
      return [...document.querySelectorAll('body *')]
        .filter((e) => e.getBoundingClientRect().right > max + 1 && e.checkVisibility())
        .filter((e) => !e.closest('.table-scroll, .monaco-editor'))
        .slice(0, 3)
        .map((e) => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')}`);
    }, WIDTH);
    seen.push(`${where}: ${w} px wide (${culprits.join(', ')})`);
  }
}

/** Presses every enabled action button in `scope` that starts a measurement, and waits for it. */
async function pressActions(page: Page, scope: Locator, where: string, seen: string[]) {
  const buttons = scope.locator('button.primary:visible');
  for (let i = 0; i < (await buttons.count()); i++) {
    const b = buttons.nth(i);
    if (await b.isDisabled()) continue;
    const label = (await b.innerText()).trim();
    await b.click();
    await page.waitForFunction(
      (el) => !(el as HTMLButtonElement).disabled,
      await b.elementHandle(),
      { timeout: 90_000 },
    );
    await pageWidth(page, `${where} → ${label}`, seen);
  }
}

describe.each(lessons)('lesson %s at 390 px', (slug) => {
  it('never scrolls sideways, whatever is opened', async () => {
    const page = await site.page({ width: WIDTH, height: 844 });
    await openLesson(page, site.url, slug);
    const seen: string[] = [];
    await pageWidth(page, 'opened', seen);
    await page.getByRole('button', { name: /^Hint/ }).click();
    await pageWidth(page, 'a hint', seen);
    // Lessons with one view have no tab list: the simulation panel is the only view.
    const tabs = page.getByRole('tablist', { name: 'Views' }).getByRole('tab');
    const sim = page.locator('section.panel.sim');
    for (let t = 0; t < Math.max(1, await tabs.count()); t++) {
      let name = 'simulation';
      if (await tabs.count()) {
        name = (await tabs.nth(t).innerText()).trim();
        await tabs.nth(t).click();
        await pageWidth(page, `tab ${name}`, seen);
      }
      // Sub-sections (the ring's experiments) each get opened and measured.
      const sections = sim.locator('nav.subnav button');
      for (let s = 0; s < Math.max(1, await sections.count()); s++) {
        let where = name;
        if (await sections.count()) {
          await sections.nth(s).click();
          where += ` → ${(await sections.nth(s).innerText()).trim()}`;
          await pageWidth(page, where, seen);
        }
        await pressActions(page, sim, where, seen);
        // Disclosures (e.g. "Measurements as a table").
        const details = sim.locator('details:visible summary');
        for (let d = 0; d < (await details.count()); d++) {
          await details.nth(d).click();
          await pageWidth(page, `${where} → ${(await details.nth(d).innerText()).trim()}`, seen);
        }
      }
    }
    expect(seen).toEqual([]);
  }, 300_000);
});

describe('pages for teachers at 390 px', () => {
  it('the teachers page, the Embed dialog and each embed view never scroll sideways', async () => {
    const page = await site.page({ width: WIDTH, height: 844 });
    const seen: string[] = [];
    await page.goto(`${site.url}#/teachers`);
    await page.getByRole('heading', { name: 'For teachers' }).waitFor();
    await pageWidth(page, 'teachers page', seen);
    await page.goto(`${site.url}#/race-conditions`);
    await page.getByRole('button', { name: 'Embed', exact: true }).click();
    const dialog = page.getByRole('dialog');
    for (const name of ['Simulation and code', 'Code only', 'Simulation only']) {
      await dialog.getByRole('radio', { name }).check();
      await page.frameLocator('dialog iframe').getByTestId('embed').waitFor({ timeout: 60_000 });
      await pageWidth(page, `Embed dialog, ${name}`, seen);
    }
    for (const panes of ['both', 'code', 'sim']) {
      await page.goto(`${site.url}#/race-conditions?embed=${panes}`);
      await page.getByTestId('embed').waitFor();
      await pageWidth(page, `embed=${panes}`, seen);
    }
    expect(seen).toEqual([]);
  }, 300_000);
});
