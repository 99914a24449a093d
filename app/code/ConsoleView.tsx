import type { ConsoleLine } from '../lesson/useLessonSession.ts';
import { boundLines } from './bound.ts';

const ICON: Record<ConsoleLine['kind'], string> = { info: 'ℹ', error: '✗', log: '›', success: '✓' };

export function ConsoleView({ lines }: { lines: ConsoleLine[] }) {
  return (
    <div
      className="console"
      role="log"
      // Not live: hundreds of log lines would drown a screen reader; CodePane announces a summary.
      aria-live="off"
      aria-label="Output"
      data-testid="console"
    >
      {lines.length === 0 ? (
        <p className="console-empty">Output appears here when you run your code.</p>
      ) : (
        // Bounded again here: the console never trusts its caller with the size of its output.
        boundLines(lines).map((l, i) => (
          <p key={i} className={`console-line ${l.kind}`}>
            <span aria-hidden="true">{ICON[l.kind]}</span> {l.text}
          </p>
        ))
      )}
    </div>
  );
}
