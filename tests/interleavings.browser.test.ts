import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { clickLatency, openLesson, openSite, type Site } from './site.ts';

let site: Site;
beforeAll(async () => {
  site = await openSite();
});
afterAll(() => site.close());

const counter = `export default function (t: Thread) {
  for (let i = 0; i < t.params.increments; i++) t.shared[0]++;
}`;
const oppositeLocks = `export default function (t: Thread) {
  const [first, second] = t.id === 0 ? [0, 1] : [1, 0];
  t.lock(first);
  t.lock(second);
  t.shared[0]++;
  t.unlock(second);
  t.unlock(first);
}`;
const settings = (code: string) => ({ code, threads: 2, params: { increments: 1 } });

async function stepTab(page: Page) {
  await page.getByRole('tab', { name: /Step/ }).click();
  await page.getByTestId('stepper').waitFor({ timeout: 30_000 });
}
async function steps(page: Page, keys: string) {
  for (const k of keys) {
    const before = await page.locator('.timeline li').count();
    await page.keyboard.press(k);
    await page.waitForFunction((n) => document.querySelectorAll('.timeline li').length > n, before);
  }
}
async function exploreTab(page: Page) {
  await page.getByRole('tab', { name: /Explore/ }).click();
  await page.getByRole('button', { name: 'Explore all interleavings' }).click();
  await page.getByTestId('explore-stats').waitFor({ timeout: 30_000 });
}

describe('be the scheduler', () => {
  it('step mode produces a lost update (1) and the correct result (2) by hand', async () => {
    const page = await site.page();
    await openLesson(page, site.url, 'interleavings', settings(counter));
    await stepTab(page);
    await steps(page, '1212');
    await expect(page.getByTestId('step-result').innerText()).resolves.toMatch(
      /Lost update! The counter ended at 1/,
    );
    await page.getByRole('button', { name: 'Restart' }).click();
    await page.waitForFunction(() => document.querySelectorAll('.timeline li').length === 0);
    await steps(page, '1122');
    await expect(page.getByTestId('step-result').innerText()).resolves.toMatch(/shared\[0\] = 2/);
    // Undo goes back one step: T1 is ready again.
    await page.getByRole('button', { name: /Undo/ }).click();
    await page.locator('.step-lane[data-status=ready]').first().waitFor();
  });

  it('the newest step stays in view in the timeline; only the cells in use are drawn', async () => {
    const page = await site.page();
    await openLesson(page, site.url, 'interleavings', {
      code: counter,
      threads: 3,
      params: { increments: 3 },
    });
    await stepTab(page);
    await steps(page, '123123123123123123');
    const inView = await page.evaluate(() => {
      const ol = document.querySelector('.timeline')!;
      const last = ol.querySelector('li:last-child')!;
      const a = ol.getBoundingClientRect();
      const b = last.getBoundingClientRect();
      return {
        scrolls: ol.scrollHeight > ol.clientHeight,
        inView: b.bottom <= a.bottom + 1 && b.top >= a.top - 1,
      };
    });
    expect(inView).toEqual({ scrolls: true, inView: true });
    // The counter is shared[0]; nothing touches shared[1], so it is not drawn.
    expect(await page.locator('.mem-cell').count()).toBe(1);
  });

  it('Explore finds exactly two outcomes {1: 4 schedules, 2: 2 schedules} of 6', async () => {
    const page = await site.page();
    await openLesson(page, site.url, 'interleavings', settings(counter));
    await exploreTab(page);
    await expect(page.getByTestId('explore-stats').innerText()).resolves.toMatch(
      /Complete: 6 schedules explored/,
    );
    const rows = await page.$$eval('[data-testid=outcomes] tbody tr', (trs) =>
      trs.map((tr) => [
        Number(tr.getAttribute('data-value')),
        Number(tr.getAttribute('data-count')),
      ]),
    );
    expect(rows.sort()).toEqual([
      [1, 4],
      [2, 2],
    ]);
    // Plain counter++ races: the outcome set is labelled as assuming sequential consistency.
    await expect(page.getByTestId('memory-model').innerText()).resolves.toMatch(
      /Data race.*real hardware can produce more; use Atomics for these accesses[\s\S]*shared\[0\]: line 2 .* and line 2/,
    );
    // An example schedule opens in step mode and replays to its outcome.
    await page.getByRole('button', { name: /reaching shared\[0\] = 1/ }).click();
    await expect(page.getByTestId('step-result').innerText()).resolves.toMatch(/ended at 1/);
  });

  it('with Atomics.add every schedule gives one outcome', async () => {
    const page = await site.page();
    await openLesson(
      page,
      site.url,
      'interleavings',
      settings(counter.replace('t.shared[0]++', 'Atomics.add(t.shared, 0, 1)')),
    );
    await exploreTab(page);
    expect(await page.locator('[data-testid=outcomes] tbody tr').count()).toBe(1);
    expect(await page.locator('[data-testid=outcomes] tbody tr').getAttribute('data-value')).toBe(
      '2',
    );
    // No plain access left: no race warning, only the assumption stated.
    await expect(page.getByTestId('memory-model').innerText()).resolves.toMatch(
      /^Assumes sequential consistency.*No data race was seen/,
    );
  });

  it('finds the deadlock of locks taken in opposite order, draws it, and step mode shows both blocked', async () => {
    const page = await site.page();
    await openLesson(page, site.url, 'interleavings', settings(oppositeLocks));
    await exploreTab(page);
    await page
      .getByText(/Deadlock/)
      .first()
      .waitFor();
    await expect(page.locator('.waitfor figcaption').first().innerText()).resolves.toMatch(
      /Cycle: T0 → T1 → T0|Cycle: T1 → T0 → T1/,
    );
    await page.getByRole('button', { name: 'Open in Step' }).first().click();
    await page.getByText(/Deadlock\./).waitFor();
    expect(await page.locator('.step-lane[data-status=blocked]').count()).toBe(2);
    await expect(page.locator('.step-lane').first().innerText()).resolves.toMatch(/mutex/);
  });

  it('an infinite loop in step mode and a million operations in Explore are stopped by the budget; the page responds', async () => {
    const page = await site.page();
    await openLesson(
      page,
      site.url,
      'interleavings',
      settings('export default function (t: Thread) {\n  while (true) {}\n}'),
    );
    await stepTab(page);
    // Opening the tab runs nothing; the first step runs the code (and hits the budget).
    await page.getByRole('button', { name: /^Step T0/ }).click();
    await page
      .getByText(/stopped|budget|infinite/i)
      .first()
      .waitFor({ timeout: 30_000 });
    const million = `export default function (t: Thread) {
  for (let i = 0; i < 1000000; i++) Atomics.add(t.shared, 0, 1);
}`;
    await openLesson(page, site.url, 'interleavings', settings(million));
    await page.getByRole('tab', { name: /Explore/ }).click();
    await page.getByRole('button', { name: 'Explore all interleavings' }).click();
    // While exploring, the page answers a click quickly (the explorer runs in a worker).
    const latency = await clickLatency(page);
    expect(latency).toBeLessThan(200);
    await page.getByTestId('explore-stats').waitFor({ timeout: 30_000 });
    await expect(page.getByTestId('explorer').innerText()).resolves.toMatch(
      /stopped|budget|more remain/i,
    );
  });

  it('a shared schedule link opens the code and replays the schedule', async () => {
    const page = await site.page();
    await openLesson(page, site.url, 'interleavings', settings(counter));
    await stepTab(page);
    await steps(page, '1212');
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.getByRole('button', { name: 'Share this schedule' }).click();
    await page.getByText(/code and schedule/).waitFor();
    const link = await page.evaluate(async () =>
      navigator.clipboard.readText().catch(() => location.href),
    );
    const other = await site.page();
    await other.goto(link);
    await other.getByText(/Loaded the code and the schedule from the shared link/).waitFor();
    // Opening the link runs nothing: it says what Replay will do, and Replay does it.
    await other.getByText('This link replays a 4-step schedule. Press Replay to run it.').waitFor();
    await other.getByRole('button', { name: '▶ Replay 4 steps' }).click();
    await expect(other.getByTestId('step-result').innerText()).resolves.toMatch(/ended at 1/);
  });
});

describe('Run in the Interleavings lesson', () => {
  it('shows the counter the threads reached, against what they should reach', async () => {
    const page = await site.page();
    await openLesson(page, site.url, 'interleavings', {
      code: counter,
      threads: 3,
      params: { increments: 3 },
    });
    await page.getByRole('tab', { name: /threads$/ }).click();
    await page.getByRole('button', { name: '▶ Run' }).click();
    await page.getByTestId('actual').waitFor({ timeout: 30_000 });
    const actual = Number((await page.getByTestId('actual').innerText()).replace(/\D/g, ''));
    expect(actual).toBeGreaterThan(0);
    expect(actual).toBeLessThanOrEqual(9);
    expect(await page.getByTestId('lost').innerText()).toMatch(/\d/);
  });
});
