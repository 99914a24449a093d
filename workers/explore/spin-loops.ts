/** Which loops are pure spins (transform.ts tells the machine, which may park them). */
import type * as ES from 'estree';
import { isNode } from './transform-ast.ts';

/**
 * A loop whose iterations have no effect except reading shared memory (`while (s[0] !== 0) {}`, a
 * failing compareExchange spin). An iteration that made no write leaves the thread where it started,
 * so the runtime may park the thread until a cell it read changes instead of spinning forever: this is
 * what lets the explorer finish on spinlocks. Conservative: any call other than Atomics.* or Math.*,
 * any property write, any write to a variable that outlives the iteration makes the loop impure.
 */
export function isPureSpinLoop(
  s:
    | ES.WhileStatement
    | ES.DoWhileStatement
    | ES.ForStatement
    | ES.ForInStatement
    | ES.ForOfStatement,
): boolean {
  if (s.type === 'ForInStatement' || s.type === 'ForOfStatement') return false;
  const local = new Set<string>();
  let pure = true;
  const visit = (n: ES.Node): void => {
    if (!pure) return;
    switch (n.type) {
      case 'VariableDeclaration':
        if (n.kind !== 'var')
          for (const d of n.declarations) if (d.id.type === 'Identifier') local.add(d.id.name);
        if (n.kind === 'var' || n.declarations.some((d) => d.id.type !== 'Identifier'))
          pure = false;
        break;
      case 'AssignmentExpression':
        if (n.left.type !== 'Identifier' || !local.has(n.left.name)) pure = false;
        break;
      case 'UpdateExpression':
        if (n.argument.type !== 'Identifier' || !local.has(n.argument.name)) pure = false;
        break;
      case 'CallExpression': {
        const c = n.callee;
        const ok =
          c.type === 'MemberExpression' &&
          c.object.type === 'Identifier' &&
          (c.object.name === 'Atomics' || c.object.name === 'Math');
        if (!ok) pure = false;
        break;
      }
      case 'NewExpression':
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
      case 'FunctionDeclaration':
      case 'ClassExpression':
      case 'ClassDeclaration':
      case 'TaggedTemplateExpression':
      case 'UnaryExpression':
        if (n.type !== 'UnaryExpression' || n.operator === 'delete') pure = false;
        break;
    }
    for (const [key, value] of Object.entries(n)) {
      if (key === 'loc') continue;
      if (Array.isArray(value)) value.forEach((v) => isNode(v) && visit(v));
      else if (isNode(value)) visit(value);
    }
  };
  // The loop's own `for (let i …; …; i++)` variable outlives an iteration, so it is not local.
  if (s.type === 'ForStatement' && s.init) {
    if (s.init.type === 'VariableDeclaration') {
      // Visit the initialiser for calls, but its names stay non-local.
      for (const d of s.init.declarations) if (d.init) visit(d.init);
    } else visit(s.init);
    if (s.update) visit(s.update);
  }
  if (s.test) visit(s.test);
  visit(s.body);
  return pure;
}
