import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from './browser.ts';
import { startStaticServer } from './server.ts';

const BASE = '/course/interleave/';
const HERO = 'See concurrency happen.';
const NEW_HERO = 'See concurrency happen, in the new version.';

type Served = Awaited<ReturnType<typeof startStaticServer>>;

/** Stops the server for good: no request reaches it any more, as with no network at all. */
async function pullThePlug(server: Served) {
  const closed = server.close();
  server.server.closeAllConnections();
  await closed;
}

/**
 * Runs `wait` on the page, again if a navigation cut it short: where the host sends no headers the
 * page reloads itself once the service worker controls it, to become cross-origin isolated.
 */
async function acrossReload(page: Page, wait: () => Promise<unknown>): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await page.waitForLoadState('load');
      await wait();
      return;
    } catch (e) {
      if (attempt >= 3 || !/context was destroyed|navigat/i.test(String(e))) throw e;
    }
  }
}

/** Waits until the service worker is active and controls the page (the whole build precached). */
async function controlled(page: Page) {
  await acrossReload(page, async () => {
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, {
      timeout: 60_000,
    });
  });
}

/** Waits until every file the served service worker lists is in its cache (filled in the background). */
async function precached(page: Page, root: string) {
  const manifest = [...readFileSync(join(root, 'sw.js'), 'utf8').matchAll(/"url":"([^"]+)"/g)].map(
    (m) => `${BASE}${m[1]}`,
  );
  expect(manifest.length).toBeGreaterThan(10);
  await expect
    .poll(
      async () => {
        const have = new Set((await cachedUrls(page)).map((u) => new URL(u).pathname));
        return manifest.filter((p) => !have.has(p));
      },
      { timeout: 90_000, interval: 250 },
    )
    .toEqual([]);
}

/** The precached URLs, as the page sees them. */
function cachedUrls(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const urls: string[] = [];
    for (const name of await caches.keys())
      for (const r of await (await caches.open(name)).keys()) urls.push(r.url);
    return urls;
  });
}

/** Opens the race lesson, waits for the editor, presses Run and waits for its result. */
async function runRaceLesson(page: Page, url: string) {
  await page.goto(`${url}#/race-conditions`);
  await page.getByRole('heading', { name: 'Race conditions', level: 1 }).waitFor();
  await page.locator('.monaco-editor').waitFor({ timeout: 60_000 });
  await page.getByRole('button', { name: '▶ Run' }).click();
  await page
    .getByTestId('console')
    .getByText(/Finished in \d+ ms/)
    .waitFor({ timeout: 60_000 });
}

describe.each([
  ['a host that sends the headers', true],
  ['a host that sends no headers (GitHub Pages)', false],
])('offline, on %s', (_, headers) => {
  let browser: Browser;
  let server: Served;
  beforeAll(async () => {
    server = await startStaticServer({ root: 'dist', base: BASE, headers });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser.close();
    await server.close();
  });

  it('after one visit, a reload with no network shows the lessons and the editor, and runs code on real threads', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(server.url);
    await page.getByText(HERO).waitFor();
    await controlled(page);
    await acrossReload(page, () =>
      page.waitForFunction(() => crossOriginIsolated === true, null, { timeout: 30_000 }),
    );
    await precached(page, 'dist');

    const seen = server.requests.length;
    await pullThePlug(server);
    await context.setOffline(true);
    await page.reload();
    await page.locator('.lesson-card').first().waitFor();
    expect(await page.locator('.lesson-card').count()).toBeGreaterThanOrEqual(4);
    await runRaceLesson(page, server.url);
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    await page.getByRole('status').filter({ hasText: 'Real threads' }).waitFor();
    expect(server.requests.length).toBe(seen);
    expect(errors).toEqual([]);
    await context.close();
  });
});

/**
 * A second deploy of the site, made from dist/ as a build would make it: the entry chunk has new
 * content under a new hashed name, index.html points at it, and the service worker's precache
 * manifest lists the new name and index.html's new revision.
 */
function secondDeploy(dir: string) {
  cpSync('dist', dir, { recursive: true });
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const entry = /assets\/(main-[\w-]+)\.js/.exec(html)?.[1];
  if (!entry) throw new Error('no entry chunk in index.html');
  const renamed = `${entry}v2`;
  const code = readFileSync(join(dir, 'assets', `${entry}.js`), 'utf8');
  if (!code.includes(HERO)) throw new Error('the hero text is not in the entry chunk');
  writeFileSync(join(dir, 'assets', `${renamed}.js`), code.replace(HERO, NEW_HERO));
  rmSync(join(dir, 'assets', `${entry}.js`));
  const texts = [
    'index.html',
    'sw.js',
    ...readdirSync(join(dir, 'assets'))
      .filter((f) => f.endsWith('.js'))
      .map((f) => `assets/${f}`),
  ];
  for (const f of texts) {
    const p = join(dir, f);
    const text = readFileSync(p, 'utf8');
    if (text.includes(`${entry}.js`))
      writeFileSync(p, text.split(`${entry}.js`).join(`${renamed}.js`));
  }
  const sw = readFileSync(join(dir, 'sw.js'), 'utf8');
  const revised = sw.replace(
    /("revision":")[0-9a-f]+(","url":"index\.html")/,
    '$1000000000000000000000000000000002$2',
  );
  if (revised === sw) throw new Error('index.html is not in the precache manifest');
  writeFileSync(join(dir, 'sw.js'), revised);
  return { oldEntry: `${entry}.js`, newEntry: `${renamed}.js` };
}

describe('a new deploy', () => {
  let browser: Browser;
  let server: Served;
  let tmp: string;
  let live: string;
  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'interleave-deploy-'));
    live = join(tmp, 'live');
    cpSync('dist', live, { recursive: true });
    server = await startStaticServer({ root: live, base: BASE });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser.close();
    await server.close().catch(() => {});
    rmSync(tmp, { recursive: true, force: true });
  });

  it('shows on the next visit, replaces the old cached version, and works offline', async () => {
    const context: BrowserContext = await browser.newContext();
    const first = await context.newPage();
    await first.goto(server.url);
    await first.getByText(HERO).waitFor();
    await controlled(first);
    await precached(first, live);
    await first.close();

    // Deploy: the host now serves only the new files.
    const next = join(tmp, 'next');
    const { oldEntry, newEntry } = secondDeploy(next);
    rmSync(live, { recursive: true });
    cpSync(next, live, { recursive: true });

    const page = await context.newPage();
    await page.goto(server.url);
    await page.getByText(NEW_HERO).waitFor({ timeout: 30_000 });
    // The new worker takes over and drops the old files: nothing old is left to be served.
    await expect
      .poll(
        async () => {
          const urls = await cachedUrls(page);
          return urls.some((u) => u.endsWith(newEntry)) && !urls.some((u) => u.endsWith(oldEntry));
        },
        { timeout: 60_000, interval: 250 },
      )
      .toBe(true);
    await precached(page, live);

    await pullThePlug(server);
    await context.setOffline(true);
    await page.reload();
    await page.getByText(NEW_HERO).waitFor();
    await context.close();
  });
});
