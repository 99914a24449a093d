/**
 * What the UI imports: a lazily spawned explore worker behind comlink, with a watchdog. If a call
 * does not answer within its budget (learner code stuck where no step budget reaches, e.g. a huge
 * built-in call), the worker is terminated and respawned on the next call, and the call rejects.
 */
import { wrap, type Remote } from 'comlink';
import type {
  CompileResponse,
  ExploreOptions,
  ExploreResponse,
  ExploreWorkerApi,
  SimulateOptions,
  SimulateResponse,
  StepperResponse,
} from './api.ts';
import { EXPLORE_DEFAULTS, type ExecutionOptions } from './types.ts';

/** Extra time over an exploration's own wall budget before the watchdog fires. */
const GRACE_MS = 5_000;
const CALL_BUDGET_MS = 10_000;

export class ExploreTimeout extends Error {
  override name = 'ExploreTimeout';
}

/** The learner pressed Cancel: the worker was terminated mid-call (a later call spawns a new one). */
export class ExploreCancelled extends Error {
  override name = 'ExploreCancelled';
}

export interface ExploreClient {
  compile(source: string): Promise<CompileResponse>;
  explore(source: string, options: ExploreOptions): Promise<ExploreResponse>;
  /** The state after `schedule` from the start (see createRemoteStepper for a session object). */
  stepper(source: string, options: ExecutionOptions, schedule: number[]): Promise<StepperResponse>;
  /** One run under a random preemptive scheduler, stopped by the watchdog after `budgetMs`. */
  simulate(source: string, options: SimulateOptions, budgetMs: number): Promise<SimulateResponse>;
  /** Stops whatever the worker is doing now: calls in flight reject with ExploreCancelled. */
  cancel(): void;
  /** Terminates the worker (a later call spawns a new one). */
  dispose(): void;
}

export function createExploreClient(
  spawn: () => Worker = () =>
    new Worker(new URL('./explore.worker.ts', import.meta.url), { type: 'module' }),
  budgets: { graceMs?: number; callMs?: number } = {},
): ExploreClient {
  const graceMs = budgets.graceMs ?? GRACE_MS;
  const callMs = budgets.callMs ?? CALL_BUDGET_MS;
  let worker: Worker | null = null;
  let remote: Remote<ExploreWorkerApi> | null = null;
  const inFlight = new Set<(e: Error) => void>();

  const kill = (reason: Error | null) => {
    worker?.terminate();
    worker = null;
    remote = null;
    if (reason) for (const reject of [...inFlight]) reject(reason);
    inFlight.clear();
  };

  const withWatchdog = <T>(
    budgetMs: number,
    call: (api: Remote<ExploreWorkerApi>) => Promise<T>,
  ): Promise<T> => {
    if (!remote) {
      worker = spawn();
      remote = wrap<ExploreWorkerApi>(worker);
    }
    const api = remote;
    return new Promise<T>((resolve, reject) => {
      const fail = (e: Error) => {
        clearTimeout(timer);
        inFlight.delete(fail);
        reject(e);
      };
      const timer = setTimeout(() => {
        kill(
          new ExploreTimeout(
            `The explorer did not answer within ${Math.round(budgetMs / 1000)} s and was restarted.`,
          ),
        );
      }, budgetMs);
      inFlight.add(fail);
      call(api).then(
        (value) => {
          clearTimeout(timer);
          inFlight.delete(fail);
          resolve(value);
        },
        (e: unknown) => fail(e instanceof Error ? e : new Error(String(e))),
      );
    });
  };

  return {
    compile: (source) => withWatchdog<CompileResponse>(callMs, (api) => api.compile(source)),
    explore: (source, options) =>
      withWatchdog<ExploreResponse>((options.maxMs ?? EXPLORE_DEFAULTS.maxMs) + graceMs, (api) =>
        api.explore(source, options),
      ),
    stepper: (source, options, schedule) =>
      withWatchdog<StepperResponse>(callMs, (api) => api.stepper(source, options, schedule)),
    simulate: (source, options, budgetMs) =>
      withWatchdog<SimulateResponse>(budgetMs, (api) => api.simulate(source, options)),
    cancel: () => kill(new ExploreCancelled('Cancelled: the explorer was stopped.')),
    dispose: () => kill(new Error('The explorer was closed.')),
  };
}

let shared: ExploreClient | null = null;

/** The page's one explore client (spawned on first use). */
export function getExploreClient(): ExploreClient {
  shared ??= createExploreClient();
  return shared;
}

export interface RemoteStepper {
  /** Runs the current schedule; call first. */
  state(): Promise<StepperResponse>;
  step(tid: number): Promise<StepperResponse>;
  undo(): Promise<StepperResponse>;
  replay(schedule: number[]): Promise<StepperResponse>;
  readonly schedule: readonly number[];
}

/**
 * A "you are the scheduler" session. The schedule lives here, on the page; the worker re-runs it on
 * every call, so a restarted worker loses nothing. A refused step leaves the schedule unchanged.
 */
export function createRemoteStepper(
  source: string,
  options: ExecutionOptions,
  client: ExploreClient = getExploreClient(),
): RemoteStepper {
  let schedule: number[] = [];
  const run = async (next: number[]) => {
    const r = await client.stepper(source, options, next);
    if (r.ok) schedule = next;
    return r;
  };
  return {
    state: () => run(schedule),
    step: (tid) => run([...schedule, tid]),
    undo: () => run(schedule.slice(0, -1)),
    replay: (next) => run([...next]),
    get schedule() {
      return schedule;
    },
  };
}
