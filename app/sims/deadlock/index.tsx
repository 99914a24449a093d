import { explainRun } from '../../../lessons/check-api.ts';
import { moneyOf } from '../../../lessons/07-deadlock/bank.ts';
import type { SimProps } from '../registry.ts';
import type { RunRecord } from '../../lesson/useLessonSession.ts';
import { WaitForGraph } from '../../tools/WaitForGraph.tsx';

/** Where the lesson's code counts each thread's finished transfers (see the starter). */
const DONE_CELL = 32;
const OPENING_BALANCE = 100;
const fmt = (n: number) => n.toLocaleString('en');

/** The bank after the last run: transfers done, money conserved or not, and a live deadlock's graph. */
export default function DeadlockSim({ session }: SimProps) {
  const latest = session.runs.at(-1);
  const accounts = session.params.accounts ?? 2;
  return (
    <div className="bank">
      <div className="panel-head">
        <h2>Bank transfers</h2>
        <p className="panel-sub">
          {accounts} accounts of {OPENING_BALANCE} each, one lock per account; {session.threads}{' '}
          thread{session.threads > 1 ? 's' : ''} × {fmt(session.params.transfers ?? 0)} transfers.
        </p>
      </div>
      {latest && latest.code !== session.code && (
        <p className="stale-note" data-testid="run-stale">
          Below is what your previous code did. Press Run to see this version.
        </p>
      )}
      {!latest ? (
        <p className="empty">
          Press Run to start the transfers. Predict first: will every thread finish?
        </p>
      ) : (
        <Outcome record={latest} />
      )}
      {session.runs.length > 0 && (
        <button type="button" className="link" onClick={session.clearRuns}>
          Clear history
        </button>
      )}
    </div>
  );
}

function Outcome({ record }: { record: RunRecord }) {
  const r = record.result;
  if (r.status !== 'ok' && r.status !== 'deadlock') {
    return (
      <p className="console-line error" data-testid="run-problem">
        ✗ The last run did not finish, so there is no bank to show. {explainRun(r)}
      </p>
    );
  }
  const accounts = record.params.accounts ?? 2;
  const planned = record.threads * (record.params.transfers ?? 0);
  let done = 0;
  for (let i = 0; i < record.threads; i++) done += r.memory[DONE_CELL + i] ?? 0;
  const money = moneyOf(r.memory, accounts);
  const expected = OPENING_BALANCE * accounts;
  const frozen = r.status === 'deadlock';
  const seconds = (r.wallMs / 1000).toFixed(1);
  return (
    <>
      <dl className="summary" data-testid="bank-summary">
        <div className={frozen ? 'bad' : 'good'}>
          <dt>Threads</dt>
          <dd data-testid="bank-status">
            <span aria-hidden="true">{frozen ? '✗ ' : '✓ '}</span>
            {frozen ? `deadlocked, stopped after ${seconds} s` : `finished in ${seconds} s`}
          </dd>
        </div>
        <div>
          <dt>Transfers done</dt>
          <dd data-testid="bank-transfers">
            {fmt(done)} <small>of {fmt(planned)}</small>
          </dd>
        </div>
        <div className={money === expected ? 'good' : 'bad'}>
          <dt>Money in the bank</dt>
          <dd data-testid="bank-money">
            <span aria-hidden="true">{money === expected ? '✓ ' : '✗ '}</span>
            {fmt(money)} {money === expected ? 'conserved' : `(should be ${fmt(expected)})`}
          </dd>
        </div>
      </dl>
      <p className="bank-balances" data-testid="bank-balances">
        Balances:{' '}
        {r.memory
          .slice(0, Math.min(accounts, 8))
          .map((b, a) => `#${a} ${fmt(b)}`)
          .join(', ')}
        {accounts > 8 ? ', …' : ''}
      </p>
      {frozen && (
        <div className="bank-deadlock" data-testid="live-waitfor" data-run={record.n}>
          <h3>Wait-for graph of the frozen run</h3>
          <p>
            Each arrow goes from a thread to the thread holding the lock it waits for.{' '}
            {r.deadlock.cycle
              ? 'The dashed arrows close a cycle: nobody in it can ever go on.'
              : 'No cycle: a thread waits for a lock its holder never gave back.'}{' '}
            The page noticed that no lock had changed hands for a moment and stopped the workers;
            you can run again.
          </p>
          <WaitForGraph deadlock={r.deadlock} />
        </div>
      )}
    </>
  );
}
