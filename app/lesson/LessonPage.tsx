import { useEffect, useState } from 'react';
import type { LessonContent } from '../../lessons/format.ts';
import { useLessonSession } from './useLessonSession.ts';
import { CodePane } from '../code/CodePane.tsx';
import { ToolsPanel } from '../tools/ToolsPanel.tsx';
import { decodeShare } from '../lib/share.ts';
import { replaceQuery } from '../lib/route.ts';
import { LessonNav } from './LessonNav.tsx';
import type { EmbedPanes } from '../embed/events.ts';
import { useEmbedEvents } from '../embed/useEmbedEvents.ts';
import { EmbedBody } from '../embed/EmbedBody.tsx';
import { EmbedButton } from '../embed/EmbedButton.tsx';

interface Opened {
  code: string | null;
  schedule: number[] | null;
  notice: string | null;
  memoryModel?: 'tso';
}

const NO_LINK: Opened = { code: null, schedule: null, notice: null };

export function LessonPage({
  lesson,
  query,
  embed,
}: {
  lesson: LessonContent;
  query: URLSearchParams;
  /** Embed mode: only these panes, no site chrome (app/embed). */
  embed?: EmbedPanes;
}) {
  const text = query.get('code');
  // The link being (or last) handled: a new one may also be pasted into this very lesson.
  const [link, setLink] = useState<string | null>(text);
  // `n` keys the lesson body: a link that opens gets a fresh body, read as on a first visit. A link
  // that fails keeps the body (and the editor) as it is and only says why, so a bad link costs
  // no re-render of the page. While a link is decoded the current body stays on screen.
  const [opened, setOpened] = useState<{ n: number; shared: Opened } | null>(() =>
    text ? null : { n: 0, shared: NO_LINK },
  );
  if (text && text !== link) setLink(text);
  useEffect(() => {
    if (!link) return;
    let live = true;
    void decodeShare(link).then((r) => {
      if (!live) return;
      setOpened((o) =>
        r.ok
          ? {
              n: (o?.n ?? 0) + 1,
              shared: {
                code: r.state.code,
                schedule: r.state.schedule ?? null,
                memoryModel: r.state.memoryModel,
                notice: r.state.schedule
                  ? 'Loaded the code and the schedule from the shared link. Nothing has run yet: the Step tab shows the schedule.'
                  : 'Loaded the code from the shared link. Nothing has run yet.',
              },
            }
          : {
              n: o?.n ?? 0,
              shared: {
                code: null,
                schedule: null,
                notice: `Could not open the shared code: ${r.reason}. Your own code is shown instead.`,
              },
            },
      );
      replaceQuery(lesson.slug, {});
    });
    return () => {
      live = false;
    };
  }, [link, lesson.slug]);
  if (!opened) return <p className="loading">Opening the shared link…</p>;
  return (
    <LessonBody
      key={opened.n}
      lesson={lesson}
      sharedCode={opened.shared.code}
      sharedSchedule={opened.shared.schedule}
      sharedMemoryModel={opened.shared.memoryModel}
      notice={opened.shared.notice}
      embed={embed}
    />
  );
}

function LessonBody({
  lesson,
  sharedCode,
  sharedSchedule,
  sharedMemoryModel,
  notice,
  embed,
}: {
  lesson: LessonContent;
  sharedCode: string | null;
  sharedSchedule: number[] | null;
  /** A shared link's schedule was made with store buffers (Step and Explore start in that mode). */
  sharedMemoryModel?: 'tso';
  notice: string | null;
  embed?: EmbedPanes;
}) {
  const session = useLessonSession(lesson, sharedCode);
  useEmbedEvents(session, embed ?? 'full');
  if (embed) {
    const notices = (
      <>
        {notice && (
          <p className="notice" role="status" data-testid="link-notice">
            {notice}
          </p>
        )}
        {session.restoreNotice && (
          <p className="notice warn" role="alert" data-testid="restore-notice">
            {session.restoreNotice}
          </p>
        )}
      </>
    );
    return (
      <EmbedBody
        session={session}
        panes={embed}
        sharedSchedule={sharedSchedule}
        sharedMemoryModel={sharedMemoryModel}
        notices={notices}
      />
    );
  }
  return (
    <div className="lesson">
      <article className="prose" aria-labelledby="lesson-title" tabIndex={0}>
        <EmbedButton lesson={lesson} />
        <p className="eyebrow">
          Lesson {lesson.order} · {lesson.minutes} min
        </p>
        <h1 id="lesson-title">{lesson.title}</h1>
        {notice && (
          <p className="notice" role="status" data-testid="link-notice">
            {notice}
            {session.asideCode != null && (
              <>
                {' '}
                Your own code was set aside.{' '}
                <button type="button" className="link" onClick={session.bringBackOwnCode}>
                  Bring back my code
                </button>
              </>
            )}
          </p>
        )}
        {session.restoreNotice && (
          <p className="notice warn" role="alert" data-testid="restore-notice">
            {session.restoreNotice}{' '}
            <button type="button" className="link" onClick={session.dismissRestoreNotice}>
              Dismiss
            </button>
          </p>
        )}
        {session.transport === 'simulated' && lesson.needs === 'shared' && (
          <p className="notice" role="note">
            <strong>Simulated threads.</strong> This page is not cross-origin isolated, so the
            browser will not let workers share memory. Your code runs under a scheduler that
            switches threads at random points: the races are real races, just not on real cores.
            Open the playground in its own tab for real threads.
          </p>
        )}
        <div dangerouslySetInnerHTML={{ __html: lesson.html }} />
        <LessonNav lesson={lesson} />
      </article>
      <div className="workbench">
        <ToolsPanel
          session={session}
          initialSchedule={sharedSchedule}
          initialMemoryModel={sharedMemoryModel}
        />
        <CodePane session={session} />
      </div>
    </div>
  );
}
