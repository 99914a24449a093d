/**
 * What the UI imports: a lazily spawned explore worker behind comlink, with a watchdog. If a call
 * does not answer within its budget (learner code stuck where no step budget reaches, e.g. a huge
 * built-in call), the worker is terminated and respawned on the next call, and the call rejects.
 */
import { wrap, type Endpoint, type Remote } from 'comlink';
import { canShareMemory } from '../runtime/env.ts';
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

/** Where the explore service runs: a worker of the page, or one in the pool frame (frame-explore.ts). */
export interface ExploreWorker {
  endpoint: Endpoint;
  terminate(): void;
  /** Watches a call for the death of the process the worker lives in (rejects at once if it dies). */
  guard?<T>(call: Promise<T>): Promise<T>;
}

const pageWorker = () =>
  new Worker(new URL('./explore.worker.ts', import.meta.url), { type: 'module' });

/**
 * On the built site the explore worker lives in the pool frame, so a memory bomb under Step or
 * Explore ends that frame's process, not the tab; the page's own worker where the frame cannot be
 * used (no shared memory) and on the dev server (which does not serve opaque origins).
 */
async function defaultSpawn(): Promise<Worker | ExploreWorker> {
  if (!import.meta.env.DEV && canShareMemory()) {
    const inFrame = await import('./frame-explore.ts')
      .then((m) => m.spawnExploreInFrame())
      .catch(() => null);
    if (inFrame) return inFrame;
  }
  return pageWorker();
}

const asExploreWorker = (w: Worker | ExploreWorker): ExploreWorker =>
  'endpoint' in w ? w : { endpoint: w, terminate: () => w.terminate() };

/** A FrameGone error (frame-explore.ts) whose call never started: the frame was already dead. */
const neverStarted = (e: Error) =>
  e.name === 'FrameGone' && (e as Error & { retry?: boolean }).retry;

export function createExploreClient(
  spawn: () => Worker | ExploreWorker | Promise<Worker | ExploreWorker> = defaultSpawn,
  budgets: { graceMs?: number; callMs?: number } = {},
): ExploreClient {
  const graceMs = budgets.graceMs ?? GRACE_MS;
  const callMs = budgets.callMs ?? CALL_BUDGET_MS;
  let worker: Promise<ExploreWorker> | null = null;
  let remote: Promise<Remote<ExploreWorkerApi>> | null = null;
  const inFlight = new Set<(e: Error) => void>();

  const kill = (reason: Error | null) => {
    void worker?.then(
      (w) => w.terminate(),
      () => undefined,
    );
    worker = null;
    remote = null;
    if (reason) for (const reject of [...inFlight]) reject(reason);
    inFlight.clear();
  };

  const withWatchdog = <T>(
    budgetMs: number,
    call: (api: Remote<ExploreWorkerApi>) => Promise<T>,
    retried = false,
  ): Promise<T> => {
    if (!remote) {
      worker = Promise.resolve(spawn()).then(asExploreWorker);
      remote = worker.then((w) => wrap<ExploreWorkerApi>(w.endpoint));
    }
    const spawned = worker!;
    const api = remote;
    const guarded = async () => {
      const w = await spawned;
      const r = call(await api);
      return w.guard ? w.guard(r) : r;
    };
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
      guarded().then(
        (value) => {
          clearTimeout(timer);
          inFlight.delete(fail);
          resolve(value);
        },
        (e: unknown) => {
          const error = e instanceof Error ? e : new Error(String(e));
          // The worker's process died: a later call must start a new one.
          if (error.name === 'FrameGone' && spawned === worker) kill(null);
          if (neverStarted(error) && !retried) {
            clearTimeout(timer);
            inFlight.delete(fail);
            withWatchdog(budgetMs, call, true).then(resolve, reject);
          } else fail(error);
        },
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
