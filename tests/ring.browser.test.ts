import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openLesson, openSite, type Site } from './site.ts';

let site: Site;
let page: Page;
beforeAll(async () => {
  site = await openSite();
  page = await site.page();
  await openLesson(page, site.url, 'hash-rings');
});
afterAll(() => site.close());

const percent = (text: string) => Number(/([\d.]+) %/.exec(text)![1]) / 100;

describe('hash ring, measured on the page', () => {
  it('the ring picture counts the keys that move when a server joins', async () => {
    await page.locator('.ring-svg').waitFor();
    await page.getByRole('button', { name: '+ Add server' }).click();
    await expect(page.getByTestId('ring-moved').innerText()).resolves.toMatch(
      /^\d+ of 48 keys moved/,
    );
    await page.locator('.ring-key').first().hover();
    await expect(page.locator('.ring-center-sub').textContent()).resolves.toMatch(/→ node-\d\d/);
  });

  it('1,000,000 keys, 10 → 11 servers × 256 points: the ring moves 8–10.1 %, none between old servers; modulo > 85 %; max/mean <= 1.10', async () => {
    await page.getByRole('button', { name: 'Add a server' }).click();
    await page.getByRole('button', { name: 'Add server 11 and measure' }).click();
    await page.getByTestId('rebalance').waitFor({ timeout: 90_000 });
    const ring = await page.locator('[data-row=ring] td').allInnerTexts();
    const modulo = await page.locator('[data-row=modulo] td').allInnerTexts();
    expect(percent(ring[1])).toBeGreaterThanOrEqual(0.08);
    expect(percent(ring[1])).toBeLessThanOrEqual(0.101);
    expect(ring[3]).toBe('0');
    expect(Number(ring[4])).toBeLessThanOrEqual(1.1);
    expect(percent(modulo[1])).toBeGreaterThan(0.85);
  });

  it('a weak hash (raw FNV-1a) balances much worse', async () => {
    await page
      .locator('.experiment label', { hasText: /^Hash/ })
      .locator('select')
      .selectOption('fnv1a');
    await page.getByRole('button', { name: 'Add server 11 and measure' }).click();
    await page.waitForFunction(() => !document.querySelector('.job-progress'));
    await page.getByTestId('rebalance').waitFor();
    await expect
      .poll(async () => Number((await page.locator('[data-row=ring] td').allInnerTexts())[4]))
      .toBeGreaterThan(1.3);
  });

  it('imbalance falls as virtual nodes grow, from measurements', async () => {
    await page.getByRole('button', { name: 'Virtual nodes' }).click();
    await page.getByRole('button', { name: /Measure 1 … 512/ }).click();
    const caption = page.getByTestId('vnodes-chart').locator('figcaption');
    await caption.waitFor({ timeout: 120_000 });
    const [, first, last] = /from ([\d.]+) \(1 point\) to ([\d.]+)/.exec(
      await caption.innerText(),
    )!;
    expect(Number(first)).toBeGreaterThan(1.5);
    expect(Number(last)).toBeLessThan(1.1);
  });

  it('R = 3 with one failed server: zero keys lost, as counted', async () => {
    await page.getByRole('button', { name: 'Replication & failure' }).click();
    await page.getByRole('button', { name: 'Fail 1 server and count' }).click();
    await page.getByTestId('lost-keys').waitFor({ timeout: 90_000 });
    await expect(page.getByTestId('lost-keys').innerText()).resolves.toMatch(/✓ 0$/);
    // With R = 1 the same failure loses every key of the failed server.
    const rows = await page
      .locator('[data-testid=failure] ~ .table-scroll table tbody tr')
      .allInnerTexts();
    expect(Number(rows[0].split('\t').at(-1)!.replace(/,/g, ''))).toBeGreaterThan(50_000);
  });

  // The comparison table (five placements) is measured in ketama.browser.test.ts.
  it('smearing spreads a celebrity key', async () => {
    await page.getByRole('button', { name: 'Hot keys' }).click();
    await page.getByRole('button', { name: 'Send the traffic' }).click();
    await page.getByTestId('hotkeys-chart').waitFor({ timeout: 90_000 });
    const text = await page.getByTestId('hotkeys-chart').locator('figcaption').innerText();
    const [, plain, smeared] = /carries ([\d.]+) × the average.*?: ([\d.]+) ×/.exec(text)!;
    expect(Number(smeared)).toBeLessThan(Number(plain));
  });
});
