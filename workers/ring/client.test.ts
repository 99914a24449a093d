import { afterAll, describe, expect, it } from 'vitest';
import { nodeWorker } from '../../tests/node/node-worker.ts';
import { createRingClient, RingAbortError, type Progress, type Transport } from './client.ts';
import { buildRing, lookupMany, nodeList } from './ring.ts';
import { countLoads } from './stats.ts';
import { keyHashes } from './traffic.ts';

const spawn = () => nodeWorker(new URL('./ring.worker.ts', import.meta.url));
const clients = (['shared', 'copied'] as Transport[]).map((transport) =>
  createRingClient({ spawn, transport }),
);
afterAll(() => clients.forEach((c) => c.dispose()));

describe.each(clients)('ring client on real worker threads', (client) => {
  it(`${client.transport}: rebalance over 2 workers matches a direct computation`, async () => {
    const progress: Progress[] = [];
    const r = await client.computeRebalance({
      keys: 200_000,
      nodesBefore: nodeList(10),
      nodesAfter: nodeList(11),
      vnodes: 256,
      workers: 2,
      onProgress: (p) => progress.push(p),
    });
    expect(r.transport).toBe(client.transport);
    expect(r.workers).toBe(2);
    expect(r.keys).toBe(200_000);
    expect(r.ring.movedFraction).toBeGreaterThan(0.08);
    expect(r.ring.movedFraction).toBeLessThan(0.101);
    expect(r.ring.movedBetweenOld).toBe(0);
    expect(r.ring.movedTo.slice(0, 10).every((x) => x === 0)).toBe(true);
    expect(r.ring.movedTo[10]).toBe(r.ring.moved);
    expect(r.ring.movedFrom.filter((x) => x > 0)).toHaveLength(10); // the newcomer takes from everyone
    expect(r.modulo.movedFraction).toBeGreaterThan(0.85);
    expect(r.expectedFraction).toBeCloseTo(1 / 11, 12);
    expect(r.ring.before.maxOverMean).toBeLessThan(1.12);
    expect(r.idsAfter[10]).toBe('node-10');
    // Same loads as placing the keys right here.
    const ring = buildRing(nodeList(10), { vnodes: 256 });
    const owners = new Uint16Array(200_000);
    lookupMany(ring, keyHashes(200_000), owners);
    expect(r.ring.before.values).toEqual(Array.from(countLoads(owners, 10)));
    // Progress ends at the total (port messages may trail the result by a tick).
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(progress.at(-1)).toEqual({ done: 200_000, total: 200_000 });
  });

  it(`${client.transport}: pre-hashed keys give the same answer as their string keys`, async () => {
    const common = { nodesBefore: nodeList(5), nodesAfter: nodeList(4), vnodes: 32, workers: 3 };
    const a = await client.computeRebalance({ ...common, keys: 100_000 });
    const b = await client.computeRebalance({ ...common, keys: keyHashes(100_000) });
    expect(b.ring).toEqual(a.ring);
    expect(b.modulo).toEqual(a.modulo);
    expect(a.ring.movedBetweenOld).toBe(0);
    expect(a.ring.moved).toBe(a.ring.before.values[4]); // removing node-04 moves exactly its keys
  });

  it(`${client.transport}: failure with R = 3 loses nothing; R = 1 loses the node's keys`, async () => {
    const r = await client.computeFailure({
      keys: 100_000,
      nodes: nodeList(10),
      vnodes: 64,
      failed: ['node-07'],
      replication: 3,
      workers: 2,
    });
    expect(r.lost).toBe(0);
    expect(r.lostPrimary).toBe(r.before.values[7]);
    expect(r.servedByReplica).toBe(r.lostPrimary);
    expect(r.byReplication[0]).toEqual({ replication: 1, servedByReplica: 0, lost: r.lostPrimary });
    expect(r.after.values[7]).toBe(0);
    expect(r.after.total).toBe(100_000);
    expect(r.takeover.reduce((a, b) => a + b, 0)).toBe(r.lostPrimary);
  });

  it(`${client.transport}: traffic and comparison run on one worker`, async () => {
    const t = await client.computeTraffic({
      nodes: nodeList(10),
      vnodes: 128,
      keys: 50_000,
      s: 1,
      celebrityShare: 0.25,
      smearCopies: 8,
      epsilon: 0.25,
    });
    expect(t.ids).toHaveLength(10);
    expect(t.requestLoad.argmax).toBe(t.celebrityNode);
    expect(t.smeared.load.max).toBeLessThan(t.requestLoad.max);
    const progress: number[] = [];
    const c = await client.computeComparison({
      nodes: 10,
      vnodes: 64,
      keys: 20_000,
      minTimeMs: 5,
      runs: 2,
      onProgress: (p) => progress.push(p.done / p.total),
    });
    expect(progress.at(-1)).toBe(1);
    for (const x of progress) expect(x).toBeGreaterThan(0);
    expect(c.rows.map((row) => row.algorithm)).toEqual([
      'modulo',
      'ring',
      'rendezvous',
      'jump',
      'maglev',
    ]);
    const p = await client.computePublished({ keys: 20_000, runs: 1 });
    expect(p.jump.strayMoves).toBe(0);
    expect(p.maglev).toHaveLength(3);
  });
});

describe('ring client lifecycle', () => {
  it('an abort rejects at once and the next call respawns workers', async () => {
    const client = createRingClient({ spawn, transport: 'copied' });
    const controller = new AbortController();
    const call = client.computeRebalance({
      keys: 2_000_000,
      nodesBefore: nodeList(50),
      nodesAfter: nodeList(51),
      vnodes: 256,
      workers: 2,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 20);
    await expect(call).rejects.toBeInstanceOf(RingAbortError);
    const again = await client.computeRebalance({
      keys: 10_000,
      nodesBefore: nodeList(3),
      nodesAfter: nodeList(4),
      vnodes: 16,
    });
    expect(again.workers).toBe(1); // few keys: one worker is enough
    client.dispose();
  });

  it('rejects an empty node list', async () => {
    const client = createRingClient({ spawn, transport: 'copied' });
    await expect(
      client.computeRebalance({ keys: 10, nodesBefore: [], nodesAfter: nodeList(1), vnodes: 4 }),
    ).rejects.toThrow(/at least one node/);
    client.dispose();
  });
});
