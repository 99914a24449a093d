import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openLesson, openSite, setCode, type Site } from './site.ts';
import { axe } from './axe.ts';

let site: Site;
beforeAll(async () => {
  site = await openSite();
});
afterAll(() => site.close());

// Store buffering: each thread stores 1 to its own flag, then reads the other's into shared[2 + id].
const SB = `export default function (t: Thread) {
  const me = t.id, other = 1 - t.id;
  t.shared[me] = 1;
  t.shared[2 + me] = t.shared[other];
}`;
const BOTH_ZERO = /shared\[2\] = 0, shared\[3\] = 0/;

async function explore(page: Page, rows: number) {
  await page.getByRole('button', { name: 'Explore all interleavings' }).click();
  // The outcome table of this press: the count differs between the two models.
  await page.waitForFunction(
    (n) =>
      document.querySelectorAll('[data-testid=outcomes] tbody tr').length === n &&
      !document.querySelector('[data-testid=explore-stale]'),
    rows,
    { timeout: 30_000 },
  );
  return page.$$eval('[data-testid=outcomes] tbody tr td:first-child', (tds) =>
    tds.map((td) => (td as HTMLElement).innerText),
  );
}

describe('store-buffer mode (x86-TSO)', () => {
  it('SB: no both-zero outcome under SC; with store buffers there is one, and Step draws the buffers', async () => {
    // bypassCSP: only so axe-core can be injected (as in a11y.browser.test.ts).
    const page = await site.page({ bypassCSP: true });
    await openLesson(page, site.url, 'interleavings', {
      code: 'export default function (t: Thread) {}',
      threads: 2,
      params: { increments: 1 },
    });
    await setCode(page, SB);
    await page.getByRole('tab', { name: /Explore/ }).click();

    const sc = await explore(page, 3);
    expect(sc.some((l) => BOTH_ZERO.test(l))).toBe(false);
    await expect(page.getByTestId('memory-model').innerText()).resolves.toMatch(
      /sequential consistency/,
    );

    await page.getByRole('radio', { name: 'x86-TSO store buffers' }).check();
    await expect(page.getByTestId('tso-note').innerText()).resolves.toMatch(
      /ARM and the JavaScript memory model allow even more/,
    );
    const tso = await explore(page, 4);
    expect(tso.filter((l) => BOTH_ZERO.test(l))).toHaveLength(1);
    // Only that outcome needs the buffers, and the panel says so beside its comparison with SC.
    expect(tso.filter((l) => /only with store buffers/.test(l))).toEqual(
      tso.filter((l) => BOTH_ZERO.test(l)),
    );
    await expect(page.getByTestId('sc-comparison').innerText()).resolves.toMatch(
      /Under sequential consistency the same code reaches all but 1 of these outcomes/,
    );
    await expect(page.getByTestId('memory-model').innerText()).resolves.toMatch(
      /Assumes x86-TSO store buffers.*ARM and the JavaScript memory model allow even more/,
    );

    expect(await axe(page)).toEqual([]);
    // Its example schedule names flush moves (F0, F1) and opens in Step.
    const open = page.getByRole('button', {
      name: /reaching shared\[0\] = 1, shared\[2\] = 0, shared\[3\] = 0/,
    });
    await expect(open.innerText()).resolves.toMatch(/F[01]/);
    await open.click();
    await page.getByTestId('step-result').waitFor({ timeout: 30_000 });
    const timeline = await page.locator('.timeline').innerText();
    expect(timeline).toMatch(/store shared\[0\] = 1 \(into its store buffer\)/);
    expect(timeline).toMatch(/flush: .*reaches memory/);
    // At the end every buffer is empty; one step back, the last flush has not happened yet.
    await page.getByRole('button', { name: /Undo/ }).click();
    const flush = page.getByRole('button', { name: /^Flush T[01]$/ });
    await flush.waitFor();
    await expect(page.locator('.store-buffer').filter({ has: flush }).innerText()).resolves.toMatch(
      /Store buffer of T[01]:[\s\S]*shared\[\d\] = [01] \(oldest\)/,
    );
    expect(await axe(page)).toEqual([]);

    // A link to this schedule (one store still buffered) carries the mode: it replays to the same
    // buffers, where under SC the store would already be in memory.
    const n = await page.locator('.timeline li').count();
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.getByRole('button', { name: 'Share this schedule' }).click();
    await page.getByText(/code and schedule/).waitFor();
    const link = await page.evaluate(async () =>
      navigator.clipboard.readText().catch(() => location.href),
    );
    const other = await site.page();
    await other.goto(link);
    await other.getByRole('button', { name: `▶ Replay ${n} steps` }).click();
    await other.getByRole('button', { name: /^Flush T[01]$/ }).waitFor({ timeout: 30_000 });
    expect(await other.getByRole('radio', { name: 'x86-TSO store buffers' }).isChecked()).toBe(
      true,
    );
    await other.close();

    await flush.click();
    await page.getByTestId('step-result').waitFor();
    expect(await page.getByRole('button', { name: /^Flush T[01]$/ }).count()).toBe(0);
  });
});
