import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLesson, openSite, type Site } from './site.ts';

let site: Site;
beforeAll(async () => {
  site = await openSite();
});
afterAll(() => site.close());

describe('pessimistic vs optimistic: the contention sweep on real workers', () => {
  it('draws both strategies over every account count, money conserved, and optimistic retries most when accounts are few', async () => {
    const page = await site.page();
    await openLesson(page, site.url, 'pessimistic-vs-optimistic');
    await page.getByRole('button', { name: 'Measure' }).click();
    // Progress with a Cancel while it measures.
    await page.getByLabel('Measuring contention').waitFor();
    await page.getByRole('button', { name: '■ Cancel' }).waitFor();
    await page.getByTestId('contention-facts').waitFor({ timeout: 150_000 });
    const facts = await page.getByTestId('contention-facts').innerText();
    console.log('facts:', facts);
    expect(facts).toMatch(/Money conserved in all 36 runs/);
    // Two lines (6 points each) on the throughput chart, and the latency and conflict charts.
    for (const id of ['throughput-chart', 'conflict-chart', 'latency-chart'])
      await page.getByTestId(id).locator('.recharts-line').first().waitFor();
    expect(
      await page.getByTestId('throughput-chart').locator('.recharts-line-dots circle').count(),
    ).toBe(12);

    // The table: what a user reads to compare attempts. Robust on a busy machine: a transfer's
    // round trip is a wait, so collisions happen whether or not the workers get a core.
    await page.getByText('Measurements as a table').click();
    const rows = await page.$$eval('.measurements tbody tr', (trs) =>
      trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => (c as HTMLElement).innerText)),
    );
    expect(rows).toHaveLength(12);
    const attempts = (accounts: string, strategy: string) =>
      Number(rows.find((r) => r[0] === accounts && r[1] === strategy)![3]);
    for (const r of rows) {
      expect(r[6]).toMatch(/^✓ [\d,]+ every run$/);
      if (r[1] === 'pessimistic') expect(r[3]).toBe('1.00');
    }
    // 8 workers over 2 accounts: most optimistic commits fail and are redone; over 10,000, almost none.
    expect(attempts('2', 'optimistic')).toBeGreaterThan(2);
    expect(attempts('10,000', 'optimistic')).toBeLessThan(1.1);
    expect(attempts('2', 'optimistic')).toBeGreaterThan(attempts('100', 'optimistic'));
    expect(facts).toMatch(
      /With 2 accounts, optimistic made [\d.]+ attempts per committed transfer/,
    );
    expect(page.errors).toEqual([]);
  }, 200_000);

  it('Cancel stops the sweep at once and leaves no error', async () => {
    const page = await site.page({ width: 390, height: 844 });
    await openLesson(page, site.url, 'pessimistic-vs-optimistic');
    await page.getByRole('button', { name: 'Measure' }).click();
    await page.getByLabel('Measuring contention').waitFor();
    await page.getByRole('button', { name: '■ Cancel' }).click();
    await page.getByRole('button', { name: 'Measure' }).waitFor();
    expect(await page.getByLabel('Measuring contention').count()).toBe(0);
    expect(await page.getByTestId('contention-facts').count()).toBe(0);
    expect(await page.locator('.console-line.error').count()).toBe(0);
    // Nothing on the page is wider than a phone.
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
  }, 60_000);
});
