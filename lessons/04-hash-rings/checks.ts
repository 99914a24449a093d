import { defineChecks, explainRun, fail, pass, type CheckContext } from '../check-api.ts';
import type { RunResult } from '../../workers/pool/pool.ts';

/**
 * Appended to the learner's module (their line numbers stay the same) and run as `__check` on real
 * workers: each thread builds its own random rings (seeded, so a failure reproduces), compares the
 * learner's lookup/replicas with a brute-force walk, counts failures per property in shared cells
 * 0–3 and logs the first counterexample of each as "P<k>|message".
 */
const HARNESS = `
export function __check(t: Thread) {
  let seed = (Math.imul(t.params.seed + 1, 0x9e3779b1) ^ Math.imul(t.id + 1, 0x85ebca6b)) | 1;
  const rand = () => { seed ^= seed << 13; seed ^= seed >>> 17; seed ^= seed << 5; return seed >>> 0; };
  const failures = [0, 0, 0, 0];
  const first: Array<string | null> = [null, null, null, null];
  const note = (k: number, msg: string) => { failures[k]++; if (first[k] === null) first[k] = msg; };
  const show = (p: Uint32Array) => p.length <= 8 ? '[' + Array.from(p).join(', ') + ']' : '[' + Array.from(p.slice(0, 3)).join(', ') + ', …, ' + Array.from(p.slice(-3)).join(', ') + '] (' + p.length + ' points)';
  const build = (pts: Array<[number, number]>) => {
    pts.sort((a, b) => a[0] - b[0]);
    return { positions: Uint32Array.from(pts, (p) => p[0]), owners: Uint16Array.from(pts, (p) => p[1]) };
  };
  const refLookup = (pos: Uint32Array, h: number) => { for (let i = 0; i < pos.length; i++) if (pos[i] >= h) return i; return 0; };
  const refReplicas = (pos: Uint32Array, own: Uint16Array, h: number, r: number) => {
    const out: number[] = []; const s = refLookup(pos, h);
    for (let i = 0; i < pos.length && out.length < r; i++) { const o = own[(s + i) % pos.length]; if (!out.includes(o)) out.push(o); }
    return out;
  };
  const call = <T,>(k: number, what: string, f: () => T): T | undefined => {
    try { return f(); } catch (e) { note(k, what + ' threw ' + (e instanceof Error ? e.message : String(e))); return undefined; }
  };
  let rings = 0, keys = 0;
  for (let round = 0; round < 60; round++) {
    const nodes = 1 + (rand() % 30), points = 1 + (rand() % 40);
    const used = new Set<number>(); const pts: Array<[number, number]> = [];
    for (let n = 0; n < nodes; n++) for (let p = 0; p < points; p++) { let x = rand(); while (used.has(x)) x = rand(); used.add(x); pts.push([x, n]); }
    const { positions, owners } = build(pts);
    const last = positions[positions.length - 1];
    rings++;
    const hashes = [0, positions[0], last, 0xffffffff];
    if (last < 0xffffffff) hashes.push(last + 1);
    for (let i = 0; i < 40; i++) { const k = rand() % positions.length; hashes.push(positions[k]); if (positions[k] < 0xffffffff) hashes.push(positions[k] + 1); hashes.push(rand()); }
    for (const h of hashes) {
      keys++;
      const want = refLookup(positions, h);
      const got = call(0, 'lookup(' + show(positions) + ', ' + h + ')', () => lookup(positions, h));
      if (got === undefined || got === want) continue;
      if (h > last) note(1, 'ring positions ' + show(positions) + ', hash ' + h + ' is above the last position ' + last + ': expected vnode 0 (the walk wraps around), got ' + got + '.');
      else note(0, 'ring positions ' + show(positions) + ', hash ' + h + ': expected vnode ' + want + ' (position ' + positions[want] + ', the first at or after the hash), got ' + got + '.');
    }
    // Property 3: a new node (id = nodes) joins with its own points; a key may move only to it.
    const extra: Array<[number, number]> = pts.slice();
    for (let p = 0; p < points; p++) { let x = rand(); while (used.has(x)) x = rand(); used.add(x); extra.push([x, nodes]); }
    const after = build(extra);
    for (let i = 0; i < 60; i++) {
      const h = i < 2 ? (i === 0 ? 0xffffffff : last + 1) : rand();
      if (h > 0xffffffff) continue;
      const a = call(2, 'lookup', () => lookup(positions, h));
      const b = call(2, 'lookup', () => lookup(after.positions, h));
      if (a === undefined || b === undefined) continue;
      const oa = owners[a], ob = after.owners[b];
      if (oa !== ob && ob !== nodes) note(2, 'adding node ' + nodes + ' moved hash ' + h + ' from node ' + oa + ' to node ' + ob + ', an old node (' + nodes + ' nodes × ' + points + ' points before).');
    }
    // Property 4: replicas.
    for (let r = 1; r <= 5; r++) {
      const h = rand();
      const want = refReplicas(positions, owners, h, r);
      const got = call(3, 'replicas(…, ' + h + ', ' + r + ')', () => replicas(positions, owners, h, r));
      if (got === undefined) continue;
      if (!Array.isArray(got) || got.length !== want.length || got.some((x, i) => x !== want[i])) {
        note(3, nodes + ' nodes × ' + points + ' points, hash ' + h + ', R = ' + r + ': expected nodes [' + want.join(', ') + '] (distinct, clockwise), got [' + (Array.isArray(got) ? got.join(', ') : String(got)) + '].');
      }
    }
  }
  for (let k = 0; k < 4; k++) Atomics.add(t.shared, k, failures[k]);
  Atomics.add(t.shared, 4, rings);
  Atomics.add(t.shared, 5, keys);
  for (let k = 0; k < 4; k++) if (first[k]) t.log('P' + k + '|' + first[k]);
}
`;

let cache: { source: string; result: Promise<RunResult> } | null = null;

/** One harness run serves all four checks (the checks run in order on the same code). */
function harness(ctx: CheckContext): Promise<RunResult> {
  if (cache?.source !== ctx.source) {
    cache = {
      source: ctx.source,
      result: ctx.run({
        threads: 2,
        params: { seed: 1 },
        source: ctx.source + '\n' + HARNESS,
        entry: '__check',
        budgetMs: 15_000,
      }),
    };
  }
  return cache.result;
}

function property(k: number, name: string, what: string) {
  return {
    name,
    async run(ctx: CheckContext) {
      const r = await harness(ctx);
      const problem = explainRun(r);
      if (problem) {
        if (
          r.status === 'compile-error' &&
          /no function export "lookup"|lookup is not defined|replicas is not defined/.test(
            problem + JSON.stringify(r),
          )
        ) {
          return fail(
            'Export both functions: `export function lookup(…)` and `export function replicas(…)`.',
          );
        }
        return fail(problem);
      }
      if (r.status !== 'ok') return fail('the checks did not finish');
      const failures = r.memory[k];
      if (failures === 0)
        return pass(
          `${what} on ${r.memory[4]} random rings and ${r.memory[5].toLocaleString('en')} keys.`,
        );
      const first = r.threads.flatMap((t) => t.logs).find((l) => l.startsWith(`P${k}|`));
      return fail(
        `${failures} counterexample${failures === 1 ? '' : 's'}. For example: ${first ? first.slice(3) : '(no details)'}`,
      );
    },
  };
}

export default defineChecks([
  property(
    0,
    'Every key has one owner: the first vnode at or after its hash',
    'Every key found its first vnode clockwise',
  ),
  property(
    1,
    'The walk wraps around the top of the ring',
    'Hashes above the last point go to vnode 0',
  ),
  property(2, 'Adding a node moves keys only to the new node', 'No key moved between old nodes'),
  property(
    3,
    'Replicas are R distinct physical nodes, clockwise, owner first',
    'Replicas right for R = 1 … 5',
  ),
]);
