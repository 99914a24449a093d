import { describe, expect, it } from 'vitest';
import { describeSweep, physicalLimit } from './findings.ts';
import { fitUsl } from './usl-fit.ts';
import { amdahl, usl } from './theory.ts';
import type { Mode } from './kernel.ts';

/** A sweep's numbers from speedups per worker count (each point's runs spread ±spread around it). */
function sweep(mode: Mode, s: number, speedups: number[], spread = 0.02) {
  const points = speedups.map((speedup, i) => ({
    n: i + 1,
    speedup,
    min: speedup * (1 - spread),
    max: speedup * (1 + spread),
  }));
  const fit = fitUsl(
    points.flatMap((p) => [p.min, p.speedup, p.max].map((speedup) => ({ n: p.n, speedup }))),
  );
  return { points, fit, options: { serialFraction: s, mode } };
}

const texts = (f: ReturnType<typeof describeSweep>, kind: 'fact' | 'noise') =>
  f.sentences.filter((x) => x.kind === kind).map((x) => x.text);

describe('describeSweep', () => {
  it.each([
    {
      case: 'Amdahl s = 0 on 2 cores, clean',
      sweep: sweep('amdahl', 0, [1, 1.95, 1.96, 1.97]),
      facts: [/At 2 workers \(your cores\): speedup 1\.95, efficiency 98 %/, /At 4 workers: 1\.97/],
      noise: [],
      fit: false,
    },
    {
      // The case: s = 50 % on 2 cores, 8 workers measured 2.48 (above 1/s = 2, above 4/3).
      case: 'above the ceiling at 8 workers',
      sweep: sweep('amdahl', 0.5, [1, 1.3, 1.32, 1.33, 1.3, 1.34, 1.33, 2.48]),
      facts: [/At 2 workers \(your cores\): speedup 1\.30/],
      noise: [/At 8 workers the measured 2\.48 is above the 1\.33 that 2 cores can give/],
      fit: false,
    },
    {
      case: 'above the core count at the cores, by more than the spread',
      sweep: sweep('amdahl', 0, [1, 2.4], 0.05),
      facts: [],
      noise: [/At 2 workers the measured 2\.40 is above the 2\.00/],
      fit: false,
    },
    {
      case: 'above the limit but within its own spread: still a number',
      sweep: sweep('amdahl', 0, [1, 2.05], 0.1),
      facts: [/speedup 2\.05/],
      noise: [],
      fit: false,
    },
    {
      // No contention: the USL is not about this workload, even with a drooping tail.
      case: 'the no-contention workload never gets a USL sentence',
      sweep: sweep('amdahl', 0.2, [1, 1.6, 1.5, 1.4]),
      facts: [/At 2 workers/, /At 4 workers/],
      noise: [],
      fit: false,
    },
    {
      case: 'contention, 2 points: too few to fit',
      sweep: sweep('contention', 0, [1, 1.4]),
      facts: [/At 2 workers/],
      noise: [/at least 3 worker counts above 1.*this sweep has 1/],
      fit: false,
    },
    {
      // Flat is a finding (the work is fully serialised), not a peak.
      case: 'contention, flat: no peak claimed',
      sweep: sweep('contention', 0, [1, 1, 1, 1, 1, 1]),
      facts: [/At 2 workers/, /At 6 workers/, /σ = 1\.000\) but no coherency cost/],
      noise: [],
      fit: true,
    },
    {
      // The "peaks at about 0.7 workers": 2 workers slower than 1 on a busy machine.
      case: 'contention, a fitted peak below 2 workers is noise',
      sweep: sweep('contention', 0, [1, 0.8, 0.62, 0.5, 0.41, 0.35]),
      facts: [/At 2 workers/, /At 6 workers/],
      noise: [/peak at [01]\.\d workers, below 2/],
      fit: false,
    },
    {
      case: 'contention, noisy: the fit misses the points',
      sweep: sweep('contention', 0, [1, 1.9, 0.9, 2.6, 1.1, 2.4], 0.3),
      facts: [/At 2 workers/, /At 6 workers/],
      noise: [/misses the points by/],
      fit: false,
    },
    {
      case: 'contention, a real hump on 8 cores: the peak is a finding',
      sweep: sweep(
        'contention',
        0,
        Array.from({ length: 12 }, (_, i) => usl(0.05, 0.02, i + 1)),
      ),
      cores: 8,
      facts: [/At 8 workers/, /At 12 workers/, /USL fit peaks at about 6\.\d workers/],
      noise: [],
      fit: true,
    },
    {
      case: 'contention that flattens without turning down',
      sweep: sweep(
        'contention',
        0,
        Array.from({ length: 6 }, (_, i) => usl(0.3, 0, i + 1)),
      ),
      cores: 8,
      facts: [/contention \(σ = 0\.30\d\) but no coherency cost/],
      noise: [],
      fit: true,
    },
    {
      case: 'a peak beyond the measured range is not a slowdown',
      sweep: sweep(
        'contention',
        0,
        Array.from({ length: 4 }, (_, i) => usl(0.02, 0.001, i + 1)),
      ),
      cores: 8,
      facts: [/would peak at about \d+ workers, beyond the 4 measured/],
      noise: [],
      fit: true,
    },
  ])('$case', ({ sweep: r, cores = 2, facts, noise, fit }) => {
    const f = describeSweep(r, cores);
    const got = { facts: texts(f, 'fact'), noise: texts(f, 'noise') };
    expect(got.facts.length, JSON.stringify(got)).toBe(facts.length);
    facts.forEach((re, i) => expect(got.facts[i]).toMatch(re));
    expect(got.noise.length, JSON.stringify(got)).toBe(noise.length);
    noise.forEach((re, i) => expect(got.noise[i]).toMatch(re));
    expect(f.fit !== null).toBe(fit);
    // No sentence ever states a peak below 2 workers, or a speedup above the physical limit.
    for (const t of got.facts) {
      const peak = /peaks at about ([\d.]+) workers/.exec(t);
      if (peak) expect(Number(peak[1])).toBeGreaterThanOrEqual(2);
    }
  });

  it('the physical limit is the law for the workers that have a core', () => {
    const o = { serialFraction: 0.5, mode: 'amdahl' as const };
    expect(physicalLimit(o, 8, 2)).toBeCloseTo(amdahl(0.5, 2));
    expect(physicalLimit(o, 1, 2)).toBe(1);
    expect(physicalLimit({ serialFraction: 0.5, mode: 'gustafson' }, 8, 2)).toBeCloseTo(1.5);
  });
});
