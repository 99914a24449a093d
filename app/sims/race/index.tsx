import { explainRun } from '../../../lessons/check-api.ts';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { SimProps } from '../registry.ts';
import type { RunRecord } from '../../lesson/useLessonSession.ts';
import { binFinalValues, compact } from './histogram.ts';

// SVG fill attributes do not resolve CSS variables; these match --good/--bad and read on both themes.
const GOOD = '#2e9e63';
const BAD = '#d0473d';

const runsText = (n: number) => `${n} ${n === 1 ? 'run' : 'runs'}`;

const expectedOf = (r: RunRecord) => r.threads * (r.params.increments ?? 0);

export default function RaceSim({ session }: SimProps) {
  const latest = session.runs.at(-1);
  const okRuns = session.runs.filter((r) => r.result.status === 'ok');
  const last = okRuns.at(-1);
  const sameSetup = last
    ? okRuns.filter(
        (r) =>
          r.code === last.code &&
          r.threads === last.threads &&
          r.params.increments === last.params.increments,
      )
    : [];
  const lossy = sameSetup.filter(
    (r) => r.result.status === 'ok' && r.result.memory[0] !== expectedOf(r),
  ).length;

  return (
    <div className="race">
      <div className="panel-head">
        <h2>Shared counter</h2>
        <p className="panel-sub">
          {session.threads} thread{session.threads > 1 ? 's' : ''} ×{' '}
          {(session.params.increments ?? 0).toLocaleString('en')} increments, started together
          behind a barrier.
        </p>
      </div>
      {latest && latest.code !== session.code && (
        <p className="stale-note" data-testid="run-stale">
          Below is what your previous code did. Press Run to see this version.
        </p>
      )}
      {latest && latest.result.status !== 'ok' ? (
        <p className="console-line error" data-testid="run-problem">
          ✗ The last run did not finish, so there is no counter to show. {explainRun(latest.result)}
        </p>
      ) : last && last.result.status === 'ok' ? (
        <>
          <Summary record={last} />
          <Lanes record={last} />
        </>
      ) : (
        <p className="empty">
          Press Run to start the threads. Predict first: what will the counter say?
        </p>
      )}
      {sameSetup.length > 1 && (
        <figure className="chart" aria-labelledby="hist-caption">
          <figcaption id="hist-caption">
            Final counter over the last {sameSetup.length} runs of this code and setup:{' '}
            {runsText(lossy)} lost updates, {runsText(sameSetup.length - lossy)} exact.
          </figcaption>
          <Histogram runs={sameSetup} />
        </figure>
      )}
      {session.runs.length > 0 && (
        <button type="button" className="link" onClick={session.clearRuns}>
          Clear history
        </button>
      )}
    </div>
  );
}

function Summary({ record }: { record: RunRecord }) {
  if (record.result.status !== 'ok') return null;
  const expected = expectedOf(record);
  const actual = record.result.memory[0];
  const lost = expected - actual;
  return (
    <dl className="summary" data-testid="race-summary">
      <div>
        <dt>Expected</dt>
        <dd data-testid="expected">{expected.toLocaleString('en')}</dd>
      </div>
      <div>
        <dt>Actual</dt>
        <dd data-testid="actual">{actual.toLocaleString('en')}</dd>
      </div>
      <div className={lost > 0 ? 'bad' : 'good'}>
        <dt>Lost updates</dt>
        <dd data-testid="lost">
          <span aria-hidden="true">{lost > 0 ? '✗ ' : '✓ '}</span>
          {lost.toLocaleString('en')}
          {lost > 0 && <small> ({((100 * lost) / expected).toFixed(1)} %)</small>}
        </dd>
      </div>
    </dl>
  );
}

/** Each thread as a lane: when it ran, relative to the others, so the overlap is visible. */
function Lanes({ record }: { record: RunRecord }) {
  if (record.result.status !== 'ok') return null;
  const threads = record.result.threads;
  const t0 = Math.min(...threads.map((t) => t.startedAt));
  const t1 = Math.max(...threads.map((t) => t.endedAt));
  const span = Math.max(t1 - t0, 1e-3);
  // Simulated threads keep time in scheduler steps, real ones in milliseconds.
  const simulated = record.result.transport === 'simulated';
  return (
    <div
      className="lanes"
      role="img"
      aria-label={`Timeline of ${threads.length} threads over ${simulated ? `${span} steps` : `${span.toFixed(1)} ms`}`}
    >
      {threads.map((t) => (
        <div key={t.id} className="lane">
          <span className="lane-label">T{t.id}</span>
          <span className="lane-track">
            <span
              className="lane-bar"
              style={{
                left: `${(100 * (t.startedAt - t0)) / span}%`,
                width: `${Math.max(1, (100 * (t.endedAt - t.startedAt)) / span)}%`,
              }}
            />
          </span>
          <span className="lane-time">
            {simulated
              ? `${(t.endedAt - t.startedAt).toLocaleString('en')} steps`
              : `${(t.endedAt - t.startedAt).toFixed(1)} ms`}
          </span>
        </div>
      ))}
      <div className="cell-box" aria-hidden="true">
        <span>t.shared[0]</span>
        <strong>{compact(record.result.memory[0])}</strong>
      </div>
    </div>
  );
}

function Histogram({ runs }: { runs: RunRecord[] }) {
  const expected = expectedOf(runs[0]);
  const bins = binFinalValues(
    runs.map((r) => (r.result.status === 'ok' ? r.result.memory[0] : 0)),
    expected,
  );
  const reduce = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  return (
    <div className="chart-box">
      <ResponsiveContainer width="100%" height={180}>
        <BarChart data={bins} margin={{ top: 8, right: 8, bottom: 4, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" tick={{ fontSize: 11 }} interval="preserveStartEnd" />
          <YAxis
            allowDecimals={false}
            width={32}
            tick={{ fontSize: 11 }}
            label={{ value: 'runs', angle: -90, position: 'insideLeft', fontSize: 11 }}
          />
          <Tooltip formatter={(v) => [`${v} runs`, 'count']} />
          <Bar dataKey="runs" isAnimationActive={!reduce}>
            {bins.map((b) => (
              <Cell key={b.label} fill={b.exact ? GOOD : BAD} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
