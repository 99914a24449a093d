import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openLesson, openSite, type Site } from './site.ts';
import { axe } from './axe.ts';

// The litmus lab of the memory-order lesson, on real workers over shared memory in the built site.

let site: Site;
beforeAll(async () => {
  site = await openSite();
});
afterAll(() => site.close());

const BOTH_ZERO = '[data-testid=own-outcomes] tr[data-key="r0=0 r1=0"]';

/** Presses Run and waits until this press's result is on screen (not stale, button back). */
async function runLab(page: Page) {
  const before = await page.evaluate(
    () => document.querySelector('[data-testid=own-result]')?.getAttribute('data-date') ?? '',
  );
  await page.getByRole('button', { name: '▶ Start litmus test' }).click();
  await page.waitForFunction(
    (before) => {
      const own = document.querySelector('[data-testid=own-result]');
      return (
        own?.getAttribute('data-date') !== before &&
        own?.getAttribute('data-stale') === 'false' &&
        !document.querySelector('.litmus-run .primary')?.hasAttribute('disabled')
      );
    },
    before,
    { timeout: 120_000 },
  );
}

const bothZero = async (page: Page) => ({
  count: Number(await page.locator(BOTH_ZERO).getAttribute('data-count')),
  verdict: await page.locator(BOTH_ZERO).getAttribute('data-verdict'),
  text: await page.locator(BOTH_ZERO).innerText(),
  findings: await page.getByTestId('own-findings').innerText(),
});

describe('litmus lab', () => {
  let link = '';

  it('SB: plain accesses show both reads 0 (store buffers); all Atomics never do', async () => {
    // bypassCSP: only so axe-core can be injected (as in a11y.browser.test.ts).
    const page = await site.page({ bypassCSP: true });
    await openLesson(page, site.url, 'memory-order');
    await page.getByRole('heading', { name: 'Litmus lab' }).waitFor();
    // Nothing runs before Run is pressed.
    expect(await page.getByTestId('own-result').count()).toBe(0);
    expect(await page.getByRole('radio', { name: /SB/ }).isChecked()).toBe(true);
    await expect(page.getByTestId('litmus-threads').innerText()).resolves.toMatch(
      /x = 1;\s*Atomics\s*r0 = y;/,
    );

    // Weak outcomes are rare events: a busy machine may need a second million rounds; the page
    // must say "none this time" honestly meanwhile.
    let plain = { count: 0, verdict: '' as string | null, text: '', findings: '' };
    for (let attempt = 0; attempt < 3 && plain.count === 0; attempt++) {
      await runLab(page);
      plain = await bothZero(page);
      if (plain.count === 0) expect(plain.findings).toMatch(/No store buffering .*try more rounds/);
    }
    expect(plain.count).toBeGreaterThan(0);
    expect(plain.verdict).toBe('tso');
    expect(plain.text).toMatch(/weak: store buffers \(x86 allows\)/);
    expect(plain.findings).toMatch(
      /Your processor reordered a store after a later load [\d,]+ times? in 1,000,000 rounds \(1 in [\d,]+\)/,
    );
    await expect(page.getByTestId('own-machine').innerText()).resolves.toMatch(
      /1,000,000 rounds on \d+ cores?( \([^)]*\))?, .+, [\d,]+ rounds\/s/,
    );
    // Chromium tells the architecture (a client hint), which is what a class comparing machines needs.
    await expect(page.getByTestId('own-machine').innerText()).resolves.toMatch(
      /cores? \((x86|arm) (32|64)-bit\)/,
    );

    await page.getByRole('button', { name: 'Copy link' }).click();
    link = await page.getByTestId('share-link').inputValue();
    expect(link).toContain('#/memory-order?litmus=');
    expect(await axe(page)).toEqual([]);

    // Editing the accesses marks the old result as the previous settings'.
    await page.getByRole('button', { name: 'All Atomics' }).click();
    await expect(page.getByTestId('litmus-stale').innerText()).resolves.toMatch(
      /For the previous settings \(SB with all plain accesses/,
    );
    await expect(page.getByTestId('litmus-threads').innerText()).resolves.toMatch(
      /Atomics\.store\(m, x, 1\);/,
    );
    await runLab(page);
    const atomic = await bothZero(page);
    expect(atomic.count).toBe(0);
    expect(atomic.verdict).toBe('forbidden');
    expect(atomic.text).toMatch(/forbidden \(all Atomics\)/);
    expect(atomic.findings).toMatch(/No store buffering .* in 1,000,000 rounds, as promised/);
    expect(page.errors).toEqual([]);
  }, 300_000);

  it('a copied link shows the shared result in a fresh page, and runs nothing', async () => {
    expect(link).not.toBe('');
    const page = await site.page({ bypassCSP: true });
    await page.goto(link);
    const shared = page.getByTestId('shared-result');
    await shared.waitFor();
    await expect(page.getByTestId('shared-machine').innerText()).resolves.toMatch(
      /Shared from a machine with \d+ cores? \((x86|arm) (32|64)-bit\), .+: SB with all plain accesses, 1,000,000 rounds/,
    );
    const row = shared.locator('tr[data-key="r0=0 r1=0"]');
    expect(Number(await row.getAttribute('data-count'))).toBeGreaterThan(0);
    await expect(page.getByTestId('shared-findings').innerText()).resolves.toMatch(
      /That processor reordered a store after a later load/,
    );
    expect(await page.getByTestId('own-result').count()).toBe(0);
    expect(page.requested.filter((u) => /litmus/i.test(u.replace(/#.*/, '')))).toEqual([]);
    expect(page.workers().filter((w) => /litmus/i.test(w.url()))).toEqual([]);
    expect(await axe(page)).toEqual([]);

    // Beside the learner's own run of the same test and accesses, the two rates side by side.
    await page.getByRole('button', { name: 'Use these settings' }).click();
    await page.getByRole('combobox', { name: 'Rounds' }).selectOption('100000');
    await runLab(page);
    await expect(page.getByTestId('shared-compare').innerText()).resolves.toMatch(
      /came 1 in [\d,]+ rounds there, and (1 in [\d,]+|never in 100,000) rounds? on your machine/,
    );
    await page.getByRole('button', { name: 'Close the shared result' }).click();
    await shared.waitFor({ state: 'detached' });
    expect(page.url()).not.toContain('litmus=');
    expect(page.errors).toEqual([]);
  }, 150_000);

  it('a garbled link says so, and the lab still works', async () => {
    const page = await site.page();
    await page.goto(`${site.url}#/memory-order?litmus=eyJ2ZXJzaW9uIjox`);
    await expect(page.getByTestId('shared-error').innerText()).resolves.toMatch(
      /Could not open the shared litmus result: the link is damaged/,
    );
    // From the keyboard: arrows move through the tests, Space toggles an access.
    await page.getByRole('radio', { name: /SB/ }).focus();
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('litmus-summary').innerText()).resolves.toMatch(
      /Message passing/,
    );
    await page.getByRole('checkbox', { name: /thread 0, store to flag/ }).focus();
    await page.keyboard.press('Space');
    await expect(page.getByTestId('litmus-threads').innerText()).resolves.toMatch(
      /data = 1;[\s\S]*Atomics\.store\(m, flag, 1\);/,
    );
    await page.getByRole('combobox', { name: 'Rounds' }).selectOption('100000');
    await runLab(page);
    await expect(page.getByTestId('own-machine').innerText()).resolves.toMatch(
      /MP with 1 of 4 accesses Atomics/,
    );
    const rows = page.locator('[data-testid=own-outcomes] tbody tr');
    expect(await rows.count()).toBe(4);
    await expect(page.getByTestId('own-machine').innerText()).resolves.toMatch(/100,000 rounds/);
    expect(page.errors).toEqual([]);
  }, 60_000);

  it('"Stop and count" ends a long run early and keeps what was counted', async () => {
    const page = await site.page();
    await openLesson(page, site.url, 'memory-order');
    await page.getByRole('combobox', { name: 'Rounds' }).selectOption('10000000');
    await page.getByRole('button', { name: '▶ Start litmus test' }).click();
    await page.getByRole('button', { name: '■ Stop and count' }).click({ timeout: 30_000 });
    await page.getByTestId('own-result').waitFor({ timeout: 30_000 });
    const line = await page.getByTestId('own-machine').innerText();
    const [, done] = /Stopped early: ([\d,]+) of the 10,000,000 rounds asked for/.exec(line)!;
    const n = Number(done.replace(/,/g, ''));
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThan(10_000_000);
    // The counts are of those rounds: the table adds up to them.
    const counts = await page.$$eval('[data-testid=own-outcomes] tbody tr', (trs) =>
      trs.map((tr) => Number(tr.getAttribute('data-count'))),
    );
    expect(counts.reduce((a, b) => a + b, 0)).toBe(n);
    expect(page.errors).toEqual([]);
  }, 60_000);
});

describe('litmus lab without shared memory', () => {
  let plain: Site;
  beforeAll(async () => {
    plain = await openSite({ headers: false });
  });
  afterAll(() => plain.close());

  it('says it needs real threads, offers no Start, and still shows a shared result', async () => {
    // No isolation headers and no service worker to add them: not cross-origin isolated.
    const page = await plain.page({ serviceWorker: false });
    const result = {
      version: 1,
      test: 'MP',
      atomic: [false, false, false, false],
      rounds: 10,
      counts: { 'r0=0 r1=0': 6, 'r0=1 r1=1': 4 },
      cores: 4,
      browser: 'Firefox 133',
      roundsPerSecond: 1000,
      date: '2026-11-30T00:00:00.000Z',
    };
    const param = Buffer.from(JSON.stringify(result)).toString('base64url');
    await page.goto(`${plain.url}#/memory-order?litmus=${param}`);
    await expect(page.getByTestId('litmus-unavailable').innerText()).resolves.toMatch(
      /needs real threads over shared memory.*cannot run here/,
    );
    expect(await page.getByRole('button', { name: '▶ Start litmus test' }).count()).toBe(0);
    await expect(page.getByTestId('shared-machine').innerText()).resolves.toMatch(
      /Shared from a machine with 4 cores, Firefox 133, .*MP with all plain accesses, 10 rounds/,
    );
    await expect(page.getByTestId('shared-findings').innerText()).resolves.toMatch(
      /No weak outcome in 10 rounds: x86 never shows MP's flag before data .*ARM can\./,
    );
    expect(page.errors).toEqual([]);
  }, 60_000);
});
