// A bank of t.params.accounts accounts in shared memory. Account k keeps a version at 2 + 2k and its
// balance at 3 + 2k; t.shared[0] counts retries and t.shared[1] counts committed transfers.
// Every account starts at 0 and a transfer only moves money, so the bank's total must stay 0.
export default function (t: Thread) {
  const accounts = t.params.accounts;
  let x = t.id * 0x9e3779b1 + 0x2545f491; // each thread's own random transfers
  for (let i = 0; i < t.params.transfers; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    const from = (x >>> 0) % accounts;
    const to = (from + 1 + ((x >>> 8) % (accounts - 1))) % accounts;
    transfer(t.shared, from, to, 1 + ((x >>> 16) & 7));
  }
}

// Optimistic: read without locking, compute, then commit only if nobody committed in between.
function transfer(s: Int32Array, from: number, to: number, amount: number) {
  // Claims go to the lower account first, so two transfers never wait on each other in a circle.
  const lo = Math.min(from, to);
  const hi = Math.max(from, to);
  for (;;) {
    // 1. Read the versions, then the balances they stand for. An odd version means another
    //    transfer is committing that account right now: read again (that is waiting, not a retry).
    const vLo = Atomics.load(s, 2 + 2 * lo);
    const vHi = Atomics.load(s, 2 + 2 * hi);
    if (vLo % 2 === 1 || vHi % 2 === 1) continue;
    const fromBalance = Atomics.load(s, 3 + 2 * from);
    const toBalance = Atomics.load(s, 3 + 2 * to);

    // 2. Compute the new balances in this thread's own registers.
    const newFrom = fromBalance - amount;
    const newTo = toBalance + amount;

    // 3. Commit. compareExchange checks "still the version I read?" and, in the same indivisible
    //    step, makes it odd: "mine, being written". Nobody can slip in between check and claim.
    if (Atomics.compareExchange(s, 2 + 2 * lo, vLo, vLo + 1) !== vLo) {
      Atomics.add(s, 0, 1); // someone committed first: my balances are stale, start over
      continue;
    }
    if (Atomics.compareExchange(s, 2 + 2 * hi, vHi, vHi + 1) !== vHi) {
      Atomics.store(s, 2 + 2 * lo, vLo); // hand the first account back untouched
      Atomics.add(s, 0, 1);
      continue;
    }
    Atomics.store(s, 3 + 2 * from, newFrom);
    Atomics.store(s, 3 + 2 * to, newTo);
    // Even again, and new: anyone who read the old version will fail their compareExchange.
    Atomics.store(s, 2 + 2 * lo, vLo + 2);
    Atomics.store(s, 2 + 2 * hi, vHi + 2);
    Atomics.add(s, 1, 1);
    return;
  }
}
