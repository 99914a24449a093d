import { TableScroll } from '../../components/TableScroll.tsx';
import { useState } from 'react';
import { getRingClient } from '../../../workers/ring/client.ts';
import { nodeList } from '../../../workers/ring/ring.ts';
import type { FailureResult } from '../../../workers/ring/api.ts';
import { Progress, useJob } from '../../components/useJob.tsx';
import { Choice } from './controls.tsx';

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
