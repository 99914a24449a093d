import { useEffect, useRef } from 'react';
import type { LessonSession } from '../lesson/useLessonSession.ts';
import {
  checkFinished,
  embedEvent,
  postToParent,
  runFinished,
  type EmbedEvent,
  type EmbedPanes,
} from './events.ts';

const framed = () => window.parent !== window;

/**
 * Tells the framing page (if any) what happens in this lesson: ready, each finished run, each
 * finished Check, completion. It only watches the session's state, so the lesson page and its
 * session know nothing of embedding.
 */
export function useEmbedEvents(
  session: LessonSession,
  panes: EmbedPanes | 'full',
  send: (e: EmbedEvent) => void = postToParent,
) {
  const { lesson } = session;
  const slug = lesson.slug;

  useEffect(() => {
    if (!framed()) return;
    send(
      embedEvent(slug, {
        type: 'ready',
        title: lesson.title,
        panes,
        transport: session.transport,
        cores: session.cores,
      }),
    );
    // Once per lesson body: the page is ready when it first shows.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Runs: each record the session adds (its `n` counts up) is one finished run.
  const lastRun = useRef(0);
  const latest = session.runs.at(-1);
  useEffect(() => {
    if (!latest || latest.n <= lastRun.current) return;
    const from = lastRun.current;
    lastRun.current = latest.n;
    if (!framed()) return;
    // Run 20× may add several records before this effect runs: each gets its event, in order.
    for (const r of session.runs.filter((x) => x.n > from)) {
      const res = r.result;
      if (res.status === 'cancelled') continue;
      send(
        embedEvent(
          slug,
          runFinished(
            r.n,
            r.threads,
            r.params,
            res.status === 'compile-error'
              ? res
              : {
                  status: res.status,
                  memory: res.memory,
                  wallMs: res.wallMs,
                  overlaps: res.overlaps,
                  transport: res.transport,
                  message:
                    res.status === 'timeout' || res.status === 'deadlock'
                      ? res.message
                      : res.status === 'error'
                        ? res.error.message
                        : undefined,
                },
          ),
        ),
      );
    }
  }, [latest, session.runs, slug, send]);

  // Checks: the end of a Check is `checking` going from true to false.
  const wasChecking = useRef(false);
  const completedBefore = useRef(session.completed);
  useEffect(() => {
    if (session.checking && !wasChecking.current) completedBefore.current = session.completed;
    if (!session.checking && wasChecking.current && framed()) {
      const body = checkFinished((session.checks ?? []).map((c) => c.state));
      send(embedEvent(slug, body));
      if (body.outcome === 'passed')
        send(embedEvent(slug, { type: 'lesson-completed', firstTime: !completedBefore.current }));
    }
    wasChecking.current = session.checking;
  }, [session.checking, session.checks, session.completed, slug, send]);
}
