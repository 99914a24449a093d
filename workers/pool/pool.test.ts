import { afterAll, describe, expect, it } from 'vitest';
import { nodeWorker } from '../../tests/node/node-worker.ts';
import { createPool } from './pool.ts';

const pool = createPool({
  createWorker: () => nodeWorker(new URL('./thread.worker.ts', import.meta.url)),
});
afterAll(() => pool.dispose());

const racy = `export default function (t: Thread) {
  for (let i = 0; i < t.params.n; i++) t.shared[0]++;
}`;
const atomic = `export default function (t: Thread) {
  for (let i = 0; i < t.params.n; i++) Atomics.add(t.shared, 0, 1);
}`;
const locked = `export default function (t: Thread) {
  for (let i = 0; i < t.params.n; i++) { t.lock(0); t.enter(); t.shared[0]++; t.leave(); t.unlock(0); }
}`;

describe('thread pool on real threads', () => {
  it('runs every thread and loses nothing with Atomics.add', async () => {
    const r = await pool.run({ source: atomic, threads: 4, params: { n: 200_000 } });
    expect(r.status).toBe('ok');
    if (r.status !== 'ok') return;
    expect(r.memory[0]).toBe(800_000);
    expect(r.threads.map((t) => t.id)).toEqual([0, 1, 2, 3]);
  });

  it('the futex mutex keeps plain increments exact and sections never overlap', async () => {
    const r = await pool.run({ source: locked, threads: 3, params: { n: 20_000 } });
    expect(r.status).toBe('ok');
    if (r.status === 'ok') {
      expect(r.memory[0]).toBe(60_000);
      expect(r.overlaps).toBe(0);
    }
  });

  it('racy increments on two threads lose updates at least once in a few runs', async () => {
    let lost = 0;
    for (let i = 0; i < 5 && lost === 0; i++) {
      const r = await pool.run({ source: racy, threads: 2, params: { n: 2_000_000 } });
      if (r.status === 'ok') lost = 4_000_000 - r.memory[0];
    }
    expect(lost).toBeGreaterThan(0);
  });

  it('reports a compile error with its line and runs nothing', async () => {
    const r = await pool.run({
      source: 'export default function (t) {\n  let x = ;\n}',
      threads: 2,
    });
    expect(r.status).toBe('compile-error');
    if (r.status === 'compile-error') expect(r.error.line).toBe(2);
  });

  it('reports a runtime error at the learner line and thread', async () => {
    const source =
      'export default function (t: Thread) {\n  if (t.id === 1)\n    (null as any).boom();\n}';
    const r = await pool.run({ source, threads: 2 });
    expect(r.status).toBe('error');
    if (r.status === 'error') {
      expect(r.thread).toBe(1);
      expect(r.error.line).toBe(3);
      expect(r.error.message).toMatch(/TypeError/);
    }
  });

  it('the watchdog stops an infinite loop and the next run works', async () => {
    const t0 = Date.now();
    const r = await pool.run({
      source: 'export default function () { while (true) {} }',
      threads: 2,
      budgetMs: 500,
    });
    expect(r.status).toBe('timeout');
    expect(Date.now() - t0).toBeLessThan(3000);
    const again = await pool.run({ source: atomic, threads: 2, params: { n: 10 } });
    expect(again.status).toBe('ok');
    if (again.status === 'ok') expect(again.memory[0]).toBe(20);
  });

  it('the watchdog stops a deadlock (locks taken in opposite order)', async () => {
    const source = `export default function (t: Thread) {
      const [a, b] = t.id === 0 ? [0, 1] : [1, 0];
      t.lock(a); t.barrier(); t.lock(b); t.unlock(b); t.unlock(a);
    }`;
    const r = await pool.run({ source, threads: 2, budgetMs: 400 });
    expect(r.status).toBe('timeout');
  });

  it('learner code cannot reach the network', async () => {
    const source = `export default function () { fetch('https://example.com/'); }`;
    const r = await pool.run({ source, threads: 1 });
    expect(r.status).toBe('error');
    if (r.status === 'error') expect(r.error.message).toMatch(/network access is disabled/);
  });
});

describe('module instances', () => {
  it('every run starts with fresh module-level variables, even for unchanged code', async () => {
    const source = `let runs = 0;
export default function (t: Thread) { runs++; t.shared[t.id] = runs; }`;
    for (let i = 0; i < 3; i++) {
      const r = await pool.run({ source, threads: 2 });
      expect(r.status === 'ok' && r.memory.slice(0, 2)).toEqual([1, 1]);
    }
  });
});

describe('entry', () => {
  it('runs a named export instead of the default one (check harnesses)', async () => {
    const source = `export function lookup(x: number) { return x * 2; }
export default function (t: Thread) { t.shared[0] = -1; }
export function __check(t: Thread) { t.shared[t.id] = lookup(t.id + 1); }`;
    const r = await pool.run({ source, threads: 2, entry: '__check' });
    expect(r.status === 'ok' && r.memory.slice(0, 2)).toEqual([2, 4]);
    const missing = await pool.run({ source, threads: 1, entry: 'nope' });
    expect(missing.status).toBe('compile-error');
  });
});
