import { TableScroll } from '../../components/TableScroll.tsx';
import type { LearnerPoint } from './learner-runs.ts';

/**
 * The learner's Runs of the code in the editor, per thread count: the measurement the lesson asks
 * for ("measure it on 1 and 2 threads"), as a speedup over their own 1-thread runs.
 */
export function YourRuns({ points, cores }: { points: LearnerPoint[]; cores: number }) {
  if (points.length === 0) {
    return (
      <p className="panel-sub" data-testid="your-runs">
        Run your code on 1 thread and on 2 (Run 20× gives a steadier median): its speedup appears
        here and on the chart.
      </p>
    );
  }
  const two = points.find((p) => p.threads === 2 && p.speedup !== null);
  return (
    <section className="your-runs" aria-labelledby="your-runs-title" data-testid="your-runs">
      <h3 id="your-runs-title">Your code&apos;s runs</h3>
      <TableScroll label="Your runs">
        <table className="outcomes">
          <thead>
            <tr>
              <th scope="col">Threads</th>
              <th scope="col">Runs</th>
              <th scope="col">Median time</th>
              <th scope="col">Speedup over 1 thread</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.threads}>
                <th scope="row">
                  {p.threads}
                  {p.threads > cores ? ' (more than cores)' : ''}
                </th>
                <td>{p.runs}</td>
                <td>{p.medianMs.toFixed(1)} ms</td>
                <td>{p.speedup === null ? 'run on 1 thread first' : p.speedup.toFixed(2)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {two && (
        <p>
          On 2 threads your code is{' '}
          {two.speedup! >= 1
            ? `${two.speedup!.toFixed(2)}× as fast as`
            : `${(1 / two.speedup!).toFixed(2)}× slower than`}{' '}
          on 1 (medians of your Runs; a busy machine moves these, so compare runs made together).
        </p>
      )}
    </section>
  );
}
