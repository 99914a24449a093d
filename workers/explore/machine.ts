/**
 * One execution of a learner program: N simulated threads in this one JavaScript thread, each paused
 * before its next shared-memory operation. `step(tid)` performs that thread's pending operation and
 * runs it locally up to the next one. Given the same sequence of choices, an execution is exactly
 * reproducible — the explorer and the stepper rely on that to re-run prefixes instead of saving states.
 *
 * Each thread gets its own instance of the learner module (as a real worker would), so module-level
 * variables are per thread; only `t.shared` is shared.
 */
import { BudgetError, StepModeError, THROWN_LINE, AssertionFailure } from './runtime.ts';
import { formatValue } from '../runtime/format-value.ts';
import {
  MAX_LOG_LINES,
  MUTEXES,
  assert,
  requireBlocked,
  runtimeFor,
  type ExecHooks,
  type Program,
} from './program.ts';
import { blockedText, describeOp, findCycle } from './describe.ts';
import { RaceDetector, type DataRace } from './races.ts';
import { drain, flushOldest, memoryStep, type StepOut } from './memory-steps.ts';
import { syncStep, type SyncState } from './sync-steps.ts';
import {
  WRITING_BUILTINS,
  endIteration,
  newThreadState,
  type ThreadState,
} from './thread-state.ts';
import {
  DEFAULT_MAX_STEPS,
  DEFAULT_MAX_TICKS,
  type BlockedOn,
  type ExecutionOptions,
  type Op,
  type StepEvent,
  type ThreadStatus,
  type ThreadView,
  type Violation,
  flushMove,
} from './types.ts';

export { loadProgram, assert, type Program, type LoadResult } from './program.ts';
export { describeOp, findCycle } from './describe.ts';
export interface Execution {
  readonly threadCount: number;
  /**
   * Moves possible now: threads that can take a step, in id order, then (memory model 'tso') a flush
   * move `flushMove(i)` for each thread i with a non-empty store buffer.
   */
  enabled(): number[];
  isEnabled(move: number): boolean;
  /**
   * The pending operation of a thread (null when it is done or failed); for a flush move, the
   * store it makes visible (as a plain write).
   */
  pending(move: number): Op | null;
  /** Thread `tid`'s store buffer, oldest first (memory model 'tso'; empty under 'sc'). Read only. */
  buffer(tid: number): readonly { index: number }[];
  threads(): ThreadView[];
  memory(): number[];
  step(move: number): StepEvent;
  /** No thread can move: every thread finished, failed, or the rest are blocked (deadlock), or a budget ran out. */
  readonly isDone: boolean;
  /** Set once isDone when unfinished threads remain blocked. */
  readonly deadlock: Extract<Violation, { kind: 'deadlock' }> | null;
  readonly violations: Violation[];
  /** Shared operations performed so far. */
  readonly steps: number;
  /** A budget stopped this execution (the message says which). */
  readonly budgetError: { message: string; thread: number; line: number | null } | null;
  /** Data races seen so far (plain accesses not ordered by synchronisation), see races.ts. */
  readonly races: DataRace[];
}

/** `knownRaces`: races already reported by earlier executions (the explorer shares one set). */
export function createExecution(
  program: Program,
  options: ExecutionOptions,
  knownRaces?: Set<number>,
): Execution {
  const threadCount = options.threads;
  if (!Number.isInteger(threadCount) || threadCount < 1 || threadCount > 16)
    throw new RangeError('threads must be 1–16');
  const cells = options.sharedCells ?? 16;
  const maxSteps = options.maxSteps ?? DEFAULT_MAX_STEPS;
  const maxTicks = options.maxTicks ?? DEFAULT_MAX_TICKS;
  const memory = new Int32Array(new ArrayBuffer(cells * 4));
  /** Bumped on every write to a cell: lets a parked spinning thread see that something changed. */
  const version = new Uint32Array(cells);
  let epoch = 0;
  const mutexOwner = new Int8Array(MUTEXES).fill(-1);
  const sections = new Map<string, Set<number>>();
  const waiters = new Map<number, number[]>();
  const races = new RaceDetector(threadCount, cells, MUTEXES, knownRaces);
  let totalSteps = 0;
  let ticks = 0;
  let budgetError: Execution['budgetError'] = null;
  const violations: Violation[] = [];
  let deadlock: Execution['deadlock'] = null;
  let finished = false;

  const threads: ThreadState[] = [];
  let current: ThreadState;
  const tso = options.memoryModel === 'tso';
  const mem = { memory, version, waiters, races, threads, tso };
  const sync: SyncState = {
    threadCount,
    mutexOwner,
    sections,
    barrier: { generation: 0, arrived: [] },
    races,
    threads,
    violations,
  };
  const out: StepOut = { value: undefined, resume: true, readOnly: false, failure: null };

  const overBudget = (n: number, what: string) =>
    new BudgetError(`stopped after ${n} ${what} without finishing: an infinite loop?`);
  const hooks: ExecHooks = {
    request(op, perform, result) {
      current.pending = op;
      current.perform = perform ?? null;
      current.result = result;
    },
    setLine(line) {
      current.line = line;
    },
    tick() {
      current.spinLoop = 0;
      if (++ticks > maxTicks) throw overBudget(ticks, 'loop iterations and calls');
    },
    spin(loopId, impure) {
      if (++ticks > maxTicks) throw overBudget(ticks, 'loop iterations and calls');
      endIteration(current, loopId, impure);
    },
    log(line) {
      if (current.logs.length < MAX_LOG_LINES) current.logs.push(line);
      else if (current.logs.length === MAX_LOG_LINES) current.logs.push('… (more lines not shown)');
    },
    now: () => totalSteps,
  };
  const rt = runtimeFor(program);
  const { host, helpers, apiFns } = rt;
  /** Points the program's helpers at this execution (several executions may be alive, e.g. a stepper's undo). */
  const bind = () => {
    host.active = hooks;
    host.buffer = memory.buffer;
  };
  bind();
  // Iterating the view can't be stepped (it would read every cell at once); opaque built-in steps may.
  Object.defineProperty(memory, Symbol.iterator, {
    value: function iterate(this: Int32Array) {
      if (!host.allowIterate)
        throw new StepModeError(
          "for…of or spread over t.shared can't be stepped; use an index loop",
        );
      return Array.prototype.values.call(this);
    },
  });

  const params = Object.freeze({ ...(options.params ?? {}) });

  // ---- thread lifecycle

  const fail = (th: ThreadState, e: unknown) => {
    th.gen = null;
    th.pending = null;
    th.perform = null;
    th.block = null;
    const line = (typeof e === 'object' && e !== null && THROWN_LINE.get(e)) || th.line;
    if (e instanceof AssertionFailure) {
      th.error = { kind: 'assert', message: e.message, line };
      violations.push({
        kind: 'assert',
        thread: th.id,
        message: e.message,
        line,
        step: totalSteps,
      });
    } else if (e instanceof BudgetError) {
      th.error = { kind: 'budget', message: e.message, line };
      budgetError ??= { message: e.message, thread: th.id, line };
    } else {
      const message = e instanceof Error ? `${e.name}: ${e.message}` : `Thrown: ${formatValue(e)}`;
      th.error = { kind: 'error', message, line };
      violations.push({ kind: 'error', thread: th.id, message, line, step: totalSteps });
    }
  };

  /** Runs a thread locally until it pauses before its next shared operation (or ends). */
  const advance = (th: ThreadState, value: unknown) => {
    current = th;
    th.pending = null;
    th.perform = null;
    th.result = undefined;
    let r: IteratorResult<unknown, unknown>;
    try {
      r = th.gen!.next(value);
    } catch (e) {
      fail(th, e);
      return;
    }
    if (ticks > maxTicks) {
      // The learner caught the BudgetError; the budget is still spent.
      fail(th, overBudget(ticks, 'loop iterations and calls'));
      return;
    }
    if (r.done) {
      th.done = true;
      th.gen = null;
      th.pending = null;
      return;
    }
    if (th.pending === null) {
      fail(th, new StepModeError('yield is not supported in step mode'));
      return;
    }
    if (th.parkOnSpin) {
      th.block = { kind: 'spin', cells: th.parkOnSpin, epoch };
      th.parkOnSpin = null;
    }
  };

  for (let id = 0; id < threadCount; id++) threads.push(newThreadState(id));
  for (const th of threads) {
    current = th;
    const t: Thread = Object.freeze({
      id: th.id,
      count: threadCount,
      params,
      shared: memory,
      ...apiFns,
    });
    const exports: Record<string, unknown> = {};
    try {
      // Each real worker has a global object of its own: a fresh one per thread and per execution,
      // whose writes never reach this realm's global (reads fall through to the built-ins).
      // Made only when the code names it: it costs more than a short execution's steps.
      let global: Record<string, unknown> | undefined;
      if (program.usesGlobal) {
        // defineProperty: the base may be frozen (a SES compartment's global), and assigning a
        // name it already has would throw (the "override mistake").
        global = Object.create(program.baseGlobal) as Record<string, unknown>;
        for (const name of ['globalThis', 'self'])
          Object.defineProperty(global, name, { value: global, writable: true, enumerable: false });
      }
      program.factory(helpers, exports, requireBlocked, assert, { exports }, global, global);
      const entry = options.entry ?? 'default';
      const main = exports[entry];
      if (typeof main !== 'function')
        throw new StepModeError(
          entry === 'default'
            ? 'Your code must `export default function (t: Thread) { … }`.'
            : `the module has no function export "${entry}"`,
        );
      if (helpers.call(undefined, main, [t], 0) !== helpers.P)
        throw new StepModeError('the default export is not a learner function');
      th.gen = helpers.g;
    } catch (e) {
      fail(th, e);
      continue;
    }
    advance(th, undefined);
  }

  // ---- scheduling

  const blockedOn = (th: ThreadState): BlockedOn | null => {
    if (th.done || th.error || !th.pending) return null;
    const b = th.block;
    if (b) {
      if (b.kind === 'wait')
        return { kind: 'wait', index: b.index, timed: Number.isFinite(b.timeout) };
      if (b.kind === 'barrier') {
        const arrived = [...sync.barrier.arrived];
        return {
          kind: 'barrier',
          arrived,
          missing: threads.map((x) => x.id).filter((i) => !arrived.includes(i)),
        };
      }
      return { kind: 'spin', cells: [...b.cells.keys()] };
    }
    if (th.pending.kind === 'lock' && mutexOwner[th.pending.mutex] !== -1) {
      return { kind: 'lock', mutex: th.pending.mutex, holder: mutexOwner[th.pending.mutex] };
    }
    return null;
  };

  const isEnabled = (tid: number): boolean => {
    if (tid < 0) return !finished && tso && threads[-tid - 1]?.buffer.length > 0;
    const th = threads[tid];
    if (finished || th.done || th.error || !th.pending) return false;
    const b = th.block;
    if (b) {
      // A timed wait may time out whenever its thread could be scheduled (real time is not modelled).
      if (b.kind === 'wait') return Number.isFinite(b.timeout) && !options.timeoutsNeverFire;
      if (b.kind !== 'spin') return false;
      if (b.epoch !== epoch) return true;
      for (const [cell, v] of b.cells) if (version[cell] !== v) return true;
      return false;
    }
    if (th.pending.kind === 'lock') return mutexOwner[th.pending.mutex] === -1;
    return true;
  };

  const enabled = (): number[] => {
    const out: number[] = [];
    for (let i = 0; i < threadCount; i++) if (isEnabled(i)) out.push(i);
    if (tso && !finished)
      for (let i = 0; i < threadCount; i++)
        if (threads[i].buffer.length > 0) out.push(flushMove(i));
    return out;
  };

  /** Called after every step: ends the execution when no thread can move. */
  const settle = () => {
    if (budgetError) {
      finished = true;
      return;
    }
    if (enabled().length > 0) return;
    finished = true;
    const stuck = threads.filter((th) => !th.done && !th.error);
    if (stuck.length > 0) deadlock = describeDeadlock(stuck);
    if (deadlock) violations.push(deadlock);
  };

  const dequeueWaiter = (index: number, tid: number) => {
    const q = waiters.get(index);
    if (q) q.splice(q.indexOf(tid), 1);
  };

  const describeDeadlock = (stuck: ThreadState[]): Extract<Violation, { kind: 'deadlock' }> => {
    const waits = stuck.map((th) => {
      const on = blockedOn(th) ?? { kind: 'wait' as const, index: -1 };
      return {
        thread: th.id,
        on,
        text: blockedText(on, threads),
        line: th.pending?.line ?? th.line,
      };
    });
    // Wait-for edges: a lock waits for its holder; a barrier waits for every thread that has not arrived.
    const edges = new Map<number, number[]>();
    for (const w of waits) {
      if (w.on.kind === 'lock') edges.set(w.thread, [w.on.holder]);
      else if (w.on.kind === 'barrier') edges.set(w.thread, w.on.missing);
    }
    return { kind: 'deadlock', waits, cycle: findCycle(edges), step: totalSteps };
  };

  /** A flush move: the oldest store of a buffer reaches memory; no thread runs. */
  const flush = (move: number): StepEvent => {
    const th = threads[-move - 1];
    if (!isEnabled(move)) throw new Error(`thread ${th?.id ?? move} has no store to flush now`);
    totalSteps++;
    const e = flushOldest(mem, th);
    if (totalSteps >= maxSteps && !budgetError)
      budgetError = {
        message: `stopped after ${totalSteps} steps without finishing: an infinite loop?`,
        thread: th.id,
        line: e.line,
      };
    settle();
    return {
      thread: th.id,
      line: e.line,
      after: statusOf(th),
      kind: 'flush',
      index: e.index,
      value: e.value,
    };
  };

  const step = (tid: number): StepEvent => {
    if (tid < 0) return flush(tid);
    if (!isEnabled(tid)) throw new Error(`thread ${tid} cannot take a step now`);
    bind();
    const th = threads[tid];
    const op = th.pending!;
    // A thread stepped while still queued in a timed wait is timing out: it leaves the queue.
    if (th.block?.kind === 'wait') dequeueWaiter(th.block.index, tid);
    th.block = null;
    th.steps++;
    totalSteps++;
    current = th;
    let event: StepEvent;
    let resume = true;
    let value: unknown = th.result;
    // Plain literals, not `{ ...base, … }`: object spread here cost microseconds per step in V8.
    const thread = tid;
    const line = op.line;
    const after: ThreadStatus = 'ready';
    let readOnly = false;
    // x86-TSO: Atomics operations, locks, barriers and opaque built-ins drain the store buffer
    // first (a locked instruction or fence); plain accesses and section markers do not.
    if (tso && th.buffer.length > 0 && isFence(op)) drain(mem, th);
    switch (op.kind) {
      case 'read':
      case 'write':
      case 'rmw':
      case 'wait':
      case 'notify':
        out.value = value;
        out.resume = true;
        out.readOnly = false;
        event = memoryStep(mem, th, op, out);
        value = out.value;
        resume = out.resume;
        readOnly = out.readOnly;
        break;
      case 'resume':
        value = op.result;
        if (op.from === 'wait') {
          readOnly = op.result === 'timed-out';
          if (op.result === 'ok' && op.index !== undefined) races.acquireCell(tid, op.index);
        }
        event = { thread, line, after, kind: 'resume', from: op.from, result: op.result };
        break;
      case 'lock':
      case 'unlock':
      case 'barrier':
      case 'enter':
      case 'leave':
        out.resume = true;
        out.failure = null;
        event = syncStep(sync, th, op, out, totalSteps);
        resume = out.resume;
        if (out.failure) fail(th, out.failure);
        break;
      case 'call': {
        // An opaque built-in is a plain access that may touch every cell: a write for the ones that
        // change an array (fill, set …), a read for the rest (slice, join, Array.from …).
        const writes = WRITING_BUILTINS.has(op.name);
        for (let c = 0; c < cells; c++) races.access(tid, c, writes, false, line);
        try {
          value = th.perform!();
        } catch (e) {
          fail(th, e);
          resume = false;
        }
        epoch++;
        event = { thread, line, after, kind: 'call', name: op.name };
        break;
      }
    }
    th.spinOps++;
    if (!readOnly) th.spinWrote = true;
    if (totalSteps >= maxSteps && !budgetError) {
      const e = new BudgetError(
        `stopped after ${totalSteps} steps without finishing: an infinite loop?`,
      );
      th.line = op.line;
      if (resume) {
        // Let the thread's view show where it stopped.
        fail(th, e);
        resume = false;
      } else budgetError = { message: e.message, thread: tid, line: op.line };
    }
    if (resume) advance(th, value);
    settle();
    event.after = statusOf(th);
    return event;
  };

  const statusOf = (th: ThreadState): ThreadStatus => {
    if (th.error) return 'failed';
    if (th.done) return 'done';
    if (finished) return blockedOn(th) ? 'blocked' : 'ready';
    return isEnabled(th.id) ? 'ready' : 'blocked';
  };

  settle();

  return {
    threadCount,
    enabled,
    isEnabled,
    pending: (tid) => {
      if (tid < 0) {
        const e = threads[-tid - 1]?.buffer[0];
        return e
          ? { kind: 'write', index: e.index, value: e.value, atomic: false, line: e.line }
          : null;
      }
      return threads[tid].done || threads[tid].error ? null : threads[tid].pending;
    },
    buffer: (tid) => threads[tid].buffer,
    threads: () =>
      threads.map((th): ThreadView => {
        const on = blockedOn(th);
        const next = th.done || th.error ? null : th.pending;
        return {
          id: th.id,
          status: statusOf(th),
          next,
          nextText: next ? describeOp(next) : null,
          line: next ? next.line : (th.error?.line ?? null),
          blockedOn: on,
          blockedText: on ? blockedText(on, threads) : null,
          error: th.error,
          logs: [...th.logs],
          steps: th.steps,
          buffer: th.buffer.map((e) => ({ ...e })),
        };
      }),
    memory: () => Array.from({ length: cells }, (_, i) => memory[i]),
    step,
    get isDone() {
      return finished;
    },
    get deadlock() {
      return deadlock;
    },
    get violations() {
      return violations;
    },
    get steps() {
      return totalSteps;
    },
    get budgetError() {
      return budgetError;
    },
    get races() {
      return races.races;
    },
  };
}

/** Operations that drain a thread's store buffer before they act (memory model 'tso'). */
export function isFence(op: Op): boolean {
  switch (op.kind) {
    case 'read':
    case 'write':
      return op.atomic;
    case 'enter':
    case 'leave':
    case 'resume':
      return false;
    default:
      return true;
  }
}
