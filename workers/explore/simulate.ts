/**
 * Simulated threads for pages without shared memory: one execution of the learner's program under a
 * preemptive random scheduler. Each turn, a random enabled thread runs a random quantum of shared
 * steps (mostly short, sometimes long), so races show up as they do on real cores, just slower.
 */
import { createExecution, type Program } from './machine.ts';
import type { ExecutionOptions, ThreadView, Violation } from './types.ts';

export interface SimulateOptions extends ExecutionOptions {
  /** PRNG seed; the same seed replays the same run. */
  seed?: number;
  /** Longest run of steps one thread takes before the scheduler may switch (default 64). */
  maxQuantum?: number;
}

export interface SimulateResult {
  memory: number[];
  threads: ThreadView[];
  /** Step at which each thread took its first and its last step (the simulation's clock). */
  spans: Array<{ first: number; last: number }>;
  steps: number;
  deadlock: Extract<Violation, { kind: 'deadlock' }> | null;
  violations: Violation[];
  budgetError: { message: string; thread: number; line: number | null } | null;
  seed: number;
}

/** xorshift32: small, fast, seedable. */
function rng(seed: number): () => number {
  let x = seed | 0 || 0x9e3779b9;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

export const SIMULATE_DEFAULTS = {
  maxSteps: 50_000_000,
  maxTicks: 500_000_000,
  maxQuantum: 64,
} as const;

export function simulate(program: Program, options: SimulateOptions): SimulateResult {
  const seed = options.seed ?? (Math.random() * 2 ** 32) >>> 0;
  const random = rng(seed);
  const maxQuantum = options.maxQuantum ?? SIMULATE_DEFAULTS.maxQuantum;
  const ex = createExecution(program, {
    ...options,
    maxSteps: options.maxSteps ?? SIMULATE_DEFAULTS.maxSteps,
    maxTicks: options.maxTicks ?? SIMULATE_DEFAULTS.maxTicks,
  });
  const spans = Array.from({ length: options.threads }, () => ({ first: -1, last: -1 }));
  while (!ex.isDone) {
    const enabled = ex.enabled();
    if (enabled.length === 0) break;
    const tid = enabled[Math.floor(random() * enabled.length)];
    // Quantum skewed short (squared uniform): most switches come after a few steps, like a busy machine.
    const quantum = 1 + Math.floor(random() * random() * maxQuantum);
    for (let i = 0; i < quantum && !ex.isDone && ex.isEnabled(tid); i++) {
      const at = ex.steps;
      ex.step(tid);
      if (spans[tid].first < 0) spans[tid].first = at;
      spans[tid].last = at;
    }
  }
  return {
    memory: ex.memory(),
    threads: ex.threads(),
    spans,
    steps: ex.steps,
    deadlock: ex.deadlock,
    violations: ex.violations,
    budgetError: ex.budgetError,
    seed,
  };
}
