import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { openSite, type Site } from './site.ts';

const BASE = '/course/interleave/';

describe('served from a subpath by a plain static server with the headers', () => {
  let site: Site;
  beforeAll(async () => {
    site = await openSite({ base: BASE });
  });
  afterAll(() => site.close());

  it('every route and deep link works, also after a reload', async () => {
    const page = await site.page();
    await page.goto(site.url);
    await page
      .getByRole('link', { name: /Race conditions/ })
      .first()
      .click();
    await page.getByRole('heading', { name: 'Race conditions', level: 1 }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Race conditions', level: 1 }).waitFor();
    const deep = await site.page();
    await deep.goto(`${site.url}#/race-conditions`);
    await deep.getByRole('heading', { name: 'Race conditions', level: 1 }).waitFor();
    expect(await deep.evaluate(() => crossOriginIsolated)).toBe(true);
    await deep.goto(`${site.url}#/no-such-lesson`);
    await deep.getByRole('heading', { name: /No lesson called/ }).waitFor();
  });

  it('the first page loads no Monaco, no chart library and under 250 KB of gzipped JS; nothing is requested from another origin', async () => {
    const page = await site.page();
    await page.goto(site.url);
    await page.locator('.lesson-card').first().waitFor();
    await page.settle();
    const js = page.requested.filter((u) => u.endsWith('.js'));
    expect(js.some((u) => /editor|monaco|ts\.worker/i.test(u))).toBe(false);
    const bytes = js.reduce(
      (s, u) => s + gzipSync(readFileSync(`dist/${new URL(u).pathname.slice(BASE.length)}`)).length,
      0,
    );
    expect(bytes).toBeLessThan(250_000);
    // Charts come with the simulations that draw them, not with the lesson list.
    const files = js.map((u) =>
      readFileSync(`dist/${new URL(u).pathname.slice(BASE.length)}`, 'utf8'),
    );
    expect(files.some((text) => text.includes('recharts-wrapper'))).toBe(false);
    // Open a lesson so the editor and its workers load too.
    await page.goto(`${site.url}#/race-conditions`);
    await page.locator('.monaco-editor').waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: '▶ Run' }).click();
    await page.getByTestId('actual').waitFor({ timeout: 60_000 });
    await page.settle();
    const origin = new URL(site.url).origin;
    expect(
      page.requested.filter(
        (u) => !u.startsWith(origin) && !u.startsWith('blob:') && !u.startsWith('data:'),
      ),
    ).toEqual([]);
  });
});

describe('a host that sends no headers (GitHub Pages)', () => {
  let site: Site;
  beforeAll(async () => {
    site = await openSite({ base: BASE, headers: false });
  });
  afterAll(() => site.close());

  it('the service worker isolates the page after at most one reload, and never loops', async () => {
    const page = await site.page();
    let navigations = 0;
    page.on('framenavigated', (f) => {
      if (f === page.mainFrame()) navigations++;
    });
    await page.goto(`${site.url}#/race-conditions`);
    await page.waitForFunction(() => crossOriginIsolated === true, null, { timeout: 30_000 });
    await page.getByRole('heading', { name: 'Race conditions', level: 1 }).waitFor();
    expect(navigations).toBeLessThanOrEqual(2);
    const before = navigations;
    await page.getByRole('button', { name: '▶ Run' }).click();
    await page.getByTestId('actual').waitFor({ timeout: 60_000 });
    expect(navigations).toBe(before);
    expect(await page.getByRole('status').filter({ hasText: 'Real threads' }).count()).toBe(1);
  });
});

/** A classroom page on another origin (another port) with no isolation headers, embedding the app. */
async function classroomPage(site: Site) {
  const server = createServer((_, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end(
      `<!doctype html><title>Class</title><h1>Week 3</h1><iframe title="Interleave" src="${site.url}#/race-conditions" width="1200" height="800"></iframe>`,
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

describe('embedded in a classroom page that is not isolated', () => {
  let site: Site;
  let parent: { url: string; close(): Promise<void> };
  beforeAll(async () => {
    site = await openSite({ base: BASE });
    parent = await classroomPage(site);
  });
  afterAll(async () => {
    await parent.close();
    await site.close();
  });

  it('the frame is isolated by Document-Isolation-Policy and runs real threads', async () => {
    const page = await site.page();
    await page.goto(parent.url);
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(false);
    const frame = page.frameLocator('iframe');
    await frame.getByRole('heading', { name: 'Race conditions', level: 1 }).waitFor();
    await frame.getByRole('button', { name: '▶ Run' }).click();
    await frame.getByTestId('actual').waitFor({ timeout: 60_000 });
    const child = page.frames().find((f) => f !== page.mainFrame())!;
    expect(await child.evaluate(() => crossOriginIsolated)).toBe(true);
  });
});

describe('embedded from a host with no headers in a page that is not isolated (as in Firefox/Safari)', () => {
  let site: Site;
  let parent: { url: string; close(): Promise<void> };
  beforeAll(async () => {
    site = await openSite({ base: BASE, headers: false });
    parent = await classroomPage(site);
  });
  afterAll(async () => {
    await parent.close();
    await site.close();
  });

  it('runs on simulated threads, says so, offers a new tab, and the race still loses updates', async () => {
    const page = await site.page();
    await page.goto(parent.url);
    const frame = page.frameLocator('iframe');
    await frame.getByRole('heading', { name: 'Race conditions', level: 1 }).waitFor();
    await frame.getByText('Simulated threads.').waitFor();
    await frame.getByRole('link', { name: 'Open in new tab' }).waitFor();
    let lost = 0;
    for (let i = 0; i < 3 && lost === 0; i++) {
      await frame.getByRole('button', { name: '▶ Run' }).click();
      await frame.getByRole('button', { name: '▶ Run' }).waitFor({ timeout: 60_000 });
      await frame.getByTestId('actual').waitFor({ timeout: 60_000 });
      const expected = Number((await frame.getByTestId('expected').innerText()).replace(/\D/g, ''));
      const actual = Number((await frame.getByTestId('actual').innerText()).replace(/\D/g, ''));
      lost = expected - actual;
    }
    expect(lost).toBeGreaterThan(0);
    await expect(frame.locator('.lane-time').first().innerText()).resolves.toMatch(/steps/);
  });
});
