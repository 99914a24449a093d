/** The explore worker's implementation, kept free of worker globals so Node tests can call it. */
import { compile } from '../runtime/compile.ts';
import type { SourceError } from '../runtime/source-error.ts';
import type {
  CompileResponse,
  ExploreResponse,
  ExploreWorkerApi,
  SimulateResponse,
  StepperResponse,
} from './api.ts';
import { explore } from './explorer.ts';
import { loadProgram, type Program } from './machine.ts';
import { createStepper, ScheduleError } from './stepper.ts';
import { simulate } from './simulate.ts';

const CACHE_SIZE = 8;
const cache = new Map<string, { ok: true; program: Program } | { ok: false; error: SourceError }>();

/** TypeScript → JavaScript (sucrase keeps lines) → instrumented generator code, cached by source. */
export function programFor(
  source: string,
): { ok: true; program: Program } | { ok: false; error: SourceError } {
  const hit = cache.get(source);
  if (hit) {
    cache.delete(source);
    cache.set(source, hit);
    return hit;
  }
  const compiled = compile(source);
  const result = compiled.ok ? loadProgram(compiled.js) : compiled;
  cache.set(source, result);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return result;
}

export const exploreService: ExploreWorkerApi = {
  compile(source): CompileResponse {
    const p = programFor(source);
    return p.ok ? { ok: true } : { ok: false, error: p.error };
  },
  explore(source, options): ExploreResponse {
    const p = programFor(source);
    if (!p.ok) return p;
    return { ok: true, ...explore(p.program, options) };
  },
  stepper(source, options, schedule): StepperResponse {
    const p = programFor(source);
    if (!p.ok) return p;
    try {
      return { ok: true, ...createStepper(p.program, options).replay(schedule) };
    } catch (e) {
      if (e instanceof ScheduleError)
        return { ok: false, error: { message: e.message, line: null, column: null } };
      throw e;
    }
  },
  simulate(source, options): SimulateResponse {
    const p = programFor(source);
    if (!p.ok) return p;
    return { ok: true, ...simulate(p.program, options) };
  },
};
