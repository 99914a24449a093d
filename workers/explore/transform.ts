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
  assign,
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
  seq,
  str,
  undef,
  type InstrumentError,
} from './transform-ast.ts';
import { isPureSpinLoop } from './spin-loops.ts';

export { HELPER_NAMES, InstrumentFailure, type InstrumentError } from './transform-ast.ts';

type Mode = 'gen' | 'sync';

interface FnContext {
  mode: Mode;
  /** Inside an arrow (so `arguments` would silently change meaning). */
  arrow: boolean;
  temps: string[];
}

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

class Rewriter {
  private ctx: FnContext = { mode: 'sync', arrow: false, temps: [] };
  private tempCounter = 0;
  private loopCounter = 0;

  program(p: ES.Program): ES.Program {
    const body = this.statements(p.body as ES.Statement[], true);
    this.declareTemps(body, 0);
    return { ...p, body, sourceType: 'script' };
  }

  // ---- helpers for emitted expressions

  /** `((__$t = call) === __$P ? (yield* __$h.g) : __$t)` in generator mode, `__$s(call)` in sync mode. */
  private resolve(helperCall: ES.Expression, line: number): ES.Expression {
    if (this.ctx.mode === 'sync') return callExpr(h('s'), [helperCall, num(line)]);
    return {
      type: 'ConditionalExpression',
      test: {
        type: 'BinaryExpression',
        operator: '===',
        left: assign(PREFIX + 't', helperCall),
        right: h('P'),
      },
      consequent: {
        type: 'YieldExpression',
        delegate: true,
        argument: {
          type: 'MemberExpression',
          object: id(PREFIX + 'h'),
          property: id('g'),
          computed: false,
          optional: false,
        },
      },
      alternate: id(PREFIX + 't'),
    };
  }

  private temp(kind: string): string {
    const name = `${PREFIX}${kind}${++this.tempCounter}`;
    this.ctx.temps.push(name);
    return name;
  }

  private declareTemps(body: ES.Statement[], at: number): void {
    if (this.ctx.temps.length === 0) return;
    body.splice(at, 0, {
      type: 'VariableDeclaration',
      kind: 'let',
      declarations: this.ctx.temps.map((n) => ({
        type: 'VariableDeclarator',
        id: id(n),
        init: null,
      })),
    });
  }

  private memberKey(m: ES.MemberExpression): ES.Expression {
    if (m.computed) return this.expr(m.property as ES.Expression);
    if (m.property.type === 'Identifier') return str(m.property.name);
    return fail(m, 'private fields are not supported in step mode');
  }

  private get(
    object: ES.Expression,
    key: ES.Expression,
    line: number,
    optional: boolean,
  ): ES.Expression {
    const args: ES.Expression[] = [object, key, num(line)];
    if (optional) args.push(num(1));
    return this.resolve(callExpr(h('get'), args), line);
  }

  private set(
    object: ES.Expression,
    key: ES.Expression,
    value: ES.Expression,
    line: number,
  ): ES.Expression {
    return this.resolve(callExpr(h('set'), [object, key, value, num(line)]), line);
  }

  // ---- statements

  /** Rewrites a statement list, hoisting function declarations (as wrapped generators) to its top. */
  private statements(list: ES.Statement[], functionLevel: boolean): ES.Statement[] {
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

  private stmt(s: ES.Statement): ES.Statement {
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

  private loop(
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

  private fn(
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
  private method(
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

  private cls(
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

  private inMode<T>(mode: Mode, f: () => T): T {
    const outer = this.ctx;
    this.ctx = { ...outer, mode };
    try {
      return f();
    } finally {
      this.ctx = outer;
    }
  }

  private inFreshSync<T>(f: () => T): T {
    const outer = this.ctx;
    this.ctx = { mode: 'sync', arrow: false, temps: outer.temps };
    try {
      return f();
    } finally {
      this.ctx = outer;
    }
  }

  // ---- patterns (declarations, params): defaults and computed keys are expressions

  private pattern(p: ES.Pattern): ES.Pattern {
    switch (p.type) {
      case 'Identifier':
        this.checkIdentifier(p);
        return p;
      case 'MemberExpression':
        return fail(p, 'assigning to a property by destructuring is not supported in step mode');
      case 'AssignmentPattern':
        return { ...p, left: this.pattern(p.left), right: this.expr(p.right) };
      case 'ArrayPattern':
        return { ...p, elements: p.elements.map((e) => (e ? this.pattern(e) : e)) };
      case 'RestElement':
        return { ...p, argument: this.pattern(p.argument) };
      case 'ObjectPattern':
        return {
          ...p,
          properties: p.properties.map((q) =>
            q.type === 'RestElement'
              ? (this.pattern(q) as ES.RestElement)
              : { ...q, key: q.computed ? this.expr(q.key) : q.key, value: this.pattern(q.value) },
          ),
        };
    }
  }

  private checkIdentifier(node: ES.Identifier): void {
    if (node.name.startsWith(PREFIX)) fail(node, `names starting with ${PREFIX} are reserved`);
    if (node.name === 'arguments' && this.ctx.arrow) {
      fail(
        node,
        '`arguments` inside an arrow function is not supported in step mode: use rest parameters',
      );
    }
  }

  // ---- expressions

  private expr(e: ES.Expression): ES.Expression {
    const line = lineOf(e);
    switch (e.type) {
      case 'Identifier':
        this.checkIdentifier(e);
        return e;
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
        return this.fn(e, true);
      case 'ClassExpression':
        return this.cls(e) as ES.ClassExpression;
      case 'MemberExpression':
        if (e.object.type === 'Super')
          return {
            ...e,
            property: e.computed ? this.expr(e.property as ES.Expression) : e.property,
          };
        if (e.property.type === 'PrivateIdentifier') return { ...e, object: this.expr(e.object) };
        return this.get(this.expr(e.object), this.memberKey(e), line, e.optional);
      case 'CallExpression':
        return this.call(e as ES.SimpleCallExpression);
      case 'NewExpression':
        return callExpr(h('construct'), [
          this.expr(e.callee as ES.Expression),
          this.args(e.arguments),
          num(line),
        ]);
      case 'ChainExpression':
        return callExpr(h('unS'), [this.expr(e.expression as ES.Expression)]);
      case 'AssignmentExpression':
        return this.assignment(e);
      case 'UpdateExpression':
        return this.update(e);
      case 'UnaryExpression':
        if (e.operator === 'delete' && e.argument.type === 'MemberExpression') {
          const m = e.argument;
          if (m.object.type === 'Super') return e;
          return {
            ...e,
            argument: {
              ...m,
              object: this.expr(m.object),
              property: m.computed ? this.expr(m.property as ES.Expression) : m.property,
            },
          };
        }
        return { ...e, argument: this.expr(e.argument) };
      case 'TaggedTemplateExpression': {
        // The tag is called by the engine, so a learner tag runs to completion (like a callback).
        const tag =
          e.tag.type === 'MemberExpression' && e.tag.object.type !== 'Super'
            ? {
                ...e.tag,
                object: this.expr(e.tag.object),
                property: e.tag.computed
                  ? this.expr(e.tag.property as ES.Expression)
                  : e.tag.property,
              }
            : this.expr(e.tag);
        return {
          ...e,
          tag,
          quasi: { ...e.quasi, expressions: e.quasi.expressions.map((x) => this.expr(x)) },
        };
      }
      case 'ObjectExpression':
        return {
          ...e,
          properties: e.properties.map((p) => {
            if (p.type === 'SpreadElement') return { ...p, argument: this.expr(p.argument) };
            const key = p.computed ? this.expr(p.key as ES.Expression) : p.key;
            if (p.kind !== 'init' || p.method) {
              return {
                ...p,
                key,
                value: this.method(
                  p.value as ES.FunctionExpression,
                  p.kind === 'init' ? 'method' : p.kind,
                ),
              };
            }
            return { ...p, key, value: this.expr(p.value as ES.Expression) };
          }),
        };
      case 'YieldExpression':
      case 'AwaitExpression':
        return fail(
          e,
          `${e.type === 'YieldExpression' ? 'yield' : 'await'} is not supported in step mode`,
        );
      default:
        return this.generic(e) as ES.Expression;
    }
  }

  private args(list: (ES.Expression | ES.SpreadElement)[]): ES.ArrayExpression {
    return {
      type: 'ArrayExpression',
      elements: list.map((a) =>
        a.type === 'SpreadElement' ? { ...a, argument: this.expr(a.argument) } : this.expr(a),
      ),
    };
  }

  private call(e: ES.SimpleCallExpression): ES.Expression {
    const line = lineOf(e);
    if (e.callee.type === 'Super')
      return { ...e, arguments: this.args(e.arguments).elements as ES.Expression[] };
    const optional = e.optional ? [num(1)] : [];
    const callee = e.callee;
    if (callee.type === 'MemberExpression' && callee.object.type === 'Super') {
      const fnExpr = {
        ...callee,
        property: callee.computed ? this.expr(callee.property as ES.Expression) : callee.property,
      };
      return this.resolve(
        callExpr(h('call'), [
          { type: 'ThisExpression' },
          fnExpr,
          this.args(e.arguments),
          num(line),
          ...optional,
        ]),
        line,
      );
    }
    if (callee.type === 'MemberExpression' && callee.property.type !== 'PrivateIdentifier') {
      const object = this.expr(callee.object as ES.Expression);
      const key = this.memberKey(callee);
      const flags =
        e.optional || callee.optional
          ? [num((callee.optional ? 1 : 0) | (e.optional ? 2 : 0))]
          : [];
      return this.resolve(
        callExpr(h('callm'), [object, key, this.args(e.arguments), num(line), ...flags]),
        line,
      );
    }
    return this.resolve(
      callExpr(h('call'), [
        undef(),
        this.expr(callee as ES.Expression),
        this.args(e.arguments),
        num(line),
        ...optional,
      ]),
      line,
    );
  }

  private assignment(e: ES.AssignmentExpression): ES.Expression {
    const line = lineOf(e);
    if (e.left.type !== 'MemberExpression') {
      if (e.left.type !== 'Identifier' && containsMemberTarget(e.left)) {
        fail(e.left, 'assigning to a property by destructuring is not supported in step mode');
      }
      return { ...e, left: this.pattern(e.left), right: this.expr(e.right) };
    }
    const m = e.left;
    if (m.object.type === 'Super' || m.property.type === 'PrivateIdentifier') {
      return fail(m, 'assigning to super or private fields is not supported in step mode');
    }
    if (e.operator === '=')
      return this.set(this.expr(m.object), this.memberKey(m), this.expr(e.right), line);
    // Compound: evaluate object and key once, read (maybe a step), evaluate the right side, write.
    const o = this.temp('o');
    const k = this.temp('k');
    const v = this.temp('v');
    const parts: ES.Expression[] = [
      assign(o, this.expr(m.object)),
      assign(k, this.memberKey(m)),
      assign(v, this.get(id(o), id(k), line, false)),
    ];
    const rhs = this.expr(e.right);
    const op = e.operator.slice(0, -1);
    if (op === '&&' || op === '||' || op === '??') {
      parts.push({
        type: 'LogicalExpression',
        operator: op,
        left: id(v),
        right: this.set(id(o), id(k), rhs, line),
      });
    } else {
      const value: ES.BinaryExpression = {
        type: 'BinaryExpression',
        operator: op as ES.BinaryOperator,
        left: id(v),
        right: rhs,
      };
      parts.push(this.set(id(o), id(k), value, line));
    }
    return seq(parts);
  }

  private update(e: ES.UpdateExpression): ES.Expression {
    if (e.argument.type !== 'MemberExpression') return { ...e, argument: this.expr(e.argument) };
    const m = e.argument;
    if (m.object.type === 'Super' || m.property.type === 'PrivateIdentifier') {
      return fail(m, 'updating super or private fields is not supported in step mode');
    }
    const line = lineOf(e);
    const o = this.temp('o');
    const k = this.temp('k');
    const v = this.temp('v');
    const parts: ES.Expression[] = [
      assign(o, this.expr(m.object)),
      assign(k, this.memberKey(m)),
      assign(v, this.get(id(o), id(k), line, false)),
    ];
    // `++v` on a local does exactly ToNumeric + increment, so strings and BigInts behave as in JS.
    if (e.prefix) {
      parts.push(
        this.set(
          id(o),
          id(k),
          { type: 'UpdateExpression', operator: e.operator, prefix: true, argument: id(v) },
          line,
        ),
      );
    } else {
      const old = this.temp('w');
      parts.push(
        assign(old, {
          type: 'UpdateExpression',
          operator: e.operator,
          prefix: false,
          argument: id(v),
        }),
      );
      parts.push(this.set(id(o), id(k), id(v), line));
      parts.push(id(old));
    }
    return seq(parts);
  }

  /** Rewrites child nodes of any node without special handling. */
  private generic<T extends ES.Node>(node: T): T {
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

  private any(n: ES.Node, parent: ES.Node, key: string): ES.Node {
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
