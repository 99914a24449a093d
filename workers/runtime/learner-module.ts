import type { SourceError } from './compile.ts';
import type { ModuleFactory } from './sandbox.ts';

export { evaluateModule, toSourceError, type ModuleFactory } from './sandbox.ts';

/** The learner's thread function, as exported by their module. */
export type ThreadMain = (t: Thread) => unknown;

export const MUST_BE_SYNCHRONOUS =
  'must be synchronous: threads here block with Atomics.wait, nothing would wait for an async function (remove async)';

/**
 * Instantiates compiled learner code: a fresh module (fresh module-level variables) every time.
 * Reusing one factory for unchanged code matters for speed: closures made by the same factory share
 * V8's feedback and optimised code, so the next run of the same code starts warm.
 * Imports are not available to learner code (it runs alone in a worker): `require` says so.
 */
export function instantiate(
  factory: ModuleFactory,
  entry = 'default',
  onError: (e: unknown) => SourceError,
): { ok: true; main: ThreadMain } | { ok: false; error: SourceError } {
  const exports: Record<string, unknown> = {};
  const require = (name: string): never => {
    throw new Error(`imports are not available in lesson code ("${name}")`);
  };
  try {
    factory(exports, require, assert);
  } catch (e) {
    return { ok: false, error: onError(e) };
  }
  const main = exports[entry];
  if (typeof main !== 'function') {
    const message =
      entry === 'default'
        ? 'Your code must `export default function (t: Thread) { … }`.'
        : `the module has no function export "${entry}"`;
    return { ok: false, error: { message, line: null, column: null } };
  }
  const kind = (main as { [Symbol.toStringTag]?: unknown })[Symbol.toStringTag];
  if (kind === 'AsyncFunction' || kind === 'AsyncGeneratorFunction') {
    const name = entry === 'default' ? 'The default export' : `The export "${entry}"`;
    return {
      ok: false,
      error: { message: `${name} ${MUST_BE_SYNCHRONOUS}`, line: null, column: null },
    };
  }
  return { ok: true, main: main as ThreadMain };
}

/** Fails the run when `condition` is false (the global `assert` in lesson code). */
export function assert(condition: unknown, message?: string): asserts condition {
  if (!condition) throw new AssertionFailure(message ?? 'assertion failed');
}

export class AssertionFailure extends Error {
  override name = 'AssertionFailure';
}
