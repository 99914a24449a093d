import { openLesson, openSite } from '../tests/site.ts';
const site = await openSite();
const page = await site.page();
await openLesson(page, site.url, 'memory-order');
for (const which of ['starter', 'solution', 'starter', 'solution']) {
  if (which === 'solution') {
    await page.getByRole('button', { name: 'Solution' }).click();
    const c = page.getByRole('button', { name: /Replace|Show|Yes|OK/ });
    if (await c.count()) await c.first().click();
  } else {
    await page.getByRole('button', { name: 'Reset' }).click();
    const c = page.getByRole('button', { name: /Replace|Reset|Yes|OK/ });
    if (await c.count()) await c.last().click();
  }
  await page.waitForTimeout(500);
  const t0 = Date.now();
  await page.getByRole('button', { name: /^(▶ Run|Running…)$/ }).click();
  await page.getByRole('button', { name: '▶ Run' }).waitFor({ timeout: 60_000 });
  console.log(which, Date.now() - t0, (await page.locator('[data-testid=peterson-sentence], [data-testid=run-problem]').first().textContent())?.slice(0, 150));
}
await site.close();
