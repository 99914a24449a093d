/**
 * Published results about these placements, measured again here (in a worker) so the page can show
 * each beside what the paper or the folklore says:
 *
 * 1. Jump consistent hash (Lamping & Veach 2014): adding bucket n+1 moves exactly the keys that
 *    belong to it, an expected 1/(n+1) of them, and none between old buckets.
 * 2. A consistent-hash ring: the spread of the servers' shares falls as 1/√(points per server)
 *    (each share is a sum of v random arcs; its standard deviation shrinks as √v).
 * 3. Maglev (Eisenbud et al. 2016): every server gets ⌊M/N⌋ or ⌈M/N⌉ table entries, for a balance
 *    a ring cannot match; the price is disruption a little above the minimal when a server leaves,
 *    and a bigger table (the paper's 655,373 against 65,537) brings it closer to minimal.
 */
import { jumpMany } from './alt.ts';
import { spreadOf, type Spread } from './compare.ts';
import { buildMaglev, maglevMany, maglevSlots } from './maglev.ts';
import { moduloMany } from './modulo.ts';
import { buildRing, lookupMany, ownership, type RingNode } from './ring.ts';
import { countLoads, loadSummary } from './stats.ts';
import { keyHashes } from './traffic.ts';

export interface JumpFigure {
  buckets: number;
  keys: number;
  /** Fraction moved per run. */
  moved: Spread;
  /** 1/(n+1). */
  published: number;
  /** Standard error of a fraction of `keys` binomial draws with p = 1/(n+1). */
  standardError: number;
  /** Moves that went anywhere but the new bucket, over all runs (published: 0). */
  strayMoves: number;
}

export function jumpFigure(keys: number, buckets: number, runs: number): JumpFigure {
  const a = new Uint16Array(keys);
  const b = new Uint16Array(keys);
  const moved: number[] = [];
  let stray = 0;
  for (let r = 0; r < runs; r++) {
    const k = keyHashes(keys, 'murmur3', `jump${r}:`);
    jumpMany(k, buckets, a);
    jumpMany(k, buckets + 1, b);
    let m = 0;
    for (let i = 0; i < keys; i++)
      if (a[i] !== b[i]) {
        m++;
        if (b[i] !== buckets) stray++;
      }
    moved.push(m / keys);
  }
  const p = 1 / (buckets + 1);
  return {
    buckets,
    keys,
    moved: spreadOf(moved),
    published: p,
    standardError: Math.sqrt((p * (1 - p)) / keys),
    strayMoves: stray,
  };
}

export interface SpreadPoint {
  pointsPerServer: number;
  /** Coefficient of variation of the servers' shares of the circle (median over rings). */
  cv: Spread;
}

export interface RingSpreadFigure {
  servers: number;
  rings: number;
  points: SpreadPoint[];
  /** Least-squares slope of log(cv) against log(points per server); published: −0.5. */
  slope: number;
}

/** Shares of the circle (exact, no keys needed) for rings of `servers` with v points each. */
export function ringSpreadFigure(
  servers: number,
  rings: number,
  counts: number[],
): RingSpreadFigure {
  const points = counts.map((v) => {
    const cvs: number[] = [];
    for (let r = 0; r < rings; r++) {
      const nodes: RingNode[] = Array.from({ length: servers }, (_, i) => ({
        id: `ring${r}-server-${i}`,
      }));
      cvs.push(loadSummary(ownership(buildRing(nodes, { vnodes: v }))).cv);
    }
    return { pointsPerServer: v, cv: spreadOf(cvs) };
  });
  const xs = points.map((p) => Math.log(p.pointsPerServer));
  const ys = points.map((p) => Math.log(p.cv.median));
  const mx = xs.reduce((s, x) => s + x, 0) / xs.length;
  const my = ys.reduce((s, y) => s + y, 0) / ys.length;
  let num = 0;
  let den = 0;
  xs.forEach((x, i) => {
    num += (x - mx) * (ys[i] - my);
    den += (x - mx) ** 2;
  });
  return { servers, rings, points, slope: num / den };
}

export interface BalanceDisruption {
  label: string;
  /** Busiest ÷ average server over the keys (n servers). */
  balance: Spread;
  /** Fraction of keys moved when one server left. */
  leaveMoved: Spread;
  /** The fraction that had to move (the leaving server's keys). */
  leaveMinimal: Spread;
  /** Maglev only: fewest and most table entries of a server, and ⌊M/N⌋, ⌈M/N⌉. */
  slots?: { min: number; max: number; floor: number; ceil: number };
}

/** Maglev at two table sizes beside a ring, on the same keys, the same servers, the same leave. */
export function maglevFigure(
  servers: number,
  keys: number,
  runs: number,
  ringPoints: number,
): BalanceDisruption[] {
  const nodes: RingNode[] = Array.from({ length: servers }, (_, i) => ({ id: `backend-${i}` }));
  const gone = servers >> 1;
  const without = nodes.filter((_, i) => i !== gone);
  const back = (i: number) => (i >= gone ? i + 1 : i);
  type Place = (k: Uint32Array, out: Uint16Array) => void;
  const contenders: Array<{
    label: string;
    before: Place;
    after: Place;
    slots?: Uint32Array;
    m?: number;
  }> = [
    ...[65_537, 655_373].map((m) => {
      const t0 = buildMaglev(nodes, m);
      const t1 = buildMaglev(without, m);
      return {
        label: `Maglev, M = ${m.toLocaleString('en')}`,
        before: ((k, o) => maglevMany(t0, k, o)) as Place,
        after: ((k, o) => maglevMany(t1, k, o)) as Place,
        slots: maglevSlots(t0),
        m,
      };
    }),
    (() => {
      const r0 = buildRing(nodes, { vnodes: ringPoints });
      const r1 = buildRing(without, { vnodes: ringPoints });
      return {
        label: `Ring, ${ringPoints} points per server`,
        before: ((k, o) => lookupMany(r0, k, o)) as Place,
        after: ((k, o) => lookupMany(r1, k, o)) as Place,
      };
    })(),
  ];
  const a = new Uint16Array(keys);
  const b = new Uint16Array(keys);
  return contenders.map((c) => {
    const balance: number[] = [];
    const moved: number[] = [];
    const minimal: number[] = [];
    for (let r = 0; r < runs; r++) {
      const k = keyHashes(keys, 'murmur3', `maglev${r}:`);
      c.before(k, a);
      c.after(k, b);
      balance.push(loadSummary(countLoads(a, servers)).maxOverMean);
      let m = 0;
      let must = 0;
      for (let i = 0; i < keys; i++) {
        if (back(b[i]) !== a[i]) m++;
        if (a[i] === gone) must++;
      }
      moved.push(m / keys);
      minimal.push(must / keys);
    }
    return {
      label: c.label,
      balance: spreadOf(balance),
      leaveMoved: spreadOf(moved),
      leaveMinimal: spreadOf(minimal),
      slots:
        c.slots && c.m
          ? {
              min: Math.min(...c.slots),
              max: Math.max(...c.slots),
              floor: Math.floor(c.m / servers),
              ceil: Math.ceil(c.m / servers),
            }
          : undefined,
    };
  });
}

/** hash mod N over the same keys as maglevFigure: a perfectly fair placement, so only chance. */
export function chanceBalance(servers: number, keys: number, runs: number): Spread {
  const out = new Uint16Array(keys);
  const b: number[] = [];
  for (let r = 0; r < runs; r++) {
    moduloMany(keyHashes(keys, 'murmur3', `maglev${r}:`), servers, out);
    b.push(loadSummary(countLoads(out, servers)).maxOverMean);
  }
  return spreadOf(b);
}

export interface PublishedFigures {
  jump: JumpFigure;
  ringSpread: RingSpreadFigure;
  maglev: BalanceDisruption[];
  /** Busiest ÷ average of hash mod N on the Maglev figure's keys: the floor chance sets. */
  chanceBalance: Spread;
}

export interface PublishedOptions {
  /** Keys per run (jump and Maglev figures). */
  keys: number;
  runs?: number;
}

export function publishedFigures(options: PublishedOptions): PublishedFigures {
  const runs = options.runs ?? 3;
  return {
    jump: jumpFigure(options.keys, 10, runs),
    ringSpread: ringSpreadFigure(20, runs * 2, [1, 4, 16, 64, 256, 1024]),
    maglev: maglevFigure(100, options.keys, runs, 160),
    chanceBalance: chanceBalance(100, options.keys, runs),
  };
}
