import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { openLesson, openSite, run, runChecks, type Site } from './site.ts';

const starter = readFileSync('lessons/01-race-conditions/starter.ts', 'utf8');
const solution = readFileSync('lessons/01-race-conditions/solution.ts', 'utf8');
const num = (s: string) => Number(s.replace(/[^\d]/g, ''));

let site: Site;
beforeAll(async () => {
  site = await openSite();
});
afterAll(() => site.close());

describe('race-condition lesson, isolated, real workers', () => {
  it('is cross-origin isolated and says it runs real threads', async () => {
    const page = await site.page();
    await openLesson(page, site.url, 'race-conditions');
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    await expect(
      page.getByRole('status').filter({ hasText: 'Real threads' }).count(),
    ).resolves.toBe(1);
  });

  it('the starter loses updates on 2 threads × 1,000,000; the page shows how many', async () => {
    const page = await site.page();
    await openLesson(page, site.url, 'race-conditions', {
      code: starter,
      threads: 2,
      params: { increments: 1_000_000 },
    });
    await run(page);
    const expected = num(await page.getByTestId('expected').innerText());
    const actual = num(await page.getByTestId('actual').innerText());
    expect(expected).toBe(2_000_000);
    expect(actual).toBeLessThan(expected);
    expect(num((await page.getByTestId('lost').innerText()).split('(')[0])).toBe(expected - actual);
    expect(await page.getByTestId('lost').innerText()).toContain('✗');
  });

  it('the solution loses none', async () => {
    const page = await site.page();
    await openLesson(page, site.url, 'race-conditions', {
      code: solution,
      threads: 4,
      params: { increments: 1_000_000 },
    });
    await run(page);
    expect(num(await page.getByTestId('actual').innerText())).toBe(4_000_000);
    expect(await page.getByTestId('lost').innerText()).toContain('✓ 0');
  });

  it('repeated runs fill the histogram of final values, counted as runs, afresh for new code', async () => {
    const page = await site.page();
    await openLesson(page, site.url, 'race-conditions', {
      code: starter,
      threads: 2,
      params: { increments: 200_000 },
    });
    await page.getByRole('button', { name: 'Run 20×' }).click();
    const caption = page.locator('#hist-caption');
    await caption.getByText(/over the last 20 runs of this code/).waitFor({ timeout: 60_000 });
    expect(await page.locator('.recharts-bar-rectangle').count()).toBeGreaterThan(0);
    // The caption counts runs (each run loses many updates, or none).
    const [, lossy, exact] = /(\d+) runs? lost updates, (\d+) runs? exact/.exec(
      await caption.innerText(),
    )!;
    expect(Number(lossy) + Number(exact)).toBe(20);
    // Other code is another experiment: the history of the starter does not mix with it.
    await page.getByRole('button', { name: 'Solution' }).click();
    await run(page);
    expect(await caption.count()).toBe(0);
  });

  it('Check fails the starter with the number of lost updates, and passes the solution', async () => {
    const page = await site.page();
    await openLesson(page, site.url, 'race-conditions');
    const failing = await runChecks(page);
    expect(
      failing.some((r) => r.state === 'fail' && /(update was|updates were) lost/.test(r.text)),
    ).toBe(true);
    await page.getByRole('button', { name: 'Solution' }).click();
    const passing = await runChecks(page);
    expect(passing.every((r) => r.state === 'pass')).toBe(true);
  });
});
