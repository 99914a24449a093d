import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import {
  buildKetama,
  ketamaDigests,
  ketamaOwner,
  ketamaOwners,
  parseServerList,
  type KetamaServer,
} from './ketama.ts';
import { md5Point } from './md5-fast.ts';
import { vnodeIndex } from './ring.ts';

type HashRingCtor = new (
  servers: Record<string, number> | string[],
  algorithm?: string,
) => { get(key: string): string };
const HashRing = createRequire(import.meta.url)('hashring') as HashRingCtor;

/** Deterministic PRNG (mulberry32) so a failure names a reproducible list. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomServers(rand: () => number): KetamaServer[] {
  const n = 2 + Math.floor(rand() * 49);
  const names = new Set<string>();
  while (names.size < n)
    names.add(
      `10.${Math.floor(rand() * 256)}.${Math.floor(rand() * 256)}.${Math.floor(rand() * 256)}:${11211 + Math.floor(rand() * 4)}`,
    );
  // Integer weights (memcached's memory sizes) and fractional ones, equal weights now and then.
  const kind = Math.floor(rand() * 3);
  return [...names].map((name) => ({
    name,
    weight: kind === 0 ? 1 : kind === 1 ? 1 + Math.floor(rand() * 16) : 0.1 + rand() * 9.9,
  }));
}

describe('Ketama placement', () => {
  it('puts every key on the same server as the hashring package, for 100 random lists and weights (2,000 keys each)', () => {
    const rand = rng(15);
    for (let list = 0; list < 100; list++) {
      const servers = randomServers(rand);
      const reference = new HashRing(Object.fromEntries(servers.map((s) => [s.name, s.weight!])));
      const ring = buildKetama(servers);
      const keys = Array.from({ length: 2_000 }, (_, i) => `user:${list}:${i}:${rand()}`);
      const out = new Uint16Array(keys.length);
      ketamaOwners(ring, keys, out);
      let mismatches = 0;
      for (let i = 0; i < keys.length; i++)
        if (ring.ids[out[i]] !== reference.get(keys[i])) mismatches++;
      expect({ list, mismatches }).toEqual({ list, mismatches: 0 });
    }
  });

  it('gives 160 points per server at equal weight, and weight-proportional digests', () => {
    const servers = Array.from({ length: 10 }, (_, i) => ({ name: `cache-${i}:11211` }));
    const ring = buildKetama(servers);
    expect(ring.positions.length).toBe(1600);
    expect([...ring.digests]).toEqual(Array(10).fill(40));
    expect([
      ...ketamaDigests([
        { name: 'a', weight: 1 },
        { name: 'b', weight: 3 },
      ]),
    ]).toEqual([20, 60]);
  });

  it('rounds digest counts as each client does: 7 equal servers get 39 in hashring, 40 in libketama', () => {
    const seven = Array.from({ length: 7 }, (_, i) => ({ name: `s${i}:11211` }));
    expect(ketamaDigests(seven, 'hashring')[0]).toBe(39);
    expect(ketamaDigests(seven, 'libketama')[0]).toBe(40);
  });

  // Reference vectors shipped in the hashring package's own test fixtures: libketama's Python
  // binding (ketama.py: servers 0.0.0.1–5 with weights 1–5, keys "0"…"99999") and libmemcached's
  // ketama test cases (key, its hash, the continuum point it lands on, the server).
  const fixtures = new URL('../../node_modules/hashring/tests/fixtures/', import.meta.url);

  it('reproduces libketama on its 100,000 reference keys, in both roundings', () => {
    const lines = readFileSync(new URL('ketama.txt', fixtures), 'utf8').split('\n');
    const servers = [1, 2, 3, 4, 5].map((w) => ({ name: `0.0.0.${w}`, weight: w }));
    for (const flavour of ['hashring', 'libketama'] as const) {
      const ring = buildKetama(servers, flavour);
      let mismatches = 0;
      for (let i = 0; i < 100_000; i++)
        if (`${i} ${ring.ids[ketamaOwner(ring, String(i))]}` !== lines[i]) mismatches++;
      expect({ flavour, mismatches }).toEqual({ flavour, mismatches: 0 });
    }
  });

  it("reproduces libmemcached's ketama test cases: key hash, continuum point and server", () => {
    const rows = JSON.parse(readFileSync(new URL('libmemcached.json', fixtures), 'utf8')) as [
      string,
      number,
      number,
      string,
    ][];
    expect(rows.length).toBeGreaterThan(90);
    // libmemcached leaves the default port out of the hashed name.
    const weights = [600, 300, 200, 350, 1000, 800, 950, 100];
    const ring = buildKetama(weights.map((weight, i) => ({ name: `10.0.1.${i + 1}`, weight })));
    for (const [key, hash, point, server] of rows) {
      expect(md5Point(key)).toBe(hash);
      const owner = ketamaOwner(ring, key);
      expect(ring.ids[owner]).toBe(server);
      expect(ring.positions[vnodeIndex(ring, hash)]).toBe(point);
    }
  });

  it('matches the hashring package on empty, UTF-8, long and lone-surrogate keys', () => {
    const servers = ['a:1', 'b:2', 'c:3'].map((name, i) => ({ name, weight: i + 1 }));
    const reference = new HashRing(Object.fromEntries(servers.map((s) => [s.name, s.weight])));
    const ring = buildKetama(servers);
    for (const key of ['', 'ключ-😀', 'x'.repeat(300), 'user:\ud800', '12345'])
      expect(ring.ids[ketamaOwner(ring, key)]).toBe(reference.get(key));
  });
});

describe('parseServerList', () => {
  it('reads host:port weight lines, comments and blanks, and reports bad lines', () => {
    const { servers, errors } = parseServerList(
      '# pool\n10.0.0.1:11211 2\n\n10.0.0.2:11211\t0.5\n10.0.0.3:11211\n10.0.0.1:11211 1\nx:1 -3\n',
    );
    expect(servers).toEqual([
      { name: '10.0.0.1:11211', weight: 2 },
      { name: '10.0.0.2:11211', weight: 0.5 },
      { name: '10.0.0.3:11211', weight: 1 },
    ]);
    expect(errors).toEqual([
      'line 6: 10.0.0.1:11211 is listed twice',
      'line 7: weight must be a positive number',
    ]);
  });
});
