import { afterAll, beforeAll, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import type { Browser } from 'playwright-core';
import { launchChromium } from './browser.ts';
import { slugOf } from '../lessons/format.ts';

// The README's first command, as a newcomer runs it: `npm start` (scripts/start.mjs) serves the dev
// server. Every other browser test uses the built site, which once hid a dev server that answered
// 500 for the lesson list and showed a blank app. `--force` makes Vite ignore its dependency cache,
// as on a fresh clone.
const lessons = readdirSync('lessons', { withFileTypes: true })
  .filter((d) => d.isDirectory() && slugOf(d.name))
  .map((d) => slugOf(d.name)!);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

let server: ChildProcess;
let url: string;
let browser: Browser;
let log = '';

beforeAll(async () => {
  const port = await freePort();
  url = `http://localhost:${port}/`;
  server = spawn(
    process.execPath,
    ['scripts/start.mjs', '--port', String(port), '--strictPort', '--force'],
    // NO_COLOR: under CI=true Vite colours its output, and the port would sit inside escape codes.
    { env: { ...process.env, BROWSER: 'none', NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      // eslint-disable-next-line no-control-regex
      log += chunk.toString().replace(/\x1b\[[0-9;]*m/g, '');
      if (log.includes(`localhost:${port}`)) resolve();
    };
    server.stdout!.on('data', onData);
    server.stderr!.on('data', onData);
    server.once('exit', (code) => reject(new Error(`npm start exited (${code}):\n${log}`)));
  });
  await ready;
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  server?.kill('SIGTERM');
});

it('`npm start` serves an isolated app in which every lesson opens with no error', async () => {
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
  });
  await page.goto(url);
  await page.locator('.lesson-card').first().waitFor({ timeout: 60_000 });
  expect(await page.locator('.lesson-card').count()).toBe(lessons.length);
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  for (const { slug } of lessons) {
    await page.goto(`${url}#/${slug}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    // The editor is the heaviest lazy piece (Monaco and its TypeScript worker): it must load too.
    await page.locator('.monaco-editor').first().waitFor({ timeout: 60_000 });
    expect(await page.locator('vite-error-overlay').count()).toBe(0);
  }
  expect(problems, log).toEqual([]);
});
