/**
 * "You are the scheduler": an interactive session over one execution. Undo and replay re-execute
 * the schedule from the start (executions are deterministic), so no state is ever copied.
 * Everything `state()` returns is plain data, safe to post to the UI.
 */
import { createExecution, type Execution, type Program } from './machine.ts';
import {
  moveLabel,
  type ExecutionOptions,
  type StepEvent,
  type ThreadView,
  type Violation,
} from './types.ts';

export interface StepperState {
  threads: ThreadView[];
  memory: number[];
  /** Move chosen at each step so far: a thread id, or -(i+1) for a flush of thread i's buffer. */
  schedule: number[];
  /** Threads that can be stepped now. */
  enabled: number[];
  /** What each step did (the last `EVENT_HISTORY` steps). */
  events: StepEvent[];
  done: boolean;
  deadlock: Extract<Violation, { kind: 'deadlock' }> | null;
  violations: Violation[];
  budgetError: { message: string; thread: number; line: number | null } | null;
}

export const EVENT_HISTORY = 500;

export interface Stepper {
  state(): StepperState;
  step(tid: number): StepperState;
  undo(): StepperState;
  replay(schedule: number[]): StepperState;
}

export class ScheduleError extends Error {
  override name = 'ScheduleError';
}

export function createStepper(program: Program, options: ExecutionOptions): Stepper {
  let ex: Execution = createExecution(program, options);
  let schedule: number[] = [];
  let events: StepEvent[] = [];

  const state = (): StepperState => ({
    threads: ex.threads(),
    memory: ex.memory(),
    schedule: [...schedule],
    enabled: ex.enabled(),
    events: events.slice(-EVENT_HISTORY),
    done: ex.isDone,
    deadlock: ex.deadlock,
    violations: [...ex.violations],
    budgetError: ex.budgetError,
  });

  const run = (choices: number[]) => {
    const next = createExecution(program, options);
    const log: StepEvent[] = [];
    choices.forEach((tid, i) => {
      if (!next.isEnabled(tid))
        throw new ScheduleError(`step ${i + 1}: ${cannot(tid)} at that point`);
      log.push(next.step(tid));
    });
    ex = next;
    schedule = [...choices];
    events = log;
  };

  return {
    state,
    step(tid) {
      if (!ex.isEnabled(tid)) throw new ScheduleError(`${cannot(tid)} now`);
      events.push(ex.step(tid));
      schedule.push(tid);
      return state();
    },
    undo() {
      run(schedule.slice(0, -1));
      return state();
    },
    replay(choices) {
      run(choices);
      return state();
    },
  };
}

/** "thread 1 cannot move", or for a flush move "thread 1 has no buffered store to flush (F1)". */
function cannot(move: number): string {
  return move < 0
    ? `thread ${-move - 1} has no buffered store to flush (${moveLabel(move)})`
    : `thread ${move} cannot move`;
}
