import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openLesson, openSite, type Site } from './site.ts';

/** The race lesson from start to finish without the mouse: edit, run, step, explore, check. */

let site: Site;
beforeAll(async () => {
  site = await openSite();
});
afterAll(() => site.close());

const focusedLabel = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return el ? (el.getAttribute('aria-label') ?? el.innerText ?? '').trim() : '';
  });

/** Presses Tab (or Shift+Tab) until the focused element's name matches; fails if it never does. */
async function tabTo(page: Page, name: RegExp, back = false) {
  for (let i = 0; i < 120; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    if (name.test(await focusedLabel(page))) return;
  }
  throw new Error(`could not reach ${name} with the keyboard`);
}

const focusRing = (page: Page) =>
  page.evaluate(() => getComputedStyle(document.activeElement!).boxShadow);

describe('keyboard only', () => {
  it('completes the race lesson: edit, run, step, explore, check', async () => {
    const page = await site.page();
    await openLesson(page, site.url, 'race-conditions', {
      code: await import('node:fs').then((fs) =>
        fs.readFileSync('lessons/01-race-conditions/solution.ts', 'utf8'),
      ),
      threads: 2,
      params: { increments: 1000 },
    });
    await page.locator('.monaco-editor').waitFor({ timeout: 60_000 });

    // Edit: into the editor, type, and out again with Ctrl+M, Tab (as the page says).
    await expect(page.getByText(/To leave it with the keyboard, press/).isVisible()).resolves.toBe(
      true,
    );
    await tabTo(page, /^Code for the lesson/);
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\n// typed from the keyboard');
    await page.keyboard.press('Control+m');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => !!document.activeElement?.closest('.monaco-editor'))).toBe(
      false,
    );
    // The edit reached the code (the saved copy is what Run and Check use).
    await expect
      .poll(() =>
        page.evaluate(() => localStorage.getItem('interleave:v1:lesson:race-conditions') ?? ''),
      )
      .toMatch(/typed from the keyboard/);
    await page.keyboard.press('Control+m');

    // Run: the result is announced to screen readers.
    await tabTo(page, /^▶ Run$/, true);
    expect(await focusRing(page)).not.toBe('none');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByTestId('announce').innerText(), { timeout: 60_000 })
      .toMatch(/Finished in \d+ ms on 2 threads/);

    // Step: the tabs are reached with Tab and switched with the arrow keys; threads step with 1–9.
    await tabTo(page, /^Real threads$/, true);
    await page.keyboard.press('ArrowRight');
    expect(await focusedLabel(page)).toBe('Step: you are the scheduler');
    await page.getByText('Nothing has run yet.', { exact: false }).waitFor();
    for (const k of ['1', '2']) {
      const before = await page.locator('.timeline li').count();
      await page.keyboard.press(k);
      await page.waitForFunction(
        (n) => document.querySelectorAll('.timeline li').length > n,
        before,
      );
    }
    await expect(page.getByTestId('step-result').innerText()).resolves.toMatch(/shared\[0\] = 2/);

    // Explore: the next tab, then its button.
    await page.keyboard.press('ArrowRight');
    expect(await focusedLabel(page)).toBe('Explore every interleaving');
    await tabTo(page, /^Explore all interleavings$/);
    expect(await focusRing(page)).not.toBe('none');
    await page.keyboard.press('Enter');
    await page.getByTestId('explore-stats').waitFor({ timeout: 60_000 });
    await expect(page.getByTestId('explore-stats').innerText()).resolves.toMatch(/Complete/);

    // Check: every verdict comes back, and the summary is announced.
    await tabTo(page, /Check$/, true);
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByTestId('announce').innerText(), { timeout: 110_000 })
      .toMatch(/checks (pass|fail)|could not decide/);
    const states = await page.$$eval('[data-testid=checks] [data-state]', (rows) =>
      rows.map((r) => r.getAttribute('data-state')),
    );
    expect(states.length).toBeGreaterThan(0);
    expect(states.every((s) => s === 'pass' || s === 'inconclusive')).toBe(true);
    expect(page.errors).toEqual([]);
  });

  it('the ring lesson fails a server only on an explicit choice, not while browsing the list', async () => {
    const page = await site.page();
    await openLesson(page, site.url, 'hash-rings');
    const select = page.getByRole('combobox', { name: 'Server', exact: true });
    await select.waitFor();
    await select.focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    // Browsing the list changed nothing on the ring.
    await expect(page.locator('.ring-legend li.failed').count()).resolves.toBe(0);
    await tabTo(page, /^Fail node-\d+$/);
    const name = await focusedLabel(page);
    await page.keyboard.press('Enter');
    await expect(page.locator('.ring-legend li.failed').count()).resolves.toBe(1);
    expect(await focusedLabel(page)).toBe(name.replace('Fail', 'Restore'));
  });
});
