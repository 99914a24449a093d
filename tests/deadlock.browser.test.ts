import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { openLesson, openSite, run, type Site } from './site.ts';

const solution = readFileSync('lessons/07-deadlock/solution.ts', 'utf8');

let site: Site;
beforeAll(async () => {
  site = await openSite();
});
afterAll(() => site.close());

/** Presses Run and returns, measured in the page, how long until the live wait-for graph shows. */
function msUntilGraph(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const button = [...document.querySelectorAll('.toolbar button')].find(
          (b) => b.textContent === '▶ Run',
        ) as HTMLButtonElement | undefined;
        if (!button) return reject(new Error('no Run button'));
        // A graph of this run, not the one the previous run left on the page.
        const before = Number(
          document.querySelector('[data-testid=live-waitfor]')?.getAttribute('data-run') ?? 0,
        );
        const t0 = performance.now();
        button.click();
        const poll = () => {
          const graph = document.querySelector('[data-testid=live-waitfor]');
          if (Number(graph?.getAttribute('data-run')) > before && graph?.querySelector('svg'))
            resolve(performance.now() - t0);
          else if (performance.now() - t0 > 20_000) reject(new Error('no wait-for graph in 20 s'));
          else setTimeout(poll, 10);
        };
        poll();
      }),
  );
}

describe('deadlock lesson, real workers', () => {
  it('a free run of the starter is reported deadlocked within 2 s with the cycle drawn; the workers recover and the solution runs', async () => {
    const page = await site.page();
    // Warm up: a tiny run of the solution spawns the workers (on a starved machine that alone can
    // take seconds, and is not what the detector promises). Reset then brings the starter back.
    await openLesson(page, site.url, 'deadlock', {
      code: solution,
      threads: 2,
      params: { accounts: 2, transfers: 10 },
    });
    await run(page);
    expect(await page.getByTestId('bank-status').innerText()).toMatch(/finished/);
    await page.getByRole('button', { name: 'Reset' }).click();
    expect(await page.getByText('100,000', { exact: true }).count()).toBe(1);
    const ms = await msUntilGraph(page);
    console.log(`deadlock reported ${ms.toFixed(0)} ms after Run`);
    expect(ms).toBeLessThan(2000);

    const graph = page.getByTestId('live-waitfor');
    // The cycle, in words and as a shape (dashed arrows), not by colour alone.
    expect(await graph.locator('figcaption').innerText()).toMatch(
      /Cycle: T(\d) → T(?!\1)\d → T\1\./,
    );
    expect(await graph.locator('.edge.cycle').count()).toBe(2);
    expect(await graph.getByRole('img').getAttribute('aria-label')).toMatch(
      /thread 0 waits for mutex 1, held by thread 1; thread 1 waits for mutex 0, held by thread 0/,
    );
    expect(await page.getByTestId('bank-status').innerText()).toMatch(/deadlocked/);
    expect(await page.getByTestId('bank-money').innerText()).toMatch(/200 conserved/);
    await page
      .locator('.console-line.error')
      .getByText(/Deadlock on real workers: thread \d → thread \d → thread \d/)
      .waitFor();

    // The page is ready again, and the next run (the solution) gets fresh workers and finishes.
    await page.getByRole('button', { name: '▶ Run' }).waitFor();
    await page.getByRole('button', { name: 'Solution' }).click();
    await run(page);
    expect(await page.getByTestId('bank-status').innerText()).toMatch(/finished/);
    expect(await page.getByTestId('bank-transfers').innerText()).toMatch(/^200,000 of 200,000/);
    expect(await page.getByTestId('bank-money').innerText()).toMatch(/200 conserved/);
    expect(await page.getByTestId('live-waitfor').count()).toBe(0);
    expect(page.errors).toEqual([]);
  });
});
