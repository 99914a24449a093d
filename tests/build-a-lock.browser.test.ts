import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { openLesson, openSite, run, runChecks, type Site } from './site.ts';

const starter = readFileSync('lessons/05-build-a-lock/starter.ts', 'utf8');
const solution = readFileSync('lessons/05-build-a-lock/solution.ts', 'utf8');

let site: Site;
beforeAll(async () => {
  site = await openSite();
});
afterAll(() => site.close());

describe('build-a-lock lesson, real workers', () => {
  it('Run with the solution: exact counter, nobody inside twice, spins and lock time per thread', async () => {
    const page = await site.page();
    await openLesson(page, site.url, 'build-a-lock', {
      code: solution,
      threads: 2,
      // Small enough to stay far inside Run's 5 s budget on a loaded 2-core machine.
      params: { increments: 5_000 },
    });
    await run(page);
    expect(await page.locator('.lock-sim').innerText()).not.toContain('did not finish');
    expect(await page.getByTestId('actual').innerText()).toMatch(/^10,000/);
    expect(await page.getByTestId('lost').innerText()).toContain('✓ 0');
    expect(await page.getByTestId('overlaps').innerText()).toContain('✓ 0');
    const rows = page.getByTestId('lock-stats').locator('tbody tr');
    expect(await rows.count()).toBe(2);
    for (let i = 0; i < 2; i++) {
      const cells = await rows.nth(i).locator('td').allInnerTexts();
      // spins, per acquisition, waiting, holding, waiting share: all measured, all shown.
      expect(cells).toHaveLength(5);
      expect(cells[2]).toMatch(/^\d+\.\d ms$/);
      expect(cells[3]).toMatch(/^\d+\.\d ms$/);
      expect(cells[4]).toMatch(/^\d+ %$/);
    }
    // Holding the lock took real time in some thread; the sentence is made from the numbers.
    const held = (await rows.locator('td:nth-child(5)').allInnerTexts()).map(parseFloat);
    expect(Math.max(...held)).toBeGreaterThan(0);
    expect(await page.getByTestId('lock-cost').innerText()).toMatch(
      /spins (per acquisition on average|in [\d,]+ acquisitions)/i,
    );
    expect(page.errors).toEqual([]);
  });

  it('one thread never spins, and the page says why', async () => {
    const page = await site.page();
    await openLesson(page, site.url, 'build-a-lock', {
      code: solution,
      threads: 1,
      params: { increments: 2_000 },
    });
    await run(page);
    expect(await page.locator('.lock-sim').innerText()).not.toContain('did not finish');
    expect(await page.getByTestId('actual').innerText()).toMatch(/^2,000/);
    const cells = await page.getByTestId('lock-stats').locator('tbody tr td').allInnerTexts();
    expect(cells[0]).toBe('0');
    expect(await page.getByTestId('lock-cost').innerText()).toMatch(/never spun/);
  });

  it('Check fails the starter with a two-threads-inside schedule, and passes the solution', async () => {
    const page = await site.page();
    await openLesson(page, site.url, 'build-a-lock', {
      code: starter,
      threads: 2,
      params: { increments: 200_000 },
    });
    const failing = await runChecks(page);
    const first = failing[0];
    expect(first.state).toBe('fail');
    expect(first.text).toMatch(
      /threads 0 and 1 inside the critical section at once \(line \d+\), after the schedule (T\d ?)+\./,
    );
    await page.getByRole('button', { name: 'Solution' }).click();
    const passing = await runChecks(page);
    expect(
      passing.map((r) => r.state),
      passing.map((r) => r.text).join('\n'),
    ).toEqual(['pass', 'pass', 'pass', 'pass']);
    expect(page.errors).toEqual([]);
  });
});
