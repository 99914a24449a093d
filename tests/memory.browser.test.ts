import { afterAll, beforeAll, expect, it } from 'vitest';
import type { CDPSession } from 'playwright-core';
import { openLesson, openSite, type Site } from './site.ts';

// A memory bomb that reaches V8's heap limit. Learner workers run in the pool frame, a sandboxed
// iframe with a renderer process of its own, so the limit ends that process and not the tab. The
// browser gets a 128 MB old-space limit here (about 224 MB of heap) so the bomb reaches it well
// within Run's 5 s watchdog on this shared machine (at the default 4 GB it takes ~14 s here).
//
// Playwright marks the whole Page as crashed when any out-of-process frame of it crashes, so after
// the bomb the test talks to the page over its own DevTools session, which knows better.

const HEAP_MB = 128;
let site: Site;
beforeAll(async () => {
  site = await openSite({ chromiumArgs: [`--js-flags=--max-old-space-size=${HEAP_MB}`] });
});
afterAll(() => site.close());

async function evaluate<T>(cdp: CDPSession, expression: string): Promise<T> {
  const r = await cdp.send('Runtime.evaluate', {
    expression,
    awaitPromise: true,
    returnByValue: true,
  });
  if (r.exceptionDetails) throw new Error(r.exceptionDetails.text);
  return r.result.value as T;
}

async function until(cdp: CDPSession, expression: string, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await evaluate<boolean>(cdp, expression))) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${expression}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The median of three click latencies, measured in the page (see site.ts clickLatency). */
async function responsiveness(cdp: CDPSession): Promise<number> {
  const one = () =>
    evaluate<number>(
      cdp,
      `new Promise((resolve) => { const b = document.createElement('button'); document.body.append(b);
        const t0 = performance.now(); b.addEventListener('click', () => { b.remove(); resolve(performance.now() - t0); });
        setTimeout(() => b.click(), 0); })`,
    );
  const samples = [await one(), await one(), await one()];
  return samples.sort((a, b) => a - b)[1];
}

const consoleText = `document.querySelector('[data-testid=console]')?.innerText ?? ''`;
const runReady = `[...document.querySelectorAll('.toolbar button')].some((b) => b.textContent === '▶ Run' && !b.disabled)`;
const click = (name: string) =>
  `[...document.querySelectorAll('button')].find((b) => b.textContent === ${JSON.stringify(name)}).click()`;

const bomb =
  'export default function (t: Thread) {\n  const keep: number[][] = [];\n' +
  '  if (t.id === 0) for (let k = 0; ; k++) keep.push(new Array(1e6).fill(k + 0.5));\n}\n';

/** After the attack: responsive, the learner's code kept, and correct code right on fresh workers. */
async function recovers(cdp: CDPSession, kept: string): Promise<void> {
  await until(cdp, runReady, 10_000);
  expect(await responsiveness(cdp)).toBeLessThan(200);
  expect(
    await evaluate<string>(
      cdp,
      `(document.querySelector('.monaco-editor .view-lines')?.textContent ?? '').replace(/\\u00a0/g, ' ')`,
    ),
  ).toContain(kept);
  await evaluate(cdp, click('Solution'));
  await evaluate(cdp, click('▶ Run'));
  await until(
    cdp,
    `document.querySelector('[data-testid=actual]')?.textContent === '20' && ${runReady}`,
    30_000,
  );
  expect(await evaluate<string>(cdp, consoleText)).toMatch(/Finished in/);
}

it('when the threads\' process dies mid-run, the page says "too much memory" and runs again', async () => {
  // A deterministic death of the pool frame's process (DevTools crashes its renderer) under a run
  // that would otherwise go on: what a heap at its limit does, without waiting for the allocator.
  const page = await site.page();
  await openLesson(page, site.url, 'race-conditions', {
    code: 'export default function (t: Thread) {\n  for (;;) Atomics.add(t.shared, 1, 1);\n}\n',
    threads: 2,
    params: { increments: 10 },
  });
  await page.locator('.monaco-editor').waitFor({ timeout: 60_000 });
  const cdp = await page.context().newCDPSession(page);
  await evaluate(cdp, click('▶ Run'));
  await until(cdp, `/Running/.test(${consoleText})`, 10_000);
  // The threads are running in the pool frame once it has counted some additions.
  await until(cdp, `document.querySelector('iframe.pool-frame') !== null`, 10_000);
  let poolFrame = page.frame({ name: 'interleave-pool' });
  for (let i = 0; !poolFrame && i < 100; i++) {
    await new Promise((r) => setTimeout(r, 50));
    poolFrame = page.frame({ name: 'interleave-pool' });
  }
  expect(poolFrame, 'the pool frame').not.toBeNull();
  await new Promise((r) => setTimeout(r, 500));
  const frameSession = await page.context().newCDPSession(poolFrame!);
  const t0 = Date.now();
  void frameSession.send('Page.crash').catch(() => undefined);
  await until(cdp, `/too much memory/.test(${consoleText})`, 10_000);
  // Noticed by the heartbeat's silence (2 s), not by the 5 s watchdog.
  expect(Date.now() - t0).toBeLessThan(4_500);
  expect(await evaluate<string>(cdp, consoleText)).toMatch(
    /Your code used too much memory \(about \d[\d,]* MB, the browser's limit for one thread\)/,
  );
  await recovers(cdp, 'Atomics.add(t.shared, 1, 1)');
});

it('a real heap bomb in one thread leaves the tab alive and the next run right', async () => {
  const page = await site.page();
  await openLesson(page, site.url, 'race-conditions', {
    code: bomb,
    threads: 2,
    params: { increments: 10 },
  });
  await page.locator('.monaco-editor').waitFor({ timeout: 60_000 });
  const cdp = await page.context().newCDPSession(page);
  await evaluate(cdp, click('▶ Run'));
  await until(cdp, `/Running/.test(${consoleText})`, 10_000);
  expect(await responsiveness(cdp)).toBeLessThan(200);
  // Which comes first depends on the machine's speed: the heap limit (the frame's process ends) or
  // Run's 5 s watchdog (the workers are stopped); either way the page says it was memory.
  await until(cdp, `/too much memory|memory that only grows/.test(${consoleText})`, 20_000);
  await recovers(cdp, 'keep.push');
});

it('a heap bomb under Explore ends the frame, not the tab, and Explore works again', async () => {
  // Step and Explore run learner code in the explore worker, which lives in the pool frame too.
  const page = await site.page();
  await openLesson(page, site.url, 'race-conditions', {
    code: bomb,
    threads: 2,
    params: { increments: 10 },
  });
  await page.locator('.monaco-editor').waitFor({ timeout: 60_000 });
  await page.getByRole('tab', { name: /Explore/ }).click();
  await page.getByRole('button', { name: 'Explore all interleavings' }).click();
  const cdp = await page.context().newCDPSession(page);
  await until(cdp, `document.querySelector('.explorer')?.innerText.includes('Exploring')`, 10_000);
  expect(await responsiveness(cdp)).toBeLessThan(200);
  const explorer = `document.querySelector('.explorer')?.innerText ?? ''`;
  await until(cdp, `/too much memory|did not answer/.test(${explorer})`, 30_000);
  // The frame's message: its process was stopped at the heap limit, not an error the engine caught.
  expect(await evaluate<string>(cdp, explorer)).toMatch(
    /Your code used too much memory \(about \d[\d,]* MB.*stopped the process/,
  );
  expect(await responsiveness(cdp)).toBeLessThan(200);
  await evaluate(cdp, click('Solution'));
  await evaluate(cdp, click('Explore all interleavings'));
  await until(
    cdp,
    `!!document.querySelector('[data-testid=outcomes]') && !document.querySelector('[data-testid=explore-stale]')`,
    30_000,
  );
  expect(await evaluate<string>(cdp, explorer)).toMatch(/Complete/);
});
