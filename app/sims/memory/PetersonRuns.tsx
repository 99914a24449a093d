import { explainRun } from '../../../lessons/check-api.ts';
import type { LessonSession, RunRecord } from '../../lesson/useLessonSession.ts';
import { tallySameRuns } from '../lock/stats.ts';

const fmt = (n: number) => n.toLocaleString('en');
const times = (n: number) => `${fmt(n)} ${n === 1 ? 'time' : 'times'}`;

/**
 * The code lesson's runs: Peterson's lock on real workers, and how often both threads were inside
 * at once (the runtime counts it at t.enter). Sentences say only what the counts show.
 */
export function PetersonRuns({ session }: { session: LessonSession }) {
  const latest = session.runs.at(-1);
  const last = session.runs.findLast((r) => r.result.status === 'ok');
  return (
    <section className="peterson-runs" aria-labelledby="peterson-runs-title">
      <h3 id="peterson-runs-title">Peterson&apos;s lock on your cores</h3>
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
          Press Run below: 2 threads take Peterson&apos;s lock around a three-step increment.
          Predict first: with plain accesses, can both be inside at once on a real processor?
        </p>
      )}
      {last && <History runs={session.runs} last={last} />}
    </section>
  );
}

function LastRun({ record }: { record: RunRecord }) {
  if (record.result.status !== 'ok') return null;
  const r = record.result;
  const rounds = record.params.rounds ?? 0;
  const expected = record.threads * rounds;
  const lost = expected - r.memory[0];
  const simulated = r.transport === 'simulated';
  return (
    <>
      <dl className="summary" data-testid="peterson-summary">
        <div>
          <dt>Counter</dt>
          <dd>
            {fmt(r.memory[0])} <small>of {fmt(expected)}</small>
          </dd>
        </div>
        <div className={r.overlaps > 0 ? 'bad' : 'good'}>
          <dt>Both inside at once</dt>
          <dd data-testid="overlaps">
            <span aria-hidden="true">{r.overlaps > 0 ? '✗ ' : '✓ '}</span>
            {times(r.overlaps)}
          </dd>
        </div>
        <div className={lost !== 0 ? 'bad' : 'good'}>
          <dt>Lost updates</dt>
          <dd>
            <span aria-hidden="true">{lost !== 0 ? '✗ ' : '✓ '}</span>
            {fmt(lost)}
          </dd>
        </div>
      </dl>
      <p data-testid="peterson-sentence">
        {simulated
          ? 'These threads were simulated one step at a time in one order, which is sequentially consistent: no store waits in a buffer here. Only real workers over shared memory show what your processor does.'
          : r.overlaps > 0
            ? `In ${fmt(rounds)} rounds per thread, both threads were inside the critical section at once ${times(r.overlaps)}: on this processor, the lock failed. Explore with store buffers shows a schedule that does it.`
            : `No overlap in this run of ${fmt(rounds)} rounds per thread. One quiet run proves little: the reordering is rare and depends on timing. Explore decides.`}
      </p>
    </>
  );
}

/** Runs of the same code and size: the count of failed runs says more than one run. */
function History({ runs, last }: { runs: RunRecord[]; last: RunRecord }) {
  const t = tallySameRuns(runs, last, 'rounds');
  if (!t) return null;
  return (
    <p className={`verdict ${t.failed > 0 ? 'bad' : 'good'}`} data-testid="peterson-history">
      <span aria-hidden="true">{t.failed > 0 ? '✗ ' : '✓ '}</span>
      Over the last {t.runs} runs of this code and size, the lock failed in {t.failed}{' '}
      {t.failed === 1 ? 'run' : 'runs'}
      {t.failed > 0 && ` (both inside ${times(t.overlaps)}, ${fmt(t.lost)} lost)`}.
    </p>
  );
}
