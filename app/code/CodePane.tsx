import { useState } from 'react';
import type { LessonSession } from '../lesson/useLessonSession.ts';
import { LazyEditor } from '../editor/LazyEditor.tsx';
import { RunSettings } from './RunSettings.tsx';
import { ConsoleView } from './ConsoleView.tsx';
import { ChecksView } from './ChecksView.tsx';
import { encodeShare } from '../lib/share.ts';
import { hrefFor } from '../lib/route.ts';

export function CodePane({ session }: { session: LessonSession }) {
  const [hints, setHints] = useState(0);
  const [shareNote, setShareNote] = useState<string | null>(null);
  const { lesson } = session;
  const busy = session.running || session.checking;
  const lastRun = session.runs.at(-1);

  const share = async () => {
    const url = new URL(window.location.href);
    url.hash = hrefFor(lesson.slug, { code: await encodeShare({ code: session.code }) });
    try {
      await navigator.clipboard.writeText(url.href);
      setShareNote('Link copied to the clipboard.');
    } catch {
      window.history.replaceState(null, '', url);
      setShareNote('The address bar now holds a link to this code: copy it from there.');
    }
  };

  return (
    <section className="panel code" aria-labelledby="code-title">
      <div className="panel-head">
        <h2 id="code-title">Your code</h2>
        <p className="panel-sub">Runs once in every thread. Ctrl/⌘ + Enter runs it.</p>
      </div>
      <p className="goal">
        <strong>Goal{session.completed ? ' (done ✓)' : ''}:</strong>{' '}
        {/* Our own Markdown, rendered at build time. */}
        <span dangerouslySetInnerHTML={{ __html: lesson.goalHtml }} />
      </p>
      <RunSettings session={session} />
      <div className="toolbar" role="toolbar" aria-label="Code actions">
        <button
          type="button"
          className="primary"
          onClick={() => void session.run(1)}
          disabled={busy}
          aria-keyshortcuts="Control+Enter"
        >
          {session.running ? 'Running…' : '▶ Run'}
        </button>
        {lesson.repeatRuns && (
          <button type="button" onClick={() => void session.run(20)} disabled={busy}>
            Run 20×
          </button>
        )}
        <button
          type="button"
          className="check"
          onClick={() => void session.check()}
          disabled={busy}
        >
          {session.checking ? 'Checking…' : '✓ Check'}
        </button>
        {busy && (
          <button type="button" className="cancel" onClick={session.cancel}>
            ■ Cancel
          </button>
        )}
        {session.runProgress && (
          <span className="run-progress" role="status">
            Run {session.runProgress.done + 1} of {session.runProgress.total}
          </span>
        )}
        <span className="toolbar-gap" />
        <button
          type="button"
          onClick={() => setHints((h) => Math.min(lesson.hints.length, h + 1))}
          disabled={hints >= lesson.hints.length}
        >
          Hint{lesson.hints.length > 0 ? ` (${hints}/${lesson.hints.length})` : ''}
        </button>
        <button type="button" onClick={session.reset} disabled={busy}>
          Reset
        </button>
        <button type="button" onClick={session.showSolution} disabled={busy}>
          Solution
        </button>
        <button type="button" onClick={() => void share()}>
          Share
        </button>
      </div>
      {shareNote && (
        <p className="share-note" role="status">
          {shareNote}
        </p>
      )}
      {hints > 0 && (
        <ol className="hints" aria-label="Hints">
          {/* Our own Markdown, rendered at build time (lessons are trusted content). */}
          {lesson.hintsHtml.slice(0, hints).map((h, i) => (
            <li key={i} dangerouslySetInnerHTML={{ __html: h }} />
          ))}
        </ol>
      )}
      <p className="editor-keys muted" id="editor-keys">
        In the editor, <kbd>Tab</kbd> indents. To leave it with the keyboard, press <kbd>Ctrl</kbd>+
        <kbd>M</kbd> (on a Mac <kbd>Ctrl</kbd>+<kbd>Shift</kbd>+<kbd>M</kbd>), then <kbd>Tab</kbd>;
        the same keys turn indenting back on.
      </p>
      <LazyEditor
        path={lesson.slug}
        value={session.code}
        onChange={session.setCode}
        errors={session.errors}
        highlight={session.highlight}
        onRun={() => void session.run(1)}
        label={`Code for the lesson ${lesson.title}. Press Ctrl+M, then Tab, to move focus out of the editor.`}
      />
      {lastRun && lastRun.code !== session.code && !busy && (
        <p className="stale-note" data-testid="output-stale">
          The output below is from your previous code. Run again to see this version&apos;s.
        </p>
      )}
      <ConsoleView
        lines={session.consoleLines}
        busy={
          session.running ? 'Running your code…' : session.checking ? 'Checking your code…' : null
        }
      />
      {session.checks && (
        <ChecksView
          rows={session.checks}
          busy={session.checking}
          round={session.checkRound}
          stale={session.checksStale}
        />
      )}
    </section>
  );
}
