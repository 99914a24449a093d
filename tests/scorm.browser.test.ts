import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { unzipSync } from 'fflate';
import type { Browser, Frame, Page } from 'playwright-core';
import { launchChromium } from './browser.ts';
import { startStaticServer } from './server.ts';
import { runChecks } from './site.ts';
import { axe } from './axe.ts';

/**
 * A built lesson package in a real SCORM 1.2 runtime: an "LMS" page that sets `window.API` to
 * scorm-again's Scorm12API and opens the package's launch file in an iframe, as an LMS does. The
 * LMS sends no isolation headers (none do), so the lesson runs on simulated threads.
 */
const SLUG = 'race-conditions';

/** The host page: `#<json>` carries the cmi data of an earlier session (a relaunch). */
const HOST = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>LMS</title>
<script src="scorm12.min.js"></script>
<script>
  const earlier = location.hash.length > 1 ? JSON.parse(decodeURIComponent(location.hash.slice(1))) : null;
  window.API = new Scorm12API({ autocommit: false, logLevel: 5 });
  if (earlier) window.API.loadFromJSON(earlier);
  window.lmsLog = [];
  for (const name of ['LMSInitialize', 'LMSCommit', 'LMSFinish'])
    window.API.on(name, () => window.lmsLog.push(name));
  window.API.on('LMSSetValue.cmi.*', (element, value) => window.lmsLog.push(element + '=' + value));
</script></head>
<body><iframe id="sco" title="Lesson" style="width: 1260px; height: 760px"></iframe>
<script>document.getElementById('sco').src = new URLSearchParams(location.search).get('sco');</script>
</body></html>`;

let dir: string;
let server: Awaited<ReturnType<typeof startStaticServer>>;
let browser: Browser;
let launch: string;
let courseLaunch: string;

/** Unzips a built package into a served folder, as an LMS does; returns its launch file. */
function unpack(zip: string, folder: string): string {
  const files = unzipSync(readFileSync(`dist/scorm/${zip}`));
  for (const [name, bytes] of Object.entries(files)) {
    const path = join(dir, folder, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, bytes);
  }
  // The launch file is the one the manifest names, as an LMS reads it.
  const manifest = new TextDecoder().decode(files['imsmanifest.xml']);
  return /adlcp:scormtype="sco"\s+href="([^"]+)"/.exec(manifest)![1];
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'interleave-scorm-'));
  launch = unpack(`${SLUG}.zip`, 'pkg');
  courseLaunch = unpack('interleave-course.zip', 'course');
  copyFileSync('node_modules/scorm-again/dist/scorm12.min.js', join(dir, 'scorm12.min.js'));
  writeFileSync(join(dir, 'host.html'), HOST);
  server = await startStaticServer({ root: dir, headers: false });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function openLms(
  earlier?: unknown,
  sco = `pkg/${launch}`,
  heading: string | RegExp = 'Race conditions',
): Promise<{ page: Page; frame: Frame }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const hash = earlier ? `#${encodeURIComponent(JSON.stringify(earlier))}` : '';
  await page.goto(`${server.url}host.html?sco=${encodeURIComponent(sco)}${hash}`);
  const frame = page.frameLocator('#sco');
  await frame.getByRole('heading', { name: heading, level: 1 }).waitFor();
  return { page, frame: (await (await page.$('#sco'))!.contentFrame())! };
}

const cmi = (page: Page, path: string) =>
  page.evaluate(
    (p) =>
      p
        .split('.')
        .reduce<unknown>(
          (o, k) => (o as Record<string, unknown>)[k],
          (window as unknown as { API: { cmi: unknown } }).API.cmi,
        ) as string,
    path,
  );
const log = (page: Page) =>
  page.evaluate(() => (window as unknown as { lmsLog: string[] }).lmsLog.slice());

describe('a lesson package in a SCORM 1.2 runtime (scorm-again)', () => {
  it('reports incomplete at launch, passed with a score after Check, and keeps the code across a relaunch', async () => {
    expect(launch).toBe('scorm.html');
    const { page, frame } = await openLms();
    // Launch: initialised, incomplete, committed; the learner sees no saving problem.
    await page.waitForFunction(() =>
      (window as unknown as { lmsLog: string[] }).lmsLog.includes('LMSCommit'),
    );
    expect(await cmi(page, 'core.lesson_status')).toBe('incomplete');
    expect((await log(page)).slice(0, 2)).toEqual([
      'LMSInitialize',
      'cmi.core.lesson_status=incomplete',
    ]);
    expect(await frame.getByTestId('scorm-notice').isHidden()).toBe(true);
    // Inside an LMS frame with no isolation headers: simulated threads, said so on the page.
    expect(await frame.evaluate(() => crossOriginIsolated)).toBe(false);
    // No "Open in new tab" here: that tab would not be connected to the LMS.
    await frame.getByText('Simulated threads', { exact: true }).waitFor();
    expect(await frame.getByRole('link', { name: 'Open in new tab' }).count()).toBe(0);

    // The learner takes the solution, makes it their own, and checks it.
    await frame.locator('.monaco-editor').waitFor({ timeout: 60_000 });
    await frame.getByRole('button', { name: 'Solution' }).click();
    await frame.locator('.monaco-editor .view-lines').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('// mine-4711');
    await frame.locator('.monaco-editor .view-lines').getByText('mine-4711').waitFor();
    // Checks are decided in the frame; the helper only needs the frame's locators.
    const rows = await runChecks(frame as unknown as Page);
    expect(rows.map((r) => r.state)).toEqual(rows.map(() => 'pass'));
    await page.waitForFunction(
      () =>
        (window as unknown as { API: { cmi: { core: { lesson_status: string } } } }).API.cmi.core
          .lesson_status === 'passed',
    );
    expect(await cmi(page, 'core.score.raw')).toBe('100');
    expect(await cmi(page, 'core.score.min')).toBe('0');
    expect(await cmi(page, 'core.score.max')).toBe('100');
    // Passed was committed, not merely set.
    const afterPass = await log(page);
    expect(afterPass.slice(afterPass.indexOf('cmi.core.lesson_status=passed'))).toContain(
      'LMSCommit',
    );

    // The learner leaves: the frame goes away, the last save is committed and the session finished.
    await page.evaluate(() => document.getElementById('sco')!.remove());
    await page.waitForFunction(() =>
      (window as unknown as { lmsLog: string[] }).lmsLog.includes('LMSFinish'),
    );
    const end = await log(page);
    expect(end).toContain('cmi.core.exit=suspend');
    const suspend = await cmi(page, 'suspend_data');
    expect(suspend.length).toBeGreaterThan(0);
    expect(suspend.length).toBeLessThanOrEqual(4096);
    const earlier = {
      core: {
        lesson_status: await cmi(page, 'core.lesson_status'),
        score: { raw: '100', min: '0', max: '100' },
        entry: 'resume',
      },
      suspend_data: suspend,
    };
    await page.context().close();

    // Relaunch from the LMS's record: the learner's own code is back, the lesson still passed.
    const again = await openLms(earlier);
    await again.frame.locator('.monaco-editor').waitFor({ timeout: 60_000 });
    await again.frame.locator('.monaco-editor .view-lines').getByText('mine-4711').waitFor();
    await again.frame
      .getByRole('navigation', { name: 'Lessons' })
      .getByRole('link', { name: /completed.*Race conditions/ })
      .waitFor();
    await again.page.waitForFunction(() =>
      (window as unknown as { lmsLog: string[] }).lmsLog.includes('LMSCommit'),
    );
    expect(await cmi(again.page, 'core.lesson_status')).toBe('passed');
    expect(await log(again.page)).not.toContain('cmi.core.lesson_status=incomplete');
    await again.page.context().close();
  });
});

describe('the course package', () => {
  it('in the LMS: one SCO for every lesson, scored by lessons passed, resuming where the learner was', async () => {
    expect(courseLaunch).toBe('scorm.html');
    // A first launch opens on the lesson list.
    const { page, frame } = await openLms(
      undefined,
      `course/${courseLaunch}`,
      /See concurrency happen/,
    );
    await page.waitForFunction(() =>
      (window as unknown as { lmsLog: string[] }).lmsLog.includes('LMSCommit'),
    );
    expect(await cmi(page, 'core.lesson_status')).toBe('incomplete');
    expect(await cmi(page, 'core.score.raw')).toBe('0');
    await frame
      .getByRole('navigation', { name: 'Lessons' })
      .getByRole('link', { name: 'Hash rings' })
      .click();
    await page.waitForFunction(
      () =>
        (window as unknown as { API: { cmi: { core: { lesson_location: string } } } }).API.cmi.core
          .lesson_location === 'hash-rings',
    );
    await page.context().close();
    // Relaunched with that location: the learner is back on the lesson they left.
    await openLms(
      { core: { lesson_location: 'hash-rings', entry: 'resume' } },
      `course/${courseLaunch}`,
      'Hash rings',
    );
  });

  it('opened outside an LMS: the app works and says its progress is not recorded; no sideways scroll on a phone', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${server.url}course/${courseLaunch}`);
    await page.locator('.lesson-card').first().waitFor();
    const notice = page.getByTestId('scorm-notice');
    await notice.getByText(/not connected to a course/).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      390,
    );
    expect(await axe(page)).toEqual([]);
    await context.close();
  });
});
