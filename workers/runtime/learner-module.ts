import type { SourceError } from './compile.ts';

/** The learner's thread function, as exported by their module. */
export type ThreadMain = (t: Thread) => unknown;

const SOURCE_URL = 'learner-code.js';

/** Lines `new Function` adds before the body ("function anonymous(a,b\n) {\n"), measured once. */
let headerLines: number | null = null;
function functionHeaderLines(): number {
  if (headerLines === null) {
    try {
      new Function(`throw new Error('probe')\n//# sourceURL=${SOURCE_URL}`)();
      headerLines = 0;
    } catch (e) {
      const line = stackLine(e);
      headerLines = line === null ? 0 : line.line - 1;
    }
  }
  return headerLines;
}

function stackLine(e: unknown): { line: number; column: number } | null {
  const stack = e instanceof Error ? (e.stack ?? '') : '';
  const m = new RegExp(`${SOURCE_URL.replace('.', '\\.')}:(\\d+):(\\d+)`).exec(stack);
  return m ? { line: Number(m[1]), column: Number(m[2]) } : null;
}

/** A compiled learner module: call it to get a fresh module instance. */
export type ModuleFactory = (
  exports: object,
  require: (name: string) => never,
  assert: unknown,
) => void;

/** Compiles (but does not run) learner JavaScript into a module factory. */
export function moduleFactory(
  js: string,
): { ok: true; factory: ModuleFactory } | { ok: false; error: SourceError } {
  try {
    const factory = new Function(
      'exports',
      'require',
      'assert',
      `${js}\n//# sourceURL=${SOURCE_URL}`,
    );
    return { ok: true, factory: factory as ModuleFactory };
  } catch (e) {
    return { ok: false, error: toSourceError(e) };
  }
}

/**
 * Instantiates compiled learner code: a fresh module (fresh module-level variables) every time.
 * Reusing one factory for unchanged code matters for speed: closures made by the same factory share
 * V8's feedback and optimised code, so the next run of the same code starts warm.
 * Imports are not available to learner code (it runs alone in a worker): `require` says so.
 */
export function instantiate(
  code: string | ModuleFactory,
  entry = 'default',
): { ok: true; main: ThreadMain } | { ok: false; error: SourceError } {
  const exports: Record<string, unknown> = {};
  const require = (name: string): never => {
    throw new Error(`imports are not available in lesson code ("${name}")`);
  };
  let factory: ModuleFactory;
  if (typeof code === 'string') {
    const made = moduleFactory(code);
    if (!made.ok) return made;
    factory = made.factory;
  } else factory = code;
  try {
    factory(exports, require, assert);
  } catch (e) {
    return { ok: false, error: toSourceError(e) };
  }
  if (entry !== 'default' && typeof exports[entry] !== 'function') {
    return {
      ok: false,
      error: { message: `the module has no function export "${entry}"`, line: null, column: null },
    };
  }
  if (typeof exports[entry] !== 'function') {
    return {
      ok: false,
      error: {
        message: 'Your code must `export default function (t: Thread) { … }`.',
        line: null,
        column: null,
      },
    };
  }
  return { ok: true, main: exports[entry] as ThreadMain };
}

/** Fails the run when `condition` is false (the global `assert` in lesson code). */
export function assert(condition: unknown, message?: string): asserts condition {
  if (!condition) throw new AssertionFailure(message ?? 'assertion failed');
}

export class AssertionFailure extends Error {
  override name = 'AssertionFailure';
}

/** Maps a runtime error thrown by learner code to the learner's line, using the stack. */
export function toSourceError(e: unknown): SourceError {
  const message = e instanceof Error ? `${e.name}: ${e.message}` : `Thrown: ${String(e)}`;
  const at = stackLine(e);
  if (!at) return { message, line: null, column: null };
  return { message, line: at.line - functionHeaderLines(), column: at.column };
}
