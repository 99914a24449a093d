import type { Browser, Page } from 'playwright-core';
import { onTestFinished } from 'vitest';
import { readdirSync } from 'node:fs';
import { launchChromium } from './browser.ts';
import { slugOf } from '../lessons/format.ts';
import { startStaticServer, type StaticServerOptions } from './server.ts';

export interface Site {
  url: string;
  browser: Browser;
  /** A fresh page; every request it makes is recorded in `requests`. */
  page(options?: {
    width?: number;
    height?: number;
    reducedMotion?: boolean;
    bypassCSP?: boolean;
    /** Let the site install its service worker (default: only where the host sends no headers). */
    serviceWorker?: boolean;
    /** Keep the page open after the test that made it (a page shared by several tests). */
    keep?: boolean;
  }): Promise<SitePage>;
  close(): Promise<void>;
}

export type SitePage = Page & {
  requested: string[];
  errors: string[];
  /**
   * Waits until no request has started or ended for `quietMs` (at most `timeoutMs`). Playwright's
   * 'networkidle' counts requests in flight, and it can miss the end of a worker's request made in
   * the sandboxed pool frame (its own process): it then never reports idle.
   */
  settle(quietMs?: number, timeoutMs?: number): Promise<void>;
};

/** The built site (dist/) on a plain static server, and a Chromium to look at it. */
export async function openSite(
  options: Partial<StaticServerOptions> & { chromiumArgs?: string[] } = {},
): Promise<Site> {
  const { chromiumArgs, ...serverOptions } = options;
  const server = await startStaticServer({ root: 'dist', ...serverOptions });
  const browser = await launchChromium(chromiumArgs);
  return {
    url: server.url,
    browser,
    async page(o = {}) {
      const context = await browser.newContext({
        viewport: { width: o.width ?? 1280, height: o.height ?? 800 },
        reducedMotion: o.reducedMotion ? 'reduce' : 'no-preference',
        // Only for injecting axe-core: the site's CSP (rightly) refuses inline scripts.
        bypassCSP: o.bypassCSP ?? false,
        // The worker precaches the whole build (~13 MB) in the background of every fresh context:
        // load that timing-sensitive tests need not carry. tests/offline.browser.test.ts covers it.
        serviceWorkers: (o.serviceWorker ?? options.headers === false) ? 'allow' : 'block',
      });
      // A page lives as long as the test that made it: left open, its runs, checks and Monaco kept
      // using the 2 cores through every later test of the file.
      if (!o.keep) {
        try {
          onTestFinished(() => context.close().catch(() => undefined));
        } catch {
          // Made in a hook, not a test: it lives until the site closes.
        }
      }
      const page = (await context.newPage()) as SitePage;
      page.requested = [];
      page.errors = [];
      let lastActivity = Date.now();
      page.on('request', (r) => {
        lastActivity = Date.now();
        page.requested.push(r.url());
      });
      page.on('requestfinished', () => (lastActivity = Date.now()));
      page.on('requestfailed', () => (lastActivity = Date.now()));
      page.settle = async (quietMs = 1000, timeoutMs = 30_000) => {
        const deadline = Date.now() + timeoutMs;
        while (Date.now() - lastActivity < quietMs && Date.now() < deadline)
          await new Promise((r) => setTimeout(r, 100));
      };
      page.on('pageerror', (e) => page.errors.push(e.message));
      return page;
    },
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/** Stores a lesson's code and settings the way the app saves them, then opens the lesson. */
export async function openLesson(
  page: Page,
  siteUrl: string,
  slug: string,
  saved?: { code: string; threads: number; params: Record<string, number> },
): Promise<void> {
  await page.goto(siteUrl);
  await page.evaluate(
    ([key, value]) => {
      localStorage.clear();
      if (value) localStorage.setItem(key, value);
    },
    [`interleave:v1:lesson:${slug}`, saved ? JSON.stringify(saved) : ''] as const,
  );
  await page.goto(`${siteUrl}#/${slug}`);
  await page.reload();
  await page.getByRole('heading', { level: 1 }).waitFor();
}

/** Presses Check and waits until every check has finished; returns each row's state and text. */
export async function runChecks(page: Page): Promise<Array<{ state: string; text: string }>> {
  const checks = page.getByTestId('checks');
  const before = (await checks.count()) ? Number(await checks.getAttribute('data-round')) : 0;
  await page.getByRole('button', { name: /Check$/ }).click();
  // Wait for this press's round to end (the rows of the previous press look finished too).
  await page.waitForFunction(
    (round) => {
      const section = document.querySelector('[data-testid=checks]');
      const rows = [...(section?.querySelectorAll('[data-state]') ?? [])];
      return (
        Number(section?.getAttribute('data-round')) > round &&
        section?.getAttribute('aria-busy') === 'false' &&
        rows.length > 0 &&
        rows.every((r) =>
          ['pass', 'fail', 'inconclusive'].includes(r.getAttribute('data-state') ?? ''),
        )
      );
    },
    before,
    { timeout: 110_000 },
  );
  return page.$$eval('[data-testid=checks] [data-state]', (rows) =>
    rows.map((r) => ({
      state: r.getAttribute('data-state') ?? '',
      text: (r as HTMLElement).innerText,
    })),
  );
}

/**
 * Replaces the editor's code as a learner pasting it would (no reload: the same page and workers),
 * and waits until the editor shows it.
 */
export async function setCode(page: Page, code: string): Promise<void> {
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+a');
  // A paste, not typing: typing would meet the editor's auto-closing brackets and indentation.
  await page.evaluate((text) => {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    document.activeElement!.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
    );
  }, code);
  // The longest line is the telling one (the editor renders lines without their newlines).
  const line = code
    .split('\n')
    .map((l) => l.trim())
    .reduce((a, b) => (b.length > a.length ? b : a), '');
  await page.waitForFunction(
    (line) =>
      (document.querySelector('.monaco-editor .view-lines')?.textContent ?? '')
        .replace(/\u00a0/g, ' ')
        .includes(line),
    line,
  );
}

/** Clicks Run and waits for the run to finish (the button's label goes back to "Run"). */
export async function run(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^(▶ Run|Running…)$/ }).click();
  await page.getByRole('button', { name: '▶ Run' }).waitFor({ timeout: 60_000 });
  await page.waitForFunction(
    () => !document.querySelector('.toolbar .primary')?.hasAttribute('disabled'),
  );
}

/** How long the page takes to handle a click now (a busy main thread would show here). */
export function clickLatency(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const b = document.createElement('button');
        document.body.append(b);
        const t0 = performance.now();
        b.addEventListener('click', () => {
          b.remove();
          resolve(performance.now() - t0);
        });
        setTimeout(() => b.click(), 0);
      }),
  );
}

/**
 * The median of three click latencies taken back to back: a page that is blocked blocks all three,
 * while one spike from this shared 2-core machine does not fail a test.
 */
export async function responsiveness(page: Page): Promise<number> {
  const samples = [await clickLatency(page), await clickLatency(page), await clickLatency(page)];
  return samples.sort((a, b) => a - b)[1];
}

/** Every lesson's slug, from the lesson folders: a new lesson is picked up by every test using it. */
export function lessonSlugs(): string[] {
  // LESSONS=a,b narrows the lesson-walking tests while one lesson is being written.
  const only = process.env.LESSONS?.split(',').filter(Boolean);
  return readdirSync('lessons', { withFileTypes: true })
    .filter((d) => d.isDirectory() && slugOf(d.name))
    .map((d) => slugOf(d.name)!.slug)
    .filter((slug) => !only || only.includes(slug));
}
