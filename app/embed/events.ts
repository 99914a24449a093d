/**
 * What an Interleave page tells the page that frames it, through `window.parent.postMessage`.
 *
 * The schema is small and versioned: every message is an object with `source: 'interleave'`,
 * `version` (this file's EMBED_EVENT_VERSION), `type` and `lesson` (the lesson's slug, as in its
 * URL). A later version may add fields and types; a change that removes or renames a field bumps
 * the version. Hosts should ignore types they do not know.
 *
 * - `ready`: the lesson is on screen and can be used. `panes` says what the frame shows;
 *   `transport` is `shared` (real threads) or `simulated` (the browser gave the frame no shared
 *   memory); `cores` is what the browser reports.
 * - `run-finished`: one press of Run (each run of Run 20×) ended. `status` is the run's outcome;
 *   `threads` how many threads ran; `result` (absent for a compile error) holds the shared memory
 *   after the run (the first 16 cells), the milliseconds it took and how often two threads were
 *   inside one critical section at once; `message` says what went wrong, when something did.
 * - `check-finished`: one press of Check ended. `outcome` is `passed` (every check passed),
 *   `failed` (at least one failed), `inconclusive` (none failed, some could not decide) or
 *   `cancelled` (stopped, or the checks could not run); the counts add up to `total` (checks not
 *   decided are counted as `undecided`).
 * - `lesson-completed`: a Check passed every check. `firstTime` is true when this browser had not
 *   marked the lesson completed before.
 *
 * The messages go to `'*'`: a lesson cannot know which page will frame it, and nothing in them is
 * secret (no code, no personal data: a lesson name, counts and numbers the learner sees anyway).
 * A host must check `event.origin` against where it loads Interleave from before trusting them.
 */

export const EMBED_EVENT_VERSION = 1;
export const EMBED_EVENT_SOURCE = 'interleave';

/** Which panes a frame shows: the simulation (with Step and Explore), the code, or both. */
export type EmbedPanes = 'sim' | 'code' | 'both';

interface Envelope {
  source: typeof EMBED_EVENT_SOURCE;
  version: typeof EMBED_EVENT_VERSION;
  /** The lesson's slug, as in its URL (`race-conditions`). */
  lesson: string;
}

export interface ReadyEvent extends Envelope {
  type: 'ready';
  title: string;
  /** `full`: the whole lesson page (framed without embed mode). */
  panes: EmbedPanes | 'full';
  transport: 'shared' | 'simulated';
  cores: number;
}

export type RunStatus = 'ok' | 'error' | 'timeout' | 'deadlock' | 'compile-error';

export interface RunFinishedEvent extends Envelope {
  type: 'run-finished';
  /** Counts the runs of this page, from 1. */
  run: number;
  status: RunStatus;
  threads: number;
  params: Record<string, number>;
  result?: {
    /** The first cells of `t.shared` after the run (the race lesson's counter is cell 0). */
    shared: number[];
    wallMs: number;
    /** Times two threads were inside one `t.enter()` section at once. */
    overlaps: number;
    transport: 'shared' | 'simulated';
  };
  message?: string;
}

export interface CheckFinishedEvent extends Envelope {
  type: 'check-finished';
  outcome: 'passed' | 'failed' | 'inconclusive' | 'cancelled';
  passed: number;
  failed: number;
  inconclusive: number;
  undecided: number;
  total: number;
}

export interface LessonCompletedEvent extends Envelope {
  type: 'lesson-completed';
  firstTime: boolean;
}

export type EmbedEvent = ReadyEvent | RunFinishedEvent | CheckFinishedEvent | LessonCompletedEvent;
export type EmbedEventType = EmbedEvent['type'];

/** Distributes over the union, so each variant keeps its own fields. */
type WithoutEnvelope<E> = E extends Envelope ? Omit<E, keyof Envelope> : never;

export function embedEvent(lesson: string, body: WithoutEnvelope<EmbedEvent>): EmbedEvent {
  return {
    source: EMBED_EVENT_SOURCE,
    version: EMBED_EVENT_VERSION,
    lesson,
    ...body,
  } as EmbedEvent;
}

/** For hosts and tests: is this message (any `event.data`) one of ours, of a version we know? */
export function isEmbedEvent(data: unknown): data is EmbedEvent {
  if (typeof data !== 'object' || data === null) return false;
  const d = data as Partial<Envelope> & { type?: unknown };
  return (
    d.source === EMBED_EVENT_SOURCE &&
    d.version === EMBED_EVENT_VERSION &&
    typeof d.lesson === 'string' &&
    (d.type === 'ready' ||
      d.type === 'run-finished' ||
      d.type === 'check-finished' ||
      d.type === 'lesson-completed')
  );
}

/** How many cells of shared memory a run event carries: enough for every lesson's results. */
export const SHARED_CELLS_SENT = 16;

/** A finished run as an event body (what the lesson page records about a run). */
export function runFinished(
  n: number,
  threads: number,
  params: Record<string, number>,
  result:
    | {
        status: 'ok' | 'error' | 'timeout' | 'deadlock';
        memory: number[];
        wallMs: number;
        overlaps: number;
        transport: 'shared' | 'simulated';
        message?: string;
      }
    | { status: 'compile-error'; message: string },
): WithoutEnvelope<RunFinishedEvent> {
  const base = { type: 'run-finished' as const, run: n, status: result.status, threads, params };
  if (result.status === 'compile-error') return { ...base, message: result.message };
  return {
    ...base,
    result: {
      shared: result.memory.slice(0, SHARED_CELLS_SENT),
      wallMs: Math.round(result.wallMs * 10) / 10,
      overlaps: result.overlaps,
      transport: result.transport,
    },
    ...(result.message ? { message: result.message } : {}),
  };
}

/** The end of one Check, from the state of its rows. */
export function checkFinished(
  states: ReadonlyArray<'pending' | 'running' | 'pass' | 'fail' | 'inconclusive'>,
): WithoutEnvelope<CheckFinishedEvent> {
  const count = (s: string) => states.filter((x) => x === s).length;
  const passed = count('pass');
  const failed = count('fail');
  const inconclusive = count('inconclusive');
  const undecided = states.length - passed - failed - inconclusive;
  const outcome =
    failed > 0
      ? 'failed'
      : undecided > 0 || states.length === 0
        ? 'cancelled'
        : inconclusive > 0
          ? 'inconclusive'
          : 'passed';
  return {
    type: 'check-finished',
    outcome,
    passed,
    failed,
    inconclusive,
    undecided,
    total: states.length,
  };
}

/**
 * Sends an event to the framing page, if there is one. Never throws: a host that is gone (or a
 * browser that refuses) costs the lesson nothing.
 */
export function postToParent(event: EmbedEvent, win: Window = window): boolean {
  if (win.parent === win) return false;
  try {
    // '*': the lesson cannot know its host, and the data is not secret (see the top of this file).
    win.parent.postMessage(event, '*');
    return true;
  } catch {
    return false;
  }
}
