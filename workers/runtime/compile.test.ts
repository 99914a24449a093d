import { describe, expect, it } from 'vitest';
import { compile, describeError } from './compile.ts';

describe('compile', () => {
  it('turns a TypeScript module into runnable CommonJS', () => {
    const r = compile('export default function (t: Thread): void {\n  t.shared[0]++;\n}\n');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const exports: Record<string, unknown> = {};
    new Function('exports', 'require', r.js)(exports, () => undefined);
    expect(typeof exports.default).toBe('function');
  });

  it.each([
    ['a missing brace', 'export default function (t: Thread) {\n  t.shared[0]++;\n', 3],
    ['a stray token', 'export default function (t: Thread) {\n  let x = ;\n}\n', 2],
    ['a bad keyword use', 'export default function (t) {\n\n  const = 4;\n}', 3],
  ])('reports %s with the learner line', (_name, source, line) => {
    const r = compile(source);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.line).toBe(line);
    expect(describeError(r.error)).toMatch(new RegExp(`^Line ${line}`));
  });

  it('keeps line numbers so runtime errors point at the learner line', () => {
    const r = compile(
      'type N = number;\nexport default function () {\n  const n: N = 1;\n  null!.x;\n}',
    );
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.js.split('\n')[3]).toContain('.x');
  });
});
