import { transform } from 'sucrase';
import { parse } from 'acorn';
import type { SourceError } from './source-error.ts';

export { describeError, type SourceError } from './source-error.ts';

export type CompileResult = { ok: true; js: string } | { ok: false; error: SourceError };

/**
 * Turns a learner's TypeScript/JavaScript module into plain CommonJS-style JavaScript
 * (`exports.default = …`) that `new Function('exports', 'require', …)` can run.
 * Sucrase keeps line numbers, so a line in the output is the same line in the learner's code.
 */
export function compile(source: string): CompileResult {
  let js: string;
  try {
    js = transform(source, {
      transforms: ['typescript', 'imports'],
      disableESTransforms: true,
      production: true,
    }).code;
  } catch (e) {
    return { ok: false, error: sucraseError(e) };
  }
  // Sucrase is lenient (it does not validate everything); acorn catches the rest with a location.
  try {
    parse(js, { ecmaVersion: 'latest', sourceType: 'script', locations: true });
  } catch (e) {
    const err = e as { message?: string; loc?: { line: number; column: number } };
    const message = (err.message ?? String(e)).replace(/\s*\(\d+:\d+\)$/, '');
    return {
      ok: false,
      error: { message, line: err.loc?.line ?? null, column: err.loc ? err.loc.column + 1 : null },
    };
  }
  return { ok: true, js };
}

function sucraseError(e: unknown): SourceError {
  const message = e instanceof Error ? e.message : String(e);
  // Sucrase reports "Unexpected token (3:5)" with a 1-based line and 0-based column.
  const m = /\((\d+):(\d+)\)\s*$/.exec(message);
  return {
    message: message.replace(/^Error transforming [^:]*:\s*/, '').replace(/\s*\(\d+:\d+\)\s*$/, ''),
    line: m ? Number(m[1]) : null,
    column: m ? Number(m[2]) + 1 : null,
  };
}
