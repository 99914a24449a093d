/**
 * The expression half of the step-mode rewrite (transform.ts): member reads and writes, calls,
 * assignments and updates become helper calls that may pause the thread; patterns and identifiers are
 * checked. Statements, functions and classes are the subclass's job (Rewriter in transform.ts).
 */
import type * as ES from 'estree';
import {
  PREFIX,
  assign,
  callExpr,
  containsMemberTarget,
  fail,
  h,
  id,
  lineOf,
  num,
  seq,
  str,
  undef,
} from './transform-ast.ts';

export type Mode = 'gen' | 'sync';

export interface FnContext {
  mode: Mode;
  /** Inside an arrow (so `arguments` would silently change meaning). */
  arrow: boolean;
  temps: string[];
}

export abstract class ExpressionRewriter {
  protected ctx: FnContext = { mode: 'sync', arrow: false, temps: [] };
  protected tempCounter = 0;
  protected loopCounter = 0;

  protected resolve(helperCall: ES.Expression, line: number): ES.Expression {
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

  protected temp(kind: string): string {
    const name = `${PREFIX}${kind}${++this.tempCounter}`;
    this.ctx.temps.push(name);
    return name;
  }

  protected declareTemps(body: ES.Statement[], at: number): void {
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

  protected memberKey(m: ES.MemberExpression): ES.Expression {
    if (m.computed) return this.expr(m.property as ES.Expression);
    if (m.property.type === 'Identifier') return str(m.property.name);
    return fail(m, 'private fields are not supported in step mode');
  }

  protected get(
    object: ES.Expression,
    key: ES.Expression,
    line: number,
    optional: boolean,
  ): ES.Expression {
    const args: ES.Expression[] = [object, key, num(line)];
    if (optional) args.push(num(1));
    return this.resolve(callExpr(h('get'), args), line);
  }

  protected set(
    object: ES.Expression,
    key: ES.Expression,
    value: ES.Expression,
    line: number,
  ): ES.Expression {
    return this.resolve(callExpr(h('set'), [object, key, value, num(line)]), line);
  }

  // ---- statements

  /** Rewrites a statement list, hoisting function declarations (as wrapped generators) to its top. */
  protected inMode<T>(mode: Mode, f: () => T): T {
    const outer = this.ctx;
    this.ctx = { ...outer, mode };
    try {
      return f();
    } finally {
      this.ctx = outer;
    }
  }

  protected inFreshSync<T>(f: () => T): T {
    const outer = this.ctx;
    this.ctx = { mode: 'sync', arrow: false, temps: outer.temps };
    try {
      return f();
    } finally {
      this.ctx = outer;
    }
  }

  // ---- patterns (declarations, params): defaults and computed keys are expressions

  protected pattern(p: ES.Pattern): ES.Pattern {
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

  protected checkIdentifier(node: ES.Identifier): void {
    if (node.name.startsWith(PREFIX)) fail(node, `names starting with ${PREFIX} are reserved`);
    if (node.name === 'arguments' && this.ctx.arrow) {
      fail(
        node,
        '`arguments` inside an arrow function is not supported in step mode: use rest parameters',
      );
    }
  }

  // ---- expressions

  protected expr(e: ES.Expression): ES.Expression {
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

  protected args(list: (ES.Expression | ES.SpreadElement)[]): ES.ArrayExpression {
    return {
      type: 'ArrayExpression',
      elements: list.map((a) =>
        a.type === 'SpreadElement' ? { ...a, argument: this.expr(a.argument) } : this.expr(a),
      ),
    };
  }

  protected call(e: ES.SimpleCallExpression): ES.Expression {
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

  protected assignment(e: ES.AssignmentExpression): ES.Expression {
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
    const { o, k, v, parts } = this.readOnce(m, line);
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

  protected update(e: ES.UpdateExpression): ES.Expression {
    if (e.argument.type !== 'MemberExpression') return { ...e, argument: this.expr(e.argument) };
    const m = e.argument;
    if (m.object.type === 'Super' || m.property.type === 'PrivateIdentifier') {
      return fail(m, 'updating super or private fields is not supported in step mode');
    }
    const line = lineOf(e);
    const { o, k, v, parts } = this.readOnce(m, line);
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

  /**
   * The read half of a read-modify-write on `m` (`a[i] += x`, `a[i]++`): the object and the key are
   * evaluated once into temporaries `o` and `k`, then the value is read into `v` (a step when `o` is
   * shared memory). The caller appends the write.
   */
  private readOnce(m: ES.MemberExpression, line: number) {
    const o = this.temp('o');
    const k = this.temp('k');
    const v = this.temp('v');
    const parts: ES.Expression[] = [
      // Both callers have already refused `super.x` (the cast says so), so the object is an expression.
      assign(o, this.expr(m.object as ES.Expression)),
      assign(k, this.memberKey(m)),
      assign(v, this.get(id(o), id(k), line, false)),
    ];
    return { o, k, v, parts };
  }

  /** Rewrites child nodes of any node without special handling. */

  protected abstract cls(
    c: ES.ClassDeclaration | ES.ClassExpression,
  ): ES.ClassDeclaration | ES.ClassExpression;
  protected abstract fn(
    f: ES.FunctionDeclaration | ES.FunctionExpression | ES.ArrowFunctionExpression,
    keepName: boolean,
  ): ES.Expression;
  protected abstract generic<T extends ES.Node>(node: T): T;
  protected abstract method(
    f: ES.FunctionExpression,
    kind: 'method' | 'get' | 'set' | 'constructor' | 'init',
  ): ES.FunctionExpression;
}
