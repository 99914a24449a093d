import { explainRun } from '../../../lessons/check-api.ts';
import { TableScroll } from '../../components/TableScroll.tsx';
import type { RunRecord } from '../../lesson/useLessonSession.ts';
import type { SimProps } from '../registry.ts';
import { costSentence, runStats, tallySameRuns, waitingShare, type RunStats } from './stats.ts';

const fmt = (n: number) => n.toLocaleString('en');

/**
 * The lock lesson's panel: did the lock keep the counter exact, and what did waiting for it cost?
 * Spins and times come from the learner's own threads (their "lock stats" line), measured in the run.
 */
export default function LockSim({ session }: SimProps) {
  const latest = session.runs.at(-1);
  const last = session.runs.findLast((r) => r.result.status === 'ok');
  return (
    <div className="lock-sim">
      <div className="panel-head">
        <h2>The lock and the counter</h2>
        <p className="panel-sub">
          {session.threads} thread{session.threads > 1 ? 's' : ''} ×{' '}
          {fmt(session.params.increments ?? 0)} increments, each taking your lock around the
          three-step increment.
        </p>
      </div>
      {latest && latest.code !== session.code && (
        <p className="stale-note" data-testid="run-stale">
          Below is what your previous code did. Press Run to see this version.
        </p>
      )}
      {latest && latest.result.status !== 'ok' ? (
        <p className="console-line error" data-testid="run-problem">
          ✗ The last run did not finish, so there is nothing to show. {explainRun(latest.result)}
        </p>
      ) : last ? (
        <LastRun record={last} />
      ) : (
        <p className="empty">
          Press Run. Predict first: with the starter&apos;s lock, can an update still be lost?
        </p>
      )}
      {last && <History runs={session.runs} last={last} />}
      {session.runs.length > 0 && (
        <button type="button" className="link" onClick={session.clearRuns}>
          Clear history
        </button>
      )}
    </div>
  );
}

function LastRun({ record }: { record: RunRecord }) {
  if (record.result.status !== 'ok') return null;
  const r = record.result;
  const increments = record.params.increments ?? 0;
  const expected = record.threads * increments;
  const lost = expected - r.memory[0];
  const stats = runStats(r);
  const unit = r.transport === 'simulated' ? 'steps' : 'ms';
  const sentence = costSentence(stats, increments, unit);
  return (
    <>
      <dl className="summary" data-testid="lock-summary">
        <div>
          <dt>Counter</dt>
          <dd data-testid="actual">
            {fmt(r.memory[0])} <small>of {fmt(expected)}</small>
          </dd>
        </div>
        <div className={lost !== 0 ? 'bad' : 'good'}>
          <dt>Lost updates</dt>
          <dd data-testid="lost">
            <span aria-hidden="true">{lost !== 0 ? '✗ ' : '✓ '}</span>
            {fmt(lost)}
          </dd>
        </div>
        <div className={r.overlaps > 0 ? 'bad' : 'good'}>
          <dt>Two inside at once</dt>
          <dd data-testid="overlaps">
            <span aria-hidden="true">{r.overlaps > 0 ? '✗ ' : '✓ '}</span>
            {fmt(r.overlaps)} {r.overlaps === 1 ? 'time' : 'times'}
          </dd>
        </div>
      </dl>
      {stats.reported === 0 ? (
        <p className="panel-sub" data-testid="lock-stats-missing">
          No thread printed its “lock stats” line, so there are no spins or times to show. The
          starter&apos;s last line prints them.
        </p>
      ) : (
        <ThreadTable stats={stats} increments={increments} unit={unit} />
      )}
      {sentence && (
        <p data-testid="lock-cost">
          {sentence}
          {unit === 'ms' &&
            ' Times are sums of many short clock readings (the browser’s clock is coarse), so read them as shares, not to the microsecond.'}
        </p>
      )}
    </>
  );
}

function ThreadTable({
  stats,
  increments,
  unit,
}: {
  stats: RunStats;
  increments: number;
  unit: 'ms' | 'steps';
}) {
  const time = (v: number) =>
    unit === 'ms' ? `${v.toFixed(1)} ms` : `${fmt(Math.round(v))} steps`;
  return (
    <>
      <p className="panel-sub">
        Per thread: spins, and time waiting for the lock against time holding it.
      </p>
      <TableScroll label="Spins and lock time per thread">
        <table className="outcomes lock-table" data-testid="lock-stats">
          <caption className="visually-hidden">Spins and lock time per thread</caption>
          <thead>
            <tr>
              <th scope="col">Thread</th>
              <th scope="col">Spins</th>
              <th scope="col">Per acquisition</th>
              <th scope="col">Waiting</th>
              <th scope="col">Holding</th>
              <th scope="col">Waiting share</th>
            </tr>
          </thead>
          <tbody>
            {stats.threads.map(({ id, stats: s }) => {
              if (!s)
                return (
                  <tr key={id}>
                    <th scope="row">T{id}</th>
                    <td colSpan={5}>not reported</td>
                  </tr>
                );
              const share = waitingShare(s);
              return (
                <tr key={id} data-thread={id}>
                  <th scope="row">T{id}</th>
                  <td>{fmt(s.spins)}</td>
                  <td>{increments > 0 ? (s.spins / increments).toFixed(2) : '–'}</td>
                  <td>{time(s.waited)}</td>
                  <td>{time(s.held)}</td>
                  <td>
                    {share === null ? (
                      '–'
                    ) : (
                      <span className="share">
                        <span className="share-bar" aria-hidden="true">
                          <span style={{ width: `${100 * share}%` }} />
                        </span>
                        {Math.round(100 * share)} %
                      </span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}

/** Runs of the same code and setup: a broken lock fails in few real runs, so count them. */
function History({ runs, last }: { runs: RunRecord[]; last: RunRecord }) {
  const t = tallySameRuns(runs, last, 'increments');
  if (!t) return null;
  return (
    <p className={`verdict ${t.failed > 0 ? 'bad' : 'good'}`} data-testid="lock-history">
      <span aria-hidden="true">{t.failed > 0 ? '✗ ' : '✓ '}</span>
      Over the last {t.runs} runs of this code and setup, the lock failed in {t.failed}{' '}
      {t.failed === 1 ? 'run' : 'runs'}
      {t.failed > 0 &&
        ` (two threads inside at once ${fmt(t.overlaps)} ${t.overlaps === 1 ? 'time' : 'times'}, ${fmt(t.lost)} ${t.lost === 1 ? 'update' : 'updates'} lost)`}
      .{t.failed === 0 && t.runs < 20 && ' Few runs prove little: Explore tries every order.'}
    </p>
  );
}
