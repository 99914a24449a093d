import { describe, expect, it } from 'vitest';
import { exploreService } from './service.ts';
import { explore } from './explorer.ts';
import { createExecution } from './machine.ts';
import { tryInstrument } from './transform.ts';
import { program } from './test-helpers.ts';

describe('instrument', () => {
  it('reports syntax errors at the learner line and column', () => {
    const r = tryInstrument('exports.default = function (t) {\n  t.shared[0]++\n  let = = 3;\n}');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ line: 3 });
  });

  it('compile() in the service reports TypeScript errors with line and column', () => {
    const r = exploreService.compile('export default function (t: Thread) {\n  const x = ;\n}');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.line).toBe(2);
      expect(r.error.column).toBeGreaterThan(0);
    }
    expect(
      exploreService.compile('export default function (t: Thread) { t.shared[0]++; }'),
    ).toEqual({ ok: true });
  });

  it('refuses constructs step mode cannot run, with a line', () => {
    const r = tryInstrument('exports.default = async function (t) {\n}\n');
    expect(r).toMatchObject({
      ok: false,
      error: { line: 1, message: expect.stringMatching(/async/) },
    });
  });

  it('keeps JavaScript semantics of ordinary code (closures, objects, classes, destructuring, optional chaining)', () => {
    const p =
      program(`class Box { v: number; constructor(v: number) { this.v = v; } get double() { return this.v * 2; } add(n: number) { this.v += n; return this; } }
const table: Record<string, number> = { a: 1 };
function sum(...xs: number[]) { return xs.reduce((a, b) => a + b, 0); }
export default function (t: Thread) {
  const { shared, params } = t;
  const box = new Box(params.start ?? 1).add(2);
  const counter = (() => { let n = 0; return { next: () => ++n }; })();
  counter.next();
  const maybe: { x?: { y: number } } = {};
  table.a += 10;
  const arr = [1, 2, 3].map((x) => x * box.double);
  shared[0] = sum(...arr) + counter.next() + (maybe.x?.y ?? 100) + table.a;
  label: for (let i = 0; i < 3; i++) { for (;;) { if (i === 1) continue label; break; } shared[1]++; }
  shared[2] = 'abc'.length + Math.max(1, 2);
}`);
    const r = explore(p, { threads: 1, sharedCells: 3, params: { start: 2 } });
    // box.v = 4, double = 8 → 8+16+24 = 48; counter 2; 100; table.a 11 → 161
    expect(r.violations).toEqual([]);
    expect(r.outcomes[0].memory).toEqual([161, 2, 5]);
  });

  it('gives each thread its own module-level variables (like a real worker)', () => {
    const p = program(`let calls = 0;
export default function (t: Thread) { calls++; t.shared[t.id] = calls; }`);
    const ex = createExecution(p, { threads: 2, sharedCells: 2 });
    while (!ex.isDone) ex.step(ex.enabled()[0]);
    expect(ex.memory()).toEqual([1, 1]);
  });

  it('reports runtime errors with the learner line', () => {
    const p = program(`export default function (t: Thread) {
  const o: any = null;
  t.shared[0] = 1;
  o.x = 2;
}`);
    const r = explore(p, { threads: 1, sharedCells: 1 });
    expect(r.violations[0]).toMatchObject({
      kind: 'error',
      line: 4,
      message: expect.stringMatching(/Cannot set properties of null/),
    });
  });

  it('for…of over t.shared is refused; t.shared.fill is one step', () => {
    const bad = explore(
      program('export default function (t: Thread) { for (const v of t.shared) t.log(v); }'),
      {
        threads: 1,
        sharedCells: 1,
      },
    );
    expect(bad.violations[0]).toMatchObject({
      kind: 'error',
      message: expect.stringMatching(/use an index loop/),
    });
    const fill = createExecution(
      program('export default function (t: Thread) { t.shared.fill(7); }'),
      { threads: 1, sharedCells: 2 },
    );
    expect(fill.pending(0)).toMatchObject({ kind: 'call', name: 'fill' });
    fill.step(0);
    expect(fill.memory()).toEqual([7, 7]);
  });
});
