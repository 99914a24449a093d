/**
 * Enumerates the interleavings of a program, re-executing from the start for each schedule
 * (stateless model checking, as in CHESS or loom: generators cannot be snapshotted, and re-running a
 * short prefix is cheap).
 *
 * Search order: iterative preemption bounding (CHESS). A preemption is switching away from a thread
 * that could have taken its next step. The search runs every schedule with 0 preemptions, then those
 * with 1, then 2 …: most real bugs need very few, so one reachable with no preemption is found before
 * a long spin is exhausted, and a stopped search can say honestly which bound it completed. Each
 * schedule is still run exactly once: a branch over the current bound is queued (as its prefix) for the
 * next round instead of being re-walked.
 *
 * Two counting modes:
 * - `none`: every schedule is run; per-outcome counts are exact schedule counts.
 * - `por`: sleep sets (Godefroid 1996). Two operations of different threads are independent when they
 *   touch different cells (or both only read), different mutexes, sections, …; running them in either
 *   order reaches the same state, so after exploring "a then b" the search never tries "b then a" from
 *   the same point. Sleep sets alone guarantee that no two equivalent complete schedules are both run
 *   (one per Mazurkiewicz trace), so the set of outcomes and violations is exactly the one of `none`;
 *   the counts become "classes of equivalent schedules", not schedules. Branches cut because every
 *   remaining thread is asleep are counted as `pruned`.
 *
 * Memory model: by default steps are interleaved whole, i.e. sequential consistency. That is exact for
 * programs without data races; races (plain accesses not ordered by synchronisation) are reported,
 * because real hardware can then produce outcomes no interleaving shows (races.ts).
 * With `memoryModel: 'tso'` plain stores go through per-thread store buffers (x86-TSO, see types.ts)
 * and flushing a buffer's oldest store is a scheduler move of its own (a negative number in a
 * schedule). A flush made while the thread that ran last could go on counts as one preemption, like a
 * switch to another thread, and that thread stays the one whose next step is free: the search first
 * tries schedules where stores stay buffered as long as possible (where weak outcomes show up), and
 * the space of every flush placement, large even for small programs, comes last. Partial-order
 * reduction works there too, over the moves' footprints (independence.ts: a plain store touches only
 * its own buffer, a flush writes one cell, a fence writes every cell it drains, and a thread never
 * commutes with its own flush move); store-buffer-por.test.ts checks it against running every
 * schedule.
 */
import { createExecution, isFence, type Execution, type Program } from './machine.ts';
import { dependent, footprintsDependent, type Footprint } from './independence.ts';
import { Tally, type FoundRace, type FoundViolation, type Outcome } from './outcomes.ts';
import { PrefixQueue } from './prefix-queue.ts';
import { EXPLORE_DEFAULTS, type ExecutionOptions, type Op } from './types.ts';

export interface ExploreOptions extends ExecutionOptions {
  reduction?: 'none' | 'por';
  /** Complete schedules (or classes, with por) to run before stopping with complete: false. */
  maxSchedules?: number;
  /** Shared operations over the whole exploration (including re-executed prefixes). */
  maxTotalSteps?: number;
  maxMs?: number;
  /**
   * Stop once every schedule with at most this many preemptions has been explored (a bound the
   * caller chooses, so the result does not depend on the machine's speed). Default: no bound.
   */
  maxPreemptions?: number;
  /**
   * Stop after the first schedule that shows a violation (mutual exclusion, deadlock, error): a
   * check that only needs one counterexample stops there instead of exploring the rest. The search
   * goes by fewest preemptions, so the schedule found is still one of the simplest.
   */
  stopAtViolation?: boolean;
}

export { EXPLORE_DEFAULTS } from './types.ts';
export { dependent } from './independence.ts';
export type { Outcome, FoundViolation, FoundRace, ViolationSummary } from './outcomes.ts';

export const MEMORY_MODEL = 'sequential consistency';
export const TSO_MODEL = 'x86-TSO store buffers';

export interface ExploreResult {
  complete: boolean;
  /** Why the search stopped early, naming the preemption bound it completed; or null. */
  stopReason: string | null;
  reduction: 'none' | 'por';
  /** What `Outcome.schedules` counts, in words, for the UI. */
  counting: string;
  /** The unit of `stats.schedules` and `Outcome.schedules`: "schedules" or "classes of equivalent schedules". */
  unit: string;
  outcomes: Outcome[];
  violations: FoundViolation[];
  /** The memory model the outcomes assume, in words: steps interleave whole, or x86-TSO buffers. */
  model: typeof MEMORY_MODEL | typeof TSO_MODEL;
  /** Plain accesses to one cell from two threads, unordered by synchronisation: SC outcomes may be too few. */
  dataRaces: FoundRace[];
  /** A budget stopped one execution (an infinite loop?): the search was abandoned. */
  error: { message: string; thread: number; line: number | null; schedule: number[] } | null;
  /**
   * Store-buffer mode only: the same code explored under sequential consistency, so the outcomes
   * only store buffers reach can be marked (`Outcome.onlyWithBuffers`). `complete: false` means the
   * SC search did not finish, and no outcome is marked. Null under SC, or when the search stopped
   * at its first violation.
   */
  scComparison: {
    complete: boolean;
    schedules: number;
    unit: string;
    stopReason: string | null;
  } | null;
  stats: {
    /** Complete executions: schedules (reduction none) or classes of equivalent schedules (por). */
    schedules: number;
    /** Every schedule with at most this many preemptions was explored (-1: not even those with 0). */
    preemptionBound: number;
    pruned: number;
    steps: number;
    ms: number;
  };
}

interface Node {
  /** Threads to try from this state (enabled minus asleep), the no-preemption choice first. */
  all: number[];
  /** Choices [0, limit) are explored in this round; the rest were queued for the next bound. */
  limit: number;
  next: number;
  /** Pending operation of every enabled move here (its footprint under store buffers). */
  ops: Map<number, Move>;
  /** Asleep moves and their pending operation (or footprint). */
  sleep: Map<number, Move>;
  /** The thread whose step here is not a preemption (it took the last step and can go on), or -1. */
  free: number;
}

/** Stands for a replayed step of a queued prefix (reduction none): never explored from. */
const FROZEN: Node = {
  all: [],
  limit: 0,
  next: 0,
  ops: new Map(),
  sleep: new Map(),
  free: -1,
};

/** The outcome's identity: final memory and what went wrong (a state reached with two inside differs). */
const outcomeKey = (o: Outcome) => `${o.memory.join(',')}|${JSON.stringify(o.violations)}`;

export function explore(program: Program, options: ExploreOptions): ExploreResult {
  const r = exploreIn(program, options);
  if (options.memoryModel !== 'tso' || options.stopAtViolation || r.error) return r;
  // Which outcomes only store buffers reach: the same code under SC (where partial-order reduction
  // applies), on the time the search left, and at least 2 s of its own.
  const left = (options.maxMs ?? EXPLORE_DEFAULTS.maxMs) - r.stats.ms;
  const sc = exploreIn(program, {
    ...options,
    memoryModel: 'sc',
    reduction: 'por',
    maxMs: Math.max(2000, left),
  });
  if (sc.complete && !sc.error) {
    const reachable = new Set(sc.outcomes.map(outcomeKey));
    for (const o of r.outcomes) o.onlyWithBuffers = !reachable.has(outcomeKey(o));
  }
  return {
    ...r,
    scComparison: {
      complete: sc.complete && !sc.error,
      schedules: sc.stats.schedules,
      unit: sc.unit,
      stopReason: sc.error ? sc.error.message : sc.stopReason,
    },
  };
}

function exploreIn(program: Program, options: ExploreOptions): ExploreResult {
  const tso = options.memoryModel === 'tso';
  const reduction = options.reduction ?? 'none';
  const maxSchedules = options.maxSchedules ?? EXPLORE_DEFAULTS.maxSchedules;
  const maxTotalSteps = options.maxTotalSteps ?? EXPLORE_DEFAULTS.maxTotalSteps;
  const maxMs = options.maxMs ?? EXPLORE_DEFAULTS.maxMs;
  const maxPreemptions = options.maxPreemptions ?? Infinity;
  const unit = reduction === 'none' ? 'schedules' : 'classes of equivalent schedules';
  const started = performance.now();

  const tally = new Tally();
  const knownRaces = new Set<number>();
  let schedules = 0;
  let pruned = 0;
  let steps = 0;
  let stopReason: string | null = null;
  let error: ExploreResult['error'] = null;
  let bound = 0;
  let completed = -1;
  let round = new PrefixQueue();
  round.push([], null);
  let later = new PrefixQueue();
  /** Position of the prefix being searched in `round`. */
  let index = 0;

  /** Explores every continuation of `prefix` within `bound` preemptions; false when a budget stopped it. */
  const search = (prefix: ArrayLike<number>): boolean => {
    const base = prefix.length;
    const stack: Node[] = [];
    for (;;) {
      const ex = createExecution(program, options, knownRaces);
      const schedule: number[] = [];
      const pre = [0];
      /** The thread that took the last thread step (flush moves skipped), or -1. */
      let lastThread = -1;
      let depth = 0;
      let finished = true;
      let sleepBlocked = false;
      while (!ex.isDone) {
        if (depth < base && reduction === 'none') {
          // Replaying a queued prefix needs no node without reduction: the choice is fixed, and
          // building one per step was most of the cost of a short execution.
          if (depth === stack.length) stack.push(FROZEN);
          const tid = prefix[depth];
          const cost = lastThread >= 0 && tid !== lastThread && ex.isEnabled(lastThread) ? 1 : 0;
          ex.step(tid);
          if (tid >= 0) lastThread = tid;
          schedule.push(tid);
          pre.push(pre[depth] + cost);
          depth++;
          continue;
        }
        let node: Node;
        if (depth < stack.length) node = stack[depth];
        else {
          const last = depth === 0 ? -1 : schedule[depth - 1];
          node = newNode(
            ex,
            depth === 0 ? null : stack[depth - 1],
            reduction,
            last,
            lastThread,
            tso,
          );
          if (depth < base) {
            // Replaying a queued prefix: its choices are fixed (and their siblings are queued apart).
            node.next = node.all.indexOf(prefix[depth]);
            if (node.next < 0) throw new Error('internal: a queued schedule did not replay');
            node.limit = node.next + 1;
          } else {
            if (node.all.length === 0) {
              sleepBlocked = true;
              break;
            }
            // Within the bound every choice is explored now; at it, only the free one; the others
            // wait for the next round.
            if (pre[depth] >= bound && node.free >= 0)
              node.limit = node.all[0] === node.free ? 1 : 0;
            for (let i = node.limit; i < node.all.length; i++) later.push(schedule, node.all[i]);
            if (node.limit === 0) {
              finished = false;
              break;
            }
          }
          stack.push(node);
        }
        const tid = node.all[node.next];
        const cost = node.free >= 0 && tid !== node.free ? 1 : 0;
        ex.step(tid);
        if (tid >= 0) lastThread = tid;
        schedule.push(tid);
        pre.push(pre[depth] + cost);
        depth++;
      }
      steps += ex.steps;
      if (ex.budgetError) {
        error = { ...ex.budgetError, schedule };
        stopReason = ex.budgetError.message;
        tally.addRaces(ex, schedule);
        return false;
      }
      if (sleepBlocked) pruned++;
      else if (finished) {
        schedules++;
        tally.record(ex, schedule, pre);
        if (options.stopAtViolation && tally.violations.size > 0) {
          stopReason = `stopped at the first violation found, after ${schedules} ${unit}`;
          return false;
        }
      } else tally.addRaces(ex, schedule);
      // Backtrack: the deepest node with an untried choice; everything below it is rebuilt on re-execution.
      while (stack.length > base && ++stack[stack.length - 1].next >= stack[stack.length - 1].limit)
        stack.pop();
      const itemDone = stack.length <= base;
      const moreWork = !itemDone || index < round.length - 1 || later.length > 0;
      const ms = performance.now() - started;
      if (moreWork && (schedules >= maxSchedules || steps >= maxTotalSteps || ms >= maxMs)) {
        const limit =
          schedules >= maxSchedules
            ? `${maxSchedules} ${unit}`
            : steps >= maxTotalSteps
              ? `${maxTotalSteps} steps`
              : `${maxMs} ms`;
        stopReason =
          completed >= 0
            ? `every schedule with up to ${completed} preemption${completed === 1 ? '' : 's'} explored` +
              `${reduction === 'por' ? ' (one per class of equivalent schedules)' : ''}; ` +
              `stopped while trying ${bound} preemption${bound === 1 ? '' : 's'}, after ${schedules} ${unit} (limit: ${limit})`
            : `stopped after ${schedules} ${unit}, before even the schedules without preemptions were all explored (limit: ${limit})`;
        return false;
      }
      if (itemDone) return true;
    }
  };

  outer: for (;;) {
    for (index = 0; index < round.length; index++) if (!search(round.get(index))) break outer;
    completed = bound;
    if (later.length === 0) break;
    if (bound >= maxPreemptions) {
      stopReason =
        `every schedule with up to ${bound} preemption${bound === 1 ? '' : 's'} explored` +
        `${reduction === 'por' ? ' (one per class of equivalent schedules)' : ''}: the bound asked for`;
      break;
    }
    bound++;
    round = later;
    later = new PrefixQueue();
  }

  return {
    complete: stopReason === null,
    stopReason,
    reduction,
    counting:
      reduction === 'none'
        ? 'every schedule'
        : 'one schedule per class of equivalent schedules (partial-order reduction with sleep sets)',
    unit,
    outcomes: [...tally.outcomes.values()].sort((a, b) => b.schedules - a.schedules),
    violations: [...tally.violations.values()],
    model: tso ? TSO_MODEL : MEMORY_MODEL,
    dataRaces: tally.races,
    error,
    scComparison: null,
    stats: {
      schedules,
      preemptionBound: completed,
      pruned,
      steps,
      ms: performance.now() - started,
    },
  };
}

/** What the sleep sets compare: an operation (SC), or a move's footprint (store buffers). */
type Move = Op | Footprint;

/**
 * A move's footprint under x86-TSO (see Footprint): a plain store only fills its own buffer, a
 * plain load of a cell its own buffer holds reads the buffer, a fence also writes what it drains,
 * and a flush writes one cell; every move of thread i and F_i touch "buffer i".
 */
function footprint(ex: Execution, move: number): Footprint {
  const op = ex.pending(move)!;
  if (move < 0) return { op, extra: [[`b${-move - 1}`, true]] };
  const buffer = ex.buffer(move);
  const extra: [string, boolean][] = [[`b${move}`, true]];
  let touches: Op | null = op;
  if (op.kind === 'write' && !op.atomic) touches = null;
  else if (op.kind === 'read' && !op.atomic && buffer.some((e) => e.index === op.index))
    touches = null;
  if (buffer.length > 0 && isFence(op)) for (const e of buffer) extra.push([`m${e.index}`, true]);
  return { op: touches, extra };
}

function newNode(
  ex: Execution,
  parent: Node | null,
  reduction: 'none' | 'por',
  last: number,
  lastThread: number,
  tso: boolean,
): Node {
  const enabled = ex.enabled();
  const ops = new Map<number, Move>();
  if (tso && reduction === 'por') for (const t of enabled) ops.set(t, footprint(ex, t));
  else for (const t of enabled) ops.set(t, ex.pending(t)!);
  const sleep = new Map<number, Move>();
  const dependentMoves = tso
    ? (a: Move, b: Move) => footprintsDependent(a as Footprint, b as Footprint)
    : (a: Move, b: Move) => dependent(a as Op, b as Op);
  if (reduction === 'por' && parent) {
    // Threads asleep in the parent, and siblings ordered before the parent's current choice (explored
    // in this round or queued for a later one), stay asleep here if the step just taken is
    // independent of their pending operation.
    const takenOp = parent.ops.get(last)!;
    const candidates = new Map(parent.sleep);
    for (let i = 0; i < parent.next; i++)
      candidates.set(parent.all[i], parent.ops.get(parent.all[i])!);
    for (const [t, op] of candidates)
      if (ops.has(t) && !dependentMoves(op, takenOp)) sleep.set(t, op);
  }
  const all = sleep.size === 0 ? enabled : enabled.filter((t) => !sleep.has(t));
  // `lastThread`, not `last`: a flush move leaves the thread that ran before it free to go on.
  const free = lastThread >= 0 && ops.has(lastThread) ? lastThread : -1;
  const at = free >= 0 ? all.indexOf(free) : -1;
  if (at > 0) {
    all.splice(at, 1);
    all.unshift(free);
  }
  return { all, limit: all.length, next: 0, ops, sleep, free };
}
