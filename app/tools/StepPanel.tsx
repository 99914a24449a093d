import { useEffect, useLayoutEffect, useRef } from 'react';
import type { MemoryModel, StepEvent, ThreadView } from '../../workers/explore/api.ts';
import { flushMove, moveLabel } from '../../workers/explore/types.ts';
import { StoreBufferView } from './MemoryModel.tsx';
import { describeError } from '../../workers/runtime/source-error.ts';
import type { useStepSession } from './useStepSession.ts';
import { WaitForGraph } from './WaitForGraph.tsx';

type Session = ReturnType<typeof useStepSession>;

const STATUS_ICON: Record<ThreadView['status'], string> = {
  ready: '▶',
  blocked: '⏸',
  done: '✓',
  failed: '✗',
};

export interface StepPanelProps {
  step: Session;
  /** "Lost update" goal: the counter in shared[0] should reach this; less means an update was lost. */
  expectedCounter: number | null;
  onHighlight(h: { line: number; label: string } | null): void;
  onShare(schedule: number[]): void;
  /** Whether the Step tab is on screen (the editor highlight is shown only then). */
  active: boolean;
  /** How many threads a new session starts (known before anything runs). */
  threads: number;
  /** 'tso': each thread's store buffer is drawn, with a flush button. */
  memoryModel: MemoryModel;
  /** A schedule from a shared link, shown but not run until the learner presses Replay. */
  pendingSchedule: number[] | null;
  onReplayPending(): void;
}

/** "You are the scheduler": lanes per thread, memory cells, the schedule so far. Keys 1–9 step. */
export function StepPanel({
  step,
  expectedCounter,
  onHighlight,
  onShare,
  active,
  threads,
  memoryModel,
  pendingSchedule,
  onReplayPending,
}: StepPanelProps) {
  const s = step.state;
  // Before anything has run, every thread may be asked to take its first step.
  const enabled = s ? s.enabled : Array.from({ length: threads }, (_, i) => i);

  // Highlight the line the first ready thread will run next.
  useEffect(() => {
    const next = active
      ? s?.threads.find((t) => t.status === 'ready' && t.line != null)
      : undefined;
    onHighlight(next ? { line: next.line!, label: `T${next.id}: ${next.nextText ?? ''}` } : null);
    return () => onHighlight(null);
  }, [s, onHighlight, active]);

  // A layout effect: the listener sees the state just rendered before the next key can arrive. With
  // a passive effect, a key pressed right after a step finished met the old listener (still
  // "busy") and was dropped.
  useLayoutEffect(() => {
    if (!active) return;
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (
        target?.closest('.monaco-editor, input, textarea, select') ||
        e.ctrlKey ||
        e.metaKey ||
        e.altKey
      )
        return;
      if (/^[1-9]$/.test(e.key)) {
        const tid = Number(e.key) - 1;
        if (enabled.includes(tid) && !step.busy && !pendingSchedule) {
          e.preventDefault();
          void (s ? step.step(tid) : step.begin(tid));
        }
      } else if (
        (e.key === 'z' || e.key === 'Backspace') &&
        s &&
        s.schedule.length > 0 &&
        !step.busy
      ) {
        e.preventDefault();
        void step.undo();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [s, step, active, enabled, pendingSchedule]);

  if (step.error) {
    return (
      <p className="console-line error" role="alert">
        ✗ {describeError(step.error)}
      </p>
    );
  }
  if (!s)
    return (
      <NotStarted
        threads={threads}
        busy={step.busy}
        pendingSchedule={pendingSchedule}
        onStep={(tid) => void step.begin(tid)}
        onReplay={onReplayPending}
      />
    );

  const lost = expectedCounter != null && s.done && !s.deadlock && s.memory[0] < expectedCounter;
  return (
    <div className="stepper" data-testid="stepper">
      <p className="panel-sub">
        Every thread is paused before its next shared-memory step. Choose who moves: click, or press
        the thread&apos;s number (1–9); <kbd>Z</kbd> undoes.
      </p>
      <ol className="step-lanes" aria-label="Threads">
        {s.threads.map((t) => (
          <li key={t.id} className={`step-lane ${t.status}`} data-status={t.status}>
            <button
              type="button"
              className="step-button"
              onClick={() => void step.step(t.id)}
              disabled={!s.enabled.includes(t.id) || step.busy}
              aria-keyshortcuts={t.id < 9 ? String(t.id + 1) : undefined}
            >
              Step T{t.id}
              {t.id < 9 && <kbd aria-hidden="true">{t.id + 1}</kbd>}
            </button>
            <span className="step-status">
              <span aria-hidden="true">{STATUS_ICON[t.status]}</span> {t.status}
            </span>
            <span className="step-next">
              {t.status === 'ready' && t.nextText && (
                <>
                  next: <code>{t.nextText}</code>
                  {t.line != null && <span className="muted"> (line {t.line})</span>}
                </>
              )}
              {t.status === 'blocked' && t.blockedText}
              {t.status === 'failed' &&
                t.error &&
                `${t.error.message}${t.error.line ? ` (line ${t.error.line})` : ''}`}
              {t.status === 'done' && `finished after ${t.steps} steps`}
            </span>
            {memoryModel === 'tso' && (
              <StoreBufferView
                thread={t}
                canFlush={s.enabled.includes(flushMove(t.id))}
                busy={step.busy}
                onFlush={() => void step.step(flushMove(t.id))}
              />
            )}
          </li>
        ))}
      </ol>
      <Memory memory={s.memory} events={s.events} />
      <div className="toolbar">
        <button
          type="button"
          onClick={() => void step.undo()}
          disabled={s.schedule.length === 0 || step.busy}
        >
          ↶ Undo
        </button>
        <button
          type="button"
          onClick={() => void step.restart()}
          disabled={s.schedule.length === 0 || step.busy}
        >
          Restart
        </button>
        <button
          type="button"
          onClick={() => onShare(s.schedule)}
          disabled={s.schedule.length === 0}
        >
          Share this schedule
        </button>
      </div>
      <Timeline events={s.events} length={s.schedule.length} />
      <div role="status" aria-live="polite" className="step-verdict">
        {s.deadlock && (
          <div className="verdict bad">
            <p>
              <strong>✗ Deadlock.</strong> Every unfinished thread is blocked, waiting for another:
              nobody can move, ever.
            </p>
            <WaitForGraph deadlock={s.deadlock} />
          </div>
        )}
        {s.budgetError && <p className="verdict bad">✗ {s.budgetError.message}</p>}
        {s.violations
          .filter((v) => v.kind !== 'deadlock')
          .map((v, i) => (
            <p key={i} className="verdict bad">
              ✗{' '}
              {v.kind === 'mutual-exclusion'
                ? `Threads ${v.threads.join(' and ')} are inside “${v.section}” at the same time (line ${v.line}).`
                : `Thread ${v.thread}: ${v.message}${v.line ? ` (line ${v.line})` : ''}`}
            </p>
          ))}
        {s.done && !s.deadlock && (
          <p className={`verdict ${lost ? 'win' : 'good'}`} data-testid="step-result">
            {lost
              ? `★ Lost update! The counter ended at ${s.memory[0]}, not ${expectedCounter}: one thread stored a value it had loaded before another thread's store.`
              : `✓ All threads finished. shared[0] = ${s.memory[0]}${expectedCounter != null ? ` (expected ${expectedCounter})` : ''}.`}
          </p>
        )}
      </div>
    </div>
  );
}

/**
 * The Step tab before anything has run: the threads, their buttons, and (for a shared link) the
 * schedule it carries, with what pressing will do. Opening the tab or a link runs nothing.
 */
function NotStarted({
  threads,
  busy,
  pendingSchedule,
  onStep,
  onReplay,
}: {
  threads: number;
  busy: boolean;
  pendingSchedule: number[] | null;
  onStep(tid: number): void;
  onReplay(): void;
}) {
  if (pendingSchedule) {
    const n = pendingSchedule.length;
    return (
      <div className="stepper" data-testid="stepper">
        <p className="notice" role="status" data-testid="pending-schedule">
          This link replays a {n}-step schedule. Press Replay to run it.
        </p>
        <p className="panel-sub">
          Schedule:{' '}
          <code className="schedule-text">
            {pendingSchedule.slice(0, 200).map(moveLabel).join(' ')}
            {n > 200 ? ` … and ${n - 200} more` : ''}
          </code>
        </p>
        <div className="toolbar">
          <button type="button" className="primary" onClick={onReplay} disabled={busy}>
            {busy ? 'Replaying…' : `▶ Replay ${n} steps`}
          </button>
        </div>
      </div>
    );
  }
  return (
    <div className="stepper" data-testid="stepper">
      <p className="panel-sub">
        Nothing has run yet. Choose the thread that moves first: click its Step button or press its
        number (1–9). Your code then runs until every thread is paused before its next shared-memory
        step.
      </p>
      <ol className="step-lanes" aria-label="Threads">
        {Array.from({ length: threads }, (_, id) => (
          <li key={id} className="step-lane ready" data-status="not-started">
            <button
              type="button"
              className="step-button"
              onClick={() => onStep(id)}
              disabled={busy}
              aria-keyshortcuts={id < 9 ? String(id + 1) : undefined}
            >
              Step T{id}
              {id < 9 && <kbd aria-hidden="true">{id + 1}</kbd>}
            </button>
            <span className="step-status">{busy ? 'running…' : 'not started'}</span>
            <span className="step-next" />
          </li>
        ))}
      </ol>
      <p className="muted">No steps yet. Pick a thread.</p>
    </div>
  );
}

function Memory({ memory, events }: { memory: number[]; events: StepEvent[] }) {
  const last = events.at(-1);
  const touched = last && 'index' in last ? last.index : -1;
  // Show the cells in use: up to the last cell that is non-zero or that a step touched (at least 1).
  let shown = 1;
  memory.forEach((v, i) => {
    if (v !== 0) shown = Math.max(shown, i + 1);
  });
  for (const e of events) if ('index' in e) shown = Math.max(shown, e.index + 1);
  return (
    <div className="memory" aria-label="Shared memory">
      {memory.slice(0, Math.min(shown, 16)).map((v, i) => (
        <div key={i} className={`mem-cell${i === touched ? ' touched' : ''}`}>
          <span className="mem-index">shared[{i}]</span>
          <strong>{v}</strong>
          {i === touched && <span className="visually-hidden"> (just changed or read)</span>}
        </div>
      ))}
    </div>
  );
}

function describeEvent(e: StepEvent): string {
  switch (e.kind) {
    case 'read':
      return `${e.atomic ? 'atomic ' : ''}load shared[${e.index}] → ${e.value}${e.buffered ? ' (from its own store buffer)' : ''}`;
    case 'write':
      return `${e.atomic ? 'atomic ' : ''}store shared[${e.index}] = ${e.value}${e.buffered ? ' (into its store buffer)' : ''}`;
    case 'rmw':
      return `Atomics.${e.op}(shared[${e.index}]): ${e.old} → ${e.value}`;
    case 'wait':
      return e.result === 'sleeping'
        ? `wait on shared[${e.index}]: sleeps`
        : `wait on shared[${e.index}]: value changed, goes on`;
    case 'notify':
      return `notify shared[${e.index}]${e.woken.length ? `: wakes ${e.woken.map((t) => `T${t}`).join(', ')}` : ''}`;
    case 'lock':
      return `lock(${e.mutex})`;
    case 'unlock':
      return `unlock(${e.mutex})`;
    case 'barrier':
      return e.released ? 'barrier: all arrived' : 'barrier: waits';
    case 'enter':
      return `enter “${e.section}”${e.others.length ? ` while ${e.others.map((t) => `T${t}`).join(', ')} inside!` : ''}`;
    case 'leave':
      return `leave “${e.section}”`;
    case 'call':
      return e.name;
    case 'resume':
      return `wakes from ${e.from} (${e.result})`;
    case 'flush':
      return `flush: its buffered store shared[${e.index}] = ${e.value} reaches memory`;
  }
}

function Timeline({ events, length }: { events: StepEvent[]; length: number }) {
  const list = useRef<HTMLOListElement>(null);
  // The newest step is the one to look at: keep the list (its own scroll box) scrolled to the end.
  useLayoutEffect(() => {
    const el = list.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [length]);
  if (length === 0) return <p className="muted">No steps yet. Pick a thread.</p>;
  const offset = length - events.length;
  return (
    <ol ref={list} className="timeline" aria-label="Schedule so far" start={offset + 1}>
      {events.map((e, i) => (
        <li key={offset + i} className={`tl-event t${e.thread % 8}`}>
          <span className="tl-thread">T{e.thread}</span> {describeEvent(e)}{' '}
          <span className="muted">line {e.line}</span>
        </li>
      ))}
    </ol>
  );
}
