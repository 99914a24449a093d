import { describe, expect, it } from 'vitest';
import type { KeySource } from './api.ts';
import { failureSlice, rebalanceSlice, ringService } from './parallel.ts';
import { buildRing, nodeList, ringArrays } from './ring.ts';
import { failureLayout, mapNodes, rebalanceLayout, sumRows } from './stats.ts';
import { keyHashes } from './traffic.ts';

const before = buildRing(nodeList(10), { vnodes: 64 });
const after = buildRing(nodeList(11), { vnodes: 64 });
const mapping = mapNodes(before.ids, after.ids);
const N = 120_000;
const hashes = keyHashes(N);

/** Runs `run` over `parts` slices into back-to-back rows and sums them. */
function sliced(
  parts: number,
  length: number,
  run: (start: number, end: number, row: Float64Array) => void,
) {
  const rows = new Float64Array(parts * length);
  for (let k = 0; k < parts; k++) {
    const start = Math.floor((N * k) / parts);
    const end = Math.floor((N * (k + 1)) / parts);
    run(start, end, rows.subarray(k * length, (k + 1) * length));
  }
  return sumRows(rows, length, parts);
}

describe('per-slice jobs', () => {
  const layout = rebalanceLayout(10, 11);
  const synthetic: KeySource = { kind: 'synthetic', prefix: 'key:', hash: 'murmur3' };

  it('rebalance: any split into slices sums to the whole, synthetic or pre-hashed keys', () => {
    const whole = sliced(1, layout.length, (start, end, row) =>
      rebalanceSlice({ before, after, mapping, keys: synthetic, start, end, row }),
    );
    for (const parts of [2, 3, 7]) {
      expect(
        sliced(parts, layout.length, (start, end, row) =>
          rebalanceSlice({ before, after, mapping, keys: synthetic, start, end, row }),
        ),
      ).toEqual(whole);
      // Pre-hashed keys as a per-slice copy with an offset (the copied transport).
      expect(
        sliced(parts, layout.length, (start, end, row) =>
          rebalanceSlice({
            before,
            after,
            mapping,
            keys: { kind: 'hashes', hashes: hashes.slice(start, end), offset: start },
            start,
            end,
            row,
          }),
        ),
      ).toEqual(whole);
    }
    const scalars = whole.subarray(layout.offsets.scalars);
    expect(scalars[0] / N).toBeGreaterThan(0.07);
    expect(scalars[1]).toBe(0);
    expect(scalars[2] / N).toBeGreaterThan(0.85);
  });

  it('reports progress per slice, ending at the slice size', () => {
    const seen: number[] = [];
    const row = new Float64Array(layout.length);
    rebalanceSlice(
      { before, after, mapping, keys: synthetic, start: 1000, end: 101_000, row },
      (d) => seen.push(d),
    );
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.at(-1)).toBe(100_000);
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThan(seen[i - 1]);
  });

  it('failure: slices sum to the whole', () => {
    const fl = failureLayout(10, 3);
    const failed = Uint8Array.from({ length: 10 }, (_, i) => (i === 2 || i === 5 ? 1 : 0));
    const job = (start: number, end: number, row: Float64Array) =>
      failureSlice({
        ring: before,
        failed,
        replication: 3,
        keys: { kind: 'hashes', hashes, offset: 0 },
        start,
        end,
        row,
      });
    expect(sliced(4, fl.length, job)).toEqual(sliced(1, fl.length, job));
  });

  it('the service builds shareable rings and says whether a row was written in place', () => {
    const [r] = ringService.buildRings([{ nodes: nodeList(3), vnodes: 8, hash: 'murmur3' }], true);
    expect(r.positions.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(Array.from(r.positions)).toEqual(
      Array.from(buildRing(nodeList(3), { vnodes: 8 }).positions),
    );
    const shared = new Float64Array(new SharedArrayBuffer(8 * layout.length));
    const job = {
      before: ringArrays(before),
      after: ringArrays(after),
      mapping,
      keys: synthetic,
      start: 0,
      end: 10,
    };
    expect(ringService.rebalance({ ...job, row: shared })).toBeNull();
    const own = new Float64Array(layout.length);
    expect(ringService.rebalance({ ...job, row: own })).toBe(own);
    expect(Array.from(own)).toEqual(Array.from(shared));
  });
});
