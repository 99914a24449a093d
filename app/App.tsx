import { lessons } from 'virtual:lessons';
import { lazy, Suspense, useEffect } from 'react';
import { useRoute, hrefFor } from './lib/route.ts';
import { Home } from './Home.tsx';
import { LessonPage } from './lesson/LessonPage.tsx';
import { IsolationBadge } from './components/IsolationBadge.tsx';
import { useProgress } from './lib/progress.ts';
import { embedPanesOf } from './embed/snippet.ts';
import { TEACHERS_SLUG } from './teachers/route.ts';
import { SkipLinks } from './components/SkipLinks.tsx';

const TeachersPage = lazy(() => import('./teachers/TeachersPage.tsx'));

export function App() {
  const route = useRoute();
  const { completed } = useProgress();
  const lesson = route.slug ? lessons.find((l) => l.slug === route.slug) : undefined;
  const teachers = !lesson && route.slug === TEACHERS_SLUG;
  useEffect(() => {
    document.title = lesson
      ? `${lesson.title} · Interleave`
      : teachers
        ? 'For teachers · Interleave'
        : 'Interleave: a concurrency playground';
  }, [lesson, teachers]);
  // Embed mode (`#/slug?embed=code`): the lesson's panes in a course page's frame, no site chrome.
  const embed = lesson ? embedPanesOf(route.query) : null;
  if (lesson && embed)
    return (
      // Labelled: a course page around the frame has a main landmark of its own.
      <main id="main" className="embed-main" aria-label={`Interleave: ${lesson.title}`}>
        <LessonPage key={lesson.slug} lesson={lesson} query={route.query} embed={embed} />
      </main>
    );
  return (
    <>
      <SkipLinks lesson={!!lesson} />
      <header className="topbar">
        <a className="brand" href={hrefFor(null)} aria-label="Interleave home">
          <svg className="brand-mark" aria-hidden="true" viewBox="0 0 32 32" width="22" height="22">
            <path
              d="M9 6v20M16 6v20M23 6v20"
              stroke="#ffd166"
              strokeWidth="3"
              strokeLinecap="round"
            />
            <path d="M6 12h20M6 20h20" stroke="#8ecae6" strokeWidth="2.5" strokeLinecap="round" />
          </svg>{' '}
          Interleave
        </a>
        <nav aria-label="Lessons" className="topnav">
          <ol>
            {lessons.map((l) => (
              <li key={l.slug}>
                <a
                  href={hrefFor(l.slug)}
                  aria-current={l.slug === lesson?.slug ? 'page' : undefined}
                >
                  {completed[l.slug] && (
                    <>
                      <span aria-hidden="true">✓ </span>
                      <span className="visually-hidden">(completed) </span>
                    </>
                  )}
                  {l.title}
                </a>
              </li>
            ))}
          </ol>
        </nav>
        <IsolationBadge />
      </header>
      <main id="main" tabIndex={-1}>
        {teachers ? (
          <Suspense fallback={<p className="loading">Loading…</p>}>
            <TeachersPage lessons={lessons} />
          </Suspense>
        ) : route.slug && !lesson ? (
          <section className="notfound">
            <h1>No lesson called “{route.slug}”</h1>
            <p>
              It may have been renamed. <a href={hrefFor(null)}>See all lessons</a>.
            </p>
          </section>
        ) : lesson ? (
          <LessonPage key={lesson.slug} lesson={lesson} query={route.query} />
        ) : (
          <Home lessons={lessons} />
        )}
      </main>
    </>
  );
}
