import { describe, expect, it } from 'vitest';
import { explore, type ExploreResult } from './explorer.ts';
import { program } from './test-helpers.ts';

const outcomeCounts = (r: ExploreResult) =>
  Object.fromEntries(r.outcomes.map((o) => [o.memory.join(','), o.schedules]));
const values = (r: ExploreResult) => r.outcomes.map((o) => o.memory[0]).sort();

/** `ops` independent writes to the thread's own cell: every interleaving of the steps is a schedule. */
const writes = (ops: number) =>
  program(
    `export default function (t: Thread) { for (let i = 1; i <= ${ops}; i++) t.shared[t.id] = i; }`,
  );

const COUNTER = `export default function (t: Thread) {
  for (let i = 0; i < t.params.increments; i++) t.shared[0]++;
}`;

describe('explore, reduction none: schedule counts known by hand', () => {
  it('2 threads × 2 ops = C(4,2) = 6', () => {
    const r = explore(writes(2), { threads: 2, sharedCells: 2 });
    expect(r.complete).toBe(true);
    expect(r.stats.schedules).toBe(6);
    expect(r.counting).toBe('every schedule');
  });
  it('3 threads × 2 ops = 6!/(2!·2!·2!) = 90', () => {
    expect(explore(writes(2), { threads: 3, sharedCells: 3 }).stats.schedules).toBe(90);
  });
  it('2 threads × 3 ops = C(6,3) = 20', () => {
    expect(explore(writes(3), { threads: 2, sharedCells: 2 }).stats.schedules).toBe(20);
  });
  it('counter++ is a load and a store: 2 threads give {1: 4, 2: 2}', () => {
    const r = explore(program(COUNTER), { threads: 2, sharedCells: 1, params: { increments: 1 } });
    expect(outcomeCounts(r)).toEqual({ '1': 4, '2': 2 });
    const lost = r.outcomes.find((o) => o.memory[0] === 1)!;
    expect(lost.example).toHaveLength(4);
  });
  it('Atomics.add is one step: the only outcome is 2', () => {
    const r = explore(
      program('export default function (t: Thread) { Atomics.add(t.shared, 0, 1); }'),
      {
        threads: 2,
        sharedCells: 1,
      },
    );
    expect(outcomeCounts(r)).toEqual({ '2': 2 });
  });
  it('3 threads × counter++ end at 1, 2 or 3', () => {
    const r = explore(program(COUNTER), { threads: 3, sharedCells: 1, params: { increments: 1 } });
    expect(values(r)).toEqual([1, 2, 3]);
    expect(r.stats.schedules).toBe(90);
  });
  it('2 threads × 3 counter++ = C(12,6) = 924 schedules, outcomes 2…6', () => {
    const r = explore(program(COUNTER), { threads: 2, sharedCells: 1, params: { increments: 3 } });
    expect(r.stats.schedules).toBe(924);
    expect(values(r)).toEqual([2, 3, 4, 5, 6]);
  });
});

describe('violations', () => {
  it('finds the deadlock of two locks taken in opposite order, with its schedule and cycle', () => {
    const p = program(`export default function (t: Thread) {
  const first = t.id, second = 1 - t.id;
  t.lock(first);
  t.lock(second);
  t.shared[0]++;
  t.unlock(second);
  t.unlock(first);
}`);
    const r = explore(p, { threads: 2, sharedCells: 1 });
    const d = r.violations.find((v) => v.kind === 'deadlock');
    expect(d).toBeDefined();
    if (d?.kind !== 'deadlock') return;
    expect(d.cycle?.sort()).toEqual([0, 1]);
    expect(d.waits.map((w) => w.on.kind)).toEqual(['lock', 'lock']);
    expect(d.waits[0].line).toBe(4);
    expect(d.schedule).toEqual([0, 1]);
    // Schedules that avoid it still finish with 2.
    expect(r.outcomes.some((o) => o.memory[0] === 2 && o.violations.length === 0)).toBe(true);
  });

  it('a retry loop whose compareExchange failed on a stale read is not parked (no false deadlock)', () => {
    // Load, then compareExchange the loaded value: when another thread wrote in between, the CAS
    // fails and the iteration wrote nothing, but its next load sees the new value and succeeds.
    const p = program(`export default function (t: Thread) {
  for (;;) {
    const v = Atomics.load(t.shared, 0);
    if (Atomics.compareExchange(t.shared, 0, v, v + 1) === v) return;
  }
}`);
    const r = explore(p, { threads: 2, sharedCells: 1, reduction: 'none' });
    expect(r.complete).toBe(true);
    expect(r.violations).toEqual([]);
    expect(values(r)).toEqual([2]);
  });

  it('a spinlock built from compareExchange keeps mutual exclusion (and the search ends)', () => {
    const p = program(`function acquire(s: Int32Array) {
  while (Atomics.compareExchange(s, 1, 0, 1) !== 0) {}
}
function release(s: Int32Array) { Atomics.store(s, 1, 0); }
export default function (t: Thread) {
  for (let i = 0; i < t.params.rounds; i++) {
    acquire(t.shared);
    t.enter('cs');
    t.shared[0]++;
    t.leave('cs');
    release(t.shared);
  }
}`);
    for (const [reduction, rounds] of [
      ['none', 1],
      ['por', 2],
    ] as const) {
      const r = explore(p, { threads: 2, sharedCells: 2, reduction, params: { rounds } });
      expect(r.complete).toBe(true);
      expect(r.violations).toEqual([]);
      expect(values(r)).toEqual([2 * rounds]);
    }
  });

  it('t.lock/t.unlock keep mutual exclusion', () => {
    const p = program(`export default function (t: Thread) {
  t.lock(); t.enter('cs'); t.shared[0]++; t.leave('cs'); t.unlock();
}`);
    const r = explore(p, { threads: 3, sharedCells: 1 });
    expect(r.violations).toEqual([]);
    expect(values(r)).toEqual([3]);
  });

  it('enter/leave without a lock: mutual exclusion broken', () => {
    const p = program(`export default function (t: Thread) {
  t.enter('cs');
  t.shared[0]++;
  t.leave('cs');
}`);
    const r = explore(p, { threads: 2, sharedCells: 1 });
    const v = r.violations.find((x) => x.kind === 'mutual-exclusion');
    expect(v).toMatchObject({ kind: 'mutual-exclusion', section: 'cs', threads: [0, 1], line: 2 });
    // Fewest preemptions first: thread 0 enters, thread 1 preempts it and enters too.
    expect(v?.schedule).toEqual([0, 1]);
    expect(v?.preemptions).toBe(1);
  });

  it('reports a failed assert with its message, line and schedule', () => {
    const p = program(`export default function (t: Thread) {
  t.shared[0]++;
  t.barrier();
  assert(t.shared[0] === 2, 'lost an update');
}`);
    const r = explore(p, { threads: 2, sharedCells: 1 });
    const v = r.violations.find((x) => x.kind === 'assert');
    expect(v).toMatchObject({ kind: 'assert', message: 'lost an update', line: 4 });
    expect(v?.schedule.length).toBeGreaterThan(0);
  });

  it('Atomics.wait/notify: the waiter sleeps and is woken, no deadlock', () => {
    const p = program(`export default function (t: Thread) {
  const s = t.shared;
  if (t.id === 0) {
    s[0] = 42;
    Atomics.store(s, 1, 1);
    Atomics.notify(s, 1);
  } else {
    while (Atomics.load(s, 1) === 0) Atomics.wait(s, 1, 0);
    assert(s[0] === 42);
  }
}`);
    const r = explore(p, { threads: 2, sharedCells: 2 });
    expect(r.violations).toEqual([]);
    expect(r.outcomes.map((o) => o.memory)).toEqual([[42, 1]]);
  });

  it('a lost wake-up (notify before wait, no re-check) is a deadlock', () => {
    const p = program(`export default function (t: Thread) {
  if (t.id === 0) { Atomics.store(t.shared, 0, 1); Atomics.notify(t.shared, 0); }
  else { if (Atomics.load(t.shared, 0) === 0) { Atomics.wait(t.shared, 1, 0); } }
}`);
    const r = explore(p, { threads: 2, sharedCells: 2 });
    expect(r.violations.some((v) => v.kind === 'deadlock')).toBe(true);
  });

  it('helper functions declared in the module are stepped too', () => {
    const p = program(`function bump(s: Int32Array) { s[0] = s[0] + 1; }
export default function (t: Thread) { bump(t.shared); }`);
    expect(outcomeCounts(explore(p, { threads: 2, sharedCells: 1 }))).toEqual({ '1': 4, '2': 2 });
  });

  it('shared memory inside a forEach callback is refused with a clear error', () => {
    const p = program(
      `export default function (t: Thread) { [1, 2].forEach((i) => { t.shared[0] += i; }); }`,
    );
    const r = explore(p, { threads: 1, sharedCells: 1 });
    const v = r.violations[0];
    expect(v.kind).toBe('error');
    if (v.kind === 'error')
      expect(v.message).toMatch(/callback passed to forEach can't be stepped; use a for loop/);
  });
});

describe('budgets', () => {
  it('stops while (true) {} with a BudgetError', () => {
    const r = explore(program('export default function (t: Thread) { while (true) {} }'), {
      threads: 2,
      sharedCells: 1,
      maxTicks: 200_000,
    });
    expect(r.complete).toBe(false);
    expect(r.error?.message).toMatch(/stopped after \d+ .* without finishing: an infinite loop\?/);
    expect(r.error?.line).toBe(1);
  });
  it('stops 1,000,000 shared operations in one thread', () => {
    const r = explore(
      program(
        'export default function (t: Thread) { for (let i = 0; i < 1e6; i++) t.shared[0]++; }',
      ),
      {
        threads: 1,
        sharedCells: 1,
        maxSteps: 20_000,
      },
    );
    expect(r.complete).toBe(false);
    expect(r.error?.message).toBe('stopped after 20000 steps without finishing: an infinite loop?');
  });
  it('stops cleanly at maxSchedules with complete: false', () => {
    const r = explore(program(COUNTER), {
      threads: 2,
      sharedCells: 1,
      params: { increments: 3 },
      maxSchedules: 100,
    });
    expect(r.complete).toBe(false);
    expect(r.stats.schedules).toBe(100);
    // It names the preemption bound it completed (C(12,6) = 924 schedules need up to 11).
    expect(r.stopReason).toMatch(
      /^every schedule with up to \d+ preemptions? explored; stopped while trying \d+ preemptions?, after 100 schedules \(limit: 100 schedules\)$/,
    );
    expect(r.stats.preemptionBound).toBeGreaterThanOrEqual(0);
  });
});

describe('partial-order reduction', () => {
  // [name, source, threads, params, POR must run fewer executions]
  const cases: [string, string, number, Record<string, number>, boolean][] = [
    ['counter++ × 2 each', COUNTER, 3, { increments: 2 }, true],
    [
      'independent cells',
      `export default function (t: Thread) { t.shared[t.id] = 1; Atomics.add(t.shared, 3, 1); t.shared[t.id] = 2; }`,
      3,
      {},
      true,
    ],
    [
      // Every operation takes or touches mutex 0: nothing commutes, POR can't cut anything.
      'lock around counter++',
      `export default function (t: Thread) {
  t.lock(0); t.shared[0]++; t.unlock(0);
}`,
      3,
      {},
      false,
    ],
    [
      'no lock, critical sections and an assert',
      `export default function (t: Thread) {
  t.enter('cs'); const v = t.shared[0]; t.shared[0] = v + 1; t.leave('cs');
  if (t.id === 0) assert(t.shared[0] > 1, 'lost update');
}`,
      2,
      {},
      true,
    ],
  ];
  for (const [name, source, threads, params, fewer] of cases) {
    it(`same outcomes as none with fewer executions: ${name}`, () => {
      const p = program(source);
      // No time limit: the outcome sets are under test, not this (shared) machine's speed.
      const o = { threads, sharedCells: 4, params, maxMs: Infinity };
      const none = explore(p, { ...o, reduction: 'none' });
      const por = explore(p, { ...o, reduction: 'por' });
      expect(none.complete && por.complete).toBe(true);
      const key = (r: ExploreResult) =>
        r.outcomes.map((o) => JSON.stringify([o.memory, o.violations])).sort();
      expect(key(por)).toEqual(key(none));
      expect(por.violations.map((v) => v.kind).sort()).toEqual(
        none.violations.map((v) => v.kind).sort(),
      );
      if (fewer) expect(por.stats.schedules + por.stats.pruned).toBeLessThan(none.stats.schedules);
      else expect(por.stats.schedules).toBe(none.stats.schedules);
    });
  }
});

describe('explore options for lock lessons', () => {
  // A lost wake-up papered over with a time-out: thread 1 sleeps on a cell nobody notifies.
  const SLEEPER = `export default function (t: Thread) {
  if (t.id === 1) Atomics.wait(t.shared, 0, 0, 5);
}`;
  it('timeoutsNeverFire: a timed wait nobody notifies is a deadlock, not a time-out', () => {
    const p = program(SLEEPER);
    expect(explore(p, { threads: 2, sharedCells: 1 }).violations).toEqual([]);
    const r = explore(p, { threads: 2, sharedCells: 1, timeoutsNeverFire: true });
    const d = r.violations.find((v) => v.kind === 'deadlock');
    expect(d?.kind === 'deadlock' && d.waits[0].on).toEqual({
      kind: 'wait',
      index: 0,
      timed: true,
    });
  });
  it('stopAtViolation stops after the first schedule that shows one, and says so', () => {
    const p = program(`export default function (t: Thread) {
  t.enter('cs');
  t.shared[0]++;
  t.leave('cs');
}`);
    const all = explore(p, { threads: 3, sharedCells: 1 });
    const first = explore(p, { threads: 3, sharedCells: 1, stopAtViolation: true });
    expect(first.violations.map((v) => v.kind)).toEqual(['mutual-exclusion']);
    expect(first.complete).toBe(false);
    expect(first.stopReason).toMatch(/^stopped at the first violation found, after \d+ schedules$/);
    expect(first.stats.schedules).toBeLessThan(all.stats.schedules);
    // Fewest preemptions first, as without the option.
    expect(first.violations[0].preemptions).toBe(1);
  });
  it('maxPreemptions stops at the bound, and says so', () => {
    const r = explore(writes(3), { threads: 3, sharedCells: 3, maxPreemptions: 1 });
    expect(r.complete).toBe(false);
    expect(r.stats.preemptionBound).toBe(1);
    expect(r.stopReason).toMatch(/up to 1 preemption explored.*the bound asked for/);
    const all = explore(writes(3), { threads: 3, sharedCells: 3 });
    expect(r.stats.schedules).toBeLessThan(all.stats.schedules);
  });
});
