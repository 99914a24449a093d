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
import { buildKetama } from './ketama.ts';
import { ketamaStringLookups } from './lookup-bench.ts';

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
  /**
   * Ketama placement on string keys: ours (allocation-free MD5 + bucket-indexed search) and the
   * hashring package (its own Ketama, MD5 via the shim) on the same `host:port` servers and keys.
   * Both place every key identically (ketama.test.ts); the rounds take turns.
   */
  ketamaLookups(keys: number, nodes: number, rounds = 3) {
    const names = Array.from({ length: nodes }, (_, i) => `10.0.${i >> 8}.${i & 255}:11211`);
    const list = stringKeys(keys, 'user:');
    const ring = buildKetama(names.map((name) => ({ name })));
    const reference = new HashRing(names, md5);
    const ours: number[] = [];
    const theirs: number[] = [];
    for (let r = 0; r < rounds; r++) {
      ours.push(ketamaStringLookups(ring, list));
      theirs.push(referenceStringLookups(reference, list));
    }
    return { ours, reference: theirs };
  },
  prehashedLookups(keys: number, nodes: number, vnodes: number) {
    return prehashedLookups(nodes, vnodes, prehashedKeys(keys));
  },
};

export type RingBench = typeof ringBench;

expose(ringBench);
