// A ring is two arrays sorted by position: positions[i] is a point on the 32-bit circle and
// owners[i] is the physical node (server) that placed it there.

/** Index of the vnode that owns `hash`: the first position >= hash, wrapping around to 0. */
export function lookup(positions: Uint32Array, hash: number): number {
  let lo = 0;
  let hi = positions.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (positions[mid] < hash) lo = mid + 1;
    else hi = mid;
  }
  return lo; // TODO: what if hash is above the last position?
}

/** The primary and the next distinct physical nodes clockwise: r of them (fewer if fewer exist). */
export function replicas(
  positions: Uint32Array,
  owners: Uint16Array,
  hash: number,
  r: number,
): number[] {
  const chosen: number[] = [];
  const start = lookup(positions, hash);
  for (let step = 0; step < r; step++) {
    chosen.push(owners[(start + step) % positions.length]); // the next r points clockwise
  }
  return chosen;
}

// Run prints where a few keys land on a tiny ring: 3 servers × 4 points.
export default function (t: Thread) {
  const { positions, owners } = tinyRing(3, 4);
  for (let k = t.id; k < t.params.keys; k += t.count) {
    const h = hash(`key:${k}`);
    t.log(
      `key:${k} (hash ${h}) → server ${owners[lookup(positions, h)]}, replicas ${replicas(positions, owners, h, 2).join(', ')}`,
    );
  }
}

function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b); // murmur3's finaliser spreads the bits
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function tinyRing(nodes: number, points: number) {
  const all: Array<[number, number]> = [];
  for (let n = 0; n < nodes; n++)
    for (let p = 0; p < points; p++) all.push([hash(`server-${n}#${p}`), n]);
  all.sort((a, b) => a[0] - b[0]);
  return {
    positions: Uint32Array.from(all, (a) => a[0]),
    owners: Uint16Array.from(all, (a) => a[1]),
  };
}
