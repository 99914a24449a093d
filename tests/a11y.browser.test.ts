import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLesson, openSite, type Site, lessonSlugs } from './site.ts';
import { axe, axePath } from './axe.ts';

const slugs = lessonSlugs();

let site: Site;
beforeAll(async () => {
  site = await openSite();
});
afterAll(() => site.close());

describe('accessibility', () => {
  it('the home page has no axe violations', async () => {
    const page = await site.page({ bypassCSP: true });
    await page.goto(site.url);
    await page.locator('.lesson-card').first().waitFor();
    expect(await axe(page)).toEqual([]);
  });

  // One page per lesson, as a learner uses it: opened, run, a hint shown, every tab opened and
  // used, then the window narrowed to a 200 % zoom (a page load per step cost CI ~40 s).
  it.each(slugs)(
    'lesson %s has no axe violations after a run, a hint and every tab used, and fits a 200 percent zoom',
    async (slug) => {
      const page = await site.page({ bypassCSP: true });
      await openLesson(page, site.url, slug);
      await page.locator('.monaco-editor').waitFor({ timeout: 60_000 });
      const seen: string[] = [];
      const scan = async (when: string) =>
        seen.push(...(await axe(page)).map((v) => `[${when}] ${v}`));
      await scan('opened');
      await page.getByRole('button', { name: '▶ Run' }).click();
      await page.getByRole('button', { name: '▶ Run' }).waitFor({ timeout: 60_000 });
      // Every lesson has hints; open the first (the count differs per lesson).
      await page.getByRole('button', { name: /^Hint \(0\/\d+\)/ }).click();
      await scan('after a run and a hint');
      const tabs = await page.getByRole('tab').allInnerTexts();
      for (const name of tabs) {
        await page.getByRole('tab', { name, exact: true }).click();
        await scan(`${name}, opened`);
        if (/^Step/.test(name)) {
          await page.getByRole('button', { name: /^Step T0/ }).click();
          await page.locator('.timeline li').first().waitFor({ timeout: 30_000 });
        } else if (/^Explore/.test(name)) {
          await page.getByRole('button', { name: 'Explore all interleavings' }).click();
          await page.getByTestId('explore-stats').waitFor({ timeout: 60_000 });
        } else continue;
        await scan(`${name}, used`);
      }
      expect(seen).toEqual([]);
      // 200 % zoom of a 1280 × 800 window: 640 × 400 CSS pixels, and no sideways scrolling.
      await page.setViewportSize({ width: 640, height: 400 });
      await page.locator('.editor').scrollIntoViewIfNeeded();
      for (const name of tabs) {
        await page.getByRole('tab', { name, exact: true }).click();
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow, `${slug} / ${name} at 640 × 400`).toBeLessThanOrEqual(0);
      }
    },
  );

  it('the notices for a damaged save and a shared schedule have no axe violations', async () => {
    const page = await site.page({ bypassCSP: true });
    await page.goto(site.url);
    await page.evaluate(() =>
      localStorage.setItem(
        'interleave:v1:lesson:race-conditions',
        JSON.stringify({ code: '// mine', threads: 'x', params: {} }),
      ),
    );
    // A shared link with a schedule, opened over the damaged save.
    const link = await page.evaluate(async () => {
      const bytes = new TextEncoder().encode(
        JSON.stringify({ code: '// shared', schedule: [0, 1, 0, 1] }),
      );
      const packed = await new Response(
        new Blob([bytes]).stream().pipeThrough(new CompressionStream('deflate-raw')),
      ).arrayBuffer();
      let s = '';
      for (const b of new Uint8Array(packed)) s += String.fromCharCode(b);
      return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    });
    await page.goto(`${site.url}#/race-conditions?code=${link}`);
    await page.getByTestId('restore-notice').waitFor();
    await page.getByTestId('pending-schedule').waitFor();
    await page.getByRole('button', { name: 'Bring back my code' }).waitFor();
    expect(await axe(page)).toEqual([]);
  });

  it.each(slugs)('lesson %s can be used with the keyboard alone', async (slug) => {
    const page = await site.page();
    await openLesson(page, site.url, slug);
    await page.locator('.monaco-editor').waitFor({ timeout: 60_000 });
    const tabTo = async (name: RegExp) => {
      // A bound for a failing walk (the hash-rings lesson has ~90 stops before its code).
      for (let i = 0; i < 160; i++) {
        await page.keyboard.press('Tab');
        const label = await page.evaluate(() => {
          const el = document.activeElement as HTMLElement | null;
          return el ? (el.getAttribute('aria-label') ?? el.innerText ?? '').trim() : '';
        });
        if (name.test(label)) return;
      }
      throw new Error(`could not reach ${name} with Tab`);
    };
    // The page's first stops are its skip links; "Skip to your code" jumps past the simulation's
    // controls (~90 stops in the hash-rings lesson) and leaves the route alone.
    const skipToCode = async () => {
      await page.locator('body').focus();
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await tabTo(/^Skip to your code$/);
      await page.keyboard.press('Enter');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('code-title');
      expect(await page.evaluate(() => location.hash)).toBe(`#/${slug}`);
    };
    await skipToCode();
    // Into the editor, type, and out again (Ctrl+M toggles Tab-moves-focus in Monaco).
    await tabTo(/^Code for the lesson/);
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\n// typed from the keyboard');
    await page.keyboard.press('Control+m');
    await page.keyboard.press('Shift+Tab');
    const focusedInEditor = await page.evaluate(
      () => !!document.activeElement?.closest('.monaco-editor'),
    );
    expect(focusedInEditor).toBe(false);
    await page.keyboard.press('Control+m');
    // Run and Check from the keyboard.
    await skipToCode();
    await tabTo(/^▶ Run$/);
    // The focused control is visibly marked.
    expect(await page.evaluate(() => getComputedStyle(document.activeElement!).boxShadow)).not.toBe(
      'none',
    );
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: '▶ Run' }).waitFor({ timeout: 60_000 });
    await tabTo(/Check$/);
    await page.keyboard.press('Enter');
    await page.getByTestId('checks').waitFor();
  });

  it('respects reduced motion', async () => {
    const page = await site.page({ reducedMotion: true });
    await openLesson(page, site.url, slugs[0]);
    const duration = await page.evaluate(() => {
      const el = document.createElement('div');
      el.className = 'lane-bar';
      document.body.append(el);
      return getComputedStyle(el).transitionDuration;
    });
    expect(parseFloat(duration)).toBeLessThan(0.01);
  });
});

describe('accessibility of the pages for teachers', () => {
  it('the teachers page has no axe violations', async () => {
    const page = await site.page({ bypassCSP: true });
    await page.goto(`${site.url}#/teachers`);
    await page.getByRole('heading', { name: 'For teachers' }).waitFor();
    expect(await axe(page)).toEqual([]);
  });

  it('the Embed dialog and the embed view in its preview have no axe violations', async () => {
    const page = await site.page({ bypassCSP: true });
    await page.goto(`${site.url}#/race-conditions`);
    await page.getByRole('button', { name: 'Embed', exact: true }).click();
    await page.getByRole('dialog').getByRole('radio', { name: 'Code only' }).check();
    await page.frameLocator('dialog iframe').getByRole('heading', { name: 'Your code' }).waitFor({
      timeout: 60_000,
    });
    // axe looks into frames where it is loaded too: the preview is checked with the dialog. Only
    // the dialog: the page behind it is inert (and checked above), and its own "Your code" panel
    // would be counted twice with the preview's.
    for (const f of page.frames())
      if (f !== page.mainFrame()) await f.addScriptTag({ path: axePath });
    await page.addScriptTag({ path: axePath });
    const violations = await page.evaluate(async () => {
      const w = window as unknown as {
        axe: {
          run(
            ctx: unknown,
            o: unknown,
          ): Promise<{ violations: Array<{ id: string; nodes: Array<{ target: string[] }> }> }>;
        };
      };
      const r = await w.axe.run({ include: [['dialog']] }, { resultTypes: ['violations'] });
      return r.violations.map(
        (v) => `${v.id} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
      );
    });
    expect(violations).toEqual([]);
  });

  it.each(['both', 'code', 'sim'])('the embed view (%s) has no axe violations', async (panes) => {
    const page = await site.page({ bypassCSP: true });
    await page.goto(
      `${site.url}#/${slugs.includes('race-conditions') ? 'race-conditions' : slugs[0]}?embed=${panes}`,
    );
    await page.getByTestId('embed').waitFor();
    await page.settle();
    expect(await axe(page)).toEqual([]);
  });
});
