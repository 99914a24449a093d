import { afterAll, beforeAll, expect, it } from 'vitest';
import { openLesson, openSite, runChecks, type Site } from './site.ts';

let site: Site;
beforeAll(async () => {
  site = await openSite();
});
afterAll(() => site.close());

it('a lesson states its goal, shows hints as formatted text and leads to the next one', async () => {
  const page = await site.page();
  await openLesson(page, site.url, 'race-conditions');
  expect(await page.locator('.goal').innerText()).toMatch(/^Goal: .*no update may be lost/);
  await page.getByRole('button', { name: /^Hint/ }).click();
  const hint = page.getByRole('list', { name: 'Hints' }).locator('li').first();
  expect(await hint.locator('code').count()).toBeGreaterThan(0);
  expect(await hint.innerText()).not.toContain('`');
  const nav = page.getByRole('navigation', { name: 'Previous and next lesson' });
  await nav.getByRole('link', { name: /Interleavings/ }).click();
  await page.getByRole('heading', { name: 'Interleavings', level: 1 }).waitFor();
  await page
    .getByRole('navigation', { name: 'Previous and next lesson' })
    .getByRole('link', { name: /Race conditions/ })
    .waitFor();
});

it('passing every check marks the lesson completed in the nav and on the home page, after a reload too', async () => {
  const page = await site.page();
  await openLesson(page, site.url, 'race-conditions');
  const navLink = page.getByRole('navigation', { name: 'Lessons' }).getByRole('link', {
    name: /Race conditions/,
  });
  expect(await navLink.innerText()).not.toContain('✓');
  // A failing Check does not complete the lesson.
  await runChecks(page);
  expect(await navLink.innerText()).not.toContain('✓');
  await page.getByRole('button', { name: 'Solution' }).click();
  const rows = await runChecks(page);
  expect(rows.every((r) => r.state === 'pass')).toBe(true);
  expect(await navLink.innerText()).toContain('✓');
  await page.getByText('You completed this lesson').waitFor();
  await page.reload();
  await page.getByRole('heading', { level: 1 }).waitFor();
  expect(await navLink.textContent()).toContain('(completed)');
  expect(await page.locator('.goal').innerText()).toContain('done ✓');
  await page.getByRole('link', { name: 'Interleave home' }).click();
  const card = page.locator('.lesson-card', { hasText: 'Race conditions' });
  expect(await card.innerText()).toContain('✓ Completed');
  expect(await page.locator('.lesson-card', { hasText: 'Hash rings' }).innerText()).not.toContain(
    'Completed',
  );
});

it('results belong to the code that produced them: an edit marks the checks stale; a failed run says why', async () => {
  const page = await site.page();
  await openLesson(page, site.url, 'race-conditions', {
    code: 'export default function (t: Thread) {\n  throw new Error("boom");\n}\n',
    threads: 2,
    params: { increments: 10 },
  });
  await page.getByRole('button', { name: '▶ Run' }).click();
  const problem = page.getByTestId('run-problem');
  await problem.waitFor({ timeout: 30_000 });
  expect(await problem.innerText()).toMatch(/did not finish.*boom/s);
  await runChecks(page);
  expect(await page.getByTestId('checks-stale').count()).toBe(0);
  // An edit in the editor: type at the end of the code.
  await page.locator('.monaco-editor').waitFor({ timeout: 60_000 });
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('// changed');
  await page.getByTestId('checks-stale').waitFor();
  // The failed run's message is marked as the old code's too.
  await page.getByTestId('run-stale').waitFor();
  // Checking again makes the results current.
  await runChecks(page);
  expect(await page.getByTestId('checks-stale').count()).toBe(0);
});

it.each(['race-conditions', 'interleavings', 'amdahls-law', 'hash-rings'])(
  'in %s, Run shows a result, and an edit marks it as from earlier code',
  async (slug) => {
    const page = await site.page();
    await openLesson(page, site.url, slug);
    await page.locator('.monaco-editor').waitFor({ timeout: 60_000 });
    const output = page.getByTestId('console');
    expect(await output.innerText()).toMatch(/Output appears here/);
    await page.getByRole('button', { name: '▶ Run' }).click();
    await output.getByText(/Finished in \d+ ms/).waitFor({ timeout: 60_000 });
    await page.locator('.monaco-editor .view-lines').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('// edited');
    // The output and the simulation say the run was the previous code's (Amdahl leaves it out of
    // this code's speedup): nothing on the page claims the old result for the new code.
    await page.getByTestId('output-stale').waitFor();
    if (slug === 'amdahls-law')
      await page
        .getByTestId('your-runs')
        .getByText(/Run your code/)
        .waitFor();
    else if (slug !== 'hash-rings') await page.getByTestId('run-stale').waitFor();
  },
);
