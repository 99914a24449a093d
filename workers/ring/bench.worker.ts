// Bench-only worker (imported by bench/figures/ring.ts, never by the app): our lookups and the
// `hashring` npm package's on the same keys and nodes, in the same worker, one after the other.
import { expose } from 'comlink';
import HashRing from 'hashring';
import { md5 } from './md5.ts';
import {
  oursStringLookups,
  prehashedKeys,
  prehashedLookups,
  referenceStringLookups,
  stringKeys,
} from './lookup-bench.ts';
import { buildRing, nodeList } from './ring.ts';

export const ringBench = {
  /**
   * Lookups/s for `keys` string keys on `nodes` servers. The ring gets 160 vnodes per node, the
   * points hashring places per server by default (40 vnodes × 4 points from each MD5 digest).
   */
  stringLookups(keys: number, nodes: number) {
    const names = nodeList(nodes).map((n) => n.id);
    const list = stringKeys(keys);
    const ours = oursStringLookups(buildRing(nodeList(nodes), { vnodes: 160 }), list);
    // node:crypto does not exist here; hashring takes a hash function instead of 'md5'.
    const reference = referenceStringLookups(new HashRing(names, md5), list);
    return { ours, reference };
  },
  prehashedLookups(keys: number, nodes: number, vnodes: number) {
    return prehashedLookups(nodes, vnodes, prehashedKeys(keys));
  },
};

export type RingBench = typeof ringBench;

expose(ringBench);
