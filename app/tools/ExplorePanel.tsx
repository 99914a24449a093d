import { useState } from 'react';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { getExploreClient } from '../../workers/explore/client.ts';
import type { ExploreResponse, Outcome } from '../../workers/explore/api.ts';
import { describeError } from '../../workers/runtime/source-error.ts';
import { moveLabel } from '../../workers/explore/types.ts';
import type { StepSettings } from './useStepSession.ts';
import { WaitForGraph } from './WaitForGraph.tsx';

export interface ExplorePanelProps {
  source: string;
  settings: StepSettings;
  expectedCounter: number | null;
  /** Opens a schedule in the Step tab. */
  onOpen(schedule: number[]): void;
}

const BAR = '#3b6fd1';

/**
 * The cells an outcome is told by: shared[0] (the lessons' counter), and any other cell whose final
 * value differs between outcomes (a litmus test's results), so two rows never read the same.
 */
function labelCells(outcomes: Outcome[]): number[] {
  const cells = [0];
  const n = outcomes[0]?.memory.length ?? 0;
  for (let c = 1; c < n; c++)
    if (outcomes.some((o) => o.memory[c] !== outcomes[0].memory[c])) cells.push(c);
  return cells;
}

/** An outcome in words; `short` (the chart's axis, a few words wide) leaves out the store-buffer note. */
function outcomeLabel(o: Outcome, cells: number[], short = false): string {
  const v = o.violations
    .map((x) =>
      x.kind === 'deadlock' ? 'deadlock' : x.kind === 'mutual-exclusion' ? 'two inside' : x.kind,
    )
    .join(', ');
  const mem = cells.map((c) => `shared[${c}] = ${o.memory[c]}`).join(', ');
  return `${mem}${v ? ` · ${v}` : ''}${o.onlyWithBuffers && !short ? ' · only with store buffers' : ''}`;
}

/**
 * What the outcome set assumes. Steps interleave whole (sequential consistency): exact for programs
 * without data races, too optimistic for plain accesses that race (store buffering on x86).
 */
/** Store-buffer mode: which outcomes no sequentially consistent schedule reaches. */
function ScComparison({ result }: { result: Extract<ExploreResponse, { ok: true }> }) {
  const c = result.scComparison;
  if (!c) return null;
  if (!c.complete)
    return (
      <span data-testid="sc-comparison">
        Explore could not finish the same code under sequential consistency ({c.stopReason}), so no
        outcome is marked as needing the buffers.
      </span>
    );
  const extra = result.outcomes.filter((o) => o.onlyWithBuffers).length;
  return (
    <span data-testid="sc-comparison">
      Under sequential consistency the same code reaches{' '}
      {extra === 0
        ? 'every one of these outcomes: none of them needs the buffers.'
        : `all but ${extra} of these outcomes (${c.schedules.toLocaleString('en')} ${c.unit} explored): ${extra === 1 ? 'that one is' : 'those are'} marked “only with store buffers”.`}
    </span>
  );
}

function MemoryModelNote({
  result,
  onOpen,
}: {
  result: Extract<ExploreResponse, { ok: true }>;
  onOpen(schedule: number[]): void;
}) {
  const races = result.dataRaces;
  if (result.model === 'x86-TSO store buffers')
    return (
      <p className="panel-sub" data-testid="memory-model">
        Assumes {result.model}: plain stores may wait in their thread&apos;s buffer, so other
        threads can see them late (x86). ARM and the JavaScript memory model allow even more
        outcomes than these.
        {races.length > 0 &&
          ` ${races.length} data race${races.length === 1 ? '' : 's'} (plain accesses to one cell that nothing orders, first on shared[${races[0].cell}]): use Atomics for them.`}{' '}
        <ScComparison result={result} />
      </p>
    );
  if (races.length === 0)
    return (
      <p className="panel-sub" data-testid="memory-model">
        Assumes {result.model}: each step happens whole, in one order all threads agree on. No data
        race was seen, so real hardware gives no other outcomes.
      </p>
    );
  return (
    <div className="verdict warn" data-testid="memory-model" role="note">
      <p>
        ⚠ <strong>Data race{races.length === 1 ? '' : 's'}.</strong> These outcomes assume{' '}
        {result.model}; real hardware can produce more; use Atomics for these accesses.
      </p>
      <ul className="race-list">
        {races.slice(0, 6).map((d, i) => (
          <li key={i}>
            shared[{d.cell}]: line {d.lines[0]} (thread {d.threads[0]}, {d.accesses[0]}) and line{' '}
            {d.lines[1]} (thread {d.threads[1]}, {d.accesses[1]}), not ordered by a lock, barrier or
            Atomics operation.{' '}
            <button type="button" className="link" onClick={() => onOpen(d.schedule)}>
              Open in Step
            </button>
          </li>
        ))}
        {races.length > 6 && <li>… and {races.length - 6} more.</li>}
      </ul>
    </div>
  );
}

/** "Explore every interleaving": outcomes with counts, one example schedule each, violations. */
export function ExplorePanel({ source, settings, expectedCounter, onOpen }: ExplorePanelProps) {
  const [result, setResult] = useState<ExploreResponse | null>(null);
  const [running, setRunning] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [reduction, setReduction] = useState<'por' | 'none'>('none');
  // What the shown result was explored from: after an edit it describes earlier code.
  const [exploredFrom, setExploredFrom] = useState<string | null>(null);
  const key = JSON.stringify([source, settings]);

  const explore = async () => {
    setRunning(true);
    setFailure(null);
    try {
      setResult(await getExploreClient().explore(source, { ...settings, reduction }));
      setExploredFrom(key);
    } catch (e) {
      setResult(null);
      setFailure(e instanceof Error ? e.message : String(e));
    } finally {
      setRunning(false);
    }
  };

  const r = result?.ok ? result : null;
  // "Lost update" only for a counter: its sequential schedule reaches the expected count and
  // nothing exceeds it. Other code (a flag test, a learner's experiment) has no count to lose.
  const counterLike =
    expectedCounter != null &&
    !!r &&
    r.outcomes.some((o) => o.memory[0] === expectedCounter) &&
    r.outcomes.every((o) => o.memory[0] <= expectedCounter);
  const cells = r ? labelCells(r.outcomes) : [0];
  return (
    <div className="explorer" data-testid="explorer">
      <p className="panel-sub">
        Runs your code under every possible order of the threads&apos; shared-memory steps (
        {settings.threads} threads), re-running from the start for each choice.
      </p>
      <div className="toolbar">
        <button type="button" className="primary" onClick={() => void explore()} disabled={running}>
          {running ? 'Exploring…' : 'Explore all interleavings'}
        </button>
        {running && (
          <button type="button" className="cancel" onClick={() => getExploreClient().cancel()}>
            ■ Cancel
          </button>
        )}
        <fieldset className="radio-row">
          <legend className="visually-hidden">Counting</legend>
          <label>
            <input
              type="radio"
              name="reduction"
              checked={reduction === 'none'}
              onChange={() => setReduction('none')}
            />{' '}
            count every schedule
          </label>
          <label>
            <input
              type="radio"
              name="reduction"
              checked={reduction === 'por'}
              onChange={() => setReduction('por')}
            />{' '}
            skip equivalent orders
          </label>
        </fieldset>
      </div>
      {result && exploredFrom !== key && (
        <p className="stale-note" data-testid="explore-stale">
          Below is what Explore found for your previous code or settings. Press Explore to see this
          version.
        </p>
      )}
      {failure && (
        <p className="console-line error" role="alert">
          ✗ {failure}
        </p>
      )}
      {result && !result.ok && (
        <p className="console-line error" role="alert">
          ✗ {describeError(result.error)}
        </p>
      )}
      {r && (
        <div role="status" aria-live="polite">
          <p className="explore-stats" data-testid="explore-stats">
            {r.complete ? '✓ Complete: ' : '⚠ Stopped early: '}
            {r.stats.schedules.toLocaleString('en')} {r.unit} explored
            {r.reduction === 'none' ? '' : ' (one schedule run per class)'}, {r.outcomes.length}{' '}
            distinct outcome{r.outcomes.length === 1 ? '' : 's'}
            {r.stats.pruned > 0
              ? `, ${r.stats.pruned.toLocaleString('en')} branches cut as equivalent`
              : ''}
            , in {r.stats.ms.toFixed(0)} ms.
            {r.stopReason && ` ${r.stopReason.charAt(0).toUpperCase()}${r.stopReason.slice(1)}.`}
          </p>
          <MemoryModelNote result={r} onOpen={onOpen} />
          {r.error && (
            <p className="verdict bad">
              ✗ {r.error.message}
              {r.error.line ? ` (line ${r.error.line})` : ''}.{' '}
              <button type="button" className="link" onClick={() => onOpen(r.error!.schedule)}>
                Open that schedule in Step
              </button>
            </p>
          )}
          {r.outcomes.length > 0 && (
            <figure className="chart">
              <figcaption>
                {r.reduction === 'none' ? 'Schedules' : 'Classes of equivalent schedules'} reaching
                each final state
              </figcaption>
              <div className="chart-box">
                <ResponsiveContainer
                  width="100%"
                  height={Math.max(120, 40 + 34 * r.outcomes.length)}
                >
                  <BarChart
                    data={r.outcomes.map((o) => ({
                      label: outcomeLabel(o, cells, true),
                      schedules: o.schedules,
                    }))}
                    layout="vertical"
                    margin={{ left: 8, right: 24 }}
                  >
                    <CartesianGrid strokeDasharray="3 3" horizontal={false} />
                    <XAxis type="number" allowDecimals={false} tick={{ fontSize: 11 }} />
                    <YAxis type="category" dataKey="label" width={170} tick={{ fontSize: 12 }} />
                    <Tooltip />
                    <Bar dataKey="schedules" fill={BAR} isAnimationActive={false} />
                  </BarChart>
                </ResponsiveContainer>
              </div>
            </figure>
          )}
          <table className="outcomes" data-testid="outcomes">
            <caption className="visually-hidden">Outcomes</caption>
            <thead>
              <tr>
                <th scope="col">Final state</th>
                <th scope="col">{r.reduction === 'none' ? 'Schedules' : 'Classes'}</th>
                <th scope="col">Example</th>
              </tr>
            </thead>
            <tbody>
              {r.outcomes.map((o, i) => {
                const lost =
                  counterLike && o.violations.length === 0 && o.memory[0] < expectedCounter!;
                return (
                  <tr key={i} data-value={o.memory[0]} data-count={o.schedules}>
                    <td>
                      {outcomeLabel(o, cells)}
                      {lost && <span className="tag bad"> lost update</span>}
                    </td>
                    <td>{o.schedules.toLocaleString('en')}</td>
                    <td>
                      <button type="button" className="link" onClick={() => onOpen(o.example)}>
                        {/* The name starts with what is seen (speech-input users say it). */}
                        {o.example.map(moveLabel).join(' ')}
                        <span aria-hidden="true"> ↗</span>
                        <span className="visually-hidden">
                          : open this schedule, reaching {outcomeLabel(o, cells)}, in Step mode
                        </span>
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {r.violations.map((v, i) => (
            <div key={i} className="verdict bad">
              <p>
                ✗{' '}
                <strong>
                  {v.kind === 'deadlock'
                    ? 'Deadlock'
                    : v.kind === 'mutual-exclusion'
                      ? 'Mutual exclusion broken'
                      : v.kind === 'assert'
                        ? 'Assertion failed'
                        : 'Error'}
                </strong>{' '}
                in {v.count.toLocaleString('en')} {r.unit}, first found with {v.preemptions}{' '}
                preemption{v.preemptions === 1 ? '' : 's'}.{' '}
                {v.kind === 'mutual-exclusion' &&
                  `Threads ${v.threads.join(' and ')} inside “${v.section}” at once (line ${v.line}).`}
                {(v.kind === 'assert' || v.kind === 'error') &&
                  `${v.message}${v.line ? ` (line ${v.line})` : ''}.`}{' '}
                <button type="button" className="link" onClick={() => onOpen(v.schedule)}>
                  Open in Step
                </button>
              </p>
              {v.kind === 'deadlock' && <WaitForGraph deadlock={v} />}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
