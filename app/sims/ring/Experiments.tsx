import { TableScroll } from '../../components/TableScroll.tsx';
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
import type { FailureResult, RebalanceResult, TrafficResult } from '../../../workers/ring/api.ts';
import { Progress, useJob } from '../../components/useJob.tsx';
import { pct } from './format.ts';

export const KEY_CHOICES = [10_000, 100_000, 1_000_000];

export function Choice<T extends number | string>({
  label,
  value,
  options,
  onChange,
  format,
}: {
  label: string;
  value: T;
  options: T[];
  onChange(v: T): void;
  format?: (v: T) => string;
}) {
  return (
    <label className="inline-select">
      {label}{' '}
      <select
        value={String(value)}
        onChange={(e) => onChange(options.find((o) => String(o) === e.target.value)!)}
      >
        {options.map((o) => (
          <option key={String(o)} value={String(o)}>
            {format ? format(o) : String(o)}
          </option>
        ))}
      </select>
    </label>
  );
}

export const keysLabel = (n: number) => n.toLocaleString('en');
const HASHES: Array<'murmur3' | 'fnv1a'> = ['murmur3', 'fnv1a'];

/** Modulo against the ring when one server joins: measured on up to a million keys. */
export function Rebalance() {
  const [nodes, setNodes] = useState(10);
  const [keys, setKeys] = useState(1_000_000);
  const [vnodes, setVnodes] = useState(256);
  const [hash, setHash] = useState<'murmur3' | 'fnv1a'>('murmur3');
  const job = useJob<RebalanceResult>();
  const r = job.result;
  return (
    <div className="experiment">
      <p className="panel-sub">
        One server joins a cluster of {nodes}. How many keys must move to a different server?
      </p>
      <div className="toolbar">
        <Choice<number>
          label="Servers"
          value={nodes}
          options={[3, 5, 10, 20, 50, 100]}
          onChange={setNodes}
        />
        <Choice<number>
          label="Keys"
          value={keys}
          options={KEY_CHOICES}
          onChange={setKeys}
          format={keysLabel}
        />
        <Choice<number>
          label="Points per server"
          value={vnodes}
          options={[1, 16, 64, 256, 512]}
          onChange={setVnodes}
        />
        <Choice<'murmur3' | 'fnv1a'>
          label="Hash"
          value={hash}
          options={HASHES}
          onChange={setHash}
          format={(h) => (h === 'fnv1a' ? 'raw FNV-1a (weak)' : 'murmur3')}
        />
        <button
          type="button"
          className="primary"
          disabled={job.running}
          onClick={() =>
            void job.run((signal, onProgress) =>
              getRingClient().computeRebalance({
                keys,
                vnodes,
                hash,
                nodesBefore: nodeList(nodes),
                nodesAfter: nodeList(nodes + 1),
                signal,
                onProgress,
              }),
            )
          }
        >
          Add server {nodes + 1} and measure
        </button>
      </div>
      <Progress value={job.progress} label="Placing keys" onCancel={job.cancel} />
      {job.error && <p className="console-line error">✗ {job.error}</p>}
      {r && (
        <>
          <TableScroll label="Keys moved when a server joins">
            <table className="outcomes" data-testid="rebalance">
              <thead>
                <tr>
                  <th scope="col">Placement</th>
                  <th scope="col">Keys moved</th>
                  <th scope="col">Theory</th>
                  <th scope="col">Moved between old servers</th>
                  <th scope="col">Busiest server ÷ average</th>
                </tr>
              </thead>
              <tbody>
                <tr data-row="ring">
                  <td>Ring ({vnodes} points each)</td>
                  <td>
                    <strong>{pct(r.ring.movedFraction)}</strong> (
                    {r.ring.moved.toLocaleString('en')})
                  </td>
                  <td>
                    1/{nodes + 1} = {pct(1 / (nodes + 1))}
                  </td>
                  <td>{r.ring.movedBetweenOld.toLocaleString('en')}</td>
                  <td>{r.ring.before.maxOverMean.toFixed(3)}</td>
                </tr>
                <tr data-row="modulo">
                  <td>hash % n</td>
                  <td>
                    <strong>{pct(r.modulo.movedFraction)}</strong> (
                    {r.modulo.moved.toLocaleString('en')})
                  </td>
                  <td>
                    {nodes}/{nodes + 1} = {pct(nodes / (nodes + 1))}
                  </td>
                  <td>{r.modulo.movedBetweenOld.toLocaleString('en')}</td>
                  <td>{r.modulo.before.maxOverMean.toFixed(3)}</td>
                </tr>
              </tbody>
            </table>
          </TableScroll>
          <p className="muted small">
            {r.keys.toLocaleString('en')} keys on {r.workers} worker{r.workers > 1 ? 's' : ''} (
            {r.transport === 'shared' ? 'shared memory' : 'copied buffers'}) in {r.ms.toFixed(0)}{' '}
            ms. On the ring every moved key went to the new server; with hash % n almost every key
            changed server, so almost every cache entry goes cold at once.
          </p>
        </>
      )}
    </div>
  );
}

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

/** Replication and failure: primaries lost, served by a replica, lost entirely, counted. */
export function Failures() {
  const [replication, setReplication] = useState(3);
  const [failedCount, setFailedCount] = useState(1);
  const job = useJob<FailureResult>();
  const nodes = nodeList(10);
  const r = job.result;
  return (
    <div className="experiment">
      <p className="panel-sub">
        Each key lives on its owner and the next R − 1 <em>different</em> servers clockwise.
        1,000,000 keys, 10 servers × 256 points; fail servers and count.
      </p>
      <div className="toolbar">
        <Choice<number>
          label="Copies (R)"
          value={replication}
          options={[1, 2, 3, 4, 5]}
          onChange={setReplication}
        />
        <Choice<number>
          label="Failed servers"
          value={failedCount}
          options={[1, 2, 3]}
          onChange={setFailedCount}
        />
        <button
          type="button"
          className="primary"
          disabled={job.running}
          onClick={() =>
            void job.run((signal, onProgress) =>
              getRingClient().computeFailure({
                keys: 1_000_000,
                vnodes: 256,
                nodes,
                failed: nodes.slice(0, failedCount).map((n) => n.id),
                replication,
                signal,
                onProgress,
              }),
            )
          }
        >
          Fail {failedCount} server{failedCount > 1 ? 's' : ''} and count
        </button>
      </div>
      <Progress value={job.progress} label="Walking replicas" onCancel={job.cancel} />
      {job.error && <p className="console-line error">✗ {job.error}</p>}
      {r && (
        <>
          <dl className="summary" data-testid="failure">
            <div>
              <dt>Primary failed</dt>
              <dd>{r.lostPrimary.toLocaleString('en')}</dd>
            </div>
            <div className="good">
              <dt>Served by a replica</dt>
              <dd>{r.servedByReplica.toLocaleString('en')}</dd>
            </div>
            <div className={r.lost > 0 ? 'bad' : 'good'}>
              <dt>Lost entirely</dt>
              <dd data-testid="lost-keys">
                <span aria-hidden="true">{r.lost > 0 ? '✗ ' : '✓ '}</span>
                {r.lost.toLocaleString('en')}
              </dd>
            </div>
          </dl>
          <TableScroll label="Replication results">
            <table className="outcomes">
              <caption className="small muted">
                The same failure ({r.failed.join(', ')}) with fewer copies
              </caption>
              <thead>
                <tr>
                  <th scope="col">R</th>
                  <th scope="col">Served by a replica</th>
                  <th scope="col">Lost</th>
                </tr>
              </thead>
              <tbody>
                {r.byReplication.map((b) => (
                  <tr key={b.replication}>
                    <td>{b.replication}</td>
                    <td>{b.servedByReplica.toLocaleString('en')}</td>
                    <td>{b.lost.toLocaleString('en')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          <p className="muted small">
            {takeoverText(r.takeover, r.lostPrimary)} Busiest live server after failover:{' '}
            {r.after.maxOverMean.toFixed(2)} × average.
          </p>
        </>
      )}
    </div>
  );
}

/** Where the failed servers' keys went: to many survivors (virtual nodes), or nowhere (no replica). */
function takeoverText(takeover: number[], lostPrimary: number): string {
  const servers = takeover.filter((x) => x > 0).length;
  if (lostPrimary === 0) return 'No key had its primary on a failed server.';
  if (servers === 0)
    return "With no replica (R = 1) nobody else holds the failed servers' keys: they are lost until the data is rebuilt.";
  return `The survivors holding a replica took over the failed servers' keys: ${servers} server${servers === 1 ? '' : 's'} share the work (virtual nodes spread a failure over many).`;
}

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
