import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { openLesson, openSite, runChecks, type Site } from './site.ts';

const starter = readFileSync('lessons/06-sleep-dont-spin/starter.ts', 'utf8');
const solution = readFileSync('lessons/06-sleep-dont-spin/solution.ts', 'utf8');
const SLUG = 'sleep-dont-spin';
const setup = (code: string) => ({ code, threads: 4, params: { increments: 10_000 } });

let site: Site;
beforeAll(async () => {
  site = await openSite();
});
afterAll(() => site.close());

describe('Sleep, don’t spin: what a learner sees', () => {
  it('Check on the starter: it sleeps, but a thread sleeps forever, with the schedule to step through', async () => {
    const page = await site.page();
    await openLesson(page, site.url, SLUG, setup(starter));
    const rows = await runChecks(page);
    expect(rows).toHaveLength(4);
    expect(rows[0].state).toBe('pass');
    expect(rows[0].text).toMatch(/thread 1 sleeps in Atomics.wait instead of spinning/);
    const wake = rows[3];
    expect(wake.state).toBe('fail');
    expect(wake.text).toMatch(
      /Lost wake-up: in a schedule of 2 threads × 2 lock rounds, thread \d sleeps in Atomics\.wait \(line 11\)/,
    );
    expect(wake.text).toMatch(/Schedule: (T\d )+T\d\./);
    // No real run of code that can hang: the other checks say why.
    expect(rows[1].text).toMatch(/No real run: Explore saw a thread sleep forever/);
  });

  it('Check on the solution: all four pass, and say how much Explore covered', async () => {
    const page = await site.page();
    await openLesson(page, site.url, SLUG, setup(solution));
    // Inconclusive is the honest answer when the machine is too busy to finish a search in time
    // (never a failure): press Check again, as a learner would, up to 3 times.
    let rows = await runChecks(page);
    for (let i = 0; i < 2 && rows.some((r) => r.state === 'inconclusive'); i++) {
      expect(rows.filter((r) => r.state === 'fail')).toEqual([]);
      rows = await runChecks(page);
    }
    expect(rows.map((r) => r.state)).toEqual(['pass', 'pass', 'pass', 'pass']);
    expect(rows[3].text).toMatch(
      /every schedule of 2 threads × 2 lock rounds .*with up to 3 preemptions.*\(time-outs switched off\)/,
    );
    expect(rows[2].text).toMatch(/reached 8,000 exactly/);
  });

  it('the panel measures a spinlock against the learner’s lock and only says what the runs show', async () => {
    const page = await site.page();
    await openLesson(page, site.url, SLUG, setup(solution));
    await page.getByRole('combobox', { name: /Threads taking the lock/ }).selectOption('8');
    await page.getByRole('button', { name: 'Measure spin vs sleep' }).click();
    const facts = page.getByTestId('sleep-findings');
    await facts.waitFor({ timeout: 90_000 });
    const text = await facts.innerText();
    // A winner is named only when every run of it beat every run of the other; otherwise "overlap".
    expect(text).toMatch(/as many lock rounds per ms as|overlap between the two locks/);
    expect(text).toMatch(/bystander/i);
    await page.getByText('Every run as a table').click();
    const rows = page.locator('.sleep-sim table tbody tr');
    expect(await rows.count()).toBe(6);
    const kinds = await rows.locator('td:nth-child(2)').allInnerTexts();
    expect(kinds).toEqual([
      'Spinlock',
      'Your lock',
      'Spinlock',
      'Your lock',
      'Spinlock',
      'Your lock',
    ]);
    // The named winner agrees with the table: its worst run beats the other's best.
    const perMs = (await rows.locator('td:nth-child(4)').allInnerTexts()).map(Number);
    const spin = perMs.filter((_, i) => i % 2 === 0);
    const sleep = perMs.filter((_, i) => i % 2 === 1);
    if (/Your sleeping lock got through/.test(text))
      expect(Math.min(...sleep)).toBeGreaterThan(Math.max(...spin));
    if (/The spinlock got through/.test(text))
      expect(Math.min(...spin)).toBeGreaterThan(Math.max(...sleep));
    // Editing the code makes the measurement visibly stale.
    await page.getByRole('button', { name: 'Reset' }).click();
    await page.getByTestId('sleep-stale').waitFor();
  });

  it('a lock renamed away is explained, not measured', async () => {
    const page = await site.page();
    await openLesson(page, site.url, SLUG, setup(solution.replaceAll('lock(', 'acquire(')));
    await page.getByRole('combobox', { name: /Threads taking the lock/ }).selectOption('2');
    await page.getByRole('button', { name: 'Measure spin vs sleep' }).click();
    const problem = page.getByTestId('sleep-problem');
    await problem.waitFor({ timeout: 60_000 });
    expect(await problem.innerText()).toMatch(
      /calls your `lock\(s\)` and `unlock\(s\)`: keep those names/,
    );
  });
});
