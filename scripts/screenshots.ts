// Screenshots of every lesson for the README, taken from the built site in Debian's Chromium:
// `npm run build && node --import ./tests/node/register.mjs scripts/screenshots.ts`.
// Each lesson is shown after the action a learner takes first (a run, a measurement), at desktop
// width; docs/screenshots/<slug>.png. Slugs given as arguments narrow it to those lessons.
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { openLesson, openSite } from '../tests/site.ts';

const ACTIONS: Record<string, (page: Page) => Promise<void>> = {
  'race-conditions': async (page) => {
    await page.getByRole('button', { name: 'Run 20×' }).click();
    await page
      .locator('#hist-caption')
      .getByText(/20 runs/)
      .waitFor({ timeout: 120_000 });
  },
  interleavings: async (page) => {
    await page.getByRole('tab', { name: /Explore/ }).click();
    await page.getByRole('button', { name: /Explore all/ }).click();
    await page.getByTestId('outcomes').waitFor({ timeout: 60_000 });
  },
  'amdahls-law': async (page) => {
    await page
      .getByRole('button', { name: /^Measure/ })
      .first()
      .click();
    await page
      .getByRole('button', { name: /^Measure/ })
      .first()
      .waitFor({ timeout: 120_000 });
    await page.waitForFunction(() => !document.querySelector('.job-progress'), null, {
      timeout: 120_000,
    });
  },
  'build-a-lock': async (page) => {
    // The fixed lock, as a learner sees it after Check: spins and waiting against holding per thread.
    await page.getByRole('button', { name: 'Solution' }).click();
    await page.getByRole('button', { name: '▶ Run' }).click();
    await page.getByTestId('lock-stats').waitFor({ timeout: 60_000 });
  },
  deadlock: async (page) => {
    await page.getByRole('button', { name: '▶ Run' }).click();
    await page.getByTestId('live-waitfor').waitFor({ timeout: 60_000 });
  },
  'sleep-dont-spin': async (page) => {
    // The starter can lose a wake-up and hang: measure the solution, as a learner would after fixing.
    await page.getByRole('button', { name: 'Solution' }).click();
    await page.getByRole('button', { name: 'Measure spin vs sleep' }).click();
    await page.getByTestId('sleep-findings').waitFor({ timeout: 120_000 });
  },
  'pessimistic-vs-optimistic': async (page) => {
    await page.getByRole('button', { name: 'Measure' }).click();
    await page.getByTestId('contention-facts').waitFor({ timeout: 150_000 });
  },
  'memory-order': async (page) => {
    // The litmus lab after a run of store buffering with plain accesses.
    await page.getByRole('button', { name: '▶ Start litmus test' }).click();
    await page.getByTestId('own-findings').waitFor({ timeout: 120_000 });
    await page.getByTestId('own-result').scrollIntoViewIfNeeded();
  },
  'hash-rings': async (page) => {
    await page.getByRole('button', { name: '+ Add server' }).click();
    await page.locator('.ring-key').nth(5).hover();
  },
};

const site = await openSite();
mkdirSync('docs/screenshots', { recursive: true });
try {
  const only = process.argv.slice(2);
  for (const [slug, act] of Object.entries(ACTIONS)) {
    if (only.length && !only.includes(slug)) continue;
    const page = await site.page({ width: 1280, height: 860, reducedMotion: true });
    await openLesson(page, site.url, slug);
    await act(page);
    await page.screenshot({ path: `docs/screenshots/${slug}.png` });
    console.log(`docs/screenshots/${slug}.png`);
  }
} finally {
  await site.close();
}
