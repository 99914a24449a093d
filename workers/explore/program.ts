/**
 * A learner program compiled once for the step-mode machine, and the per-program runtime (helpers,
 * Atomics table, thread API) that every execution of it shares; see machine.ts.
 */
import { instrument, InstrumentFailure, type InstrumentError } from './transform.ts';
import {
  AssertionFailure,
  StepModeError,
  atomicsApi,
  createHelpers,
  stepOp,
  type AnyFunction,
  type ApiImpl,
  type Helpers,
  type Host,
} from './runtime.ts';
import { formatValue } from '../runtime/format-value.ts';
import type { Op } from './types.ts';

export const MUTEXES = 32;
export const MAX_LOG_LINES = 200;

export type Factory = (
  h: Helpers,
  exports: Record<string, unknown>,
  require: (name: string) => never,
  assert: unknown,
  module: unknown,
  /** The thread's own global object (`globalThis` and `self` in its code). */
  global: unknown,
  self: unknown,
) => void;

/** A compiled program: instrumented once, instantiated per thread per execution. */
export interface Program {
  readonly factory: Factory;
  /** The code names `globalThis` or `self`: only then is a global object made per thread. */
  readonly usesGlobal: boolean;
  /** What a thread's own global object inherits from: the built-ins learner code may see. */
  readonly baseGlobal: object;
}

export type LoadResult = { ok: true; program: Program } | { ok: false; error: InstrumentError };

/** Makes a function from parameter names and a body, as `new Function` does. */
export type FunctionMaker = (
  params: readonly string[],
  body: string,
) => { fn: (...args: never[]) => unknown; global: object };

const plainFunction: FunctionMaker = (params, body) => ({
  fn: new Function(...params, body) as (...args: never[]) => unknown,
  global: globalThis,
});
let makeFunction: FunctionMaker = plainFunction;

/**
 * How learner code becomes a function. The explore worker sets a hardened one (a SES compartment,
 * runtime/sandbox.ts `sandboxedFunction`) so learner code sees only its own global object; Node tests
 * keep `new Function` (locking down the test runner's realm would break it).
 */
export function useFunctionMaker(maker: FunctionMaker): void {
  makeFunction = maker;
}

/** Instruments plain JavaScript (the output of runtime/compile.ts) and compiles it once. */
export function loadProgram(js: string): LoadResult {
  let code: string;
  try {
    code = instrument(js);
  } catch (e) {
    if (e instanceof InstrumentFailure)
      return { ok: false, error: { message: e.message, line: e.line, column: e.column } };
    throw e;
  }
  try {
    const made = makeFunction(
      ['__$h', 'exports', 'require', 'assert', 'module', 'globalThis', 'self'],
      code,
    );
    return {
      ok: true,
      program: {
        factory: made.fn as unknown as Factory,
        usesGlobal: /\b(?:globalThis|self)\b/.test(js),
        baseGlobal: made.global,
      },
    };
  } catch (e) {
    const message = (e as Error).message;
    // The sandbox refuses some source text outright (import(), direct eval, HTML comments).
    const refused =
      /Possible (import expression|direct eval expression|HTML comment) rejected/.exec(message);
    return {
      ok: false,
      error: {
        message: refused
          ? `${refused[1].replace(' expression', '()').replace('direct ', '')} is not available in lesson code`
          : // The rewrite produced something V8 rejects: a bug here, but report it rather than crash.
            `internal step-mode error: ${message}`,
        line: null,
        column: null,
      },
    };
  }
}

export interface ExecHooks {
  request(op: Op, perform?: () => unknown, result?: unknown): void;
  setLine(line: number): void;
  tick(): void;
  spin(loopId: number, impure: boolean): void;
  log(line: string): void;
  now(): number;
}

/** Host whose calls go to the execution currently running (helpers are built once per program). */
class SwitchHost implements Host {
  buffer = new ArrayBuffer(0);
  allowIterate = false;
  readonly api = new Map<AnyFunction, ApiImpl>();
  active: ExecHooks | null = null;
  request(op: Op, perform?: () => unknown, result?: unknown) {
    this.active!.request(op, perform, result);
  }
  setLine(line: number) {
    this.active!.setLine(line);
  }
  tick() {
    this.active!.tick();
  }
  spin(loopId: number, impure: boolean) {
    this.active!.spin(loopId, impure);
  }
}

export type ApiFns = Omit<Thread, 'id' | 'count' | 'params' | 'shared'>;

interface Runtime {
  host: SwitchHost;
  helpers: Helpers;
  apiFns: ApiFns;
}

const runtimes = new WeakMap<Program, Runtime>();

/** The helpers, Atomics table and thread API of a program: made once, reused by every execution. */
export function runtimeFor(program: Program): Runtime {
  let rt = runtimes.get(program);
  if (rt) return rt;
  const host = new SwitchHost();
  const helpers = createHelpers(host);
  for (const [f, impl] of atomicsApi(host, helpers)) host.api.set(f, impl);
  // Step operations are recognised by identity in `call`; called any other way (by a built-in) they refuse.
  const notStepped = (name: string) => () => {
    throw new StepModeError(
      `t.${name}() can't be stepped when called by a built-in; call it directly`,
    );
  };
  const apiFns: ApiFns = {
    barrier: notStepped('barrier'),
    lock: notStepped('lock'),
    unlock: notStepped('unlock'),
    enter: notStepped('enter'),
    leave: notStepped('leave'),
    log: (...values: unknown[]) => host.active!.log(values.map(formatValue).join(' ')),
    /** Logical time: shared operations performed so far (deterministic, unlike a clock). */
    now: () => host.active!.now(),
  };
  const mutexArg = (m: unknown) => {
    const i = m === undefined ? 0 : Number(m);
    if (!Number.isInteger(i) || i < 0 || i >= MUTEXES)
      throw new RangeError(`mutex must be 0–${MUTEXES - 1}, got ${String(m)}`);
    return i;
  };
  const section = (s: unknown) => (s === undefined ? 'critical' : String(s));
  host.api.set(apiFns.lock, (_t, a, line) =>
    stepOp(host, helpers, { kind: 'lock', mutex: mutexArg(a[0]), line }),
  );
  host.api.set(apiFns.unlock, (_t, a, line) =>
    stepOp(host, helpers, { kind: 'unlock', mutex: mutexArg(a[0]), line }),
  );
  host.api.set(apiFns.barrier, (_t, _a, line) => stepOp(host, helpers, { kind: 'barrier', line }));
  host.api.set(apiFns.enter, (_t, a, line) =>
    stepOp(host, helpers, { kind: 'enter', section: section(a[0]), line }),
  );
  host.api.set(apiFns.leave, (_t, a, line) =>
    stepOp(host, helpers, { kind: 'leave', section: section(a[0]), line }),
  );
  host.api.set(apiFns.log, (_t, a) => apiFns.log(...a));
  host.api.set(apiFns.now, () => apiFns.now());
  rt = { host, helpers, apiFns };
  runtimes.set(program, rt);
  return rt;
}

export function assert(condition: unknown, message?: string): asserts condition {
  if (!condition) throw new AssertionFailure(message ?? 'assertion failed');
}

export const requireBlocked = (name: string): never => {
  throw new Error(`imports are not available in lesson code ("${name}")`);
};
