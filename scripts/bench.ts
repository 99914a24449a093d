/**
 * npm run bench [-- --out results.json] [-- --only race]
 * Builds the site plus the bench page, serves it with the isolation headers, runs every figure in
 * headless Chromium and prints each beside its reference measured in the same run.
 */
import { execSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { launchChromium } from '../tests/browser.ts';
import { startStaticServer } from '../tests/server.ts';
import type { BenchRow } from '../bench/main.ts';

const args = process.argv.slice(2);
const opt = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const out = opt('--out');
const only = opt('--only');

if (!args.includes('--no-build'))
  execSync('npx vite build --logLevel warn', {
    stdio: 'inherit',
    env: { ...process.env, INTERLEAVE_BENCH: '1' },
  });

const server = await startStaticServer({ root: 'dist-bench' });
// Memory samples answer at once instead of after the next garbage collection (bench/figures/memory.ts).
const browser = await launchChromium(['--enable-blink-features=ForceEagerMeasureMemory']);
const rows: BenchRow[] = [];
try {
  if (!only || 'bundle'.includes(only)) rows.push(...(await bundleFigures()));
  const page = await browser.newPage();
  page.on('pageerror', (e) => console.error('bench page error:', e.message));
  page.on('crash', () => console.error('bench page crashed (out of memory?)'));
  page.on('console', (m) => m.type() === 'error' && console.error('bench page:', m.text()));
  await page.goto(
    `${server.url}bench/index.html${only ? `?only=${encodeURIComponent(only)}` : ''}`,
  );
  const started = Date.now();
  let shown = 0;
  while (!(await page.evaluate(() => window.__bench?.done === true))) {
    const now = await page.evaluate(() => window.__bench?.rows ?? []);
    for (const r of now.slice(shown)) console.error(`  measured ${r.name}`);
    shown = now.length;
    if (Date.now() - started > 15 * 60_000)
      throw new Error('bench page did not finish within 15 minutes');
    await new Promise((r) => setTimeout(r, 500));
  }
  rows.push(...(await page.evaluate(() => window.__bench!.rows)));
} finally {
  await browser.close();
  await server.close();
}

printTable(rows);
if (out) {
  writeFileSync(
    out,
    JSON.stringify(
      { date: new Date().toISOString(), figures: rows.map((r) => ({ ...r, ratio: ratio(r) })) },
      null,
      2,
    ),
  );
  console.log(`\nwrote ${out}`);
}

function ratio(r: BenchRow): number | null {
  // Three significant digits, so a tiny ratio (a scheduler against a bare loop) is not printed as 0.
  return r.reference ? +(r.value / r.reference).toPrecision(3) : null;
}

function printTable(rs: BenchRow[]) {
  const fmt = (v: number | null) =>
    v == null || Number.isNaN(v)
      ? '—'
      : Math.abs(v) >= 1000
        ? Math.round(v).toLocaleString('en')
        : String(+v.toPrecision(3));
  const lines = rs.map((r) => [
    r.name,
    `${fmt(r.value)} ${r.unit}`,
    r.reference == null ? '—' : `${fmt(r.reference)} (${r.referenceName})`,
    fmt(ratio(r)),
    r.error ? `ERROR ${r.error}` : r.target ? `${r.met ? 'met' : 'NOT met'}: ${r.target}` : '',
  ]);
  const head = ['figure', 'value', 'reference (same run)', 'ratio', 'target'];
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const row = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
  console.log('\n' + row(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const l of lines) console.log(row(l));
}

/** Gzip sizes of what the first page actually loads, and of the editor's chunks when it appears. */
async function bundleFigures(): Promise<BenchRow[]> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const loaded = new Set<string>();
  page.on('response', (r) => {
    if (r.url().endsWith('.js')) loaded.add(new URL(r.url()).pathname.replace(/^\//, ''));
  });
  await page.goto(server.url);
  await page.waitForSelector('.lesson-card');
  await page.waitForLoadState('networkidle');
  const first = [...loaded];
  const gz = (files: string[]) =>
    files.reduce((s, f) => s + gzipSync(readFileSync(`dist-bench/${f}`)).length, 0) / 1024;
  await page.goto(`${server.url}#/race-conditions`);
  await page.waitForSelector('.monaco-editor', { timeout: 60_000 });
  await page.waitForLoadState('networkidle');
  const editor = [...loaded].filter(
    (f) => /Editor|editor|ts\.worker|tsMode|typescript/.test(f) && !first.includes(f),
  );
  await page.close();
  const require = createRequire(import.meta.url);
  const reactDom =
    gzipSync(
      readFileSync(
        join(
          dirname(require.resolve('react-dom/package.json')),
          'cjs/react-dom-client.production.js',
        ),
      ),
    ).length / 1024;
  const monacoInFirst = first.some((f) => /editor|monaco/i.test(f));
  const firstKiB = gz(first);
  return [
    {
      name: 'bundle.first-page-js-gzip',
      unit: 'KiB',
      value: +firstKiB.toFixed(1),
      reference: +reactDom.toFixed(1),
      referenceName: 'react-dom client, production, gzip',
      target: '< 250 KB gzip, no Monaco',
      met: firstKiB * 1.024 < 250 && !monacoInFirst,
      details: { files: first, monacoInFirst },
    },
    {
      name: 'bundle.editor-chunks-gzip',
      unit: 'KiB',
      value: +gz(editor).toFixed(1),
      reference: +firstKiB.toFixed(1),
      referenceName: 'the first page',
      details: { files: editor },
    },
  ];
}
