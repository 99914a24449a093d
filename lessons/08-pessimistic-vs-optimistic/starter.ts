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

    // 3. Commit. BROKEN: it never checks that the versions are still vLo and vHi, so a transfer
    //    that committed since step 1 is overwritten. (Checking with a load first is not enough:
    //    another thread can commit between your check and your write.)
    Atomics.store(s, 3 + 2 * from, newFrom);
    Atomics.store(s, 3 + 2 * to, newTo);
    Atomics.store(s, 2 + 2 * lo, vLo + 2);
    Atomics.store(s, 2 + 2 * hi, vHi + 2);
    Atomics.add(s, 1, 1);
    return;
  }
}
