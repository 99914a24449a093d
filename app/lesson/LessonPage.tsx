import { useEffect, useState } from 'react';
import type { LessonContent } from '../../lessons/format.ts';
import { useLessonSession } from './useLessonSession.ts';
import { CodePane } from '../code/CodePane.tsx';
import { ToolsPanel } from '../tools/ToolsPanel.tsx';
import { decodeShare } from '../lib/share.ts';
import { replaceQuery } from '../lib/route.ts';
import { LessonNav } from './LessonNav.tsx';

export function LessonPage({ lesson, query }: { lesson: LessonContent; query: URLSearchParams }) {
  const [shared, setShared] = useState<{
    code: string | null;
    schedule: number[] | null;
    notice: string | null;
  } | null>(() => (query.get('code') ? null : { code: null, schedule: null, notice: null }));
  useEffect(() => {
    const text = query.get('code');
    if (!text || shared) return;
    void decodeShare(text).then((r) => {
      setShared(
        r.ok
          ? {
              code: r.state.code,
              schedule: r.state.schedule ?? null,
              notice: r.state.schedule
                ? 'Loaded the code and the schedule from the shared link.'
                : 'Loaded the code from the shared link.',
            }
          : {
              code: null,
              schedule: null,
              notice: `Could not open the shared code: ${r.reason}. Your own code is shown instead.`,
            },
      );
      replaceQuery(lesson.slug, {});
    });
  }, [query, shared, lesson.slug]);
  if (!shared) return <p className="loading">Opening the shared link…</p>;
  return (
    <LessonBody
      lesson={lesson}
      sharedCode={shared.code}
      sharedSchedule={shared.schedule}
      notice={shared.notice}
    />
  );
}

function LessonBody({
  lesson,
  sharedCode,
  sharedSchedule,
  notice,
}: {
  lesson: LessonContent;
  sharedCode: string | null;
  sharedSchedule: number[] | null;
  notice: string | null;
}) {
  const session = useLessonSession(lesson, sharedCode);
  return (
    <div className="lesson">
      <article className="prose" aria-labelledby="lesson-title" tabIndex={0}>
        <p className="eyebrow">
          Lesson {lesson.order} · {lesson.minutes} min
        </p>
        <h1 id="lesson-title">{lesson.title}</h1>
        {notice && (
          <p className="notice" role="status">
            {notice}
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
        <ToolsPanel session={session} initialSchedule={sharedSchedule} />
        <CodePane session={session} />
      </div>
    </div>
  );
}
