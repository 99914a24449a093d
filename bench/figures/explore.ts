/**
 * Explore engine figures. The engine runs here on the bench page's thread (it is plain synchronous
 * TypeScript; in the app it runs in workers/explore/explore.worker.ts).
 */
import type { BenchFigure } from '../types.ts';
import { EXPLORE_DEFAULTS, explore } from '../../workers/explore/explorer.ts';
import { programFor } from '../../workers/explore/service.ts';

const COUNTER = `export default function (t: Thread) {
  for (let i = 0; i < t.params.increments; i++) t.shared[0]++;
}`;

/** Peterson's and Dekker's locks, one round each, with plain or Atomics accesses to flags and turn. */
function lockProgram(kind: 'peterson' | 'dekker', atomic: boolean): string {
  const ld = (i: string) => (atomic ? `Atomics.load(s, ${i})` : `s[${i}]`);
  const st = (i: string, v: string) => (atomic ? `Atomics.store(s, ${i}, ${v})` : `s[${i}] = ${v}`);
  const entry =
    kind === 'peterson'
      ? `${st('me', '1')}; ${st('2', 'other')};
  while (${ld('other')} === 1 && ${ld('2')} === other) {}`
      : `${st('me', '1')};
  while (${ld('other')} === 1) {
    if (${ld('2')} !== me) { ${st('me', '0')}; while (${ld('2')} !== me) {} ${st('me', '1')}; }
  }`;
  const exit = kind === 'peterson' ? `${st('me', '0')};` : `${st('2', 'other')}; ${st('me', '0')};`;
  return `export default function (t: Thread) {
  const s = t.shared, me = t.id, other = 1 - t.id;
  ${entry}
  t.enter('cs'); s[3]++; t.leave('cs');
  ${exit}
}`;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function load(source: string) {
  const p = programFor(source);
  if (!p.ok) throw new Error(`bench program does not compile: ${p.error.message}`);
  return p.program;
}

/**
 * The reference: per "execution", reset a plain array cell and do the same 6 increments as
 * read / add / write steps (12 memory steps), with no scheduler at all. It bounds from above what
 * re-executing a program can cost.
 */
function bareLoop(executions: number): number {
  const cell = [0];
  let check = 0;
  const t0 = performance.now();
  for (let e = 0; e < executions; e++) {
    cell[0] = 0;
    for (let i = 0; i < 6; i++) {
      const v = cell[0];
      cell[0] = v + 1;
    }
    check += cell[0];
  }
  const ms = performance.now() - t0;
  if (check !== executions * 6) throw new Error('bare loop miscounted');
  return executions / (Math.max(ms, 0.001) / 1000);
}

export const figures: BenchFigure[] = [
  {
    // Honesty must not cost completeness: spin locks finish under preemption bounding, and races
    // on the plain versions are reported (their SC outcome set is not what x86 can do).
    name: 'explore.spin-locks-one-round',
    unit: 'schedules (largest of 4)',
    async run() {
      const details: Record<string, unknown> = {};
      let largest = 0;
      let allMet = true;
      for (const kind of ['peterson', 'dekker'] as const) {
        for (const atomic of [false, true]) {
          const r = explore(load(lockProgram(kind, atomic)), {
            threads: 2,
            sharedCells: 4,
            reduction: 'none',
          });
          const ok = r.complete && r.violations.length === 0 && r.dataRaces.length > 0 === !atomic;
          allMet &&= ok;
          largest = Math.max(largest, r.stats.schedules);
          details[`${kind}-${atomic ? 'atomics' : 'plain'}`] = {
            complete: r.complete,
            schedules: r.stats.schedules,
            preemptionBound: r.stats.preemptionBound,
            races: r.dataRaces.length,
            ms: Math.round(r.stats.ms),
          };
        }
      }
      return {
        value: largest,
        reference: EXPLORE_DEFAULTS.maxSchedules,
        referenceName: 'default schedule budget',
        target: 'all 4 complete within the default budget, no violation, races iff plain',
        met: allMet,
        details,
      };
    },
  },
  {
    name: 'explore.executions-per-second-2x3-counter',
    unit: 'executions/s',
    async run() {
      const program = load(COUNTER);
      const options = {
        threads: 2,
        sharedCells: 1,
        params: { increments: 3 },
        reduction: 'none' as const,
      };
      explore(program, options); // warm up the JIT
      const ours: number[] = [];
      const bare: number[] = [];
      let schedules = 0;
      for (let i = 0; i < 7; i++) {
        const r = explore(program, options);
        if (!r.complete || r.stats.schedules !== 924)
          throw new Error(`expected 924 schedules, got ${r.stats.schedules}`);
        schedules = r.stats.schedules;
        ours.push(schedules / (r.stats.ms / 1000));
        bare.push(bareLoop(1_000_000));
      }
      const value = median(ours);
      return {
        value: Math.round(value),
        reference: Math.round(median(bare)),
        referenceName:
          'bare loop: 6 plain-array read/increment/write steps per execution, no scheduler',
        target: '>= 7,500 executions/s (the real-worker prototype in DESIGN.md)',
        met: value >= 7_500,
        details: {
          schedules,
          stepsPerExecution: 12,
          program: '2 threads × 3 counter++, reduction none',
        },
      };
    },
  },
  {
    name: 'explore.por-executions-3x2-counter',
    unit: 'executions',
    async run() {
      const program = load(COUNTER);
      const options = { threads: 3, sharedCells: 1, params: { increments: 2 }, maxMs: 60_000 };
      const none = explore(program, { ...options, reduction: 'none' });
      const por = explore(program, { ...options, reduction: 'por' });
      const same =
        JSON.stringify(none.outcomes.map((o) => o.memory).sort()) ===
        JSON.stringify(por.outcomes.map((o) => o.memory).sort());
      if (!none.complete || !por.complete || !same)
        throw new Error('POR and full exploration disagree');
      const value = por.stats.schedules + por.stats.pruned;
      return {
        value,
        reference: none.stats.schedules,
        referenceName: 'every schedule (reduction none)',
        target: 'fewer executions than the reference, same outcomes',
        met: value < none.stats.schedules,
        details: {
          program: '3 threads × 2 counter++',
          porComplete: por.stats.schedules,
          porPruned: por.stats.pruned,
          porMs: Math.round(por.stats.ms),
          noneMs: Math.round(none.stats.ms),
          outcomes: por.outcomes.map((o) => o.memory[0]).sort(),
        },
      };
    },
  },
];
