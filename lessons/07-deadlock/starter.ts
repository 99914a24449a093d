// t.shared[a] is the balance of account a, and mutex a (0–31) is that account's own lock.
// A transfer holds the locks of both accounts, so nobody sees the money half moved.
export function transfer(t: Thread, from: number, to: number, amount: number) {
  t.lock(from); // first the account the money leaves…
  fraudCheck(from, amount); // (slow work while holding that lock)
  t.lock(to); //   …then the one it goes to. Another thread may hold `to` and wait for `from`.
  t.shared[from] -= amount;
  t.shared[to] += amount;
  t.unlock(to);
  t.unlock(from);
}

// Stands for the slow work a real transfer does with the payer's account locked: it only takes
// time (about a microsecond), and that is enough to make a deadlock far more likely.
function fraudCheck(account: number, amount: number): boolean {
  let h = account;
  for (let k = 0; k < 400; k++) h = (Math.imul(h, 31) + amount + k) | 0;
  return h !== 0 || amount > 0;
}

// Every thread pays the next account along, again and again. With 2 accounts, thread 0 pays
// 0 → 1 while thread 1 pays 1 → 0: the same two locks, taken in opposite orders.
export default function (t: Thread) {
  const n = t.params.accounts;
  const opening = 100; // every account opens with 100
  if (t.id === 0) for (let a = 0; a < n; a++) t.shared[a] = opening;
  t.barrier(); // every account is open before the first transfer
  for (let i = 0; i < t.params.transfers; i++) {
    const from = (t.id + i) % n;
    transfer(t, from, (from + 1) % n, 1 + (i % 5));
    t.shared[32 + t.id] = i + 1; // transfers this thread has done (the panel counts them)
  }
}
