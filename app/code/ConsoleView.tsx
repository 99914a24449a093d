import type { ConsoleLine } from '../lesson/useLessonSession.ts';
import { boundLines, type Line } from './bound.ts';

const ICON: Record<ConsoleLine['kind'], string> = { info: 'ℹ', error: '✗', log: '›', success: '✓' };

function Row({ line }: { line: Line }) {
  return (
    <p className={`console-line ${line.kind}`}>
      <span aria-hidden="true">{ICON[line.kind]}</span> {line.text}
    </p>
  );
}

/**
 * The output of a run or a check. Bounded again here: the console never trusts its caller with the
 * size of its output. The log lines are not live (hundreds of them would drown a screen reader);
 * the closing lines (finished, stopped, checks pass …) sit in a status region that is always on
 * the page, so each run's and each check's outcome is announced once.
 */
export function ConsoleView({ lines, busy }: { lines: ConsoleLine[]; busy: string | null }) {
  const shown = boundLines(lines);
  let tail = shown.length;
  while (tail > 0 && shown[tail - 1].kind !== 'log') tail--;
  return (
    <div className="console" role="log" aria-live="off" aria-label="Output" data-testid="console">
      {lines.length === 0 && !busy && (
        <p className="console-empty">Output appears here when you run your code.</p>
      )}
      {shown.slice(0, tail).map((l, i) => (
        <Row key={i} line={l} />
      ))}
      <div role="status" data-testid="announce">
        {busy ? (
          <p className="visually-hidden">{busy}</p>
        ) : (
          shown.slice(tail).map((l, i) => <Row key={i} line={l} />)
        )}
      </div>
    </div>
  );
}
