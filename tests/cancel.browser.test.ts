import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openLesson, openSite, run, type Site } from './site.ts';

// Long work can always be stopped: Cancel ends Run 20× and Check within half a second, leaving the
// page ready for the next action.
let site: Site;
beforeAll(async () => {
  site = await openSite();
});
afterAll(() => site.close());

/**
 * Presses Cancel and returns how long, measured in the page, until the toolbar is ready again (every
 * button enabled, Cancel gone): what the learner waits for, without the test driver's own latency.
 */
async function cancelMs(page: Page): Promise<number> {
  await page.getByRole('button', { name: '■ Cancel' }).waitFor();
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const ready = () =>
          !document.querySelector('.toolbar .cancel') &&
          [...document.querySelectorAll('.toolbar button')].every(
            (b) => !(b as HTMLButtonElement).disabled,
          );
        const t0 = performance.now();
        (document.querySelector('.toolbar .cancel') as HTMLButtonElement).click();
        const poll = () => (ready() ? resolve(performance.now() - t0) : setTimeout(poll, 5));
        poll();
      }),
  );
}

it('cancels Run 20× of 16 threads × 5,000,000, and the next run works', async () => {
  const page = await site.page();
  await openLesson(page, site.url, 'race-conditions', {
    code: 'export default function (t: Thread) {\n  for (let i = 0; i < t.params.increments; i++) Atomics.add(t.shared, 0, 1);\n}\n',
    threads: 16,
    params: { increments: 5_000_000 },
  });
  await page.getByRole('button', { name: 'Run 20×' }).click();
  await page.getByText(/^Run 1 of 20$/).waitFor();
  expect(await cancelMs(page)).toBeLessThan(500);
  await page.getByText(/Cancelled after \d+ of 20 runs/).waitFor();
  await page.getByLabel('Threads', { exact: true }).fill('2');
  await run(page);
  expect(await page.getByTestId('actual').innerText()).toContain('10,000,000');
});

it('cancels Check, without a verdict for the check that was running', async () => {
  const page = await site.page();
  await openLesson(page, site.url, 'amdahls-law');
  await page.getByRole('button', { name: '✓ Check' }).click();
  await page.locator('[data-testid=checks] [data-state=running]').waitFor();
  expect(await cancelMs(page)).toBeLessThan(500);
  const states = await page.$$eval('[data-testid=checks] [data-state]', (rows) =>
    rows.map((r) => r.getAttribute('data-state')),
  );
  expect(states).toContain('pending');
  expect(states).not.toContain('running');
  await page.getByText('Check cancelled').waitFor();
});

it('cancels Explore of 4 threads × 3 increments, and the next Explore works', async () => {
  const page = await site.page();
  await openLesson(page, site.url, 'race-conditions');
  await page.getByRole('tab', { name: /Explore/ }).click();
  await page.getByRole('group', { name: 'Threads' }).getByLabel('4').check();
  await page.getByRole('group', { name: 'Increments per thread' }).getByLabel('3').check();
  await page.getByRole('button', { name: 'Explore all interleavings' }).click();
  await page.getByRole('button', { name: '■ Cancel' }).waitFor();
  const ms = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const t0 = performance.now();
        (document.querySelector('.explorer .cancel') as HTMLButtonElement).click();
        const poll = () =>
          document.querySelector('.explorer .cancel')
            ? setTimeout(poll, 5)
            : resolve(performance.now() - t0);
        poll();
      }),
  );
  expect(ms).toBeLessThan(500);
  await page.getByText('Cancelled: the explorer was stopped.').waitFor();
  await page.getByRole('group', { name: 'Threads' }).getByLabel('2').check();
  await page.getByRole('group', { name: 'Increments per thread' }).getByLabel('1').check();
  await page.getByRole('button', { name: 'Explore all interleavings' }).click();
  await page.getByTestId('outcomes').waitFor({ timeout: 30_000 });
});
