import 'ses';
import { BLOCKED_GLOBALS, blockedGlobal } from './lockdown.ts';
import type { SourceError } from './source-error.ts';

/**
 * Hardened JavaScript (the `ses` package) is the boundary around learner code:
 * - `lockdown()` freezes every intrinsic (Array.prototype, Atomics, Object.prototype …), so
 *   tampering throws in the learner's own code instead of poisoning the next run;
 * - a `Compartment` gives learner code a global object of its own holding only the language's
 *   intrinsics and what we endow: no fetch, no storage, no timers, no workers, no `self`, and no path
 *   back to the worker's real global through prototypes (`Function.prototype.constructor` is tamed;
 *   the compartment's `Function`/`eval` evaluate inside the compartment; source containing `import(`
 *   is rejected before it is evaluated).
 */

let hardened = false;

/** Freezes this realm's intrinsics. Call once, after every module of the worker has loaded. */
export function hardenRealm(): void {
  if (hardened) return;
  hardened = true;
  lockdown({
    // Learner errors must keep their stacks: the line numbers come from them.
    errorTaming: 'unsafe',
    stackFiltering: 'verbose',
    consoleTaming: 'unsafe',
    // 'moderate' (the default) turns only the usual suspects (constructor, toString, …) into
    // assignable accessors. 'severe' does so for every prototype method, and every `a.push(x)` in
    // the worker (the explore engine, learner code) then goes through a getter: several times slower.
    overrideTaming: 'moderate',
    // The pool reports errors; SES must not exit or print on its own.
    errorTrapping: 'none',
    unhandledRejectionTrapping: 'none',
    reporting: 'none',
  });
}

/** The few globals learner code gets on top of the language (the Thread API arrives as `t`). */
export interface LearnerGlobals {
  /** `console.log` and friends print to the run's output, like `t.log`. */
  print: (line: string) => void;
}

const SOURCE_URL = 'learner-code.js';
// The wrapper's first line ends before learner code starts, so learner line N is line N + 1.
const HEADER = '(function (exports, require, assert) {\n';

export type ModuleFactory = (
  exports: object,
  require: (name: string) => never,
  assert: unknown,
) => void;

/**
 * A compartment whose global object is frozen: nothing a run does to it can reach the next run,
 * and (a SES detail that decides speed) every frozen global becomes a `const` binding, so
 * `Atomics.add` in a hot loop is a plain load, not a lookup through `with` scopes.
 */
export function makeCompartment(globals: LearnerGlobals): Compartment {
  hardenRealm();
  const print = globals.print;
  const format = (xs: unknown[]) => xs.map((x) => (typeof x === 'string' ? x : safeString(x)));
  const console = {
    log: (...xs: unknown[]) => print(format(xs).join(' ')),
    info: (...xs: unknown[]) => print(format(xs).join(' ')),
    warn: (...xs: unknown[]) => print(format(xs).join(' ')),
    error: (...xs: unknown[]) => print(format(xs).join(' ')),
  };
  const blocked: Record<string, unknown> = {};
  for (const name of BLOCKED_GLOBALS) blocked[name] = blockedGlobal(name);
  const c = new Compartment({
    globals: {
      ...blocked,
      // Not in a compartment by default (SES leaves shared memory out); hardened with the rest below.
      Atomics: syncAtomics(),
      Float32Array,
      Float64Array,
      // A compartment's Math.random and Date.now throw; learners use both (random pauses, spins).
      Math,
      Date,
      console,
    },
    __options__: true,
  });
  harden(c.globalThis);
  return c;
}

/**
 * The worker's own Atomics, without `waitAsync`: its promise settles in a later task, the one way
 * left to run learner code after the run has returned (and so in the next run's time). Deleted, not
 * copied: a copy made with defineProperty is a dictionary-mode object, and the hot loop
 * `Atomics.add(...)` measured about 15 % slower through it.
 */
function syncAtomics(): typeof Atomics {
  if (!Object.isFrozen(Atomics)) delete (Atomics as { waitAsync?: unknown }).waitAsync;
  return Atomics;
}

function safeString(x: unknown): string {
  try {
    return JSON.stringify(x) ?? String(x);
  } catch {
    return String(x);
  }
}

/** Evaluates compiled learner code (CommonJS-style) in `compartment`, without running it. */
export function evaluateModule(
  compartment: Compartment,
  js: string,
): { ok: true; factory: ModuleFactory } | { ok: false; error: SourceError } {
  try {
    const factory = compartment.evaluate(`${HEADER}${js}\n})\n//# sourceURL=${SOURCE_URL}`);
    return { ok: true, factory: factory as ModuleFactory };
  } catch (e) {
    return { ok: false, error: rejectedSource(e) ?? toSourceError(e) };
  }
}

const REJECTED: Record<string, string> = {
  'import expression': 'import() is not available in lesson code (no loading code at run time)',
  'HTML comment': 'lesson code may not contain "<!--" or "-->", even in a string',
  'direct eval expression': 'eval() is not available in lesson code',
};
const REJECTION =
  /Possible (import expression|HTML comment|direct eval expression) rejected at [^:]*:(\d+)/;

/** SES refuses some source text before evaluating it; say what and where in learner lines. */
function rejectedSource(e: unknown): SourceError | null {
  const m = REJECTION.exec(e instanceof Error ? e.message : '');
  return m ? { message: REJECTED[m[1]], line: Number(m[2]) - 1, column: null } : null;
}

/** Allocation failures V8 throws as errors (the heap limit itself ends the worker instead). */
const OUT_OF_MEMORY =
  /^RangeError: (Invalid (array|string|typed array) length|Array buffer allocation failed|Out of memory)/;

function stackLine(e: unknown): { line: number; column: number } | null {
  let stack = '';
  try {
    stack = e instanceof Error ? String(e.stack ?? '') : '';
  } catch {
    /* a learner-made error with a throwing stack getter */
  }
  const m = /learner-code\.js:(\d+):(\d+)/.exec(stack);
  return m ? { line: Number(m[1]), column: Number(m[2]) } : null;
}

/** Maps an error thrown by learner code to the learner's line, using the stack. */
export function toSourceError(e: unknown): SourceError {
  let message: string;
  try {
    message = e instanceof Error ? `${e.name}: ${e.message}` : `Thrown: ${String(e)}`;
  } catch {
    message = 'Thrown: a value that cannot be printed';
  }
  // Source handed to Function() at run time is refused the same way as the module itself.
  const rejected = REJECTION.exec(message);
  if (rejected) message = REJECTED[rejected[1]];
  else if (OUT_OF_MEMORY.test(message)) message = `your code used too much memory (${message})`;
  const at = stackLine(e);
  if (!at) return { message, line: null, column: null };
  // Line 1 of the evaluated text is the wrapper's header.
  return { message, line: at.line - 1, column: at.column };
}

/**
 * `new Function(...params, body)`, but evaluated inside a frozen learner compartment: for engines
 * that run learner code their own way (the explore worker's generator machine). `global` is the
 * compartment's global object, for an engine that gives each thread a global of its own on top.
 */
export function sandboxedFunction(
  params: readonly string[],
  body: string,
  globals: LearnerGlobals = { print: () => undefined },
): { fn: (...args: unknown[]) => unknown; global: object } {
  const compartment = makeCompartment(globals);
  const fn = compartment.evaluate(
    `(function (${params.join(', ')}) {\n${body}\n})\n//# sourceURL=${SOURCE_URL}`,
  ) as (...args: unknown[]) => unknown;
  return { fn, global: compartment.globalThis };
}
