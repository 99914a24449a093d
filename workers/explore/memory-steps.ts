/**
 * The steps that read or write shared memory (and wait/notify on it), for the machine's `step`:
 * performs `op` for thread `th` and reports what happened. Split from machine.ts, which keeps
 * scheduling, locks, barrier and sections.
 */
import { rmwResult } from './describe.ts';
import type { RaceDetector } from './races.ts';
import type { ThreadState } from './thread-state.ts';
import type { Op, StepEvent, ThreadStatus } from './types.ts';

export type MemoryOp = Extract<Op, { kind: 'read' | 'write' | 'rmw' | 'wait' | 'notify' }>;

/** The execution's shared state these steps touch (arrays shared with the machine, not copies). */
export interface MemoryState {
  memory: Int32Array;
  /** Bumped on every write to a cell: lets a parked spinning thread see that something changed. */
  version: Uint32Array;
  waiters: Map<number, number[]>;
  races: RaceDetector;
  threads: ThreadState[];
  /** x86-TSO: plain stores go through per-thread store buffers (see types.ts, MemoryModel). */
  tso: boolean;
}

/** Filled in by memoryStep (one object reused per execution, not one per step). */
export interface StepOut {
  /** What the paused expression evaluates to. */
  value: unknown;
  /** False when the thread blocks instead of running on. */
  resume: boolean;
  /** The step changed no memory (spin-loop detection). */
  readOnly: boolean;
  /** An error the thread fails with (an unlock of a mutex it does not hold). */
  failure: unknown;
}

/**
 * Remembers the version of `cell` when this loop iteration *first* read it. A spinning thread parks
 * until a cell changes from what its iteration saw: a later re-read (a failing compareExchange after
 * a load) must not hide that the first read was already stale, or a retry loop whose commit failed
 * would park although its next iteration would read the new value and succeed (a false deadlock).
 */
function noteRead(th: ThreadState, cell: number, version: number) {
  if (!th.spinReads.has(cell)) th.spinReads.set(cell, version);
}

export function memoryStep(s: MemoryState, th: ThreadState, op: MemoryOp, out: StepOut): StepEvent {
  const thread = th.id;
  const line = op.line;
  const after: ThreadStatus = 'ready';
  let event: StepEvent;
  switch (op.kind) {
    case 'read': {
      // A thread sees its own newest buffered store to the cell before memory (store forwarding).
      const own = s.tso && !op.atomic ? newestBuffered(th, op.index) : undefined;
      out.value = own ?? s.memory[op.index];
      out.readOnly = true;
      if (op.atomic) s.races.atomic(th.id, op.index, false, line);
      else s.races.access(th.id, op.index, false, false, line);
      noteRead(th, op.index, s.version[op.index]);
      event = {
        thread,
        line,
        after,
        kind: 'read',
        index: op.index,
        value: out.value as number,
        atomic: op.atomic,
      };
      if (own !== undefined) event.buffered = true;
      return event;
    }
    case 'write': {
      if (op.atomic) s.races.atomic(th.id, op.index, true, line);
      else s.races.access(th.id, op.index, true, false, line);
      event = {
        thread,
        line,
        after,
        kind: 'write',
        index: op.index,
        value: op.value,
        atomic: op.atomic,
      };
      if (s.tso && !op.atomic) {
        th.buffer.push({ index: op.index, value: op.value, line });
        event.buffered = true;
      } else {
        s.memory[op.index] = op.value;
        s.version[op.index]++;
      }
      return event;
    }
    case 'rmw': {
      const old = s.memory[op.index];
      const next = rmwResult(op.op, old, op.operand, op.replacement);
      out.value = old;
      const failedCas = op.op === 'compareExchange' && old !== op.operand;
      s.races.atomic(th.id, op.index, !failedCas, line);
      if (failedCas) {
        out.readOnly = true;
        noteRead(th, op.index, s.version[op.index]);
      } else {
        s.memory[op.index] = next;
        s.version[op.index]++;
      }
      event = {
        thread,
        line,
        after,
        kind: 'rmw',
        op: op.op,
        index: op.index,
        old,
        value: s.memory[op.index],
      };
      return event;
    }
    case 'wait': {
      s.races.atomic(th.id, op.index, false, line);
      // Sleeping and timing out leave memory as it was: a loop of timed waits is a spin (parks).
      out.readOnly = true;
      noteRead(th, op.index, s.version[op.index]);
      if (s.memory[op.index] !== op.expected) {
        out.value = 'not-equal';
        out.readOnly = true;
        noteRead(th, op.index, s.version[op.index]);
        event = { thread, line, after, kind: 'wait', index: op.index, result: 'not-equal' };
      } else {
        let q = s.waiters.get(op.index);
        if (!q) s.waiters.set(op.index, (q = []));
        q.push(th.id);
        th.block = { kind: 'wait', index: op.index, timeout: op.timeout };
        // The pending step of a timed wait is its time-out, until a notify turns it into "ok".
        const result = Number.isFinite(op.timeout) ? 'timed-out' : 'ok';
        th.pending = { kind: 'resume', from: 'wait', result, index: op.index, line: op.line };
        out.resume = false;
        event = { thread, line, after, kind: 'wait', index: op.index, result: 'sleeping' };
      }
      return event;
    }
    case 'notify': {
      const q = s.waiters.get(op.index) ?? [];
      const woken = q.splice(0, Math.min(q.length, op.count));
      s.races.syncCell(th.id, op.index);
      for (const w of woken) {
        s.threads[w].block = null;
        const at = s.threads[w].pending?.line ?? line;
        s.threads[w].pending = {
          kind: 'resume',
          from: 'wait',
          result: 'ok',
          index: op.index,
          line: at,
        };
      }
      out.value = woken.length;
      event = { thread, line, after, kind: 'notify', index: op.index, woken };
      return event;
    }
  }
}

function newestBuffered(th: ThreadState, cell: number): number | undefined {
  for (let i = th.buffer.length - 1; i >= 0; i--)
    if (th.buffer[i].index === cell) return th.buffer[i].value;
  return undefined;
}

/** Moves the oldest store of `th`'s buffer to memory (a flush move, or part of a drain). */
export function flushOldest(
  s: MemoryState,
  th: ThreadState,
): { index: number; value: number; line: number } {
  const e = th.buffer.shift();
  if (!e) throw new Error(`thread ${th.id} has no buffered store to flush`);
  s.memory[e.index] = e.value;
  s.version[e.index]++;
  return e;
}

/** Empties `th`'s buffer into memory, oldest first (a fence: Atomics, locks, barriers). */
export function drain(s: MemoryState, th: ThreadState) {
  while (th.buffer.length > 0) flushOldest(s, th);
}
