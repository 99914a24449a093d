import { useDeferredValue, useMemo, useState } from 'react';
import type { SimProps } from '../registry.ts';
import { measureContention, type ContentionResult } from '../../../workers/contention/client.ts';
import { describeContention } from '../../../workers/contention/findings.ts';
import { Progress, useJob } from '../../components/useJob.tsx';
import { ContentionCharts, rowsOf } from './Charts.tsx';
import { ContentionTable } from './Table.tsx';
import { YourRuns } from './YourRuns.tsx';
import './contention.css';

/** Few accounts = every transfer collides; 10,000 = almost none do. Log steps. */
const ACCOUNTS = [2, 5, 20, 100, 1000, 10_000];
const REPETITIONS = 3;

export default function ContentionSim({ session }: SimProps) {
  const [workers, setWorkers] = useState(8);
  const [waitUs, setWaitUs] = useState(200);
  const job = useJob<ContentionResult>();
  const r = job.result;
  const findings = useMemo(() => (r ? describeContention(r) : null), [r]);
  // recharts is slow to redraw on a busy machine: draw the charts in an interruptible transition.
  const rows = useDeferredValue(useMemo(() => (r ? rowsOf(r) : []), [r]));

  const start = () =>
    void job.run((signal, onProgress) =>
      measureContention({
        accounts: ACCOUNTS,
        workers,
        waitUs,
        work: 3,
        durationMs: 150,
        repetitions: REPETITIONS,
        signal,
        onProgress,
      }),
    );

  return (
    <div className="contention">
      <div className="panel-head">
        <h2>Pessimistic vs optimistic, measured</h2>
        <p className="panel-sub">
          {workers} workers make random transfers for 150 ms per run, each with a {waitUs} µs round
          trip between reading and writing (a database call: a wait, not CPU). Fewer accounts, more
          collisions. Both strategies run on your {session.cores} cores, {REPETITIONS} runs per
          point.
        </p>
      </div>
      <div className="toolbar">
        <label className="inline-select">
          Workers{' '}
          <select value={workers} onChange={(e) => setWorkers(Number(e.target.value))}>
            {[2, 4, 8, 16].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-select">
          Round trip{' '}
          <select value={waitUs} onChange={(e) => setWaitUs(Number(e.target.value))}>
            {[50, 200, 1000].map((n) => (
              <option key={n} value={n}>
                {n} µs
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="primary" onClick={start} disabled={job.running}>
          {job.running ? 'Measuring…' : 'Measure'}
        </button>
      </div>
      <Progress value={job.progress} label="Measuring contention" onCancel={job.cancel} />
      {job.error && <p className="console-line error">✗ {job.error}</p>}
      {rows.length > 0 ? (
        <ContentionCharts rows={rows} />
      ) : (
        <p className="panel-sub">
          Press <strong>Measure</strong> to sweep from {ACCOUNTS[0]} to{' '}
          {ACCOUNTS.at(-1)!.toLocaleString('en')} accounts (about 20 seconds).
        </p>
      )}
      {r && findings && (
        <div className="contention-facts" role="status" data-testid="contention-facts">
          {findings.map((f) => (
            <p key={f.text} className={f.kind === 'noise' ? 'verdict bad' : undefined}>
              {f.kind === 'noise' && '⚠ '}
              {f.text}
            </p>
          ))}
        </div>
      )}
      {r && <ContentionTable result={r} />}
      <YourRuns runs={session.runs} />
    </div>
  );
}
