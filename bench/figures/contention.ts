import { createPool } from '../../workers/pool/pool.ts';
import { sweepContention, type ContentionResult } from '../../workers/contention/sweep.ts';
import type { BenchFigure } from '../types.ts';

/**
 * The lesson's claims, measured: both strategies in the same sweep, so each one is the other's
 * reference. One sweep feeds both figures.
 */
let shared: Promise<ContentionResult> | null = null;
function measured(): Promise<ContentionResult> {
  shared ??= (async () => {
    const pool = createPool();
    try {
      return await sweepContention(pool, {
        accounts: [2, 20, 10_000],
        workers: 8,
        waitUs: 200,
        work: 3,
        durationMs: 300,
        repetitions: 5,
      });
    } finally {
      pool.dispose();
    }
  })();
  return shared;
}

export const figures: BenchFigure[] = [
  {
    // Conflicts rare: optimism holds nothing during the round trip and should lose nothing.
    name: 'contention.optimistic-throughput-10000-accounts',
    unit: 'transfers/s',
    async run() {
      const r = await measured();
      const p = r.points.at(-1)!;
      return {
        value: Math.round(p.optimistic.throughput),
        reference: Math.round(p.pessimistic.throughput),
        referenceName: 'pessimistic locking, same sweep',
        target: '>= 1.0 x reference',
        met: p.optimistic.throughput >= p.pessimistic.throughput,
        details: {
          optimistic: p.optimistic.throughputs,
          pessimistic: p.pessimistic.throughputs,
          atTwenty: r.points[1],
          conserved: r.conserved,
          spread: r.noise.spread,
        },
      };
    },
  },
  {
    // Everyone collides: optimism redoes most transfers, locking does each once (and waits).
    name: 'contention.optimistic-attempts-per-commit-2-accounts',
    unit: 'attempts per committed transfer',
    async run() {
      const r = await measured();
      const p = r.points[0];
      const value = p.optimistic.attempts / p.optimistic.commits;
      return {
        value: +value.toFixed(2),
        reference: p.pessimistic.attempts / p.pessimistic.commits,
        referenceName: 'pessimistic locking, same sweep (never retries)',
        target: '> 2 x reference (8 workers over 2 accounts)',
        met: value > 2,
        details: { retryRate: p.optimistic.retryRate, waitRate: p.pessimistic.waitRate },
      };
    },
  },
];
