/**
 * Which outcomes of a litmus test each memory model allows, by exhaustive search (the tests are a
 * handful of accesses). Sequential consistency: one interleaving of all accesses, in program order.
 * x86-TSO: a plain store goes into its thread's FIFO store buffer and reaches memory at a later step
 * of its own; a load reads its own thread's newest buffered store to that cell, else memory. An
 * `Atomics` store drains the buffer and writes memory (V8 compiles it to a locked instruction); an
 * `Atomics` load is an ordinary load on x86 (the stores are the fences).
 */
import { outcomeKey, shapeOf, type LitmusTest } from './tests.ts';

export type Model = 'sc' | 'tso';

interface State {
  pc: number[];
  buffers: Array<Array<[string, number]>>;
  memory: Map<string, number>;
  regs: Map<string, number>;
}

const copy = (s: State): State => ({
  pc: [...s.pc],
  buffers: s.buffers.map((b) => b.map((e) => [...e] as [string, number])),
  memory: new Map(s.memory),
  regs: new Map(s.regs),
});

/** Every final outcome the model allows, as keys (see outcomeKey). */
export function allowedOutcomes(test: LitmusTest, model: Model): Set<string> {
  const { regs } = shapeOf(test);
  const out = new Set<string>();
  const seen = new Set<string>();
  const start: State = {
    pc: test.threads.map(() => 0),
    buffers: test.threads.map(() => []),
    memory: new Map(),
    regs: new Map(),
  };
  const visit = (s: State) => {
    const id = JSON.stringify([s.pc, s.buffers, [...s.memory], [...s.regs]]);
    if (seen.has(id)) return;
    seen.add(id);
    let moved = false;
    test.threads.forEach((ops, t) => {
      // The oldest buffered store of thread t reaches memory.
      if (s.buffers[t].length) {
        moved = true;
        const n = copy(s);
        const [loc, value] = n.buffers[t].shift()!;
        n.memory.set(loc, value);
        visit(n);
      }
      const op = ops[s.pc[t]];
      if (!op) return;
      moved = true;
      const n = copy(s);
      n.pc[t]++;
      if (op.kind === 'store') {
        if (model === 'sc') n.memory.set(op.loc, op.value);
        else if (op.atomic) {
          for (const [loc, value] of n.buffers[t]) n.memory.set(loc, value);
          n.buffers[t] = [];
          n.memory.set(op.loc, op.value);
        } else n.buffers[t].push([op.loc, op.value]);
      } else {
        const own = n.buffers[t].filter(([loc]) => loc === op.loc).pop();
        n.regs.set(op.reg, own ? own[1] : (n.memory.get(op.loc) ?? 0));
      }
      visit(n);
    });
    if (!moved)
      out.add(
        outcomeKey(
          regs,
          regs.map((r) => s.regs.get(r) ?? 0),
        ),
      );
  };
  visit(start);
  return out;
}

export type Verdict =
  /** Some interleaving of the accesses gives it. */
  | 'sc'
  /** No interleaving does, but store buffers (x86) can. */
  | 'tso'
  /** Not even x86 can: with plain accesses the JavaScript model allows it (ARM can show some). */
  | 'weaker'
  /** The accesses involved are all Atomics, which the JavaScript model keeps sequentially consistent. */
  | 'forbidden';

/** What an outcome of `test` means, for labelling the lab's histogram. */
export function classify(test: LitmusTest): (key: string) => Verdict {
  const sc = allowedOutcomes(test, 'sc');
  const tso = allowedOutcomes(test, 'tso');
  const allAtomic = test.threads.every((ops) => ops.every((op) => op.atomic));
  return (key) => (sc.has(key) ? 'sc' : tso.has(key) ? 'tso' : allAtomic ? 'forbidden' : 'weaker');
}
