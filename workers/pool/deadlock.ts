import { findCycle } from '../explore/describe.ts';
import type { Violation } from '../explore/types.ts';
import { LOCK_RECORDS } from '../runtime/layout.ts';

/** What a deadlocked run reports: the same shape as Explore's, so one wait-for graph draws both. */
export type DeadlockReport = Pick<Extract<Violation, { kind: 'deadlock' }>, 'waits' | 'cycle'>;

/** How long the lock state must stay still, every unfinished thread asleep on a mutex, to be a deadlock. */
export const DEADLOCK_SETTLE_MS = 300;
/** How often the page looks (a timer on the page: it never blocks). */
export const DEADLOCK_POLL_MS = 50;

export interface DeadlockWatchOptions {
  /** The run's lock records (layout.ts LOCK_RECORDS). */
  records: Int32Array;
  /** The run's mutex cells (0 free, 1 or 2 held). */
  mutex: Int32Array;
  threads: number;
  settleMs?: number;
}

/**
 * Decides from the lock records whether a live run is stuck: every thread that has not finished
 * sleeps in `t.lock` on a mutex that is held, and nothing (no thread entering or leaving a wait, no
 * mutex changing hands) has changed for `settleMs`. Such threads can never wake: only an unlock wakes
 * them, and every thread that could unlock is asleep or gone. `poll` is pure apart from the clock.
 */
export function createDeadlockWatch(o: DeadlockWatchOptions) {
  const settleMs = o.settleMs ?? DEADLOCK_SETTLE_MS;
  let key = '';
  let since = 0;
  return {
    /** `finished[i]`: thread i's function has returned. Returns the report once the state has settled. */
    poll(finished: readonly boolean[], now: number): DeadlockReport | null {
      const waits: { thread: number; mutex: number; holder: number }[] = [];
      for (let i = 0; i < o.threads; i++) {
        if (finished[i]) continue;
        const m = Atomics.load(o.records, LOCK_RECORDS.waiting + i) - 1;
        // Running, or the mutex it waits for was just released: it will move.
        if (m < 0 || Atomics.load(o.mutex, m) === 0) {
          key = '';
          return null;
        }
        waits.push({
          thread: i,
          mutex: m,
          holder: Atomics.load(o.records, LOCK_RECORDS.holder + m) - 1,
        });
      }
      if (waits.length === 0) {
        key = '';
        return null;
      }
      const state = `${Atomics.load(o.records, LOCK_RECORDS.seq)}|${finished.join()}|${waits
        .map((w) => `${w.thread}:${w.mutex}:${w.holder}`)
        .join()}`;
      if (state !== key) {
        key = state;
        since = now;
        return null;
      }
      if (now - since < settleMs) return null;
      return describe(waits, finished);
    },
  };
}

function describe(
  waits: { thread: number; mutex: number; holder: number }[],
  finished: readonly boolean[],
): DeadlockReport {
  const edges = new Map(waits.map((w) => [w.thread, [w.holder]]));
  return {
    waits: waits.map((w) => ({
      thread: w.thread,
      on: { kind: 'lock' as const, mutex: w.mutex, holder: w.holder },
      text:
        w.holder < 0
          ? `waits for mutex ${w.mutex}`
          : `waits for mutex ${w.mutex}, held by thread ${w.holder}` +
            (finished[w.holder] ? ' (which finished without unlocking it)' : ''),
      line: null,
    })),
    cycle: findCycle(edges),
  };
}

/** One sentence for the console: the cycle first, then every wait. */
export function deadlockMessage(d: DeadlockReport, where: string): string {
  const cycle = d.cycle
    ? `${[...d.cycle, d.cycle[0]].map((t) => `thread ${t}`).join(' → ')} wait for each other in a cycle`
    : 'every unfinished thread is blocked';
  return (
    `Deadlock ${where}: ${cycle} (${d.waits.map((w) => `thread ${w.thread} ${w.text}`).join('; ')}). ` +
    'The run was stopped (its workers too); you can run again.'
  );
}
