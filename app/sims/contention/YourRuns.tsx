import { TableScroll } from '../../components/TableScroll.tsx';
import type { RunRecord } from '../../lesson/useLessonSession.ts';
import { readBank } from '../../../workers/contention/bank.ts';

const n = (x: number) => x.toLocaleString('en');
const signed = (x: number) => (x > 0 ? `+${n(x)}` : n(x));

/**
 * The learner's last Runs of the code in the editor, read as a bank: the total (must stay 0), the
 * transfers committed against those made, and the retries. What "see" means in this lesson.
 */
export function YourRuns({ runs }: { runs: readonly RunRecord[] }) {
  const shown = runs.filter((r) => r.result.status === 'ok').slice(-5);
  if (shown.length === 0) {
    return (
      <p className="panel-sub" data-testid="your-runs">
        Run your code: every run of it appears here as a bank statement (the total must stay 0).
      </p>
    );
  }
  return (
    <section className="your-runs" aria-labelledby="your-runs-title" data-testid="your-runs">
      <h3 id="your-runs-title">Your code&apos;s runs, as bank statements</h3>
      <TableScroll label="Your runs">
        <table className="outcomes">
          <thead>
            <tr>
              <th scope="col">Run</th>
              <th scope="col">Threads × transfers, accounts</th>
              <th scope="col">Bank total</th>
              <th scope="col">Committed</th>
              <th scope="col">Retries</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => {
              if (r.result.status !== 'ok') return null;
              const accounts = r.params.accounts ?? 2;
              const made = r.threads * (r.params.transfers ?? 0);
              const bank = readBank(r.result.memory, accounts);
              return (
                <tr key={r.n}>
                  <th scope="row">{r.n}</th>
                  <td>
                    {r.threads} × {n(r.params.transfers ?? 0)}, {accounts}
                  </td>
                  <td className={bank.total === 0 ? undefined : 'verdict bad'}>
                    {bank.total === 0
                      ? '✓ 0'
                      : `✗ ${signed(bank.total)} (money ${bank.total > 0 ? 'created' : 'lost'})`}
                  </td>
                  <td>
                    {n(bank.commits)} of {n(made)}
                  </td>
                  <td>{n(bank.retries)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}
