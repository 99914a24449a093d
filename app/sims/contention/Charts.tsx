import { memo } from 'react';
import {
  CartesianGrid,
  ComposedChart,
  ErrorBar,
  Legend,
  Line,
  ResponsiveContainer,
  XAxis,
  YAxis,
} from 'recharts';
import type { ContentionResult } from '../../../workers/contention/client.ts';

/** Line styles: colour plus dash and marker shape, so the two strategies differ without colour too. */
const PES = { stroke: '#1f5fbf', dash: undefined, dot: 'square' } as const;
const OPT = { stroke: '#b8360f', dash: '6 3', dot: 'circle' } as const;

export interface Row {
  accounts: number;
  pes: number;
  pesRange: [number, number];
  opt: number;
  optRange: [number, number];
  optRetry: number;
  pesWait: number;
  pesP50: number;
  pesP99: number;
  optP50: number;
  optP99: number;
}

export function rowsOf(r: ContentionResult): Row[] {
  return r.points.map(({ accounts, pessimistic: p, optimistic: o }) => ({
    accounts,
    pes: p.throughput,
    pesRange: [
      p.throughput - Math.min(...p.throughputs),
      Math.max(...p.throughputs) - p.throughput,
    ],
    opt: o.throughput,
    optRange: [
      o.throughput - Math.min(...o.throughputs),
      Math.max(...o.throughputs) - o.throughput,
    ],
    optRetry: 100 * o.retryRate,
    pesWait: 100 * Math.min(1, p.waitRate),
    pesP50: p.p50Us,
    pesP99: p.p99Us,
    optP50: o.p50Us,
    optP99: o.p99Us,
  }));
}

const compact = (x: number) =>
  x >= 1e6
    ? `${+(x / 1e6).toFixed(1)}M`
    : x >= 1e3
      ? `${+(x / 1e3).toFixed(1)}k`
      : `${+x.toFixed(1)}`;
const us = (x: number) => (x >= 1000 ? `${+(x / 1000).toFixed(1)}ms` : `${Math.round(x)}µs`);

function Frame({
  id,
  caption,
  rows,
  yLabel,
  yLog,
  yFormat,
  children,
}: {
  id: string;
  caption: string;
  rows: Row[];
  yLabel: string;
  yLog?: boolean;
  yFormat: (x: number) => string;
  children: React.ReactNode;
}) {
  return (
    <figure className="chart" data-testid={id}>
      <figcaption>{caption}</figcaption>
      <div className="chart-box">
        <ResponsiveContainer width="100%" height={220}>
          <ComposedChart data={rows} margin={{ top: 8, right: 12, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis
              dataKey="accounts"
              type="number"
              scale="log"
              domain={['dataMin', 'dataMax']}
              ticks={rows.map((r) => r.accounts)}
              interval={0}
              tickFormatter={compact}
              tick={{ fontSize: 11 }}
              label={{ value: 'accounts', position: 'insideBottom', offset: -4, fontSize: 11 }}
            />
            <YAxis
              tick={{ fontSize: 11 }}
              width={48}
              scale={yLog ? 'log' : 'auto'}
              domain={yLog ? ['auto', 'auto'] : [0, 'auto']}
              tickFormatter={yFormat}
              label={{ value: yLabel, angle: -90, position: 'insideLeft', fontSize: 11, dy: 40 }}
            />
            <Legend verticalAlign="bottom" wrapperStyle={{ paddingTop: 12, fontSize: 12 }} />
            {children}
          </ComposedChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}

const line = (
  key: keyof Row,
  name: string,
  s: typeof PES | typeof OPT,
  extra: { width?: number; faint?: boolean; range?: keyof Row } = {},
) => (
  <Line
    key={key}
    dataKey={key}
    name={name}
    stroke={s.stroke}
    strokeDasharray={s.dash}
    strokeWidth={extra.width ?? 2}
    strokeOpacity={extra.faint ? 0.55 : 1}
    dot={{ r: 4, fill: s.stroke, strokeWidth: 0 }}
    legendType={s.dot}
    isAnimationActive={false}
  >
    {extra.range && <ErrorBar dataKey={extra.range} width={5} stroke={s.stroke} direction="y" />}
  </Line>
);

/** Memoised: progress updates during a sweep must not redraw three charts. */
export const ContentionCharts = memo(function ContentionCharts({ rows }: { rows: Row[] }) {
  return (
    <div className="contention-charts">
      <Frame
        id="throughput-chart"
        caption="Committed transfers per second (median of the runs, whiskers min–max). Higher is better."
        rows={rows}
        yLabel="transfers/s"
        yFormat={compact}
      >
        {line('pes', 'pessimistic (locks)', PES, { range: 'pesRange' })}
        {line('opt', 'optimistic (version check)', OPT, { range: 'optRange' })}
      </Frame>
      <Frame
        id="conflict-chart"
        caption="What conflicts cost: optimistic commits that failed and were redone, and pessimistic transfers that waited for a lock."
        rows={rows}
        yLabel="% of attempts"
        yFormat={(x) => `${Math.round(x)}`}
      >
        {line('pesWait', 'pessimistic: waited', PES)}
        {line('optRetry', 'optimistic: retried', OPT)}
      </Frame>
      <Frame
        id="latency-chart"
        caption="Time per transfer, first read to commit (retries and waits included): p50 and p99, log scale."
        rows={rows}
        yLabel="per transfer"
        yLog
        yFormat={us}
      >
        {line('pesP50', 'pessimistic p50', PES)}
        {line('pesP99', 'pessimistic p99', PES, { width: 1, faint: true })}
        {line('optP50', 'optimistic p50', OPT)}
        {line('optP99', 'optimistic p99', OPT, { width: 1, faint: true })}
      </Frame>
    </div>
  );
});
