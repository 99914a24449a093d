import { TableScroll } from '../../components/TableScroll.tsx';
import { useState } from 'react';
import { getRingClient } from '../../../workers/ring/client.ts';
import { nodeList } from '../../../workers/ring/ring.ts';
import type { RebalanceResult } from '../../../workers/ring/api.ts';
import { Progress, useJob } from '../../components/useJob.tsx';
import { pct } from './format.ts';
import { Choice, HASHES, KEY_CHOICES, keysLabel } from './controls.tsx';

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
