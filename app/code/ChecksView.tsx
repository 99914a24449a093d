import type { CheckRow } from '../lesson/useLessonSession.ts';

const LABEL: Record<CheckRow['state'], string> = {
  pending: 'waiting',
  running: 'running',
  pass: 'passed',
  fail: 'failed',
  inconclusive: 'could not decide',
};
const ICON: Record<CheckRow['state'], string> = {
  pending: '○',
  running: '◌',
  pass: '✓',
  fail: '✗',
  inconclusive: '?',
};

export function ChecksView({
  rows,
  busy,
  round,
  stale,
}: {
  rows: CheckRow[];
  busy: boolean;
  /** Which press of Check these rows belong to (data-round, for tests and tools). */
  round: number;
  /** The code changed after these checks ran. */
  stale: boolean;
}) {
  return (
    <section
      className="checks"
      aria-labelledby="checks-title"
      aria-busy={busy}
      data-testid="checks"
      data-round={round}
      data-stale={stale}
    >
      <h3 id="checks-title">Checks</h3>
      {stale && (
        <p className="checks-stale" data-testid="checks-stale">
          These results are for an earlier version of your code. Press Check to check this one.
        </p>
      )}
      <ol>
        {rows.map((r, i) => (
          <li key={i} className={`check-row ${r.state}`} data-state={r.state}>
            <span className="check-icon" aria-hidden="true">
              {ICON[r.state]}
            </span>
            <span className="check-name">
              {r.name} <span className="visually-hidden">({LABEL[r.state]})</span>
            </span>
            {r.message && <span className="check-message">{r.message}</span>}
          </li>
        ))}
      </ol>
    </section>
  );
}
