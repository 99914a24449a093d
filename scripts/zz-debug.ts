import { readFileSync } from 'node:fs';
import { openLesson, openSite } from '../tests/site.ts';
const starter = readFileSync('lessons/07-deadlock/starter.ts', 'utf8');
const solution = readFileSync('lessons/07-deadlock/solution.ts', 'utf8');
const site = await openSite();
const page = await site.page();
for (const [name, code] of [['solution', solution], ['starter', starter], ['starter', starter], ['solution', solution], ['solution', solution], ['starter', starter]] as const) {
  await openLesson(page, site.url, 'deadlock', { code, threads: 2, params: { accounts: 2, transfers: name === 'solution' ? 10 : 100_000 } });
  const t0 = Date.now();
  await page.getByRole('button', { name: '▶ Run' }).click();
  await page.getByTestId('bank-status').waitFor({ timeout: 30000 });
  console.log(name, Date.now() - t0, 'ms', await page.getByTestId('bank-status').innerText(), await page.getByTestId('bank-transfers').innerText());
}
await site.close();
