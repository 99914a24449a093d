import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

/** axe-core's bundle, injected into pages (they need `bypassCSP` for it). */
export const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** axe-core's violations on the page as it is, one line each with where they are. */
export async function axe(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: axePath });
  return page.evaluate(async () => {
    const w = window as unknown as {
      axe: {
        run(
          ctx: unknown,
          o: unknown,
        ): Promise<{
          violations: Array<{ id: string; help: string; nodes: Array<{ target: string[] }> }>;
        }>;
      };
    };
    const r = await w.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map(
      (v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
  });
}
