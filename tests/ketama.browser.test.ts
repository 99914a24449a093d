import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openLesson, openSite, type Site } from './site.ts';

// The Ketama panel against the `hashring` package: the learner's path (paste servers, paste keys,
// open "Every key and its server" and copy it, or download the same text) for 100 random weighted server lists, each compared
// with what hashring computes here in Node with node:crypto's MD5.

interface HashRingInstance {
  ring: Array<{ value: number; server: string }>;
  find(hash: number): number;
  hashValue(key: string): number;
  get(key: string): string;
}
const HashRing = createRequire(import.meta.url)('hashring') as new (
  servers: Record<string, number>,
) => HashRingInstance;

/**
 * Puts `text` into a textarea as a paste does: the value changes and one input event fires.
 * (Playwright's fill types multi-line text in a way that costs seconds per thousand lines.)
 */
async function paste(page: Page, testId: string, text: string) {
  await page.getByTestId(testId).evaluate((el, value) => {
    const set = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!;
    set.call(el, value);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, text);
}

let site: Site;
let page: Page;
beforeAll(async () => {
  site = await openSite();
  page = await site.page();
  await openLesson(page, site.url, 'hash-rings');
});
afterAll(() => site.close());

/** mulberry32: a failing list can be regenerated from its index. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789:_-/.é€ключ😀';

describe('Ketama on the page equals the hashring package', () => {
  it('100 random server lists (2–50 servers, random weights) × 10,000 keys: every key on the same server', async () => {
    const rand = rng(2026);
    const chars = [...ALPHABET];
    const keys = Array.from({ length: 10_000 }, (_, i) => {
      let k = `k${i}:`;
      const len = Math.floor(rand() * 24);
      for (let c = 0; c < len; c++) k += chars[Math.floor(rand() * chars.length)];
      return k;
    });
    await page.getByRole('button', { name: 'Your servers (Ketama)' }).click();
    // The learner opens the box and sees a line per key (the starting six). Closed, it is not laid
    // out on every paste, which is what makes a 10,000-line box slow; its text is the same.
    const summary = page.getByText(/^Every key and its server \(\d+ lines/);
    await summary.click();
    await expect(page.getByTestId('ketama-export').innerText()).resolves.toMatch(
      /^user:1001\t10\.0\.1\.\d:11211\n/,
    );
    await summary.click();
    await paste(page, 'ketama-keys', keys.join('\n'));
    const count = page.getByTestId('ketama-count');

    const lists = Array.from({ length: 100 }, (_, list) => {
      const n = 2 + Math.floor(rand() * 49);
      const names = new Set<string>();
      while (names.size < n)
        names.add(
          `10.${Math.floor(rand() * 256)}.${Math.floor(rand() * 256)}.${Math.floor(rand() * 256)}:${11211 + Math.floor(rand() * 3)}`,
        );
      const kind = list % 3; // equal weights, integer weights (memory sizes), fractional weights
      return [...names].map((name) => ({
        name,
        weight: kind === 0 ? 1 : kind === 1 ? 1 + Math.floor(rand() * 1024) : 0.05 + rand() * 10,
      }));
    });

    // In the page, for each list in turn: paste it, check that the panel shows it, and read every
    // key's server from the export box. Ten lists per round trip.
    const shown: string[] = [];
    for (let at = 0; at < lists.length; at += 10)
      shown.push(
        ...(await page.evaluate(
          (batch) =>
            batch.map(({ text, n, first }) => {
              const el = document.querySelector('[data-testid=ketama-servers]')!;
              const set = Object.getOwnPropertyDescriptor(
                HTMLTextAreaElement.prototype,
                'value',
              )!.set!;
              set.call(el, text);
              el.dispatchEvent(new Event('input', { bubbles: true }));
              const ready = document.querySelector(
                `[data-testid=ketama-count][data-servers="${n}"][data-first-server="${first}"]`,
              );
              if (!ready) throw new Error(`the panel does not show the ${n} pasted servers`);
              return document.querySelector('[data-testid=ketama-export]')!.textContent!;
            }),
          lists.slice(at, at + 10).map((servers) => ({
            text: servers.map((s) => `${s.name} ${s.weight}`).join('\n'),
            n: servers.length,
            first: servers[0].name,
          })),
        )),
      );

    let hashes: number[] | null = null;
    const failures: string[] = [];
    lists.forEach((servers, list) => {
      const lines = shown[list].split('\n');
      const reference = new HashRing(Object.fromEntries(servers.map((s) => [s.name, s.weight])));
      // hashring's get() is ring[find(hashValue(key))] behind an LRU cache; the key hashes do not
      // depend on the servers, so they are computed once.
      hashes ??= keys.map((k) => reference.hashValue(k));
      let mismatches = 0;
      keys.forEach((k, i) => {
        if (lines[i] !== `${k}\t${reference.ring[reference.find(hashes![i])].server}`) mismatches++;
      });
      if (list === 0) expect(lines[0]).toBe(`${keys[0]}\t${reference.get(keys[0])}`);
      if (lines.length !== keys.length || mismatches)
        failures.push(`list ${list} (${servers.length} servers): ${mismatches} differ`);
    });
    expect(failures).toEqual([]);
    // The download carries the same lines.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download owners (.tsv)' }).click();
    const file = readFileSync(await (await download).path(), 'utf8');
    expect(file).toBe((await page.getByTestId('ketama-export').textContent()) + '\n');
    await expect(count.innerText()).resolves.toMatch(/servers, [\d,]+ points, 10,000 keys/);
  });

  it('seven equal servers: hashring and libketama round differently, and the panel counts the keys that differ', async () => {
    await paste(
      page,
      'ketama-servers',
      Array.from({ length: 7 }, (_, i) => `10.0.0.${i + 1}:11211`).join('\n'),
    );
    await paste(
      page,
      'ketama-keys',
      Array.from({ length: 2000 }, (_, i) => `user:${i}`).join('\n'),
    );
    const text = await page.getByTestId('ketama-rounding').innerText();
    const differ = Number(/rounding, ([\d,]+) of these 2,000 keys/.exec(text)![1].replace(',', ''));
    expect(differ).toBeGreaterThan(0);
    expect(differ).toBeLessThan(200);
    await expect(page.getByTestId('ketama-count').innerText()).resolves.toMatch(
      /^7 servers, 1,092 points/,
    );
  });

  it('the ring picture in Ketama mode: 160 MD5 points per server', async () => {
    await page.getByRole('button', { name: 'The ring' }).click();
    await page
      .locator('label', { hasText: 'Points from' })
      .locator('select')
      .selectOption('ketama');
    await expect(page.locator('.ring-svg').getAttribute('aria-label')).resolves.toMatch(
      /160 points each \(Ketama\)/,
    );
    expect(await page.locator('.ring-vnode').count()).toBe(160 * 4);
    await page.getByRole('button', { name: 'Your servers (Ketama)' }).click();
  });

  it('a bad line is reported, not silently dropped', async () => {
    await page.getByTestId('ketama-servers').fill('10.0.0.1:11211 2\n10.0.0.2:11211 zero');
    await expect(page.getByTestId('ketama-errors').innerText()).resolves.toMatch(
      /line 2: weight must be a positive number/,
    );
  });
});

const pctOf = (cell: string) => Number(/([\d.]+) %/.exec(cell)![1]) / 100;

describe('the comparison and the published figures, measured on the page', () => {
  it('Maglev, ring, rendezvous and jump side by side: balance, join and leave movement, lookups/s, each with a spread', async () => {
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    await page.getByRole('button', { name: 'Measure all five' }).click();
    await page.getByTestId('compare').waitFor({ timeout: 60_000 });
    const rows = Object.fromEntries(
      await Promise.all(
        ['modulo', 'ring', 'rendezvous', 'jump', 'maglev'].map(
          async (a) => [a, await page.locator(`[data-row=${a}] td`).allInnerTexts()] as const,
        ),
      ),
    );
    for (const a of ['ring', 'rendezvous', 'jump', 'maglev']) {
      const [balance, join, , leave, speed] = rows[a];
      expect(balance).toMatch(/^1\.\d{3} \(1\.\d{3}–1\.\d{3}\)$/);
      expect(pctOf(join)).toBeGreaterThan(0.07);
      expect(pctOf(join)).toBeLessThan(0.12);
      expect(leave).toMatch(/had to: [\d.]+ %/);
      expect(speed).toMatch(/^[\d.,]+ [kM]\/s \([\d.,]+ [kM]\/s–[\d.,]+ [kM]\/s\)$/);
    }
    for (const a of ['ring', 'rendezvous', 'jump']) expect(rows[a][2]).toBe('0');
    expect(pctOf(rows.modulo[1])).toBeGreaterThan(0.85);
  });

  it('jump moves ≈ 1/11, the ring spread falls as 1/√points, Maglev balances better than a ring', async () => {
    await page.getByRole('button', { name: 'Measure the published figures' }).click();
    await page.getByTestId('published').waitFor({ timeout: 60_000 });
    const jump = await page.getByTestId('published-jump').innerText();
    expect(jump).toMatch(/1\/11 = 9\.09 %/);
    expect(jump).toMatch(/0 moved anywhere else/);
    const [, measured, band] = /3 runs: ([\d.]+) %.*chance alone gives ±([\d.]+) %/.exec(jump)!;
    expect(Math.abs(Number(measured) - 9.09)).toBeLessThan(2 * Number(band));
    const slope = Number(
      /measured (-?[\d.−]+)/.exec(await page.getByTestId('published-slope').innerText())![1],
    );
    expect(slope).toBeGreaterThan(-0.65);
    expect(slope).toBeLessThan(-0.35);
    const maglev = await page.locator('[data-testid=published-maglev] tbody tr').allInnerTexts();
    expect(maglev).toHaveLength(3);
    const balance = (row: string) => Number(row.split('\t')[2].split(' ')[0]);
    expect(balance(maglev[0])).toBeLessThan(balance(maglev[2]));
  });
});
