/**
 * The comlink interface of the explore worker (explore.worker.ts) and the request/response types the
 * UI consumes. Learner code travels as source text: the worker compiles (TypeScript → JS), instruments
 * and caches it, so a respawned worker needs nothing but the next request.
 */
import type { SourceError } from '../runtime/source-error.ts';
import type { ExploreOptions, ExploreResult } from './explorer.ts';
import type { StepperState } from './stepper.ts';
import type { ExecutionOptions } from './types.ts';
import type { SimulateOptions, SimulateResult } from './simulate.ts';

export type { SimulateOptions, SimulateResult } from './simulate.ts';

export type {
  ExploreOptions,
  ExploreResult,
  Outcome,
  FoundViolation,
  ViolationSummary,
} from './explorer.ts';
export type { StepperState } from './stepper.ts';
export type * from './types.ts';

export type CompileResponse = { ok: true } | { ok: false; error: SourceError };

export type ExploreResponse = ({ ok: true } & ExploreResult) | { ok: false; error: SourceError };

export type StepperResponse =
  | ({ ok: true } & StepperState)
  /** The code does not compile, or the schedule asks a thread to move when it cannot. */
  | { ok: false; error: SourceError };

export type SimulateResponse = ({ ok: true } & SimulateResult) | { ok: false; error: SourceError };

export interface ExploreWorkerApi {
  /** Compiles and instruments; errors carry the learner's line and column. */
  compile(source: string): CompileResponse;
  /** Enumerates interleavings (see explorer.ts for the two counting modes). */
  explore(source: string, options: ExploreOptions): ExploreResponse;
  /** The state after running `schedule` (thread ids) from the start: the stepper is stateless here. */
  stepper(source: string, options: ExecutionOptions, schedule: number[]): StepperResponse;
  /** One run under a random preemptive scheduler: the transport when workers cannot share memory. */
  simulate(source: string, options: SimulateOptions): SimulateResponse;
}
