import { TableScroll } from '../../components/TableScroll.tsx';
import {
  applyMask,
  findings,
  outcomeRows,
  testById,
  VERDICT_LABEL,
  VERDICT_SYMBOL,
} from './lab-model.ts';
import type { SharedResult } from './result-share.ts';

const fmt = (n: number) => n.toLocaleString('en');

function share(count: number, rounds: number): string {
  if (count === 0) return '0 %';
  const p = (100 * count) / rounds;
  return p < 0.01 ? '< 0.01 %' : `${p < 1 ? p.toFixed(2) : p.toFixed(1)} %`;
}

/**
 * One result (the learner's or a shared one): a table with one row per possible outcome, its count,
 * a bar, and what the outcome means; then the sentences the counts support.
 */
export function Outcomes({
  result,
  subject,
  id,
}: {
  result: SharedResult;
  /** "Your processor" or "That processor". */
  subject: string;
  /** Prefix of test ids and element ids: 'own' or 'shared'. */
  id: string;
}) {
  const test = applyMask(testById(result.test)!, result.atomic);
  const counts = new Map(Object.entries(result.counts));
  const rows = outcomeRows(test, counts);
  const max = Math.max(1, ...rows.map((r) => r.count));
  const said = findings(test, counts, result.rounds, subject);
  return (
    <>
      <ul className="litmus-findings" data-testid={`${id}-findings`}>
        {said.map((f) => (
          <li key={f.text} className={f.kind} data-kind={f.kind}>
            <span aria-hidden="true">
              {f.kind === 'bug' ? '✗ ' : f.kind === 'weak' ? '◆ ' : '○ '}
            </span>
            {f.text}
          </li>
        ))}
      </ul>
      <TableScroll label={`Outcomes of ${test.id}`}>
        <table className="outcomes litmus-outcomes" data-testid={`${id}-outcomes`}>
          <caption className="visually-hidden">
            Outcomes of {test.name} in {fmt(result.rounds)} rounds
          </caption>
          <thead>
            <tr>
              <th scope="col">Outcome and what it means</th>
              <th scope="col">Rounds</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr
                key={r.key}
                data-key={r.key}
                data-verdict={r.verdict}
                data-count={r.count}
                className={`${r.verdict}${r.count === 0 ? ' none' : ''}`}
              >
                <th scope="row">
                  <code>
                    {r.key.split(' ').map((part, i) => (
                      <span key={part} className="litmus-reg">
                        {i > 0 && ', '}
                        {part.replace('=', ' = ')}
                      </span>
                    ))}
                  </code>
                  <span className="litmus-verdict">
                    <span aria-hidden="true">{VERDICT_SYMBOL[r.verdict]} </span>
                    {VERDICT_LABEL[r.verdict]}
                  </span>
                  {r.interesting && (
                    <small className="litmus-asks"> the test asks about this</small>
                  )}
                </th>
                <td className="num">
                  {fmt(r.count)} <small>{share(r.count, result.rounds)}</small>
                  {/* The bar repeats the count for the eye; the number above is what is read. */}
                  <span
                    className="litmus-bar"
                    aria-hidden="true"
                    style={{ width: r.count ? `max(2px, ${(100 * r.count) / max}%)` : 0 }}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <p className="panel-sub">Each bar: its count against the most common outcome&apos;s.</p>
    </>
  );
}
