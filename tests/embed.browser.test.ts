import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { openSite, type Site } from './site.ts';
import type { EmbedEvent } from '../app/embed/events.ts';

/** A share link's payload, made as the app makes it (deflate-raw, base64url). */
const shareLink = (code: string) =>
  deflateRawSync(Buffer.from(JSON.stringify({ code })))
    .toString('base64')
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

const solution = readFileSync('lessons/01-race-conditions/solution.ts', 'utf8');

/**
 * A course page on another origin (another port), not isolated, that frames a lesson and keeps
 * every message that comes from Interleave's origin, the way the README's host example does.
 */
async function hostPage(src: string, interleaveOrigin: string) {
  const html = `<!doctype html><html lang="en"><title>Week 3</title>
<h1>Week 3: races</h1>
<iframe src="${src}" title="Interleave: Race conditions (code)" width="1100" height="760"
  allow="cross-origin-isolated; clipboard-write"></iframe>
<script>
  window.received = [];
  window.foreign = 0;
  window.addEventListener('message', (e) => {
    if (e.origin !== ${JSON.stringify(interleaveOrigin)}) { window.foreign++; return; }
    if (e.data && e.data.source === 'interleave') window.received.push(e.data);
  });
</script></html>`;
  const server = createServer((_, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(html);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

const received = (page: Page) =>
  page.evaluate(() => (window as unknown as { received: EmbedEvent[] }).received);

async function waitForEvent(page: Page, type: EmbedEvent['type'], count = 1) {
  await page.waitForFunction(
    ([t, n]) =>
      (window as unknown as { received: Array<{ type: string }> }).received.filter(
        (e) => e.type === t,
      ).length >= n,
    [type, count] as const,
    { timeout: 110_000 },
  );
}

describe('a lesson embedded in a course page on another origin', () => {
  let site: Site;
  let host: { url: string; close(): Promise<void> };
  beforeAll(async () => {
    site = await openSite();
    const src = `${site.url}#/race-conditions?embed=code&code=${shareLink(solution)}`;
    host = await hostPage(src, new URL(site.url).origin);
  });
  afterAll(async () => {
    await host.close();
    await site.close();
  });

  it('shows only the code, and tells the host: ready, run finished, check passed, completed', async () => {
    const page = await site.page();
    await page.goto(host.url);
    expect(new URL(host.url).origin).not.toBe(new URL(site.url).origin);
    const frame = page.frameLocator('iframe');
    await waitForEvent(page, 'ready');
    // Code only, no site chrome: no lesson list, no simulation tabs; one way out to the full lesson.
    await frame.getByRole('heading', { name: 'Your code' }).waitFor();
    await frame.locator('.monaco-editor').waitFor({ timeout: 60_000 });
    expect(await frame.getByRole('navigation', { name: 'Lessons' }).count()).toBe(0);
    expect(await frame.getByRole('tablist').count()).toBe(0);
    expect(await frame.locator('section.panel.sim').count()).toBe(0);
    // The shared link's code is in the editor, and the embed view survived opening it.
    await frame.getByTestId('link-notice').waitFor();
    const open = frame.getByRole('link', { name: /Open in Interleave/ });
    expect(await open.getAttribute('target')).toBe('_blank');
    await expect
      .poll(async () => (await open.getAttribute('href')) ?? '', { timeout: 10_000 })
      .toMatch(/#\/race-conditions\?code=/);
    const child = page.frames().find((f) => f !== page.mainFrame())!;
    expect(child.url()).toContain('embed=code');
    // The frame is isolated by Document-Isolation-Policy in Chromium, the host is not.
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(false);
    expect(await child.evaluate(() => crossOriginIsolated)).toBe(true);

    await frame.getByRole('button', { name: '▶ Run' }).click();
    await waitForEvent(page, 'run-finished');
    await frame.getByRole('button', { name: /Check$/ }).click();
    await waitForEvent(page, 'lesson-completed');

    const events = await received(page);
    expect(events.map((e) => e.type)).toEqual([
      'ready',
      'run-finished',
      'check-finished',
      'lesson-completed',
    ]);
    for (const e of events) {
      expect(e.source).toBe('interleave');
      expect(e.version).toBe(1);
      expect(e.lesson).toBe('race-conditions');
    }
    const [ready, run, check, done] = events;
    expect(ready).toMatchObject({ type: 'ready', panes: 'code', transport: 'shared' });
    if (run.type !== 'run-finished') throw new Error('not a run');
    // The solution loses nothing: the counter is threads × increments.
    expect(run).toMatchObject({ status: 'ok', run: 1, threads: 2 });
    expect(run.result?.shared[0]).toBe(run.threads * run.params.increments);
    expect(run.result?.transport).toBe('shared');
    expect(check).toMatchObject({ type: 'check-finished', outcome: 'passed', failed: 0 });
    if (check.type !== 'check-finished') throw new Error('not a check');
    expect(check.passed).toBe(check.total);
    expect(check.total).toBeGreaterThan(0);
    expect(done).toMatchObject({ type: 'lesson-completed', firstTime: true });
    expect(await page.evaluate(() => (window as unknown as { foreign: number }).foreign)).toBe(0);
    expect(page.errors).toEqual([]);
  });

  it('a failing Check says so, with the counts', async () => {
    const page = await site.page();
    const starter = readFileSync('lessons/01-race-conditions/starter.ts', 'utf8');
    await page.goto(host.url);
    // Same host, the starter's code this time (a second frame, added by the host page's script).
    await page.evaluate(
      (src) => {
        document.querySelector('iframe')!.remove();
        const f = document.createElement('iframe');
        f.title = 'Interleave';
        f.width = '1100';
        f.height = '760';
        f.src = src;
        document.body.append(f);
      },
      `${site.url}#/race-conditions?embed=code&code=${shareLink(starter)}`,
    );
    await page.waitForFunction(() =>
      (window as unknown as { received: Array<{ type: string }> }).received.some(
        (e) => e.type === 'ready',
      ),
    );
    const frame = page.frameLocator('iframe');
    await frame.locator('.monaco-editor').waitFor({ timeout: 60_000 });
    await frame.getByRole('button', { name: /Check$/ }).click();
    await waitForEvent(page, 'check-finished');
    const check = (await received(page)).find((e) => e.type === 'check-finished');
    expect(check).toMatchObject({ outcome: 'failed', version: 1 });
    if (check?.type !== 'check-finished') throw new Error('not a check');
    expect(check.failed).toBeGreaterThan(0);
    expect((await received(page)).some((e) => e.type === 'lesson-completed')).toBe(false);
  });
});

describe('embedded from a host with no headers (as in Firefox and Safari)', () => {
  let site: Site;
  let host: { url: string; close(): Promise<void> };
  beforeAll(async () => {
    site = await openSite({ headers: false });
    host = await hostPage(`${site.url}#/race-conditions?embed=code`, new URL(site.url).origin);
  });
  afterAll(async () => {
    await host.close();
    await site.close();
  });

  it('says ready on simulated threads, says so in the frame, and links to the full lesson', async () => {
    const page = await site.page();
    await page.goto(host.url);
    await waitForEvent(page, 'ready');
    const [ready] = await received(page);
    expect(ready).toMatchObject({
      type: 'ready',
      version: 1,
      panes: 'code',
      transport: 'simulated',
    });
    const frame = page.frameLocator('iframe');
    await frame.getByText('Simulated threads.').waitFor();
    const open = frame.getByRole('link', { name: /Open in Interleave/ });
    expect(await open.getAttribute('href')).toBe(`${site.url}#/race-conditions`);
    expect(await open.getAttribute('target')).toBe('_blank');
  });
});

describe('the Embed dialog', () => {
  let site: Site;
  beforeAll(async () => {
    site = await openSite();
  });
  afterAll(() => site.close());

  const focused = (page: Page) =>
    page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return {
        tag: el?.tagName ?? '',
        name: (el?.getAttribute('aria-label') ?? el?.innerText ?? '').trim(),
        inDialog: !!el?.closest('dialog'),
      };
    });

  it('makes the snippet, copies it, previews it, and works from the keyboard', async () => {
    const page = await site.page();
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: new URL(site.url).origin,
    });
    await page.goto(`${site.url}#/race-conditions`);
    const button = page.getByRole('button', { name: 'Embed', exact: true });
    await button.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Embed “Race conditions”' });
    await dialog.waitFor();
    // Focus starts inside, on Close.
    expect(await focused(page)).toMatchObject({ tag: 'BUTTON', name: 'Close', inDialog: true });

    // Choose "Code only" and a small size with the keyboard (arrow keys move within a radio group).
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ tag: 'INPUT', inDialog: true });
    await page.keyboard.press('ArrowDown');
    await expect
      .poll(() => dialog.getByRole('radio', { name: 'Code only' }).isChecked())
      .toBe(true);
    await dialog.getByRole('radio', { name: /^Small/ }).check();
    const snippet = await dialog.getByTestId('embed-snippet').inputValue();
    const src = `${site.url}#/race-conditions?embed=code`;
    expect(snippet).toContain(`<iframe src="${src}"`);
    expect(snippet).toContain('title="Interleave: Race conditions (code)"');
    expect(snippet).toContain('allow="cross-origin-isolated; clipboard-write"');
    expect(snippet).toMatch(/width="640" height="\d+"/);

    // Copy puts exactly the snippet on the clipboard, and says so.
    await dialog.getByRole('button', { name: 'Copy HTML' }).click();
    await dialog.getByText('Copied to the clipboard.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(snippet);

    // The live preview is the frame itself, in its embed view.
    const preview = dialog.locator('iframe');
    expect(await preview.getAttribute('src')).toBe(src);
    await page
      .frameLocator('dialog iframe')
      .getByRole('heading', { name: 'Your code' })
      .waitFor({ timeout: 60_000 });
    expect(await page.frameLocator('dialog iframe').getByRole('tablist').count()).toBe(0);

    // Focus stays in the dialog: Tab from Close walks the dialog, Shift+Tab from Close wraps.
    await dialog.getByRole('button', { name: 'Close' }).focus();
    for (let i = 0; i < 5; i++) {
      await page.keyboard.press('Tab');
      expect((await focused(page)).inDialog, `Tab ${i + 1}`).toBe(true);
    }
    await dialog.getByRole('button', { name: 'Close' }).focus();
    await page.keyboard.press('Shift+Tab');
    expect(await focused(page)).toMatchObject({ tag: 'IFRAME', inDialog: true });
    // The page behind is inert while the dialog is open.
    expect(await page.evaluate(() => document.querySelector('dialog')!.matches(':modal'))).toBe(
      true,
    );
    expect(
      await page.evaluate(() => {
        const brand = document.querySelector<HTMLElement>('.brand')!;
        brand.focus();
        return document.activeElement === brand;
      }),
    ).toBe(false);

    // Escape closes it and gives focus back to the Embed button.
    await dialog.getByRole('button', { name: 'Copy HTML' }).focus();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await focused(page)).toMatchObject({ tag: 'BUTTON', name: 'Embed' });
    expect(page.errors).toEqual([]);
  });
});

describe('the teachers page', () => {
  let site: Site;
  beforeAll(async () => {
    site = await openSite();
  });
  afterAll(() => site.close());

  it('is linked from the home page and lists every lesson with its snippet and SCORM package', async () => {
    const page = await site.page();
    await page.goto(site.url);
    await page.getByRole('link', { name: 'For teachers' }).click();
    await page.getByRole('heading', { name: 'For teachers', level: 1 }).waitFor();
    const titles = await page.locator('.teacher-lesson h3').allInnerTexts();
    const nav = await page.locator('nav[aria-label=Lessons] li a').allInnerTexts();
    expect(titles.length).toBe(nav.length);
    expect(titles[0]).toBe(`1. ${nav[0]}`);
    const race = page.locator('.teacher-lesson').filter({ hasText: 'Race conditions' }).first();
    expect(await race.locator('textarea').inputValue()).toContain(
      `src="${site.url}#/race-conditions?embed=both"`,
    );
    expect(await race.getByRole('link', { name: /SCORM 1\.2 package/ }).getAttribute('href')).toBe(
      'scorm/race-conditions.zip',
    );
    expect(
      await page.getByRole('link', { name: 'interleave-course.zip' }).getAttribute('href'),
    ).toBe('scorm/interleave-course.zip');
    // Prerequisites name other lessons; the table says where threads are real.
    await page
      .locator('.teacher-lesson')
      .filter({ hasText: 'Interleavings' })
      .getByRole('link', { name: 'Race conditions' })
      .waitFor();
    const table = page.getByRole('table', { name: 'Where threads are real' });
    await table.getByRole('rowheader', { name: /inside an LMS/ }).waitFor();
    expect(await table.getByText('Real, through Document-Isolation-Policy').count()).toBe(2);
  });
});
