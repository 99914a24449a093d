/**
 * Spin vs sleep under contention, on real workers: the same workload runs once behind a spinlock and
 * once behind the learner's own `lock`/`unlock`, alternating, a few times each. Lockers take the lock,
 * bump a counter, do a little work inside and some outside; one extra thread, the bystander, never
 * touches the lock and just counts how much work it gets done meanwhile: the CPU the lockers leave free.
 * Pure TS: the runner (the page's pool, or a Node pool in tests) is passed in.
 */
import type { RunRequest, RunResult } from '../pool/pool.ts';

/** Cells of `t.shared` in the measurement (the learner's lock word stays at 1). */
export const CELL = { counter: 0, lock: 1, rounds: 2, bystander: 3, spins: 4, sink: 5 } as const;
export const CELLS = 8;

export const SPIN_ENTRY = '__simSpinRun';
export const SLEEP_ENTRY = '__simSleepRun';
const WARM_ENTRY = '__simWarm';

/**
 * Appended to the learner's module; `lock` and `unlock` are theirs. Every thread works for the same
 * time window (its own clock), so a lock that collapses under contention still ends on time: what
 * differs is how much got done.
 */
export const CONTENTION_HARNESS = `
function __simWork(n: number) {
  let x = 1;
  for (let i = 0; i < n; i++) x = (x * 31 + i) | 0;
  return x;
}
function __simContend(t: Thread, sleeping: boolean) {
  const s = t.shared;
  const end = t.now() + t.params.windowMs;
  let x = 0;
  if (t.id === t.count - 1) {
    // The bystander: no lock, just work: it measures the CPU the lockers leave free.
    let chunks = 0;
    while (t.now() < end) {
      x ^= __simWork(t.params.chunk);
      chunks++;
    }
    Atomics.store(s, ${CELL.bystander}, chunks);
    Atomics.add(s, ${CELL.sink}, x);
    return;
  }
  let spins = 0;
  let rounds = 0;
  // Spinners with more threads than cores can keep a preempted holder off the CPU for seconds: past
  // the window, a spinner gives up instead of finishing its round.
  const spinLock = (s: Int32Array, t: Thread, end: number) => {
    while (Atomics.compareExchange(s, ${CELL.lock}, 0, 1) !== 0) {
      spins++;
      if ((spins & 1023) === 0 && t.now() >= end) return false;
    }
    return true;
  };
  while (t.now() < end) {
    if (sleeping) lock(s);
    else if (!spinLock(s, t, end)) break;
    s[${CELL.counter}]++;
    x ^= __simWork(t.params.inside);
    if (sleeping) unlock(s);
    else Atomics.store(s, ${CELL.lock}, 0);
    x ^= __simWork(t.params.outside);
    rounds++;
  }
  Atomics.add(s, ${CELL.spins}, spins);
  Atomics.add(s, ${CELL.rounds}, rounds);
  Atomics.add(s, ${CELL.sink}, x);
}
export function ${SPIN_ENTRY}(t: Thread) { __simContend(t, false); }
export function ${SLEEP_ENTRY}(t: Thread) { __simContend(t, true); }
export function ${WARM_ENTRY}() {}
`;

export interface ContentionOptions {
  /** The learner's module: it must define `lock(s)` and `unlock(s)` over `s[1]`. */
  source: string;
  /** Threads that take the lock (the bystander comes on top). */
  lockers: number;
  /** How long every thread works, per measurement (ms). */
  windowMs: number;
  /** Work units inside and outside the critical section, and per bystander chunk. */
  inside: number;
  outside: number;
  chunk: number;
  /** Measurements of each lock, alternating spin, sleep, spin, sleep … */
  repetitions: number;
  budgetMs?: number;
  /** For starting the workers before the first measurement. */
  warmBudgetMs?: number;
  signal?: AbortSignal;
  onProgress?: (p: { done: number; total: number }) => void;
}

export const CONTENTION_DEFAULTS = {
  windowMs: 250,
  inside: 2_000,
  outside: 2_000,
  chunk: 2_000,
  repetitions: 3,
} as const;

export type LockKind = 'spin' | 'sleep';

export interface Measurement {
  kind: LockKind;
  /** Lock rounds completed by all lockers together. */
  rounds: number;
  /** Rounds per ms over the window (the lockers' throughput). */
  roundsPerMs: number;
  /** Bystander work chunks per ms over its window. */
  bystanderRate: number;
  /** Failed attempts of the spinlock (0 for the learner's lock, which is not instrumented). */
  spins: number;
  /** From the first thread's start to the last thread's end, ms (the window plus the last rounds). */
  wallMs: number;
}

export type ContentionResult =
  | { ok: true; lockers: number; windowMs: number; measurements: Measurement[] }
  /** The learner's lock did not finish, or threw: the message says what happened. */
  | { ok: false; kind: LockKind; message: string };

type Run = (request: RunRequest) => Promise<RunResult>;

/** Reads one finished run into a measurement; null when the run is not usable as one. */
export function measurementOf(
  kind: LockKind,
  r: RunResult,
  lockers: number,
  windowMs: number,
): Measurement | null {
  if (r.status !== 'ok' || r.threads.length !== lockers + 1) return null;
  const start = Math.min(...r.threads.map((t) => t.startedAt));
  const end = Math.max(...r.threads.map((t) => t.endedAt));
  const rounds = r.memory[CELL.rounds];
  return {
    kind,
    rounds,
    roundsPerMs: rounds / windowMs,
    bystanderRate: r.memory[CELL.bystander] / windowMs,
    spins: r.memory[CELL.spins],
    wallMs: end - start,
  };
}

export async function measureContention(run: Run, o: ContentionOptions): Promise<ContentionResult> {
  const source = `${o.source}\n${CONTENTION_HARNESS}`;
  const measurements: Measurement[] = [];
  const total = 2 * o.repetitions;
  const params = { windowMs: o.windowMs, inside: o.inside, outside: o.outside, chunk: o.chunk };
  // Spawning and loading workers can take seconds on a busy machine: not part of any measurement.
  const warm = await run({
    source,
    entry: WARM_ENTRY,
    threads: o.lockers + 1,
    sharedCells: CELLS,
    budgetMs: o.warmBudgetMs ?? 30_000,
    signal: o.signal,
  });
  if (warm.status === 'cancelled') throw new Error('Cancelled.');
  if (warm.status === 'timeout')
    return {
      ok: false,
      kind: 'sleep',
      message: `${o.lockers + 1} workers did not even start within ${Math.round(warm.budgetMs / 1000)} s: the machine is very busy. Try fewer threads, or again later.`,
    };
  if (warm.status !== 'ok') return { ok: false, kind: 'sleep', message: problemOf('sleep', warm) };
  for (let i = 0; i < total; i++) {
    if (o.signal?.aborted) throw new Error('Cancelled.');
    o.onProgress?.({ done: i, total });
    const kind: LockKind = i % 2 === 0 ? 'spin' : 'sleep';
    const r = await run({
      source,
      entry: kind === 'spin' ? SPIN_ENTRY : SLEEP_ENTRY,
      threads: o.lockers + 1,
      params,
      sharedCells: CELLS,
      budgetMs: o.budgetMs ?? o.windowMs + 10_000,
      signal: o.signal,
    });
    if (r.status === 'cancelled') throw new Error('Cancelled.');
    const m = measurementOf(kind, r, o.lockers, o.windowMs);
    if (!m || r.status !== 'ok') return { ok: false, kind, message: problemOf(kind, r) };
    if (r.memory[CELL.counter] !== m.rounds)
      return {
        ok: false,
        kind,
        message: `With ${kind === 'sleep' ? 'your lock' : 'the spinlock'} the counter ended at ${r.memory[CELL.counter]} after ${m.rounds} rounds: updates were lost, so two threads were inside at once.`,
      };
    measurements.push(m);
  }
  o.onProgress?.({ done: total, total });
  return { ok: true, lockers: o.lockers, windowMs: o.windowMs, measurements };
}

function problemOf(kind: LockKind, r: RunResult): string {
  const who = kind === 'sleep' ? 'Your lock' : 'The spinlock';
  switch (r.status) {
    case 'timeout':
      return kind === 'sleep'
        ? `Your lock did not finish: the threads should stop after a fraction of a second and were still running after ${Math.round(r.budgetMs / 1000)} s. A thread probably sleeps forever (a lost wake-up): Explore finds the schedule.`
        : r.message;
    case 'compile-error':
      return `Your code does not compile: ${r.message}`;
    case 'error':
      return /\b(un)?lock is not (defined|a function)/.test(r.error.message)
        ? 'The panel calls your `lock(s)` and `unlock(s)`: keep those names.'
        : `${who}: thread ${r.thread} threw: ${r.error.message}`;
    default:
      return `${who}: the run did not finish.`;
  }
}
