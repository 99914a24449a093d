import { useEffect, useState, type ReactNode } from 'react';
import type { LessonSession } from '../lesson/useLessonSession.ts';
import { ToolsPanel } from '../tools/ToolsPanel.tsx';
import { CodePane } from '../code/CodePane.tsx';
import { encodeShare } from '../lib/share.ts';
import { lessonUrl, siteBase } from './snippet.ts';
import type { EmbedPanes } from './events.ts';
import './embed.css';

/**
 * A lesson in a course page's frame: the chosen panes, no site navigation, and one link that
 * opens the whole lesson in a tab of its own (real threads where a frame gets none). The link
 * carries the learner's code, since a framed page's storage is not the one a tab of its own sees.
 */
export function EmbedBody({
  session,
  panes,
  sharedSchedule,
  sharedMemoryModel,
  notices,
}: {
  session: LessonSession;
  panes: EmbedPanes;
  sharedSchedule: number[] | null;
  sharedMemoryModel?: 'tso';
  notices: ReactNode;
}) {
  const { lesson } = session;
  const open = useOpenHref(session);
  const shared = session.transport === 'shared';
  return (
    <div className={`embed embed-${panes}`} data-testid="embed">
      <div className="embed-bar">
        <h1 className="embed-title">{lesson.title}</h1>
        <span className="embed-mode" data-shared={shared}>
          <span aria-hidden="true">{shared ? '●' : '○'}</span>{' '}
          {shared ? `Real threads · ${session.cores} cores` : 'Simulated threads'}
        </span>
        <a className="embed-full" href={open} target="_blank" rel="noopener">
          Open in Interleave <span aria-hidden="true">↗</span>
          <span className="visually-hidden"> (opens a new tab)</span>
        </a>
      </div>
      {notices}
      {!shared && lesson.needs === 'shared' && (
        <p className="notice embed-notice" role="note">
          <strong>Simulated threads.</strong> This frame is not cross-origin isolated, so workers
          cannot share memory here: a scheduler switches threads at random points instead. Open in
          Interleave for real threads.
        </p>
      )}
      <div className="workbench">
        {panes !== 'code' && (
          <ToolsPanel
            session={session}
            initialSchedule={sharedSchedule}
            initialMemoryModel={sharedMemoryModel}
          />
        )}
        {panes !== 'sim' && <CodePane session={session} />}
      </div>
    </div>
  );
}

/** The full lesson's address, with the learner's code in it once it differs from the starter. */
function useOpenHref(session: LessonSession): string {
  const { lesson, code } = session;
  const plain = lessonUrl(siteBase(window.location), lesson.slug);
  const [withCode, setWithCode] = useState<{ code: string; href: string } | null>(null);
  useEffect(() => {
    if (code === lesson.starter) return;
    let live = true;
    // Encoded a moment after typing stops, not on every key.
    const id = setTimeout(() => {
      void encodeShare({ code }).then((link) => {
        if (live)
          setWithCode({
            code,
            href: lessonUrl(siteBase(window.location), lesson.slug, { code: link }),
          });
      });
    }, 400);
    return () => {
      live = false;
      clearTimeout(id);
    };
  }, [code, lesson.starter, lesson.slug]);
  return code !== lesson.starter && withCode ? withCode.href : plain;
}
