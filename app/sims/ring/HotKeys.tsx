import { useState } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { getRingClient } from '../../../workers/ring/client.ts';
import { nodeList } from '../../../workers/ring/ring.ts';
import type { TrafficResult } from '../../../workers/ring/api.ts';
import { Progress, useJob } from '../../components/useJob.tsx';
import { pct } from './format.ts';
import { Choice } from './controls.tsx';

/** Why bounded loads did or did not keep every server under its cap of (1 + ε) × the average. */
function boundedText(r: TrafficResult): string {
  const cap = 1 + r.bounded.epsilon;
  if (r.bounded.load.maxOverMean <= cap + 1e-9)
    return `Every server stays under its cap of ${cap.toFixed(2)} × the average.`;
  const servers = r.requestLoad.values.length;
  const top = r.topKeys[0]?.share ?? 0;
  return top > cap / servers
    ? `The cap of ${cap.toFixed(2)} × the average is not met: the top key alone is ${pct(top)} of all requests, more than one server's cap (${pct(cap / servers)}), and bounded loads moves whole keys, never splits one. Smearing does split it.`
    : `The cap of ${cap.toFixed(2)} × the average is exceeded by at most one key's share: a server accepts a key while it is still under its cap.`;
}

/** Hot keys: Zipf traffic, a celebrity key, cache smearing and bounded loads. */
export function HotKeys() {
  const [celebrity, setCelebrity] = useState(0.2);
  const [k, setK] = useState(8);
  const [s, setS] = useState(1);
  const job = useJob<TrafficResult>();
  const r = job.result;
  const data = r
    ? r.ids.map((id, i) => ({
        id,
        before: r.requestLoad.values[i],
        smeared: r.smeared.load.values[i],
        bounded: r.bounded.load.values[i],
      }))
    : [];
  return (
    <div className="experiment">
      <p className="panel-sub">
        Requests follow a Zipf law (a few keys are very popular) and one celebrity key takes a share
        of everything. Smearing reads and writes the hot key as one of k copies (key#0 … key#k−1).
      </p>
      <div className="toolbar">
        <Choice<number>
          label="Celebrity share"
          value={celebrity}
          options={[0, 0.05, 0.2, 0.5]}
          onChange={setCelebrity}
          format={(v) => pct(v, 0)}
        />
        <Choice<number> label="Zipf s" value={s} options={[0.8, 1, 1.2]} onChange={setS} />
        <Choice<number>
          label="Smear copies k"
          value={k}
          options={[1, 2, 4, 8, 16]}
          onChange={setK}
        />
        <button
          type="button"
          className="primary"
          disabled={job.running}
          onClick={() =>
            void job.run((signal) =>
              getRingClient().computeTraffic({
                nodes: nodeList(10),
                vnodes: 256,
                keys: 100_000,
                s,
                celebrityShare: celebrity,
                smearCopies: k,
                epsilon: 0.25,
                signal,
              }),
            )
          }
        >
          Send the traffic
        </button>
      </div>
      <Progress value={job.progress} label="Routing requests" onCancel={job.cancel} />
      {job.error && <p className="console-line error">✗ {job.error}</p>}
      {r && (
        <>
          <figure className="chart" data-testid="hotkeys-chart">
            <figcaption>
              Requests per server: the celebrity&apos;s server carries{' '}
              {r.requestLoad.maxOverMean.toFixed(2)} × the average; smeared over k = {r.smeared.k}{' '}
              copies on {r.smeared.distinctNodes} different server
              {r.smeared.distinctNodes === 1 ? '' : 's'}: {r.smeared.load.maxOverMean.toFixed(2)} ×;
              bounded loads (ε = {r.bounded.epsilon}): {r.bounded.load.maxOverMean.toFixed(2)} ×.
            </figcaption>
            <div className="chart-box">
              <ResponsiveContainer width="100%" height={220}>
                <BarChart data={data} margin={{ top: 8, right: 8, bottom: 4, left: 0 }}>
                  <CartesianGrid strokeDasharray="3 3" vertical={false} />
                  <XAxis
                    dataKey="id"
                    tick={{ fontSize: 10 }}
                    interval={0}
                    angle={-30}
                    textAnchor="end"
                    height={44}
                  />
                  <YAxis tick={{ fontSize: 11 }} width={48} />
                  <Tooltip formatter={(v) => (typeof v === 'number' ? v.toFixed(4) : String(v))} />
                  <Legend />
                  <Bar
                    dataKey="before"
                    name="plain ring"
                    fill="#d62728"
                    isAnimationActive={false}
                  />
                  <Bar
                    dataKey="smeared"
                    name={`smeared (k=${r.smeared.k})`}
                    fill="#1f77b4"
                    isAnimationActive={false}
                  />
                  <Bar
                    dataKey="bounded"
                    name="bounded loads"
                    fill="#2ca02c"
                    isAnimationActive={false}
                  />
                </BarChart>
              </ResponsiveContainer>
            </div>
          </figure>
          <p className="small">
            Cost of smearing: {r.smeared.extraCopies} extra cop
            {r.smeared.extraCopies === 1 ? 'y' : 'ies'} to keep consistent. With k = {r.smeared.k}{' '}
            the copies land on {r.smeared.distinctNodes} server
            {r.smeared.distinctNodes === 1 ? '' : 's'} (expected{' '}
            {r.smeared.expectedDistinct.toFixed(1)}); the chance that all of them land on one server
            is {pct(r.smeared.probAllOnOneNode, 2)}
            {r.smeared.k <= 2 ? ': a small k may not spread the load at all' : ''}. Bounded loads
            moved {pct(r.bounded.displacedShare)} of the keys one step further on. {boundedText(r)}
          </p>
        </>
      )}
    </div>
  );
}
