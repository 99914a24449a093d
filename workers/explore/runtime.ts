/**
 * The helpers instrumented code calls (see transform.ts). They decide at run time whether an access
 * touches shared memory: if so they record the thread's pending operation and hand back the sentinel
 * `P` with a one-step generator in `h.g`, so the thread pauses *before* the operation; the machine
 * performs it when the thread is scheduled. Everything else happens at once.
 */
import type { AtomicRmw, Op } from './types.ts';

/** assert() failed in learner code. */
export class AssertionFailure extends Error {
  override name = 'AssertionFailure';
}

/** A step budget ran out (an infinite loop, or far more steps than a lesson needs). */
export class BudgetError extends Error {
  override name = 'BudgetError';
}

/** Something step mode cannot pause on (shared memory inside a callback, for…of over t.shared …). */
export class StepModeError extends Error {
  override name = 'StepModeError';
}

/**
 * Any callable learner code may call (built-ins included): `Function` would do, but lint asks for a
 * signature, and these really are called with arbitrary `this` and arguments.
 */
export type AnyFunction = (this: never, ...args: never[]) => unknown;

/** Implementation of a recognised function (Atomics.*, t.lock …): returns a result, or P for a step. */
export type ApiImpl = (thisArg: unknown, args: unknown[], line: number) => unknown;

/** What the helpers need from the execution that runs them. */
export interface Host {
  /** The running execution's shared memory buffer, to recognise views of it (swapped per execution). */
  readonly buffer: ArrayBuffer;
  /** Records the current thread's pending operation; `perform` runs an opaque built-in at its step. */
  request(op: Op, perform?: () => unknown, result?: unknown): void;
  /** Last learner line the current thread reached (for error messages). */
  setLine(line: number): void;
  /** Charges one loop iteration / function entry. */
  tick(): void;
  /** Charges a pure spin-loop iteration (may park the thread, see machine.ts). */
  spin(loopId: number, impure: boolean): void;
  /** The thread API functions and Atomics, recognised by identity when called. */
  readonly api: Map<AnyFunction, ApiImpl>;
  /** Set while an opaque built-in step runs, so it may iterate t.shared. */
  allowIterate: boolean;
}

export interface Helpers {
  get(o: unknown, k: unknown, line: number, optional?: number): unknown;
  set(o: unknown, k: unknown, v: unknown, line: number): unknown;
  call(thisArg: unknown, f: unknown, args: unknown[], line: number, optional?: number): unknown;
  callm(o: unknown, k: unknown, args: unknown[], line: number, flags?: number): unknown;
  construct(c: unknown, args: unknown[], line: number): unknown;
  fn(gen: GeneratorFn, name: string, arrow?: number, self?: unknown): AnyFunction;
  s(r: unknown, line: number): unknown;
  tick(line: number): void;
  spin(line: number, loopId: number, impure?: number): void;
  thrown(x: unknown, line: number): unknown;
  unS(x: unknown): unknown;
  P: symbol;
  /** The generator the emitted code must `yield*` when a helper returned P. */
  g: Generator<unknown, unknown, unknown> | null;
}

type GeneratorFn = (this: unknown, ...args: unknown[]) => Generator<unknown, unknown, unknown>;

interface LearnerFn {
  gen: GeneratorFn;
  arrow: boolean;
  self: unknown;
}

/** Learner functions (wrappers made by `fn`) carry their generator under this key (a WeakMap costs far more GC). */
const LEARNER = Symbol('learner');
type Wrapper = AnyFunction & { [LEARNER]?: LearnerFn };
/** Line of a value thrown by learner code (`throw new Error()`), for reports. */
export const THROWN_LINE = new WeakMap<object, number>();

const GeneratorFunctionProto = Object.getPrototypeOf(function* () {}) as object;
const isGeneratorFunction = (f: AnyFunction) => Object.getPrototypeOf(f) === GeneratorFunctionProto;

/** One yield: the thread pauses here, and the machine's resume value becomes the operation's result. */
function* oneStep(): Generator<unknown, unknown, unknown> {
  return yield;
}

const P = Symbol('pending');
// Compared by identity, never called unbound.
const callFn = Function.prototype.call as AnyFunction;
const applyFn = Function.prototype.apply as AnyFunction;
const bindFn = Function.prototype.bind as AnyFunction;
/** The argument list of apply / Reflect.apply (null and undefined mean none, as in apply). */
const argList = (a: unknown): unknown[] => (a == null ? [] : Array.from(a as ArrayLike<unknown>));
/** Short-circuit marker inside an optional chain (`a?.b.c` with a == null). */
const S = Symbol('short');

/** Index of `key` in a view of shared memory as a cell of the whole memory, or -1 if it is not an element. */
export function cellOf(view: ArrayBufferView, key: unknown): number {
  if (!(view instanceof Int32Array)) {
    throw new StepModeError(
      'only Int32Array views of t.shared can be stepped (this is a different typed array over its buffer)',
    );
  }
  let i: number;
  if (typeof key === 'number') i = key;
  else if (typeof key === 'string' && key !== '' && String(Number(key)) === key) i = Number(key);
  else return -1;
  if (!Number.isInteger(i) || i < 0 || i >= view.length) return -1;
  return view.byteOffset / 4 + i;
}

export function toInt32(v: unknown): number {
  if (typeof v === 'bigint') throw new TypeError('Cannot convert a BigInt value to a number');
  return Number(v) | 0;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'function') return `function ${v.name || '(anonymous)'}`;
  if (typeof v === 'object') return 'an object';
  return typeof v === 'string' ? JSON.stringify(v) : String(v);
}

export function createHelpers(host: Host): Helpers {
  const isShared = (o: unknown): o is ArrayBufferView =>
    typeof o === 'object' && o !== null && ArrayBuffer.isView(o) && o.buffer === host.buffer;
  /** Name of the built-in last called, so a callback that tries a shared op can say who called it. */
  let builtin = '';

  const runSync = (g: Generator<unknown, unknown, unknown>, where: () => string): unknown => {
    const r = g.next();
    if (!r.done) {
      g.return(undefined);
      throw new StepModeError(
        `shared memory ${where()} can't be stepped; use a for loop in the thread function`,
      );
    }
    return r.value;
  };

  const touchesShared = (thisArg: unknown, args: unknown[]) =>
    isShared(thisArg) ||
    thisArg === host.buffer ||
    args.some((a) => isShared(a) || a === host.buffer);

  const h: Helpers = {
    P,
    g: null,
    get(o, k, line, optional) {
      host.setLine(line);
      if (o === S) return S;
      if (o == null) {
        if (optional) return S;
        throw new TypeError(`Cannot read properties of ${o} (reading '${String(k)}')`);
      }
      if (isShared(o)) {
        const cell = cellOf(o, k);
        if (cell >= 0) {
          host.request({ kind: 'read', index: cell, atomic: false, line });
          h.g = oneStep();
          return P;
        }
      }
      return (o as Record<PropertyKey, unknown>)[k as PropertyKey];
    },
    set(o, k, v, line) {
      host.setLine(line);
      if (o == null) throw new TypeError(`Cannot set properties of ${o} (setting '${String(k)}')`);
      if (isShared(o)) {
        const cell = cellOf(o, k);
        if (cell >= 0) {
          host.request(
            { kind: 'write', index: cell, value: toInt32(v), atomic: false, line },
            undefined,
            v,
          );
          h.g = oneStep();
          return P;
        }
      }
      (o as Record<PropertyKey, unknown>)[k as PropertyKey] = v;
      return v;
    },
    call(thisArg, f, args, line, optional) {
      host.setLine(line);
      if (f == null && optional) return S;
      if (typeof f !== 'function') throw new TypeError(`${describe(f)} is not a function`);
      const fn = f as AnyFunction;
      const learner = (fn as Wrapper)[LEARNER];
      if (learner) {
        h.g = learner.gen.apply(learner.arrow ? learner.self : thisArg, args);
        return P;
      }
      // Object-literal and class methods are generator methods (learner generators are rejected at compile time).
      if (isGeneratorFunction(fn)) {
        h.g = (f as GeneratorFn).apply(thisArg, args);
        return P;
      }
      // f.call / f.apply / Reflect.apply only forward: unwrap them so the function they call is
      // recognised (an Atomics op or a learner function stays a step of its own).
      if (fn === callFn) return h.call(args[0], thisArg, args.slice(1), line);
      if (fn === applyFn) return h.call(args[0], thisArg, argList(args[1]), line);
      if (fn === Reflect.apply) return h.call(args[1], args[0], argList(args[2]), line);
      if (
        fn === bindFn &&
        typeof thisArg === 'function' &&
        (host.api.has(thisArg as AnyFunction) || (thisArg as Wrapper)[LEARNER])
      )
        throw new StepModeError(
          `${(thisArg as AnyFunction).name || 'this function'}.bind(…) can't be stepped (line ${line}); call it directly`,
        );
      const api = host.api.get(fn);
      if (api) return api(thisArg, args, line);
      if (f === eval || f === Function)
        throw new StepModeError('eval and new Function are not available in step mode');
      if (f !== Int32Array.prototype.subarray && touchesShared(thisArg, args)) {
        // A built-in reading or writing shared memory (fill, slice, Array.from, …) runs as one step.
        const name = f.name || 'a built-in function';
        host.request({ kind: 'call', name, line }, () => {
          host.allowIterate = true;
          try {
            return Reflect.apply(f, thisArg, args);
          } finally {
            host.allowIterate = false;
          }
        });
        h.g = oneStep();
        return P;
      }
      const outer = builtin;
      builtin = f.name;
      try {
        return Reflect.apply(f, thisArg, args);
      } finally {
        builtin = outer;
      }
    },
    callm(o, k, args, line, flags = 0) {
      host.setLine(line);
      if (o === S) return S;
      if (o == null) {
        if (flags & 1) return S;
        throw new TypeError(`Cannot read properties of ${o} (reading '${String(k)}')`);
      }
      const f = (o as Record<PropertyKey, unknown>)[k as PropertyKey];
      if (f == null && flags & 2) return S;
      if (typeof f !== 'function')
        throw new TypeError(`${String(k)} is not a function (it is ${describe(f)})`);
      return h.call(o, f, args, line);
    },
    construct(c, args, line) {
      host.setLine(line);
      if (c === Function) throw new StepModeError('new Function is not available in step mode');
      if (args.some((a) => isShared(a))) {
        throw new StepModeError(
          "copying t.shared with `new` can't be stepped; copy it with a for loop",
        );
      }
      if (typeof c !== 'function') throw new TypeError(`${describe(c)} is not a constructor`);
      const outer = builtin;
      builtin = `new ${c.name}`;
      try {
        return Reflect.construct(c, args);
      } finally {
        builtin = outer;
      }
    },
    fn(gen, name, arrow, self) {
      const info: LearnerFn = { gen, arrow: arrow === 1, self };
      // Called directly (by a built-in such as forEach, or with `new`): run to completion, no stepping.
      const wrapper = function (this: unknown, ...args: unknown[]) {
        const by = builtin;
        return runSync(gen.apply(info.arrow ? info.self : this, args), () =>
          by.startsWith('new ') || new.target
            ? `inside a constructor (${by || name})`
            : `inside a callback passed to ${by || 'a built-in function'}`,
        );
      };
      if (name || gen.name) Object.defineProperty(wrapper, 'name', { value: name || gen.name });
      (wrapper as Wrapper)[LEARNER] = info;
      return wrapper;
    },
    s(r, line) {
      if (r !== P) return r;
      host.setLine(line);
      return runSync(
        h.g!,
        () =>
          'outside a thread function (top-level code, a getter, a constructor or a default parameter)',
      );
    },
    tick(line) {
      host.setLine(line);
      host.tick();
    },
    spin(line, loopId, impure) {
      host.setLine(line);
      host.spin(loopId, impure === 1);
    },
    thrown(x, line) {
      if (typeof x === 'object' && x !== null && !THROWN_LINE.has(x)) THROWN_LINE.set(x, line);
      return x;
    },
    unS(x) {
      return x === S ? undefined : x;
    },
  };
  return h;
}

/** Builds the Atomics entries of the API table: ops on shared views become steps, others run as usual. */
export function atomicsApi(host: Host, helpers: Helpers): Map<AnyFunction, ApiImpl> {
  const table = new Map<AnyFunction, ApiImpl>();
  const sharedCell = (args: unknown[]): number => {
    const view = args[0];
    if (!(
      typeof view === 'object' &&
      view !== null &&
      ArrayBuffer.isView(view) &&
      view.buffer === host.buffer
    ))
      return -2;
    const cell = cellOf(view, typeof args[1] === 'string' ? args[1] : Number(args[1]));
    if (cell < 0) throw new RangeError('Invalid atomic access index');
    return cell;
  };
  const step = (op: Op, result?: unknown) => {
    host.request(op, undefined, result);
    helpers.g = oneStep();
    return helpers.P;
  };
  const rmw = (name: AtomicRmw) => (thisArg: unknown, args: unknown[], line: number) => {
    const cell = sharedCell(args);
    if (cell === -2) return Reflect.apply(Atomics[name] as AnyFunction, thisArg, args);
    const operand = toInt32(args[2]);
    const replacement = name === 'compareExchange' ? toInt32(args[3]) : undefined;
    return step({ kind: 'rmw', op: name, index: cell, operand, replacement, line });
  };
  for (const name of ['add', 'sub', 'and', 'or', 'xor', 'exchange', 'compareExchange'] as const)
    table.set(Atomics[name], rmw(name));
  table.set(Atomics.load, (thisArg, args, line) => {
    const cell = sharedCell(args);
    if (cell === -2) return Reflect.apply(Atomics.load, thisArg, args);
    return step({ kind: 'read', index: cell, atomic: true, line });
  });
  table.set(Atomics.store, (thisArg, args, line) => {
    const cell = sharedCell(args);
    if (cell === -2) return Reflect.apply(Atomics.store, thisArg, args);
    const v = Math.trunc(Number(args[2])) || 0;
    return step({ kind: 'write', index: cell, value: toInt32(args[2]), atomic: true, line }, v);
  });
  table.set(Atomics.wait, (_thisArg, args, line) => {
    const cell = sharedCell(args);
    if (cell === -2)
      throw new StepModeError('Atomics.wait only works on t.shared in simulated threads');
    const timeout = args[3] === undefined ? Infinity : Math.max(0, Number(args[3]) || 0);
    return step({ kind: 'wait', index: cell, expected: toInt32(args[2]), timeout, line });
  });
  table.set(Atomics.notify, (thisArg, args, line) => {
    const cell = sharedCell(args);
    if (cell === -2) return Reflect.apply(Atomics.notify, thisArg, args);
    const count = args[2] === undefined ? Infinity : Math.max(0, Math.trunc(Number(args[2])) || 0);
    return step({ kind: 'notify', index: cell, count, line });
  });
  const waitAsync = (Atomics as unknown as { waitAsync?: AnyFunction }).waitAsync;
  if (waitAsync) {
    table.set(waitAsync, () => {
      throw new StepModeError('Atomics.waitAsync is not available in simulated threads');
    });
  }
  return table;
}

/** For the machine: the one-step generator and sentinel, so thread API ops can be steps too. */
export function stepOp(host: Host, helpers: Helpers, op: Op, result?: unknown): symbol {
  host.request(op, undefined, result);
  helpers.g = oneStep();
  return helpers.P;
}
