import { useState } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { getRingClient } from '../../../workers/ring/client.ts';
import { nodeList, type RingNode } from '../../../workers/ring/ring.ts';
import { Progress, useJob } from '../../components/useJob.tsx';
import { Choice } from './controls.tsx';

/** Imbalance against virtual nodes per server, measured, beside the 1/√v trend of random points. */
export function VirtualNodes() {
  const [nodes, setNodes] = useState(10);
  const [weighted, setWeighted] = useState(false);
  const job = useJob<{
    points: Array<{ vnodes: number; maxOverMean: number; cv: number; theory: number }>;
    loads: Array<{ id: string; keys: number; weight: number }>;
  }>();
  const SWEEP = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512];
  const run = () =>
    job.run(async (signal, onProgress) => {
      const client = getRingClient();
      const list: RingNode[] = nodeList(nodes).map((n, i) => ({
        ...n,
        weight: weighted && i === 0 ? 2 : 1,
      }));
      const points = [];
      let loads: Array<{ id: string; keys: number; weight: number }> = [];
      for (const [i, v] of SWEEP.entries()) {
        // Before-ring statistics of a rebalance = the load of this ring (the after side is discarded).
        const r = await client.computeRebalance({
          keys: 200_000,
          vnodes: v,
          nodesBefore: list,
          nodesAfter: list,
          signal,
        });
        const perWeight = r.ring.before.values.map((x, k) => x / (list[k].weight ?? 1));
        const mean = perWeight.reduce((a, b) => a + b, 0) / perWeight.length;
        const sd = Math.sqrt(perWeight.reduce((a, b) => a + (b - mean) ** 2, 0) / perWeight.length);
        points.push({
          vnodes: v,
          maxOverMean: Math.max(...perWeight) / mean,
          cv: sd / mean,
          theory: 1 / Math.sqrt(v),
        });
        if (v === 256)
          loads = r.idsBefore.map((id, k) => ({
            id,
            keys: r.ring.before.values[k],
            weight: list[k].weight ?? 1,
          }));
        onProgress({ done: i + 1, total: SWEEP.length });
      }
      return { points, loads };
    });
  const r = job.result;
  return (
    <div className="experiment">
      <p className="panel-sub">
        One point per server gives arcs of very different lengths; many points per server average
        them out. Measured on 200,000 keys for each count.
      </p>
      <div className="toolbar">
        <Choice<number>
          label="Servers"
          value={nodes}
          options={[5, 10, 20, 50]}
          onChange={setNodes}
        />
        <label className="inline-select">
          <input
            type="checkbox"
            checked={weighted}
            onChange={(e) => setWeighted(e.target.checked)}
          />{' '}
          node-00 is twice as big (twice the points)
        </label>
        <button type="button" className="primary" disabled={job.running} onClick={() => void run()}>
          Measure 1 … 512 points per server
        </button>
      </div>
      <Progress value={job.progress} label="Measuring" onCancel={job.cancel} />
      {job.error && <p className="console-line error">✗ {job.error}</p>}
      {r && (
        <>
          <figure className="chart" data-testid="vnodes-chart">
            <figcaption>
              Imbalance falls as points grow: busiest ÷ average from{' '}
              {r.points[0].maxOverMean.toFixed(2)} (1 point) to{' '}
              {r.points.at(-1)!.maxOverMean.toFixed(3)} (512 points).
            </figcaption>
            <div className="chart-box">
              <ResponsiveContainer width="100%" height={220}>
                <LineChart data={r.points} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis
                    dataKey="vnodes"
                    scale="log"
                    domain={[1, 512]}
                    type="number"
                    ticks={SWEEP}
                    tick={{ fontSize: 11 }}
                    label={{
                      value: 'points per server',
                      position: 'insideBottom',
                      offset: -2,
                      fontSize: 11,
                    }}
                  />
                  <YAxis tick={{ fontSize: 11 }} width={36} />
                  <Tooltip formatter={(v) => (typeof v === 'number' ? v.toFixed(3) : String(v))} />
                  <Legend />
                  <Line
                    dataKey="maxOverMean"
                    name="busiest ÷ average (measured)"
                    stroke="#d62728"
                    strokeWidth={2}
                    dot={{ r: 3 }}
                    isAnimationActive={false}
                  />
                  <Line
                    dataKey="cv"
                    name="std dev ÷ mean (measured)"
                    stroke="#1f77b4"
                    strokeWidth={2}
                    dot={{ r: 3, strokeDasharray: '' }}
                    isAnimationActive={false}
                  />
                  <Line
                    dataKey="theory"
                    name="1/√points (random arcs)"
                    stroke="#7f7f7f"
                    strokeDasharray="5 4"
                    dot={false}
                    isAnimationActive={false}
                  />
                </LineChart>
              </ResponsiveContainer>
            </div>
          </figure>
          <figure className="chart">
            <figcaption>
              Keys per server with 256 points each{weighted ? ' (node-00 has weight 2)' : ''}
            </figcaption>
            <div className="chart-box">
              <ResponsiveContainer width="100%" height={180}>
                <BarChart data={r.loads} margin={{ top: 8, right: 8, bottom: 4, left: 0 }}>
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
                  <Tooltip />
                  <Bar dataKey="keys" fill="#3b6fd1" isAnimationActive={false} />
                </BarChart>
              </ResponsiveContainer>
            </div>
          </figure>
        </>
      )}
    </div>
  );
}
