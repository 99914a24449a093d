import { useMemo, useRef, useState } from 'react';
import type { LessonMeta } from '../../lessons/format.ts';
import { storage } from '../lib/storage.ts';
import { progress, useProgress } from '../lib/progress.ts';
import {
  clearAll,
  clearLesson,
  collectSnapshot,
  damagedRecords,
  fileName,
  MAX_FILE_CHARS,
  mergeSnapshot,
  readFile,
  replaceSnapshot,
  toFile,
  type Snapshot,
} from '../lib/progress-file.ts';
import { ConfirmDialog } from './ConfirmDialog.tsx';
import './progress.css';

type Question = { kind: 'lesson'; slug: string; title: string } | { kind: 'all' };
type Message = { kind: 'ok' | 'refused'; text: string; undo?: Snapshot };

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/**
 * "Your progress": what is saved in this browser, per lesson; reset one lesson or all (after a
 * question); export everything to a file and import it on another computer. An import that is
 * refused changes nothing; one that is accepted can be undone.
 */
export function ProgressPanel({ lessons }: { lessons: LessonMeta[] }) {
  const slugs = useMemo(() => lessons.map((l) => l.slug), [lessons]);
  const { completed } = useProgress();
  // Storage is read on every render (a few small records); `setChanges` re-renders after this
  // panel wrote to it.
  const [, setChanges] = useState(0);
  const saved = collectSnapshot(storage, slugs).lessons;
  const damaged = damagedRecords(storage, slugs);
  const [question, setQuestion] = useState<Question | null>(null);
  const [message, setMessage] = useState<Message | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const anything = Object.keys(completed).length > 0 || Object.keys(saved).length > 0;

  const changed = () => {
    progress.refresh();
    setChanges((n) => n + 1);
  };

  const exportFile = () => {
    const now = new Date();
    const snapshot = collectSnapshot(storage, slugs);
    const url = URL.createObjectURL(
      new Blob([toFile(snapshot, now)], { type: 'application/json' }),
    );
    const a = document.createElement('a');
    a.href = url;
    a.download = fileName(now);
    document.body.append(a);
    a.click();
    a.remove();
    // The download has its own copy by the next task.
    setTimeout(() => URL.revokeObjectURL(url), 0);
    setMessage({
      kind: 'ok',
      text:
        `Exported ${a.download}: ${plural(Object.keys(snapshot.completed).length, 'lesson')} completed ` +
        `and your code in ${plural(Object.keys(snapshot.lessons).length, 'lesson')}. ` +
        'On another computer, open this page and choose Import.',
    });
  };

  const importFile = async (file: File | undefined) => {
    if (!file) return;
    const text =
      file.size > MAX_FILE_CHARS * 4 ? 'x'.repeat(MAX_FILE_CHARS + 1) : await file.text();
    const r = readFile(text, slugs);
    if (!r.ok) {
      setMessage({ kind: 'refused', text: `${file.name}: ${r.message}` });
      return;
    }
    const before = collectSnapshot(storage, slugs);
    mergeSnapshot(storage, r.snapshot);
    changed();
    const skipped =
      r.skipped.length > 0 ? ` Skipped (damaged or unknown): ${r.skipped.join('; ')}.` : '';
    setMessage({
      kind: 'ok',
      text: `Imported ${file.name}: ${r.summary}.${skipped}`,
      undo: before,
    });
  };

  const confirm = () => {
    if (!question) return;
    if (question.kind === 'lesson') {
      clearLesson(storage, question.slug);
      setMessage({
        kind: 'ok',
        text: `${question.title} is reset: its code, settings and completion mark are gone.`,
      });
    } else {
      clearAll(storage, slugs);
      setMessage({ kind: 'ok', text: 'All progress in this browser is cleared.' });
    }
    setQuestion(null);
    changed();
  };

  return (
    <section className="panel progress-panel" aria-labelledby="progress-heading">
      <div className="panel-head">
        <h2 id="progress-heading">Your progress</h2>
        <p className="panel-sub">
          {storage.persistent
            ? 'Kept in this browser. To move it to another computer, export it to a file and import it there.'
            : 'This browser blocks storage here, so progress lasts only while the page is open: export it to keep it.'}
        </p>
      </div>
      {damaged.length > 0 && (
        <p className="notice warn" role="status" data-testid="progress-damaged">
          Some saved progress in this browser is damaged and is left out here and from an export:{' '}
          {damaged.join('; ')}. Everything else is kept.
        </p>
      )}
      <ul className="progress-list">
        {lessons.map((l) => {
          const done = completed[l.slug] !== undefined;
          const code = saved[l.slug] !== undefined;
          return (
            <li key={l.slug} data-testid={`progress-${l.slug}`}>
              <span className="progress-title">{l.title}</span>
              <span className={done ? 'progress-state done' : 'progress-state'}>
                {done ? '✓ Completed' : code ? 'Started: your code is saved' : 'Not started'}
                {done && code ? ' · your code is saved' : ''}
              </span>
              {(done || code) && (
                <button
                  type="button"
                  className="link"
                  aria-label={`Reset ${l.title}…`}
                  onClick={() => setQuestion({ kind: 'lesson', slug: l.slug, title: l.title })}
                >
                  Reset…
                </button>
              )}
            </li>
          );
        })}
      </ul>
      <div className="toolbar">
        <button type="button" onClick={exportFile}>
          Export to a file
        </button>
        <button type="button" onClick={() => fileInput.current?.click()}>
          Import from a file…
        </button>
        <input
          ref={fileInput}
          type="file"
          accept=".json,application/json"
          hidden
          data-testid="import-file"
          onChange={(e) => {
            const input = e.currentTarget;
            void importFile(input.files?.[0]).finally(() => {
              input.value = ''; // the same file can be chosen again
            });
          }}
        />
        <span className="toolbar-gap" />
        <button type="button" disabled={!anything} onClick={() => setQuestion({ kind: 'all' })}>
          Clear all progress…
        </button>
      </div>
      {message && (
        <div
          className={message.kind === 'refused' ? 'notice warn' : 'notice'}
          role={message.kind === 'refused' ? 'alert' : 'status'}
          data-testid="progress-message"
        >
          {message.text}
          {message.undo && (
            <>
              {' '}
              <button
                type="button"
                className="link"
                onClick={() => {
                  replaceSnapshot(storage, slugs, message.undo!);
                  changed();
                  setMessage({
                    kind: 'ok',
                    text: 'The import is undone: your progress is as it was.',
                  });
                }}
              >
                Undo import
              </button>
            </>
          )}
        </div>
      )}
      {question && (
        <ConfirmDialog
          title={question.kind === 'lesson' ? `Reset ${question.title}?` : 'Clear all progress?'}
          confirmLabel={question.kind === 'lesson' ? 'Reset lesson' : 'Clear everything'}
          onConfirm={confirm}
          onCancel={() => setQuestion(null)}
        >
          <p>
            {question.kind === 'lesson'
              ? 'Your code, settings and completion mark for this lesson will be gone from this browser.'
              : 'Every lesson’s code, settings and completion mark will be gone from this browser.'}{' '}
            Export to a file first to keep a copy.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
