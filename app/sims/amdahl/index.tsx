import { TableScroll } from '../../components/TableScroll.tsx';
import { memo, useDeferredValue, useMemo, useState } from 'react';
import {
  CartesianGrid,
  ComposedChart,
  ErrorBar,
  Legend,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Scatter,
  XAxis,
  YAxis,
} from 'recharts';
import type { SimProps } from '../registry.ts';
import { measureSweep } from '../../../workers/speedup/client.ts';
import type { SweepResult, WorkerTimeline } from '../../../workers/speedup/sweep.ts';
import type { Mode } from '../../../workers/speedup/kernel.ts';
import type { UslFit } from '../../../workers/speedup/usl-fit.ts';
import { amdahl, ceiling, gustafson, usl } from '../../../workers/speedup/theory.ts';
import { describeSweep } from '../../../workers/speedup/findings.ts';
import { Progress, useJob } from '../../components/useJob.tsx';
import { learnerSpeedups } from './learner-runs.ts';
import { YourRuns } from './YourRuns.tsx';

const MODE_LABEL: Record<Mode, string> = {
  amdahl: 'Amdahl: fixed job',
  gustafson: 'Gustafson: job grows with workers',
  contention: 'Contention: workers also share one counter',
};

export default function AmdahlSim({ session }: SimProps) {
  const [serialPct, setSerialPct] = useState(0);
  const [maxN, setMaxN] = useState(Math.min(16, Math.max(4, session.cores * 2)));
  const [mode, setMode] = useState<Mode>('amdahl');
  const job = useJob<SweepResult>();
  const r = job.result;
  const s = r ? r.options.serialFraction : serialPct / 100;
  const shownMode = r ? r.options.mode : mode;

  // What the numbers support: sentences, and the USL fit only where it means something.
  const findings = useMemo(() => (r ? describeSweep(r, session.cores) : null), [r, session.cores]);
  const fit = findings?.fit ?? null;
  // The learner's own Runs of the code in the editor, as a speedup over their 1-thread runs.
  const mine = useMemo(
    () => learnerSpeedups(session.runs, session.code),
    [session.runs, session.code],
  );
  const data = useMemo(() => {
    const top = Math.max(
      r ? Math.max(...r.points.map((p) => p.n)) : maxN,
      ...mine.filter((p) => p.speedup !== null).map((p) => p.threads),
    );
    return Array.from({ length: top }, (_, i) => {
      const n = i + 1;
      const p = r?.points.find((q) => q.n === n);
      return {
        yours: mine.find((q) => q.threads === n)?.speedup ?? undefined,
        n,
        theory: shownMode === 'gustafson' ? gustafson(s, n) : amdahl(s, n),
        usl: fit ? usl(fit.sigma, fit.kappa, n) : undefined,
        measured: p?.speedup,
        range: p ? [p.speedup - p.min, p.max - p.speedup] : undefined,
      };
    });
  }, [r, fit, mine, maxN, s, shownMode]);

  const start = () =>
    void job.run((signal, onProgress) =>
      measureSweep({
        serialFraction: serialPct / 100,
        counts: Array.from({ length: maxN }, (_, i) => i + 1),
        repetitions: 3,
        mode,
        units: 150_000,
        signal,
        onProgress,
      }),
    );
  // recharts takes ~50–100 ms to redraw on a slow machine: render it in the background (an
  // interruptible transition) so a slider drag or a finished sweep never blocks the page. Every
  // prop the chart sees is deferred: one urgent prop would redraw it at once.
  const chart = useDeferredValue(
    useMemo(() => ({ data, s, mode: shownMode, result: r, fit }), [data, s, shownMode, r, fit]),
  );
  const last = r?.points.at(-1);

  return (
    <div className="amdahl">
      <div className="panel-head">
        <h2>Speedup on your machine</h2>
        <p className="panel-sub">
          Your browser reports <strong>{session.cores} cores</strong>. Every point is the median of
          3 runs of a CPU-bound job; whiskers show min–max.
        </p>
      </div>
      <div className="toolbar">
        <label className="inline-select">
          Serial part{' '}
          <input
            type="range"
            min={0}
            max={100}
            step={5}
            value={serialPct}
            onChange={(e) => setSerialPct(Number(e.target.value))}
            aria-valuetext={`${serialPct} %`}
          />
          <output>{serialPct} %</output>
        </label>
        <label className="inline-select">
          Workers 1 to{' '}
          <select value={maxN} onChange={(e) => setMaxN(Number(e.target.value))}>
            {[2, 4, 6, 8, 12, 16].map((n) => (
              <option key={n} value={n}>
                {n}
                {n > session.cores ? ' (more than cores)' : ''}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-select">
          Workload{' '}
          <select value={mode} onChange={(e) => setMode(e.target.value as Mode)}>
            {(Object.keys(MODE_LABEL) as Mode[]).map((m) => (
              <option key={m} value={m}>
                {MODE_LABEL[m]}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="primary" onClick={start} disabled={job.running}>
          {job.running ? 'Measuring…' : 'Measure'}
        </button>
      </div>
      <Progress value={job.progress} label="Measuring speedup" onCancel={job.cancel} />
      {job.error && <p className="console-line error">✗ {job.error}</p>}
      <SpeedupChart {...chart} cores={session.cores} />
      {r && (
        <div className="amdahl-facts" role="status" data-testid="amdahl-facts">
          {r.noise.tooNoisy && <p className="verdict bad">⚠ {r.noise.reason}</p>}
          {findings?.sentences.map((f) => (
            <p key={f.text} className={f.kind === 'noise' ? 'verdict bad' : undefined}>
              {f.kind === 'noise' && '⚠ '}
              {f.text}
            </p>
          ))}
        </div>
      )}
      {r && <MeasurementTable result={r} cores={session.cores} />}
      <YourRuns points={mine} cores={session.cores} />
      {last && <CheckoutLine timeline={last.timeline} n={last.n} />}
    </div>
  );
}

/** Axis ticks from 0 to just past `top`, in round steps (0.2, 0.5, 1, 2, 5 …), at most six of them. */
function niceTicks(top: number): number[] {
  const base = 10 ** Math.floor(Math.log10(Math.max(top, 1) / 6));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * base).find((x) => Math.ceil(top / x - 1e-9) <= 6)!;
  const count = Math.max(1, Math.ceil(top / step - 1e-9));
  return Array.from({ length: count + 1 }, (_, i) => +(i * step).toFixed(6));
}

type ChartRow = {
  n: number;
  theory: number;
  usl?: number;
  measured?: number;
  range?: number[];
  yours?: number;
};

/** Every worker count up to 10; past that every second one. Always 1, the top and the cores line. */
function xTicks(top: number, cores: number): number[] {
  const step = top <= 10 ? 1 : 2;
  const ticks = new Set([1, top, ...(cores <= top ? [cores] : [])]);
  for (let n = step; n <= top; n += step) ticks.add(n);
  return [...ticks].sort((a, b) => a - b);
}

/** Memoised: progress updates during a sweep must not redraw the chart (the cores are busy measuring). */
const SpeedupChart = memo(function SpeedupChart({
  data,
  s,
  mode,
  result: r,
  fit,
  cores,
}: {
  data: ChartRow[];
  s: number;
  mode: Mode;
  result: SweepResult | null;
  fit: UslFit | null;
  cores: number;
}) {
  const shownMode = mode;
  const session = { cores };
  // The 1/s ceiling, drawn when it is near enough to the curve to say something.
  const showCeiling = shownMode !== 'gustafson' && s > 0 && ceiling(s) < data.length * 1.2;
  // Headroom above the highest line, so the "1/s" label above the ceiling stays inside the plot.
  const yTicks = niceTicks(
    1.08 *
      Math.max(
        showCeiling ? ceiling(s) : 0,
        ...data.flatMap((d) => [
          d.theory,
          d.usl ?? 0,
          (d.measured ?? 0) + (d.range?.[1] ?? 0),
          d.yours ?? 0,
        ]),
      ),
  );
  const hasYours = data.some((d) => d.yours !== undefined);
  return (
    <figure className="chart" data-testid="speedup-chart">
      <figcaption>
        {shownMode === 'gustafson' ? 'Scaled speedup' : 'Speedup'} against workers:{' '}
        {shownMode === 'gustafson' ? 'Gustafson' : 'Amdahl'}&apos;s curve for s ={' '}
        {Math.round(s * 100)} %
        {shownMode !== 'gustafson' && s > 0 ? `, ceiling 1/s = ${ceiling(s).toFixed(2)}` : ''}
        {r ? ', measured points' : ' (press Measure to add your measurements)'}
        {hasYours ? ', and the speedup of your own Runs' : ''}.
      </figcaption>
      <div className="chart-box">
        <ResponsiveContainer width="100%" height={260}>
          <ComposedChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis
              dataKey="n"
              type="number"
              domain={[1, 'dataMax']}
              ticks={xTicks(data.length, session.cores)}
              interval={0}
              allowDecimals={false}
              tick={{ fontSize: 11 }}
              label={{ value: 'workers', position: 'insideBottom', offset: -4, fontSize: 11 }}
            />
            <YAxis tick={{ fontSize: 11 }} width={36} ticks={yTicks} domain={[0, yTicks.at(-1)!]} />
            {/* Below the plot: on top it covered the "1/s" label on a phone. */}
            <Legend verticalAlign="bottom" wrapperStyle={{ paddingTop: 14 }} />
            <ReferenceLine
              x={session.cores}
              stroke="#8a5a00"
              strokeDasharray="4 3"
              label={{
                value: `${session.cores} cores`,
                position: 'insideTopRight',
                fontSize: 11,
                fill: '#8a5a00',
              }}
            />
            {showCeiling && (
              <ReferenceLine
                y={ceiling(s)}
                stroke="#7f7f7f"
                strokeDasharray="2 4"
                label={{
                  value: `1/s = ${ceiling(s).toFixed(1)}`,
                  position: 'insideBottomRight',
                  fontSize: 11,
                }}
              />
            )}
            <Line
              dataKey="theory"
              name={shownMode === 'gustafson' ? 'Gustafson (theory)' : 'Amdahl (theory)'}
              stroke="#3b6fd1"
              strokeWidth={2}
              dot={false}
              isAnimationActive={false}
            />
            {/* Always mounted (empty until measured): mounting series costs recharts far more than new data. */}
            <Line
              dataKey="usl"
              name={
                fit ? `USL fit (σ ${fit.sigma.toFixed(3)}, κ ${fit.kappa.toFixed(4)})` : 'USL fit'
              }
              legendType={fit ? 'line' : 'none'}
              stroke="#2ca02c"
              strokeDasharray="6 3"
              dot={false}
              isAnimationActive={false}
            />
            <Scatter
              dataKey="measured"
              name="measured (median, min–max)"
              legendType={r ? 'diamond' : 'none'}
              fill="#d62728"
              shape="diamond"
              isAnimationActive={false}
            >
              <ErrorBar dataKey="range" width={6} stroke="#d62728" direction="y" />
            </Scatter>
            {/* Mounted only with points: recharts draws a symbol for every row of an empty series. */}
            {hasYours && (
              <Scatter
                data={data.filter((d) => d.yours !== undefined)}
                dataKey="yours"
                name="your code's Runs"
                fill="#6a3d9a"
                shape="circle"
                isAnimationActive={false}
              />
            )}
          </ComposedChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
});

/**
 * The numbers behind the chart, for keyboards and screen readers (and instead of a hover tooltip,
 * which costs recharts ~40 ms per redraw on a slow machine).
 */
function MeasurementTable({ result, cores }: { result: SweepResult; cores: number }) {
  const gustafsonMode = result.options.mode === 'gustafson';
  return (
    <details className="measurements">
      <summary>Measurements as a table</summary>
      <TableScroll label="Measurements">
        <table className="outcomes">
          <caption className="visually-hidden">Measured speedup per worker count</caption>
          <thead>
            <tr>
              <th scope="col">Workers</th>
              <th scope="col">Median time</th>
              <th scope="col">{gustafsonMode ? 'Scaled speedup' : 'Speedup'} (min–max)</th>
              <th scope="col">Theory</th>
              <th scope="col">Efficiency</th>
            </tr>
          </thead>
          <tbody>
            {result.points.map((p) => (
              <tr key={p.n}>
                <th scope="row">
                  {p.n}
                  {p.n > cores ? ' (more than cores)' : ''}
                </th>
                <td>{p.medianMs.toFixed(0)} ms</td>
                <td>
                  {p.speedup.toFixed(2)} ({p.min.toFixed(2)}–{p.max.toFixed(2)})
                </td>
                <td>{p.theory.toFixed(2)}</td>
                <td>{Math.round(100 * p.efficiency)} %</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </details>
  );
}

/**
 * The mall's checkout line, from one real run: each worker's time as shoppers (parallel work),
 * at the till (serial work, worker 0 only) or queuing (waiting at the barrier). A playhead replays it.
 */
function CheckoutLine({ timeline, n }: { timeline: WorkerTimeline[]; n: number }) {
  const end = Math.max(...timeline.map((w) => w.parallelEnd));
  const pct = (t: number) => `${(100 * t) / end}%`;
  const serialMs = timeline[0].serialEnd - timeline[0].start;
  return (
    <figure className="checkout" aria-labelledby="checkout-caption">
      <figcaption id="checkout-caption">
        The checkout line, {n} workers, one run ({end.toFixed(0)} ms): worker 0 spends{' '}
        {serialMs.toFixed(0)} ms at the till while the others queue.
      </figcaption>
      <ul className="checkout-legend" aria-hidden="true">
        <li>
          <span className="seg serial" /> at the till (serial)
        </li>
        <li>
          <span className="seg wait" /> queuing (barrier)
        </li>
        <li>
          <span className="seg parallel" /> shopping (parallel)
        </li>
      </ul>
      <div className="checkout-rows" key={end}>
        {timeline.map((w) => (
          <div className="checkout-row" key={w.id}>
            <span className="lane-label">W{w.id}</span>
            <span
              className="checkout-track"
              role="img"
              aria-label={`Worker ${w.id}: serial ${(w.serialEnd - w.start).toFixed(0)} ms, waiting ${(w.barrierLeft - w.serialEnd).toFixed(0)} ms, parallel ${(w.parallelEnd - w.barrierLeft).toFixed(0)} ms`}
            >
              <span
                className="seg serial"
                style={{ left: pct(w.start), width: pct(w.serialEnd - w.start) }}
              />
              <span
                className="seg wait"
                style={{ left: pct(w.serialEnd), width: pct(w.barrierLeft - w.serialEnd) }}
              />
              <span
                className="seg parallel"
                style={{ left: pct(w.barrierLeft), width: pct(w.parallelEnd - w.barrierLeft) }}
              />
            </span>
          </div>
        ))}
        <span className="playhead" aria-hidden="true" />
      </div>
    </figure>
  );
}
