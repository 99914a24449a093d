import { describe, expect, it } from 'vitest';
import { createStepper } from './stepper.ts';
import { program } from './test-helpers.ts';

const COUNTER = `export default function (t: Thread) {
  t.shared[0]++;
  t.log('done', t.id);
}`;

describe('stepper', () => {
  it('shows each thread paused before its first shared operation, with its line', () => {
    const s = createStepper(program(COUNTER), { threads: 2, sharedCells: 1 }).state();
    expect(s.enabled).toEqual([0, 1]);
    expect(s.threads[0]).toMatchObject({
      status: 'ready',
      next: { kind: 'read', index: 0 },
      nextText: 'read shared[0]',
      line: 2,
    });
    expect(s.memory).toEqual([0]);
    expect(s.schedule).toEqual([]);
    expect(JSON.parse(JSON.stringify(s))).toEqual(s); // plain data
  });

  it('a thread in a timed wait can be stepped: it times out, while another thread could move', () => {
    const st = createStepper(
      program(`export default function (t: Thread) {
  if (t.id === 0) t.log(Atomics.wait(t.shared, 0, 0, 100));
  else Atomics.notify(t.shared, 0);
}`),
      { threads: 2, sharedCells: 1 },
    );
    const asleep = st.step(0);
    expect(asleep.enabled).toEqual([0, 1]);
    expect(asleep.threads[0]).toMatchObject({
      status: 'ready',
      nextText: 'return "timed-out" from Atomics.wait',
      blockedText: 'sleeps in Atomics.wait on shared[0] until notified (or times out if stepped)',
    });
    expect(st.step(0).threads[0].logs).toEqual(['timed-out']);
    // Or thread 1 notifies first, and the wait returns "ok".
    st.replay([0, 1]);
    expect(st.step(0).threads[0].logs).toEqual(['ok']);
  });

  it('steps the lost update, and undo/replay round-trip to the same state', () => {
    const st = createStepper(program(COUNTER), { threads: 2, sharedCells: 1 });
    st.step(0);
    st.step(1);
    const before = st.step(0);
    expect(before.events.at(-1)).toMatchObject({
      kind: 'write',
      thread: 0,
      index: 0,
      value: 1,
      after: 'done',
    });
    const end = st.step(1);
    expect(end.memory).toEqual([1]);
    expect(end.done).toBe(true);
    expect(end.threads.map((t) => t.logs)).toEqual([['done 0'], ['done 1']]);
    const undone = st.undo();
    expect(undone.schedule).toEqual([0, 1, 0]);
    expect(undone).toEqual(before);
    expect(st.replay([0, 1, 0, 1])).toEqual(end);
    expect(st.replay([0, 0, 1, 1]).memory).toEqual([2]);
  });

  it('shows who holds a lock and refuses to step a blocked thread', () => {
    const st = createStepper(
      program(
        `export default function (t: Thread) { t.lock(1); t.shared[0] = t.id; t.unlock(1); }`,
      ),
      { threads: 2, sharedCells: 1 },
    );
    const s = st.step(0);
    expect(s.enabled).toEqual([0]);
    expect(s.threads[1]).toMatchObject({
      status: 'blocked',
      blockedOn: { kind: 'lock', mutex: 1, holder: 0 },
      blockedText: 'waits for mutex 1, held by thread 0',
    });
    expect(() => st.step(1)).toThrow(/cannot move/);
    expect(() => st.replay([1, 0, 0])).toThrow(/step 2: thread 0 cannot move/);
  });

  it('parks a spinning thread until the cell it reads changes', () => {
    const st = createStepper(
      program(`export default function (t: Thread) {
  if (t.id === 0) { while (Atomics.load(t.shared, 0) === 0) {} }
  else Atomics.store(t.shared, 0, 1);
}`),
      { threads: 2, sharedCells: 1 },
    );
    st.step(0);
    const s = st.step(0);
    expect(s.threads[0]).toMatchObject({
      status: 'blocked',
      blockedOn: { kind: 'spin', cells: [0] },
    });
    const after = st.step(1);
    expect(after.threads[0].status).toBe('ready');
    expect(st.step(0).done).toBe(true);
  });

  it('a barrier releases everyone once all threads arrive', () => {
    const st = createStepper(
      program(`export default function (t: Thread) { t.barrier(); t.shared[t.id] = 1; }`),
      {
        threads: 2,
        sharedCells: 2,
      },
    );
    const s = st.step(0);
    expect(s.threads[0]).toMatchObject({
      status: 'blocked',
      blockedOn: { kind: 'barrier', arrived: [0], missing: [1] },
    });
    const r = st.step(1);
    expect(r.enabled).toEqual([0, 1]);
  });
});
