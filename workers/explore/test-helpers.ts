/** Test helper: TypeScript source → loaded program (throws on compile errors). */
import { compile } from '../runtime/compile.ts';
import { loadProgram, type Program } from './machine.ts';

export function program(source: string): Program {
  const c = compile(source);
  if (!c.ok) throw new Error(`compile: ${c.error.message}`);
  const p = loadProgram(c.js);
  if (!p.ok) throw new Error(`instrument: line ${p.error.line}: ${p.error.message}`);
  return p.program;
}
