/**
 * Rewrites a learner's (already transpiled, CommonJS-style) module so that one JavaScript thread can
 * run many "threads" of it and pause each one before every shared-memory operation.
 *
 * Every learner function becomes a generator; every member read/write and every call goes through a
 * runtime helper that decides at run time whether the operation touches the shared Int32Array (then
 * it yields a step point) or not (then it happens at once). Helpers return the sentinel `__$P` when
 * the caller must `yield*` the generator left in `__$h.g`, so the non-shared path is one plain call:
 *
 *   t.shared[0]++   →   (__$a1 = GET(t, "shared"), __$k1 = 0, __$v1 = GET(__$a1, __$k1),
 *                        __$w1 = __$v1++, SET(__$a1, __$k1, __$v1), __$w1)
 *   GET(o, k)       →   ((__$t = __$get(o, k, LINE)) === __$P ? (yield* __$h.g) : __$t)
 *
 * Code that cannot yield (top-level module code, constructors, getters/setters, parameter defaults)
 * is rewritten in "sync" mode: the same helpers, resolved by `__$s`, which throws a clear error if a
 * shared operation is attempted there.
 */
import { parse } from 'acorn';
import { generate } from 'astring';
import type * as ES from 'estree';
import {
  HELPER_NAMES,
  InstrumentFailure,
  PREFIX,
  callExpr,
  containsMemberTarget,
  exprStmt,
  fail,
  h,
  id,
  isDirective,
  isNode,
  isStatement,
  lineOf,
  num,
  str,
  type InstrumentError,
} from './transform-ast.ts';
import { isPureSpinLoop } from './spin-loops.ts';
import { ExpressionRewriter } from './rewrite-expressions.ts';

export { HELPER_NAMES, InstrumentFailure, type InstrumentError } from './transform-ast.ts';

/**
 * Returns the body of a factory `function (__$h, exports, require, assert, module)`; see machine.ts.
 * Throws InstrumentFailure (with the learner's line and 1-based column) on syntax errors or on
 * constructs step mode cannot run.
 */
export function instrument(js: string): string {
  let program: ES.Program;
  try {
    program = parse(js, {
      ecmaVersion: 'latest',
      sourceType: 'script',
      locations: true,
    }) as unknown as ES.Program;
  } catch (e) {
    const err = e as { message?: string; loc?: { line: number; column: number } };
    const message = (err.message ?? String(e)).replace(/\s*\(\d+:\d+\)$/, '');
    throw new InstrumentFailure(
      message,
      err.loc?.line ?? null,
      err.loc ? err.loc.column + 1 : null,
    );
  }
  const rewriter = new Rewriter();
  const body = rewriter.program(program);
  const prologue =
    `"use strict";\n` +
    `const {${HELPER_NAMES.map((n) => `${n}: ${PREFIX}${n}`).join(', ')}} = ${PREFIX}h;\n` +
    `let ${PREFIX}t;\n`;
  return prologue + generate(body);
}

/** Instrument and report errors as data (for the compile API). */
export function tryInstrument(
  js: string,
): { ok: true; code: string } | { ok: false; error: InstrumentError } {
  try {
    return { ok: true, code: instrument(js) };
  } catch (e) {
    if (e instanceof InstrumentFailure)
      return { ok: false, error: { message: e.message, line: e.line, column: e.column } };
    throw e;
  }
}

class Rewriter extends ExpressionRewriter {
  program(p: ES.Program): ES.Program {
    const body = this.statements(p.body as ES.Statement[], true);
    this.declareTemps(body, 0);
    return { ...p, body, sourceType: 'script' };
  }

  // ---- helpers for emitted expressions

  /** `((__$t = call) === __$P ? (yield* __$h.g) : __$t)` in generator mode, `__$s(call)` in sync mode. */

  protected statements(list: ES.Statement[], functionLevel: boolean): ES.Statement[] {
    const hoisted: ES.Statement[] = [];
    const out: ES.Statement[] = [];
    // Keep a directive prologue ("use strict") first.
    let i = 0;
    while (i < list.length && isDirective(list[i])) out.push(list[i++]);
    for (; i < list.length; i++) {
      const s = list[i];
      if (s.type === 'FunctionDeclaration') {
        const fn = this.fn(s, false);
        hoisted.push({
          type: 'VariableDeclaration',
          kind: functionLevel ? 'var' : 'let',
          declarations: [{ type: 'VariableDeclarator', id: id(s.id!.name), init: fn }],
        });
      } else {
        out.push(this.stmt(s));
      }
    }
    const at = out.findIndex((s) => !isDirective(s));
    out.splice(at === -1 ? out.length : at, 0, ...hoisted);
    return out;
  }

  protected stmt(s: ES.Statement): ES.Statement {
    switch (s.type) {
      case 'BlockStatement':
        return { ...s, body: this.statements(s.body, false) };
      case 'WhileStatement':
      case 'DoWhileStatement':
      case 'ForStatement':
      case 'ForInStatement':
      case 'ForOfStatement':
        return this.loop(s);
      case 'ThrowStatement':
        return { ...s, argument: callExpr(h('thrown'), [this.expr(s.argument), num(lineOf(s))]) };
      case 'ClassDeclaration':
        return this.cls(s) as ES.ClassDeclaration;
      case 'FunctionDeclaration':
        // Only reached for a function declaration as the body of an if/label (sloppy legacy forms).
        return fail(s, 'declare functions at the top of a block in step mode');
      default:
        return this.generic(s);
    }
  }

  protected loop(
    s:
      | ES.WhileStatement
      | ES.DoWhileStatement
      | ES.ForStatement
      | ES.ForInStatement
      | ES.ForOfStatement,
  ) {
    const line = lineOf(s);
    // Every loop reports its iterations so the machine can park a spin (see machine.ts `spin`); only a
    // pure loop may park after one idle iteration, an impure one only when its reads repeat.
    const pure = isPureSpinLoop(s);
    const loopId = num(++this.loopCounter);
    const charge = pure
      ? callExpr(h('spin'), [num(line), loopId])
      : callExpr(h('spin'), [num(line), loopId, num(1)]);
    if (
      (s.type === 'ForInStatement' || s.type === 'ForOfStatement') &&
      s.left.type !== 'VariableDeclaration'
    ) {
      if (containsMemberTarget(s.left))
        fail(s.left, 'assigning to a property from for…in/of is not supported in step mode');
    }
    const copy = this.generic({
      ...s,
      body: { type: 'EmptyStatement' },
    } as ES.Statement) as typeof s;
    const body = this.stmt(s.body);
    const block: ES.BlockStatement =
      body.type === 'BlockStatement' ? body : { type: 'BlockStatement', body: [body] };
    block.body.unshift(exprStmt(charge));
    return { ...copy, body: block };
  }

  // ---- functions

  protected fn(
    f: ES.FunctionDeclaration | ES.FunctionExpression | ES.ArrowFunctionExpression,
    keepName: boolean,
  ): ES.Expression {
    if (f.async) fail(f, 'async functions are not supported in step mode');
    if (f.generator) fail(f, 'generator functions are not supported in step mode');
    const outer = this.ctx;
    const isArrow = f.type === 'ArrowFunctionExpression';
    // Parameter defaults run before the generator body can yield, so they are sync-mode code.
    this.ctx = { mode: 'sync', arrow: isArrow, temps: outer.temps };
    const params = f.params.map((p) => this.pattern(p));
    this.ctx = { mode: 'gen', arrow: isArrow, temps: [] };
    const rawBody: ES.Statement[] =
      f.body.type === 'BlockStatement'
        ? f.body.body
        : [{ type: 'ReturnStatement', argument: f.body }];
    const body = this.statements(rawBody, true);
    const at = body.findIndex((s) => !isDirective(s));
    const insertAt = at === -1 ? body.length : at;
    body.splice(insertAt, 0, exprStmt(callExpr(h('tick'), [num(lineOf(f))])));
    this.declareTemps(body, insertAt);
    this.ctx = outer;
    const fid = f.type === 'ArrowFunctionExpression' ? null : f.id;
    const gen: ES.FunctionExpression = {
      type: 'FunctionExpression',
      id: keepName && fid ? fid : null,
      params,
      body: { type: 'BlockStatement', body },
      generator: true,
      async: false,
    };
    const name = fid?.name ?? '';
    const args: ES.Expression[] = [gen, str(name)];
    if (isArrow) args.push(num(1), { type: 'ThisExpression' });
    return callExpr(h('fn'), args);
  }

  /** A method body (object literal or class): generator method, or sync mode for accessors/constructors. */
  protected method(
    f: ES.FunctionExpression,
    kind: 'method' | 'get' | 'set' | 'constructor' | 'init',
  ): ES.FunctionExpression {
    if (f.async) fail(f, 'async methods are not supported in step mode');
    if (f.generator) fail(f, 'generator methods are not supported in step mode');
    const outer = this.ctx;
    const generator = kind === 'method' || kind === 'init';
    this.ctx = { mode: 'sync', arrow: false, temps: outer.temps };
    const params = f.params.map((p) => this.pattern(p));
    this.ctx = { mode: generator ? 'gen' : 'sync', arrow: false, temps: [] };
    const body = this.statements(f.body.body, true);
    if (generator) body.unshift(exprStmt(callExpr(h('tick'), [num(lineOf(f))])));
    this.declareTemps(body, 0);
    this.ctx = outer;
    return { ...f, params, body: { ...f.body, body }, generator };
  }

  protected cls(
    c: ES.ClassDeclaration | ES.ClassExpression,
  ): ES.ClassDeclaration | ES.ClassExpression {
    const superClass = c.superClass ? this.expr(c.superClass) : null;
    const body = c.body.body.map(
      (m): ES.MethodDefinition | ES.PropertyDefinition | ES.StaticBlock => {
        if (m.type === 'MethodDefinition') {
          const key = m.computed
            ? this.inMode('sync', () => this.expr(m.key as ES.Expression))
            : m.key;
          return { ...m, key, value: this.method(m.value, m.kind) };
        }
        if (m.type === 'PropertyDefinition') {
          const key = m.computed
            ? this.inMode('sync', () => this.expr(m.key as ES.Expression))
            : m.key;
          const value = m.value ? this.inFreshSync(() => this.expr(m.value!)) : null;
          return { ...m, key, value };
        }
        return { ...m, body: this.inFreshSync(() => this.statements(m.body, true)) };
      },
    );
    return { ...c, superClass, body: { ...c.body, body } };
  }

  protected generic<T extends ES.Node>(node: T): T {
    const out: Record<string, unknown> = { ...node };
    for (const [key, value] of Object.entries(node)) {
      if (key === 'loc' || key === 'type') continue;
      if (Array.isArray(value)) {
        out[key] = value.map((v) => (isNode(v) ? this.any(v, node, key) : v));
      } else if (isNode(value)) {
        out[key] = this.any(value, node, key);
      }
    }
    return out as T;
  }

  protected any(n: ES.Node, parent: ES.Node, key: string): ES.Node {
    switch (n.type) {
      case 'VariableDeclarator':
        return { ...n, id: this.pattern(n.id), init: n.init ? this.expr(n.init) : n.init };
      case 'VariableDeclaration':
      case 'SwitchCase':
      case 'CatchClause':
      case 'TemplateElement':
        if (n.type === 'CatchClause') {
          return {
            ...n,
            param: n.param ? this.pattern(n.param) : null,
            body: this.stmt(n.body) as ES.BlockStatement,
          };
        }
        if (n.type === 'SwitchCase') {
          return {
            ...n,
            test: n.test ? this.expr(n.test) : null,
            consequent: this.statements(n.consequent, false),
          };
        }
        return this.generic(n);
      case 'SpreadElement':
        return { ...n, argument: this.expr(n.argument) };
      case 'Property':
        // Object literals are handled in expr(); this is reached only inside patterns.
        return this.generic(n);
      case 'Identifier':
        // Labels (`break outer`) are identifiers too: leave them alone.
        if (key === 'label') return n;
        return this.expr(n);
      default:
        if (
          key === 'body' &&
          (parent.type === 'IfStatement' ||
            parent.type === 'LabeledStatement' ||
            parent.type === 'WithStatement')
        ) {
          return this.stmt(n as ES.Statement);
        }
        if (isStatement(n)) return this.stmt(n);
        return this.expr(n as ES.Expression);
    }
  }
}
