/**
 * Locks, the barrier and critical sections, for the machine's `step` (machine.ts keeps scheduling).
 */
import type { RaceDetector } from './races.ts';
import { StepModeError } from './runtime.ts';
import type { StepOut } from './memory-steps.ts';
import type { ThreadState } from './thread-state.ts';
import type { Op, StepEvent, ThreadStatus, Violation } from './types.ts';

export type SyncOp = Extract<Op, { kind: 'lock' | 'unlock' | 'barrier' | 'enter' | 'leave' }>;

export interface SyncState {
  threadCount: number;
  /** Holder of each mutex, -1 when free. */
  mutexOwner: Int8Array;
  /** Threads inside each named section. */
  sections: Map<string, Set<number>>;
  barrier: { generation: number; arrived: number[] };
  races: RaceDetector;
  threads: ThreadState[];
  violations: Violation[];
}

/** `totalSteps`: steps so far, this one included (where a violation happened). */
export function syncStep(
  s: SyncState,
  th: ThreadState,
  op: SyncOp,
  out: StepOut,
  totalSteps: number,
): StepEvent {
  const thread = th.id;
  const line = op.line;
  const after: ThreadStatus = 'ready';
  let event: StepEvent;
  switch (op.kind) {
    case 'lock':
      s.mutexOwner[op.mutex] = th.id;
      s.races.lock(th.id, op.mutex);
      event = { thread, line, after, kind: 'lock', mutex: op.mutex };
      return event;
    case 'unlock':
      if (s.mutexOwner[op.mutex] !== th.id) {
        const holder = s.mutexOwner[op.mutex];
        out.failure = new StepModeError(
          `unlock(${op.mutex}) by thread ${th.id}, but ${holder === -1 ? 'nobody holds it' : `thread ${holder} holds it`}`,
        );
        out.resume = false;
      } else {
        s.mutexOwner[op.mutex] = -1;
        s.races.unlock(th.id, op.mutex);
      }
      event = { thread, line, after, kind: 'unlock', mutex: op.mutex };
      return event;
    case 'barrier': {
      s.barrier.arrived.push(th.id);
      s.races.arriveAtBarrier(th.id);
      const released = s.barrier.arrived.length === s.threadCount;
      if (released) {
        s.races.leaveBarrier(s.barrier.arrived);
        s.barrier.generation++;
        for (const other of s.threads) {
          if (other.block?.kind === 'barrier') other.block = null;
        }
        s.barrier.arrived = [];
      } else {
        th.block = { kind: 'barrier', generation: s.barrier.generation };
        th.pending = { kind: 'resume', from: 'barrier', result: '', line: op.line };
        out.resume = false;
      }
      event = { thread, line, after, kind: 'barrier', released };
      return event;
    }
    case 'enter': {
      let inside = s.sections.get(op.section);
      if (!inside) s.sections.set(op.section, (inside = new Set()));
      const others = [...inside];
      inside.add(th.id);
      if (others.length > 0) {
        s.violations.push({
          kind: 'mutual-exclusion',
          section: op.section,
          threads: [...others, th.id],
          line: op.line,
          step: totalSteps,
        });
      }
      event = { thread, line, after, kind: 'enter', section: op.section, others };
      return event;
    }
    case 'leave':
      s.sections.get(op.section)?.delete(th.id);
      event = { thread, line, after, kind: 'leave', section: op.section };
      return event;
  }
}
