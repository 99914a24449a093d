/**
 * The naive placement the lesson starts from: node = hash(key) mod n. Perfectly balanced for a
 * good hash, but n → n+1 changes the answer for all but ≈ 1/(n+1) of keys.
 */

/** Node index for uint32 key hash `h` among `n` nodes. */
export function moduloNode(h: number, n: number): number {
  return h % n;
}

/** Placements of keys[start..end) into out[0..end-start). */
export function moduloMany(
  keys: Uint32Array,
  n: number,
  out: Uint16Array | Uint32Array | Int32Array,
  start = 0,
  end = keys.length,
): void {
  if (n <= 0) throw new RangeError('modulo placement needs at least one node');
  for (let i = start; i < end; i++) out[i - start] = keys[i] % n;
}
