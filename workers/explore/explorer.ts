/**
 * Enumerates the interleavings of a program by depth-first search over scheduler choices,
 * re-executing from the start for each schedule (stateless model checking, as in CHESS or loom:
 * generators cannot be snapshotted, and re-running a short prefix is cheap).
 *
 * Two counting modes:
 * - `none`: every schedule is run; per-outcome counts are exact schedule counts.
 * - `por`: sleep sets (Godefroid 1996). Two operations of different threads are independent when they
 *   touch different cells (or both only read), different mutexes, sections, …; running them in either
 *   order reaches the same state, so after exploring "a then b" the search never tries "b then a" from
 *   the same point. Sleep sets alone guarantee that no two equivalent complete schedules are both run
 *   (one per Mazurkiewicz trace), so the set of outcomes and violations is exactly the one of `none`;
 *   the counts become "equivalence classes", not schedules. Branches cut because every remaining
 *   thread is asleep are counted as `pruned`.
 */
import { createExecution, type Execution, type Program } from './machine.ts';
import { EXPLORE_DEFAULTS, type ExecutionOptions, type Op, type Violation } from './types.ts';

export interface ExploreOptions extends ExecutionOptions {
  reduction?: 'none' | 'por';
  /** Complete schedules to run before stopping with complete: false. */
  maxSchedules?: number;
  /** Shared operations over the whole exploration (including re-executed prefixes). */
  maxTotalSteps?: number;
  maxMs?: number;
}

export { EXPLORE_DEFAULTS } from './types.ts';

/** A violation without its thread-specific details, for grouping final states. */
export type ViolationSummary =
  | { kind: 'assert' | 'error'; message: string; line: number | null }
  | { kind: 'mutual-exclusion'; section: string; line: number }
  | { kind: 'deadlock'; text: string };

export interface Outcome {
  /** Final shared memory. */
  memory: number[];
  violations: ViolationSummary[];
  /** Schedules (reduction none) or explored equivalence classes (por) that ended here. */
  schedules: number;
  /** One schedule reaching it: the thread id chosen at each step. */
  example: number[];
}

/** A violation with the schedule prefix that leads to it and how many explored schedules hit it. */
export type FoundViolation = Violation & { schedule: number[]; count: number };

export interface ExploreResult {
  complete: boolean;
  /** Why the search stopped early ("explored 200000 schedules, more remain"), or null. */
  stopReason: string | null;
  reduction: 'none' | 'por';
  /** What `Outcome.schedules` counts, in words, for the UI. */
  counting: string;
  outcomes: Outcome[];
  violations: FoundViolation[];
  /** A budget stopped one execution (an infinite loop?): the search was abandoned. */
  error: { message: string; thread: number; line: number | null; schedule: number[] } | null;
  stats: { schedules: number; distinctStates: number; pruned: number; steps: number; ms: number };
}

interface Node {
  /** Threads to try from this state, in order (enabled minus asleep). */
  choices: number[];
  next: number;
  /** Pending operation of every enabled thread here. */
  ops: Map<number, Op>;
  /** Asleep threads and their pending operation. */
  sleep: Map<number, Op>;
}

export function explore(program: Program, options: ExploreOptions): ExploreResult {
  const reduction = options.reduction ?? 'none';
  const maxSchedules = options.maxSchedules ?? EXPLORE_DEFAULTS.maxSchedules;
  const maxTotalSteps = options.maxTotalSteps ?? EXPLORE_DEFAULTS.maxTotalSteps;
  const maxMs = options.maxMs ?? EXPLORE_DEFAULTS.maxMs;
  const started = performance.now();

  const outcomes = new Map<string, Outcome>();
  const violations = new Map<string, FoundViolation>();
  const stack: Node[] = [];
  let schedules = 0;
  let pruned = 0;
  let steps = 0;
  let stopReason: string | null = null;
  let error: ExploreResult['error'] = null;

  for (;;) {
    const ex = createExecution(program, options);
    const schedule: number[] = [];
    let depth = 0;
    let sleepBlocked = false;
    while (!ex.isDone) {
      let node: Node;
      if (depth < stack.length) {
        node = stack[depth];
      } else {
        node = newNode(ex, depth === 0 ? null : stack[depth - 1], reduction);
        if (node.choices.length === 0) {
          sleepBlocked = true;
          break;
        }
        stack.push(node);
      }
      const tid = node.choices[node.next];
      ex.step(tid);
      schedule.push(tid);
      depth++;
    }
    steps += ex.steps;
    if (ex.budgetError) {
      error = { ...ex.budgetError, schedule };
      stopReason = ex.budgetError.message;
      break;
    }
    if (sleepBlocked) pruned++;
    else {
      schedules++;
      record(ex, schedule, outcomes, violations);
    }
    // Backtrack: the deepest node with an untried choice; everything below it is rebuilt on re-execution.
    while (
      stack.length > 0 &&
      ++stack[stack.length - 1].next >= stack[stack.length - 1].choices.length
    )
      stack.pop();
    if (stack.length === 0) break;
    const ms = performance.now() - started;
    if (schedules >= maxSchedules || steps >= maxTotalSteps || ms >= maxMs) {
      stopReason = `explored ${schedules} schedules, more remain (limit: ${
        schedules >= maxSchedules
          ? `${maxSchedules} schedules`
          : steps >= maxTotalSteps
            ? `${maxTotalSteps} steps`
            : `${maxMs} ms`
      })`;
      break;
    }
  }

  return {
    complete: stopReason === null,
    stopReason,
    reduction,
    counting:
      reduction === 'none'
        ? 'every schedule'
        : 'one schedule per class of equivalent schedules (partial-order reduction with sleep sets)',
    outcomes: [...outcomes.values()].sort((a, b) => b.schedules - a.schedules),
    violations: [...violations.values()],
    error,
    stats: {
      schedules,
      distinctStates: outcomes.size,
      pruned,
      steps,
      ms: performance.now() - started,
    },
  };
}

function newNode(ex: Execution, parent: Node | null, reduction: 'none' | 'por'): Node {
  const enabled = ex.enabled();
  const ops = new Map<number, Op>();
  for (const t of enabled) ops.set(t, ex.pending(t)!);
  const sleep = new Map<number, Op>();
  if (reduction === 'por' && parent) {
    // Threads asleep in the parent, and siblings already explored before the parent's current choice,
    // stay asleep here if the step just taken is independent of their pending operation.
    const taken = parent.choices[parent.next];
    const takenOp = parent.ops.get(taken)!;
    const candidates = new Map(parent.sleep);
    for (let i = 0; i < parent.next; i++)
      candidates.set(parent.choices[i], parent.ops.get(parent.choices[i])!);
    for (const [t, op] of candidates) if (ops.has(t) && !dependent(op, takenOp)) sleep.set(t, op);
  }
  return { choices: enabled.filter((t) => !sleep.has(t)), next: 0, ops, sleep };
}

/**
 * Whether two operations of different threads may not commute. Conservative: anything that might
 * enable or disable the other (lock/unlock, wait/notify, barrier) counts as dependent.
 */
export function dependent(a: Op, b: Op): boolean {
  if (a.kind === 'resume' || b.kind === 'resume') return false;
  // An opaque built-in step may touch every cell.
  if (a.kind === 'call') return isMemory(b);
  if (b.kind === 'call') return isMemory(a);
  const ra = resources(a);
  const rb = resources(b);
  for (const [ka, wa] of ra) for (const [kb, wb] of rb) if (ka === kb && (wa || wb)) return true;
  return false;
}

const isMemory = (op: Op) =>
  op.kind === 'read' ||
  op.kind === 'write' ||
  op.kind === 'rmw' ||
  op.kind === 'wait' ||
  op.kind === 'call';

function resources(op: Op): [string, boolean][] {
  switch (op.kind) {
    case 'read':
      return [[`m${op.index}`, false]];
    case 'write':
    case 'rmw':
      return [[`m${op.index}`, true]];
    case 'wait':
      return [
        [`m${op.index}`, false],
        [`f${op.index}`, true],
      ];
    case 'notify':
      return [[`f${op.index}`, true]];
    case 'lock':
    case 'unlock':
      return [[`L${op.mutex}`, true]];
    case 'barrier':
      return [['B', true]];
    case 'enter':
    case 'leave':
      return [[`S${op.section}`, true]];
    default:
      return [];
  }
}

function summarize(v: Violation): ViolationSummary {
  switch (v.kind) {
    case 'assert':
    case 'error':
      return { kind: v.kind, message: v.message, line: v.line };
    case 'mutual-exclusion':
      return { kind: v.kind, section: v.section, line: v.line };
    case 'deadlock':
      return {
        kind: 'deadlock',
        text: v.waits.map((w) => `thread ${w.thread} ${w.text}`).join('; '),
      };
  }
}

function record(
  ex: Execution,
  schedule: number[],
  outcomes: Map<string, Outcome>,
  violations: Map<string, FoundViolation>,
) {
  const memory = ex.memory();
  const summaries: ViolationSummary[] = [];
  const seen = new Set<string>();
  for (const v of ex.violations) {
    const s = summarize(v);
    const key = JSON.stringify(s);
    if (seen.has(key)) continue;
    seen.add(key);
    summaries.push(s);
    const found = violations.get(key);
    if (found) found.count++;
    else violations.set(key, { ...v, schedule: schedule.slice(0, v.step), count: 1 });
  }
  const key = `${memory.join(',')}|${summaries.map((s) => JSON.stringify(s)).join('|')}`;
  const o = outcomes.get(key);
  if (o) o.schedules++;
  else outcomes.set(key, { memory, violations: summaries, schedules: 1, example: [...schedule] });
}
