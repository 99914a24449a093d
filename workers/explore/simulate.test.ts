import { describe, expect, it } from 'vitest';
import { simulate } from './simulate.ts';
import { programFor } from './service.ts';

const program = (src: string) => {
  const p = programFor(src);
  if (!p.ok) throw new Error(p.error.message);
  return p.program;
};

const racy = `export default function (t: Thread) {
  for (let i = 0; i < t.params.n; i++) { const v = Atomics.load(t.shared, 0); Atomics.store(t.shared, 0, v + 1); }
}`;
const atomic = `export default function (t: Thread) {
  for (let i = 0; i < t.params.n; i++) Atomics.add(t.shared, 0, 1);
}`;

describe('simulated threads (random preemptive scheduler)', () => {
  it('loses updates with racy code, as real threads do', () => {
    const r = simulate(program(racy), { threads: 2, params: { n: 20_000 }, seed: 42 });
    expect(r.memory[0]).toBeLessThan(40_000);
    expect(r.threads.every((t) => t.status === 'done')).toBe(true);
  });

  it('loses nothing with Atomics.add', () => {
    const r = simulate(program(atomic), { threads: 4, params: { n: 5_000 } });
    expect(r.memory[0]).toBe(20_000);
  });

  it('is reproducible from its seed', () => {
    const a = simulate(program(racy), { threads: 3, params: { n: 2_000 }, seed: 7 });
    const b = simulate(program(racy), { threads: 3, params: { n: 2_000 }, seed: 7 });
    expect(a.memory).toEqual(b.memory);
  });

  it('interleaves the threads rather than running them one after another', () => {
    const r = simulate(program(atomic), { threads: 2, params: { n: 1_000 }, seed: 1 });
    expect(r.spans[1].first).toBeLessThan(r.spans[0].last);
  });

  it('gives each thread its own global object, fresh in every run (as real workers have)', () => {
    const p = program(`export default function (t: Thread) {
  const g = globalThis as unknown as { runs?: number };
  g.runs = (g.runs ?? 0) + 1;
  t.shared[t.id] = g.runs;
}`);
    for (let i = 0; i < 2; i++)
      expect(simulate(p, { threads: 3, sharedCells: 3, seed: i + 1 }).memory).toEqual([1, 1, 1]);
  });

  it('stops an infinite loop with a budget error', () => {
    const r = simulate(program('export default function () { while (true) {} }'), {
      threads: 2,
      maxTicks: 100_000,
    });
    expect(r.budgetError?.message).toBeTruthy();
  });
});
