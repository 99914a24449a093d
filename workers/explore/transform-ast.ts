/** AST builders and small predicates for the step-mode rewrite (transform.ts). */
import type * as ES from 'estree';

export interface InstrumentError {
  message: string;
  line: number | null;
  column: number | null;
}

export class InstrumentFailure extends Error {
  override name = 'InstrumentFailure';
  constructor(
    message: string,
    readonly line: number | null,
    readonly column: number | null,
  ) {
    super(message);
  }
}

/** Names the emitted code reads from the helper object (see runtime.ts `Helpers`). */
export const HELPER_NAMES = [
  'get',
  'set',
  'call',
  'callm',
  'construct',
  'fn',
  's',
  'tick',
  'spin',
  'thrown',
  'unS',
  'P',
] as const;

export const PREFIX = '__$';

export const id = (name: string): ES.Identifier => ({ type: 'Identifier', name });
export const h = (name: (typeof HELPER_NAMES)[number]): ES.Identifier => id(PREFIX + name);
export const num = (n: number): ES.Literal => ({ type: 'Literal', value: n, raw: String(n) });
export const str = (s: string): ES.Literal => ({
  type: 'Literal',
  value: s,
  raw: JSON.stringify(s),
});
export const undef = (): ES.Expression => ({
  type: 'UnaryExpression',
  operator: 'void',
  prefix: true,
  argument: num(0),
});
export const callExpr = (
  callee: ES.Expression,
  args: (ES.Expression | ES.SpreadElement)[],
): ES.CallExpression => ({
  type: 'CallExpression',
  callee,
  arguments: args,
  optional: false,
});
export const seq = (expressions: ES.Expression[]): ES.SequenceExpression => ({
  type: 'SequenceExpression',
  expressions,
});
export const assign = (name: string, right: ES.Expression): ES.AssignmentExpression => ({
  type: 'AssignmentExpression',
  operator: '=',
  left: id(name),
  right,
});
export const exprStmt = (expression: ES.Expression): ES.ExpressionStatement => ({
  type: 'ExpressionStatement',
  expression,
});
export const lineOf = (node: ES.Node): number => node.loc?.start.line ?? 0;
export const columnOf = (node: ES.Node): number | null =>
  node.loc ? node.loc.start.column + 1 : null;

export function fail(node: ES.Node, message: string): never {
  throw new InstrumentFailure(message, node.loc?.start.line ?? null, columnOf(node));
}

export const isNode = (v: unknown): v is ES.Node =>
  typeof v === 'object' && v !== null && typeof (v as { type?: unknown }).type === 'string';

export const isDirective = (s: ES.Node): boolean =>
  s.type === 'ExpressionStatement' && typeof (s as { directive?: unknown }).directive === 'string';

export function isStatement(n: ES.Node): n is ES.Statement {
  return n.type.endsWith('Statement') || n.type.endsWith('Declaration');
}

export function containsMemberTarget(p: ES.Pattern | ES.VariableDeclaration): boolean {
  switch (p.type) {
    case 'MemberExpression':
      return true;
    case 'ArrayPattern':
      return p.elements.some((e) => e !== null && containsMemberTarget(e));
    case 'ObjectPattern':
      return p.properties.some((q) => containsMemberTarget(q.type === 'RestElement' ? q : q.value));
    case 'AssignmentPattern':
      return containsMemberTarget(p.left);
    case 'RestElement':
      return containsMemberTarget(p.argument);
    default:
      return false;
  }
}
