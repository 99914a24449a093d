import { useMemo, useState } from 'react';
import './sleep.css';
import type { SimProps } from '../registry.ts';
import { Progress, useJob } from '../../components/useJob.tsx';
import { TableScroll } from '../../components/TableScroll.tsx';
import { measureSpinVsSleep } from '../../../workers/sleep/client.ts';
import {
  CONTENTION_DEFAULTS,
  type ContentionResult,
  type Measurement,
} from '../../../workers/sleep/contention.ts';
import { describeContention, rangeText, type Comparison } from '../../../workers/sleep/findings.ts';

const LOCKER_CHOICES = [1, 2, 4, 8, 12, 15];

/** What was measured, with the code and setup it belongs to (an edit makes it visibly stale). */
interface Measured {
  code: string;
  cores: number;
  result: ContentionResult;
}

export default function SleepSim({ session }: SimProps) {
  const [lockers, setLockers] = useState(8);
  const job = useJob<Measured>();
  const m = job.result;

  const start = () => {
    const code = session.code;
    const cores = session.cores;
    void job.run(async (signal, onProgress) => ({
      code,
      cores,
      result: await measureSpinVsSleep({
        source: code,
        lockers,
        ...CONTENTION_DEFAULTS,
        signal,
        onProgress,
      }),
    }));
  };

  return (
    <div className="sleep-sim">
      <div className="panel-head">
        <h2>Spin or sleep?</h2>
        <p className="panel-sub">
          Threads take the lock over and over for {CONTENTION_DEFAULTS.windowMs} ms: first behind a
          spinlock, then behind <strong>your</strong> <code>lock</code>/<code>unlock</code>,{' '}
          {CONTENTION_DEFAULTS.repetitions} times each, alternating. One more thread, the{' '}
          <em>bystander</em>, never takes the lock: it just works, and counts how much it gets done.
          Your browser reports <strong>{session.cores} cores</strong>.
        </p>
      </div>
      <div className="toolbar">
        <label className="inline-select">
          Threads taking the lock{' '}
          <select value={lockers} onChange={(e) => setLockers(Number(e.target.value))}>
            {LOCKER_CHOICES.map((n) => (
              <option key={n} value={n}>
                {n}
                {n + 1 > session.cores ? ` (${n + 1} threads > ${session.cores} cores)` : ''}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="primary" onClick={start} disabled={job.running}>
          {job.running ? 'Measuring…' : 'Measure spin vs sleep'}
        </button>
      </div>
      <Progress value={job.progress} label="Measuring spin vs sleep" onCancel={job.cancel} />
      {job.error && <p className="console-line error">✗ {job.error}</p>}
      {m && m.code !== session.code && (
        <p className="stale-note" data-testid="sleep-stale">
          Below is what your previous code did. Press Measure to see this version.
        </p>
      )}
      {m ? (
        <Result measured={m} />
      ) : (
        !job.running && (
          <p className="empty">
            Predict first: with more threads than cores, which lock gets more done, and which leaves
            the bystander more CPU? Then press Measure.
          </p>
        )
      )}
    </div>
  );
}

function Result({ measured }: { measured: Measured }) {
  const r = measured.result;
  const findings = useMemo(
    () => (r.ok ? describeContention(r.measurements, r.lockers, measured.cores) : null),
    [r, measured.cores],
  );
  if (!r.ok)
    return (
      <p className="console-line error" data-testid="sleep-problem">
        ✗ {r.message}
      </p>
    );
  return (
    <>
      <div className="sleep-facts" role="status" data-testid="sleep-findings">
        {findings!.sentences.map((s) => (
          <p key={s}>{s}</p>
        ))}
      </div>
      <Bars
        title="Lock rounds per ms (all lock-taking threads together)"
        c={findings!.rounds}
        testId="sleep-rounds"
      />
      <Bars
        title="Bystander work per ms (chunks; it never takes the lock)"
        c={findings!.bystander}
        testId="sleep-bystander"
      />
      <Table measurements={r.measurements} lockers={r.lockers} />
    </>
  );
}

/** Two bars (median) with the min–max range as text: the numbers are on screen, not only lengths. */
function Bars({ title, c, testId }: { title: string; c: Comparison; testId: string }) {
  const top = Math.max(c.spin.max, c.sleep.max, 1e-9);
  const rows = [
    { label: 'Spinlock', r: c.spin, wins: c.winner === 'spin' },
    { label: 'Your lock', r: c.sleep, wins: c.winner === 'sleep' },
  ];
  return (
    <figure className="sleep-bars" data-testid={testId}>
      <figcaption>{title}: median, and the range over the runs.</figcaption>
      {rows.map(({ label, r, wins }) => (
        <div key={label} className="sleep-bar-row">
          <span className="sleep-bar-label">{label}</span>
          <span className="sleep-bar-track" aria-hidden="true">
            <span
              className={`sleep-bar${label === 'Spinlock' ? ' spin' : ''}`}
              style={{ width: `${Math.max(1, (100 * r.median) / top)}%` }}
            />
          </span>
          <span className="sleep-bar-value">
            {rangeText({ min: r.median, max: r.median, median: r.median })}{' '}
            <small>({rangeText(r)})</small>
            {wins && <span className="sleep-more"> more in every run</span>}
          </span>
        </div>
      ))}
    </figure>
  );
}

function Table({ measurements, lockers }: { measurements: Measurement[]; lockers: number }) {
  return (
    <details className="measurements">
      <summary>Every run as a table</summary>
      <TableScroll label="Spin vs sleep runs">
        <table className="outcomes">
          <caption className="visually-hidden">
            Each run of {lockers} lock-taking threads and a bystander
          </caption>
          <thead>
            <tr>
              <th scope="col">Run</th>
              <th scope="col">Lock</th>
              <th scope="col">Rounds</th>
              <th scope="col">Rounds per ms</th>
              <th scope="col">Bystander per ms</th>
              <th scope="col">Failed spins</th>
              <th scope="col">Wall time</th>
            </tr>
          </thead>
          <tbody>
            {measurements.map((x, i) => (
              <tr key={i}>
                <td>{i + 1}</td>
                <td>{x.kind === 'spin' ? 'Spinlock' : 'Your lock'}</td>
                <td>{x.rounds.toLocaleString('en')}</td>
                <td>{x.roundsPerMs.toFixed(2)}</td>
                <td>{x.bystanderRate.toFixed(2)}</td>
                <td>{x.kind === 'spin' ? x.spins.toLocaleString('en') : '—'}</td>
                <td>{x.wallMs.toFixed(0)} ms</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </details>
  );
}
