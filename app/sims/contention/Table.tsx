import { TableScroll } from '../../components/TableScroll.tsx';
import type { ContentionResult, StrategyPoint } from '../../../workers/contention/client.ts';

const n = (x: number) => Math.round(x).toLocaleString('en');
const us = (x: number) => (x >= 1000 ? `${(x / 1000).toFixed(1)} ms` : `${Math.round(x)} µs`);
const label = { pessimistic: 'pessimistic', optimistic: 'optimistic' } as const;

function Cells({ s }: { s: StrategyPoint }) {
  return (
    <>
      <td>
        {n(s.throughput)} ({n(Math.min(...s.throughputs))}–{n(Math.max(...s.throughputs))})
      </td>
      <td>{(s.attempts / Math.max(1, s.commits)).toFixed(2)}</td>
      <td>
        {s.strategy === 'optimistic'
          ? `${(100 * s.retryRate).toFixed(1)} % retried`
          : `${(100 * Math.min(1, s.waitRate)).toFixed(1)} % waited`}
      </td>
      <td>
        {us(s.p50Us)} / {us(s.p99Us)}
      </td>
      <td>{s.conserved ? `✓ ${n(s.totals[0])} every run` : `✗ ${s.totals.map(n).join(', ')}`}</td>
    </>
  );
}

/** The numbers behind the charts, for keyboards and screen readers, with the bank totals. */
export function ContentionTable({ result }: { result: ContentionResult }) {
  return (
    <details className="measurements">
      <summary>Measurements as a table</summary>
      <TableScroll label="Contention measurements">
        <table className="outcomes">
          <caption className="visually-hidden">Both strategies at every account count</caption>
          <thead>
            <tr>
              <th scope="col">Accounts</th>
              <th scope="col">Strategy</th>
              <th scope="col">Transfers/s (min–max)</th>
              <th scope="col">Attempts per transfer</th>
              <th scope="col">Conflicts</th>
              <th scope="col">p50 / p99</th>
              <th scope="col">Bank total</th>
            </tr>
          </thead>
          <tbody>
            {result.points.flatMap((p) =>
              [p.pessimistic, p.optimistic].map((s) => (
                <tr key={`${p.accounts}-${s.strategy}`}>
                  <th scope="row">{n(p.accounts)}</th>
                  <td>{label[s.strategy]}</td>
                  <Cells s={s} />
                </tr>
              )),
            )}
          </tbody>
        </table>
      </TableScroll>
    </details>
  );
}
