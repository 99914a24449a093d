import { useState } from 'react';
import { getRingClient } from '../../../workers/ring/client.ts';
import type { ComparisonResult, PublishedResult, Spread } from '../../../workers/ring/api.ts';
import { TableScroll } from '../../components/TableScroll.tsx';
import { Progress, useJob } from '../../components/useJob.tsx';
import { Choice, keysLabel } from './controls.tsx';
import { pct, rate } from './format.ts';

const COMPARE_KEYS = [100_000, 200_000, 1_000_000];
const RUNS = 3;

/** "1.043 (1.031–1.058)": the median and the range over the runs. */
function Ranged({ s, format }: { s: Spread; format: (x: number) => string }) {
  return (
    <>
      {format(s.median)}{' '}
      <span className="muted small">
        ({format(s.min)}–{format(s.max)})
      </span>
    </>
  );
}

const ratio = (x: number) => x.toFixed(3);

/** Ring, rendezvous, jump and Maglev (and modulo) on the same keys: measured, with their spread. */
export function Compare() {
  const job = useJob<ComparisonResult>();
  const [keys, setKeys] = useState(200_000);
  const r = job.result;
  return (
    <div className="experiment">
      <p className="panel-sub">
        Five ways to pick a server, measured on the same keys with 10 servers: one joins (10 → 11),
        or one leaves (10 → 9). Every number is the median of {RUNS} runs on different keys, with
        the lowest and highest in brackets.
      </p>
      <div className="toolbar">
        <Choice
          label="Keys per run"
          value={keys}
          options={COMPARE_KEYS}
          onChange={setKeys}
          format={keysLabel}
        />
        <button
          type="button"
          className="primary"
          disabled={job.running}
          onClick={() =>
            void job.run((signal, onProgress) =>
              getRingClient().computeComparison({
                nodes: 10,
                vnodes: 256,
                keys,
                runs: RUNS,
                signal,
                onProgress,
              }),
            )
          }
        >
          Measure all five
        </button>
      </div>
      <Progress value={job.progress} label="Measuring" onCancel={job.cancel} />
      {job.error && <p className="console-line error">✗ {job.error}</p>}
      {r && (
        <>
          <p className="small muted">
            {RUNS} runs × {keysLabel(keys)} keys, in {(r.ms / 1000).toFixed(1)} s. The ring has 256
            points per server; Maglev a 65,537-entry table.
          </p>
          <TableScroll label="The five placements compared">
            <table className="outcomes" data-testid="compare">
              <thead>
                <tr>
                  <th scope="col">Algorithm</th>
                  <th scope="col">Busiest ÷ average</th>
                  <th scope="col">Moved on a join</th>
                  <th scope="col">Between old servers</th>
                  <th scope="col">Moved on a leave</th>
                  <th scope="col">Lookups / s</th>
                  <th scope="col">Notes</th>
                </tr>
              </thead>
              <tbody>
                {r.rows.map((row) => (
                  <tr key={row.algorithm} data-row={row.algorithm}>
                    <th scope="row">{row.algorithm}</th>
                    <td>
                      <Ranged s={row.balance} format={ratio} />
                    </td>
                    <td>
                      <Ranged s={row.joinMoved} format={(x) => pct(x, 2)} />
                    </td>
                    <td>{row.joinBetweenOld.toLocaleString('en')}</td>
                    <td>
                      <Ranged s={row.leaveMoved} format={(x) => pct(x, 2)} />
                      <br />
                      <span className="small">had to: {pct(row.leaveMinimal.median, 2)}</span>
                    </td>
                    <td>
                      <Ranged s={row.lookupsPerSecond} format={rate} />
                    </td>
                    <td className="small">
                      {row.note} Leaving: {row.leaveWhich}.
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </>
      )}
      <Published />
    </div>
  );
}

const num = (x: number) => x.toLocaleString('en');

/** Three published results, measured again here beside what was published. */
function Published() {
  const job = useJob<PublishedResult>();
  const f = job.result;
  return (
    <section className="published" aria-labelledby="published-title">
      <h3 id="published-title">Published results, measured again</h3>
      <button
        type="button"
        disabled={job.running}
        onClick={() =>
          void job.run((signal) =>
            getRingClient().computePublished({ keys: 200_000, runs: RUNS, signal }),
          )
        }
      >
        Measure the published figures
      </button>
      <Progress value={job.progress} label="Measuring" onCancel={job.cancel} />
      {job.error && <p className="console-line error">✗ {job.error}</p>}
      {f && (
        <div data-testid="published">
          <h4>Jump hash moves 1/(n+1) of keys when a bucket is added</h4>
          <p data-testid="published-jump">
            Published (Lamping &amp; Veach): 1/{f.jump.buckets + 1} ={' '}
            <strong>{pct(f.jump.published, 2)}</strong>, all to the new bucket. Measured on{' '}
            {num(f.jump.keys)} keys, {RUNS} runs: <strong>{pct(f.jump.moved.median, 2)}</strong> (
            {pct(f.jump.moved.min, 2)}–{pct(f.jump.moved.max, 2)}; chance alone gives ±
            {pct(2 * f.jump.standardError, 2)}), {num(f.jump.strayMoves)} moved anywhere else.
          </p>
          <h4>A ring&apos;s load spread falls as 1/√(points per server)</h4>
          <p className="small muted">
            {f.ringSpread.servers} servers; spread = standard deviation ÷ mean of their shares of
            the circle, median of {f.ringSpread.rings} rings.
          </p>
          <TableScroll label="Spread of server shares by points per server">
            <table className="outcomes" data-testid="published-spread">
              <thead>
                <tr>
                  <th scope="col">Points per server</th>
                  <th scope="col">Spread, measured</th>
                  <th scope="col">1/√points</th>
                </tr>
              </thead>
              <tbody>
                {f.ringSpread.points.map((p) => (
                  <tr key={p.pointsPerServer}>
                    <td>{p.pointsPerServer}</td>
                    <td>{p.cv.median.toFixed(3)}</td>
                    <td>{(1 / Math.sqrt(p.pointsPerServer)).toFixed(3)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          <p data-testid="published-slope">
            Slope on a log–log scale: measured <strong>{f.ringSpread.slope.toFixed(2)}</strong>,
            published −0.50.
          </p>
          <h4>Maglev: balance bought with a little disruption</h4>
          <TableScroll label="Maglev against a ring: balance and disruption">
            <table className="outcomes" data-testid="published-maglev">
              <caption className="small muted">
                100 servers, {num(f.jump.keys)} keys, one server leaves. Published (Eisenbud et al.,
                Maglev): each server holds ⌊M/N⌋ or ⌈M/N⌉ entries; a leave moves a little more than
                the leaving server&apos;s keys, less so with a bigger table.
              </caption>
              <thead>
                <tr>
                  <th scope="col">Placement</th>
                  <th scope="col">Entries per server</th>
                  <th scope="col">Busiest ÷ average</th>
                  <th scope="col">Moved on a leave</th>
                  <th scope="col">Had to move</th>
                </tr>
              </thead>
              <tbody>
                {f.maglev.map((m) => (
                  <tr key={m.label}>
                    <th scope="row">{m.label}</th>
                    <td>
                      {m.slots
                        ? `${num(m.slots.min)}–${num(m.slots.max)} (⌊M/N⌋ = ${num(m.slots.floor)})`
                        : '—'}
                    </td>
                    <td>
                      <Ranged s={m.balance} format={ratio} />
                    </td>
                    <td>
                      <Ranged s={m.leaveMoved} format={(x) => pct(x, 2)} />
                    </td>
                    <td>{pct(m.leaveMinimal.median, 2)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </div>
      )}
    </section>
  );
}
