/** What changed on the ring between two placements, and what the moved keys should be compared with. */
export interface RingState {
  /** Live servers. */
  live: string[];
  vnodes: number;
}

/**
 * The sentence under the ring picture after a change. The 1/n rule holds for a server joining or
 * leaving only: after a change of the points per server, every server's points move, so it is not
 * quoted there.
 */
export function movedMessage(
  before: RingState,
  after: RingState,
  moved: number,
  sample: number,
): string {
  const keys = `${moved} of ${sample} keys moved (ringed)`;
  if (before.vnodes !== after.vnodes) {
    return `${keys}: with ${after.vnodes} point${after.vnodes === 1 ? '' : 's'} per server instead of ${before.vnodes}, every server's arcs change, so keys move between old servers too. That is a re-layout, not a join.`;
  }
  const joined = after.live.filter((s) => !before.live.includes(s));
  const left = before.live.filter((s) => !after.live.includes(s));
  if (joined.length === 1 && left.length === 0) {
    const n = after.live.length;
    return `${keys}, all of them to ${joined[0]}: a joining server takes about 1/${n} of the keys (≈ ${Math.round(sample / n)} here).`;
  }
  if (left.length === 1 && joined.length === 0) {
    const n = before.live.length;
    if (after.live.length === 0) return `${keys}: no server is left to own them.`;
    return `${keys}: only ${left[0]}'s keys, spread over its clockwise neighbours (about 1/${n} of the keys, ≈ ${Math.round(sample / n)} here).`;
  }
  return `${keys}.`;
}
