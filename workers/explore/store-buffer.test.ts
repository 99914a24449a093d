/**
 * The store-buffer mode (memory model 'tso', x86-TSO) against litmus tests whose outcome sets are
 * derived by hand in the comments. Each test compares the exact set of final memories Explore finds,
 * so a model that allowed too much or too little fails.
 */
import { describe, expect, it } from 'vitest';
import { explore, type ExploreOptions, type ExploreResult } from './explorer.ts';
import { createStepper } from './stepper.ts';
import { program } from './test-helpers.ts';
import { flushMove, moveLabel, type MemoryModel } from './types.ts';

/** Final values of the cells `cells`, one "a,b" string per distinct outcome, sorted. */
const results = (r: ExploreResult, cells: number[]) =>
  [...new Set(r.outcomes.map((o) => cells.map((c) => o.memory[c]).join(',')))].sort();

const run = (source: string, memoryModel: MemoryModel, more: Partial<ExploreOptions> = {}) => {
  const r = explore(program(source), { threads: 2, sharedCells: 4, memoryModel, ...more });
  expect(r.complete).toBe(true);
  expect(r.error).toBeNull();
  return r;
};

// Store buffering. Cells: x = shared[0], y = shared[1], r0 = shared[2], r1 = shared[3].
//   T0: x = 1; r0 = y        T1: y = 1; r1 = x
// SC: whichever load runs last comes after both stores, so it reads 1: (0,0) is impossible;
//   (0,1), (1,0), (1,1) are all reachable.
// TSO: each store may wait in its thread's buffer while that thread's load reads memory (still 0),
//   so both loads can read 0: {(0,0), (0,1), (1,0), (1,1)}.
// With Atomics.store/Atomics.load: the atomic load drains its own thread's buffer first (the store
//   is already in memory), which is SC again: no (0,0).
const SB = `export default function (t: Thread) {
  const me = t.id, other = 1 - t.id;
  t.shared[me] = 1;
  t.shared[2 + me] = t.shared[other];
}`;
const SB_ATOMICS = `export default function (t: Thread) {
  const me = t.id, other = 1 - t.id;
  Atomics.store(t.shared, me, 1);
  t.shared[2 + me] = Atomics.load(t.shared, other);
}`;

// Message passing. data = shared[0], flag = shared[1]; the reader's results in shared[2], shared[3].
//   T0: data = 1; flag = 1        T1: f = flag; d = data
// x86 keeps stores in order (one FIFO buffer) and loads in order: once T1 sees flag = 1, data = 1
// reached memory before it, so (f,d) = (1,0) never happens. (0,0), (0,1), (1,1) all do.
const MP = `export default function (t: Thread) {
  if (t.id === 0) {
    t.shared[0] = 1;
    t.shared[1] = 1;
  } else {
    const f = t.shared[1];
    const d = t.shared[0];
    t.shared[2] = f;
    t.shared[3] = d;
  }
}`;

// Load buffering. x = shared[0], y = shared[1], r0 = shared[2], r1 = shared[3].
//   T0: r0 = x; y = 1        T1: r1 = y; x = 1
// (1,1) needs each load to see the other thread's store, which comes after the other load in
// program order; TSO never lets a store overtake an earlier load (a buffer delays stores, it never
// makes them early), so (1,1) is impossible: {(0,0), (0,1), (1,0)}.
const LB = `export default function (t: Thread) {
  const me = t.id, other = 1 - t.id;
  const r = t.shared[me];
  t.shared[other] = 1;
  t.shared[2 + me] = r;
}`;

// Coherence of two reads (CoRR). One writer stores 1 then 2 to shared[0]; the reader reads it twice
// (a then b, results in shared[1], shared[2]). Stores reach memory in order and loads read in order,
// so the second read never sees an older value than the first: a ≤ b, i.e.
// {(0,0), (0,1), (0,2), (1,1), (1,2), (2,2)}, never (1,0), (2,0) or (2,1).
const CORR = `export default function (t: Thread) {
  if (t.id === 0) {
    t.shared[0] = 1;
    t.shared[0] = 2;
  } else {
    const a = t.shared[0];
    const b = t.shared[0];
    t.shared[1] = a;
    t.shared[2] = b;
  }
}`;

// Peterson's lock. flag[i] = shared[i], turn = shared[2].
//   flag[me] = 1; turn = other; while (flag[other] == 1 && turn == other) {} enter; leave; flag[me] = 0
// SC: correct. TSO: T0's flag[0] = 1 and turn = 1 may sit in its buffer while T0 reads flag[1] = 0 and
// enters; T1 then does the same (reads flag[0] = 0 from memory): both inside. Atomics drain the
// buffer before the loads, which restores SC: no violation.
const peterson = (atomic: boolean) => `export default function (t: Thread) {
  const me = t.id, other = 1 - me;
  ${atomic ? 'Atomics.store(t.shared, me, 1)' : 't.shared[me] = 1'};
  ${atomic ? 'Atomics.store(t.shared, 2, other)' : 't.shared[2] = other'};
  while (${atomic ? 'Atomics.load(t.shared, other)' : 't.shared[other]'} === 1 &&
         ${atomic ? 'Atomics.load(t.shared, 2)' : 't.shared[2]'} === other) {}
  t.enter('cs');
  t.leave('cs');
  ${atomic ? 'Atomics.store(t.shared, me, 0)' : 't.shared[me] = 0'};
}`;

describe('litmus tests: hand-derived outcome sets', () => {
  it('SB, plain: (0,0) only with store buffers', () => {
    expect(results(run(SB, 'sc'), [2, 3])).toEqual(['0,1', '1,0', '1,1']);
    const tso = run(SB, 'tso');
    expect(results(tso, [2, 3])).toEqual(['0,0', '0,1', '1,0', '1,1']);
    expect(tso.model).toBe('x86-TSO store buffers');
    // Outcomes are taken after every buffer drained: both stores of 1 are in memory.
    for (const o of tso.outcomes) expect(o.memory.slice(0, 2)).toEqual([1, 1]);
  });
  it('SB, Atomics: never (0,0), even with store buffers', () => {
    const r = run(SB_ATOMICS, 'tso');
    expect(results(r, [2, 3])).toEqual(['0,1', '1,0', '1,1']);
    // Compared with SC: nothing here needs a buffer.
    expect(r.scComparison?.complete).toBe(true);
    expect(r.outcomes.filter((o) => o.onlyWithBuffers)).toEqual([]);
  });
  it('store-buffer results mark the outcomes no SC schedule reaches (SB: exactly both-zero)', () => {
    const r = run(SB, 'tso');
    expect(r.scComparison).toMatchObject({ complete: true, stopReason: null });
    expect(r.scComparison!.schedules).toBeGreaterThan(0);
    const only = r.outcomes.filter((o) => o.onlyWithBuffers).map((o) => o.memory.slice(2, 4));
    expect(only).toEqual([[0, 0]]);
    expect(r.outcomes.filter((o) => o.onlyWithBuffers === false)).toHaveLength(3);
    // Under SC there is nothing to compare; a search stopped at its first violation skips it.
    expect(run(SB, 'sc').scComparison).toBeNull();
    expect(
      explore(program(SB), {
        threads: 2,
        sharedCells: 4,
        memoryModel: 'tso',
        stopAtViolation: true,
      }).scComparison,
    ).toBeNull();
  });
  it('MP: never flag = 1 with data = 0', () => {
    for (const m of ['sc', 'tso'] as const)
      expect(results(run(MP, m), [2, 3])).toEqual(['0,0', '0,1', '1,1']);
  });
  it('LB: never (1,1)', () => {
    for (const m of ['sc', 'tso'] as const)
      expect(results(run(LB, m), [2, 3])).toEqual(['0,0', '0,1', '1,0']);
  });
  it('CoRR: the second read is never older than the first', () => {
    for (const m of ['sc', 'tso'] as const)
      expect(results(run(CORR, m), [1, 2])).toEqual(['0,0', '0,1', '0,2', '1,1', '1,2', '2,2']);
  });
});

describe("Peterson's lock", () => {
  const broken = (r: ExploreResult) => r.violations.filter((v) => v.kind === 'mutual-exclusion');
  it('plain accesses: correct under SC, both threads inside under TSO, with a replayable schedule', () => {
    expect(broken(run(peterson(false), 'sc'))).toEqual([]);
    // Every placement of six flush moves around two spinning threads is a large space (200,000
    // schedules do not exhaust it); the search tries few preemptions first (an early flush counts
    // as one) and finds the violation with one, the switch while T0 is inside, within a few
    // thousand schedules.
    const tso = explore(program(peterson(false)), {
      threads: 2,
      sharedCells: 4,
      memoryModel: 'tso',
      maxSchedules: 5000,
    });
    const [v] = broken(tso);
    expect(v).toBeDefined();
    expect(v.preemptions).toBe(1);
    // The schedule that shows it replays in Step to the same violation, and needs the buffers:
    // the stepper under SC rejects or does not reproduce it.
    const p = program(peterson(false));
    const st = createStepper(p, { threads: 2, sharedCells: 4, memoryModel: 'tso' }).replay(
      v.schedule,
    );
    expect(st.violations.some((x) => x.kind === 'mutual-exclusion')).toBe(true);
    // Both threads entered with their own flag still buffered.
    expect(st.threads.some((t) => t.buffer.length > 0)).toBe(true);
  });
  it('Atomics: correct under TSO', () => {
    expect(broken(run(peterson(true), 'tso'))).toEqual([]);
  });
});

describe('the store-buffer machine', () => {
  it('a thread reads its own buffered store; others read memory until a flush move', () => {
    const p = program(`export default function (t: Thread) {
  if (t.id === 0) { t.shared[0] = 5; t.shared[1] = t.shared[0]; }
  else t.shared[2] = t.shared[0];
}`);
    const s = createStepper(p, { threads: 2, sharedCells: 4, memoryModel: 'tso' });
    let st = s.step(0); // store 5, buffered
    expect(st.events[0]).toMatchObject({ kind: 'write', index: 0, value: 5, buffered: true });
    expect(st.threads[0].buffer).toEqual([{ index: 0, value: 5, line: 2 }]);
    expect(st.memory[0]).toBe(0);
    expect(st.enabled).toEqual([0, 1, flushMove(0)]);
    st = s.step(1); // T1 reads memory: 0 (then buffers its result)
    expect(st.events.at(-1)).toMatchObject({ kind: 'read', index: 0, value: 0 });
    st = s.step(0); // T0 reads its own buffer: 5
    expect(st.events.at(-1)).toMatchObject({ kind: 'read', index: 0, value: 5, buffered: true });
    st = s.step(flushMove(0));
    expect(st.events.at(-1)).toMatchObject({ kind: 'flush', thread: 0, index: 0, value: 5 });
    expect(st.memory[0]).toBe(5);
    expect(st.schedule).toEqual([0, 1, 0, -1]);
    expect(st.schedule.map(moveLabel)).toEqual(['T0', 'T1', 'T0', 'F0']);
  });
  it('a finished thread keeps its buffer until flushed; the execution ends once all drained', () => {
    const p = program(`export default function (t: Thread) { t.shared[t.id] = 1; }`);
    const s = createStepper(p, { threads: 1, sharedCells: 1, memoryModel: 'tso' });
    let st = s.step(0);
    expect(st.threads[0].status).toBe('done');
    expect(st.done).toBe(false);
    expect(st.enabled).toEqual([flushMove(0)]);
    st = s.step(flushMove(0));
    expect(st.done).toBe(true);
    // A flush with nothing buffered is refused, naming the move.
    expect(() => s.step(flushMove(0))).toThrow(/thread 0 has no buffered store to flush \(F0\)/);
    expect(st.memory[0]).toBe(1);
  });
  it('Atomics and locks drain the buffer (a fence) in the same step', () => {
    const p = program(`export default function (t: Thread) {
  t.shared[0] = 1; t.shared[1] = 2;
  t.lock(0); t.unlock(0);
}`);
    const s = createStepper(p, { threads: 1, sharedCells: 2, memoryModel: 'tso' });
    s.step(0);
    let st = s.step(0);
    expect(st.threads[0].buffer.map((e) => e.index)).toEqual([0, 1]);
    st = s.step(0); // lock
    expect(st.threads[0].buffer).toEqual([]);
    expect(st.memory).toEqual([1, 2]);
  });
  it('SC mode has no flush moves and empty buffers (the default is unchanged)', () => {
    const p = program(SB);
    const st = createStepper(p, { threads: 2, sharedCells: 4 }).step(0);
    expect(st.enabled).toEqual([0, 1]);
    expect(st.threads[0].buffer).toEqual([]);
    expect(st.memory[0]).toBe(1);
    expect(st.events[0]).not.toHaveProperty('buffered');
  });
  it('partial-order reduction applies with store buffers: the same outcomes from fewer executions', () => {
    const all = run(SB, 'tso');
    const por = run(SB, 'tso', { reduction: 'por' });
    expect(por.reduction).toBe('por');
    expect(results(por, [2, 3])).toEqual(results(all, [2, 3]));
    expect(por.stats.schedules).toBeLessThan(all.stats.schedules);
  });
  it('preemption bounding finds SB (0,0) with 0 preemptions: stores stay buffered by default', () => {
    const r = explore(program(SB), {
      threads: 2,
      sharedCells: 4,
      memoryModel: 'tso',
      maxPreemptions: 0,
    });
    expect(r.stopReason).toMatch(/up to 0 preemptions explored.*the bound asked for/);
    // Bound 0: T0 runs to its end with both stores buffered, then T1 (T0 cannot move: no
    // preemption) reads x = 0 from memory. No flush happens before the loads.
    const weak = r.outcomes.find((o) => o.memory[2] === 0 && o.memory[3] === 0);
    expect(weak).toBeDefined();
    // The example schedule replays to the same outcome in Step.
    const st = createStepper(program(SB), {
      threads: 2,
      sharedCells: 4,
      memoryModel: 'tso',
    }).replay(weak!.example);
    expect(st.done).toBe(true);
    expect(st.memory).toEqual(weak!.memory);
  });
  it('every schedule counted once: bounded rounds add up to the unbounded total', () => {
    // Without a bound the search still completes, and running by rounds never repeats a schedule:
    // the count equals a plain enumeration's (the number of distinct complete schedules).
    const small = program(`export default function (t: Thread) {
  t.shared[t.id] = 1;
  t.shared[1 - t.id];
}`);
    const r = explore(small, { threads: 2, sharedCells: 2, memoryModel: 'tso' });
    expect(r.complete).toBe(true);
    const distinct = new Set<string>();
    const walk = (prefix: number[]) => {
      const st = createStepper(small, {
        threads: 2,
        sharedCells: 2,
        memoryModel: 'tso',
      }).replay(prefix);
      if (st.done) distinct.add(prefix.join(','));
      else for (const m of st.enabled) walk([...prefix, m]);
    };
    walk([]);
    expect(r.stats.schedules).toBe(distinct.size);
  });
});
