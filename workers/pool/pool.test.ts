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

  it('a deadlock (locks taken in opposite order) is reported with its cycle long before the budget, and the next run works', async () => {
    const source = `export default function (t: Thread) {
      const [a, b] = t.id === 0 ? [0, 1] : [1, 0];
      t.lock(a); t.barrier(); t.lock(b); t.unlock(b); t.unlock(a);
    }`;
    const t0 = Date.now();
    const r = await pool.run({ source, threads: 2, budgetMs: 10_000 });
    expect(r.status).toBe('deadlock');
    expect(Date.now() - t0).toBeLessThan(5000);
    if (r.status !== 'deadlock') return;
    expect(r.deadlock.cycle?.toSorted()).toEqual([0, 1]);
    expect(r.deadlock.waits.map((w) => [w.thread, w.on])).toEqual([
      [0, { kind: 'lock', mutex: 1, holder: 1 }],
      [1, { kind: 'lock', mutex: 0, holder: 0 }],
    ]);
    expect(r.message).toMatch(/Deadlock on real workers: thread \d → thread \d → thread \d/);
    const again = await pool.run({ source: locked, threads: 2, params: { n: 1000 } });
    expect(again.status === 'ok' && again.memory[0]).toBe(2000);
  });

  it('a thread that ends holding a lock its partner waits for is a deadlock without a cycle', async () => {
    const source = `export default function (t: Thread) {
      if (t.id === 0) t.lock(3);
      t.barrier();
      if (t.id === 1) t.lock(3);
    }`;
    const r = await pool.run({ source, threads: 2, budgetMs: 10_000 });
    expect(r.status).toBe('deadlock');
    if (r.status !== 'deadlock') return;
    expect(r.deadlock.cycle).toBeNull();
    expect(r.deadlock.waits).toHaveLength(1);
    expect(r.deadlock.waits[0].text).toMatch(/mutex 3, held by thread 0 \(which finished/);
  });

  it('threads stuck at a barrier (not a lock) are still left to the watchdog', async () => {
    const source = `export default function (t: Thread) { if (t.id === 0) t.barrier(); }`;
    const r = await pool.run({ source, threads: 2, budgetMs: 600 });
    expect(r.status).toBe('timeout');
  });

  it('heavy contention on one mutex is progress, never a deadlock', async () => {
    // A generous budget: on a loaded machine the handoffs are slow, and only a deadlock may fail it.
    const r = await pool.run({
      source: locked,
      threads: 4,
      params: { n: 50_000 },
      budgetMs: 30_000,
    });
    expect(r.status === 'ok' && r.memory[0]).toBe(200_000);
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

describe('containment: learner code gets only the Thread API', () => {
  const correct = { source: atomic, threads: 2, params: { n: 1000 } };

  it.each([
    ['Array.prototype.push = null', 'Array.prototype.push = null;'],
    ['Object.prototype.x = 1', '(Object.prototype as any).x = 1;'],
    ['replacing Atomics.add', '(Atomics as any).add = () => 0;'],
    ['close()', '(globalThis as any).close();'],
    ['setInterval left behind', 'setInterval(() => {}, 1);'],
    ['a global for the next run', '(globalThis as any).leak = 1;'],
  ])(
    '%s fails in the learner code at its line, and the next correct run is right',
    async (_n, bad) => {
      const source = `export default function (t: Thread) {\n  ${bad}\n}`;
      const r = await pool.run({ source, threads: 2 });
      expect(r.status).toBe('error');
      if (r.status === 'error') expect(r.error.line).toBe(2);
      const next = await pool.run(correct);
      expect(next.status).toBe('ok');
      if (next.status === 'ok') expect(next.memory[0]).toBe(2000);
    },
  );

  it.each([
    ['fetch', `fetch('http://127.0.0.1:9/x')`],
    [
      'the prototype of the global',
      `Object.getPrototypeOf(globalThis).fetch('http://127.0.0.1:9/x')`,
    ],
    ['a constructor', `(t.log as any).constructor('return fetch')()('http://127.0.0.1:9/x')`],
    ['Function', `Function('return globalThis')().fetch('http://127.0.0.1:9/x')`],
    ['indexedDB', `(indexedDB as any).open('x')`],
    ['caches', `(caches as any).open('x')`],
    ['FontFace', `new (FontFace as any)('f', 'url(http://127.0.0.1:9/f)')`],
    ['importScripts', `(importScripts as any)('http://127.0.0.1:9/x.js')`],
  ])('%s leads nowhere', async (_n, attack) => {
    const source = `export default function (t: Thread) {\n  ${attack};\n}`;
    const r = await pool.run({ source, threads: 1 });
    expect(r.status).toBe('error');
    if (r.status === 'error') expect(r.error.line).toBe(2);
  });

  it('import() through Function is refused before it runs', async () => {
    const source = `export default function (t: Thread) {\n  Function('u', 'return imp' + 'ort(u)');\n}`;
    const r = await pool.run({ source, threads: 1 });
    expect(r.status).toBe('error');
    if (r.status === 'error') expect(r.error.message).toMatch(/import/);
  });

  it('refuses an async default export with a message that names the problem', async () => {
    const r = await pool.run({
      source: `export default async function (t: Thread) { await 0; t.shared[0] = 1; }`,
      threads: 2,
    });
    expect(r.status).toBe('compile-error');
    if (r.status === 'compile-error')
      expect(r.message).toMatch(/must be synchronous.*remove async/);
    const promise = await pool.run({
      source: `export default function (t: Thread) { return Promise.reject(new Error('x')); }`,
      threads: 1,
    });
    expect(promise.status).toBe('error');
    if (promise.status === 'error') expect(promise.error.message).toMatch(/returned a Promise/);
  });

  it('bounds output by characters as well as lines', async () => {
    const source = `export default function (t: Thread) {
  const s = 'x'.repeat(200_000);
  for (let i = 0; i < 1000; i++) { t.log(s); console.log(s); }
}`;
    const r = await pool.run({ source, threads: 2 });
    expect(r.status).toBe('ok');
    if (r.status !== 'ok') return;
    for (const th of r.threads) {
      const chars = th.logs.reduce((a, l) => a + l.length, 0);
      expect(chars).toBeLessThan(25_000);
      expect(th.logs.at(-1)).toMatch(/more lines not shown/);
      expect(th.logs[0]).toMatch(/line cut: 200,000 characters/);
    }
  });
});

describe('nothing a run queues outlives it', () => {
  it('a promise chain that spins after the run returns is charged to that run, not the next', async () => {
    const source = `export default function (t: Thread) {
  Promise.resolve().then(() => 0).then(() => 0).then(() => { const end = t.now() + 300; while (t.now() < end) {} t.shared[1] = 7; });
}`;
    const r = await pool.run({ source, threads: 1, budgetMs: 2000 });
    expect(r.status === 'ok' && r.memory[1]).toBe(7);
    const next = await pool.run({ source: atomic, threads: 1, params: { n: 5 }, budgetMs: 1000 });
    expect(next.status === 'ok' && next.memory[0]).toBe(5);
  });

  it('reports a rejection nothing handled, with its line', async () => {
    const source = `export default function (t: Thread) {
  Promise.resolve().then(() => {
    throw new Error('lost');
  });
}`;
    const r = await pool.run({ source, threads: 1 });
    expect(r.status).toBe('error');
    if (r.status === 'error') {
      expect(r.error.message).toMatch(/nothing handled it.*lost/);
      expect(r.error.line).toBe(3);
    }
  });
});

describe('a worker that floods the page with messages', () => {
  it('is stopped and the run says why', async () => {
    const flood = 'data:text/javascript,for (let i = 0; i < 1e6; i++) postMessage({ i });';
    const flooded = createPool({ createWorker: () => nodeWorker(new URL(flood)) });
    try {
      const r = await flooded.run({ source: atomic, threads: 1, params: { n: 1 } });
      expect(r.status).toBe('error');
      if (r.status === 'error') {
        expect(r.stopped).toBe('flood');
        expect(r.error.message).toMatch(/far more messages/);
      }
    } finally {
      flooded.dispose();
    }
  });
});

describe('memory', () => {
  it('an allocation the engine refuses is reported as too much memory, and the next run works', async () => {
    const source = `export default function (t: Thread) {
  const keep: string[] = [];
  for (let k = 0; ; k++) keep.push('x'.repeat(2 ** 30));
}`;
    const r = await pool.run({ source, threads: 1 });
    expect(r.status).toBe('error');
    if (r.status === 'error') {
      expect(r.error.message).toMatch(/your code used too much memory/);
      expect(r.error.line).toBe(3);
    }
    const next = await pool.run({ source: atomic, threads: 2, params: { n: 5 } });
    expect(next.status === 'ok' && next.memory[0]).toBe(10);
  });
});
