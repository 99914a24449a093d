import { lessons } from 'virtual:lessons';
import { useEffect } from 'react';
import { useRoute, hrefFor } from './lib/route.ts';
import { Home } from './Home.tsx';
import { LessonPage } from './lesson/LessonPage.tsx';
import { IsolationBadge } from './components/IsolationBadge.tsx';

export function App() {
  const route = useRoute();
  const lesson = route.slug ? lessons.find((l) => l.slug === route.slug) : undefined;
  useEffect(() => {
    document.title = lesson ? `${lesson.title} · Interleave` : 'Interleave: a concurrency playground';
  }, [lesson]);
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <a className="brand" href={hrefFor(null)} aria-label="Interleave home">
          <span aria-hidden="true" className="brand-mark">⫴</span> Interleave
        </a>
        <nav aria-label="Lessons" className="topnav">
          <ol>
            {lessons.map((l) => (
              <li key={l.slug}>
                <a href={hrefFor(l.slug)} aria-current={l.slug === lesson?.slug ? 'page' : undefined}>
                  {l.title}
                </a>
              </li>
            ))}
          </ol>
        </nav>
        <IsolationBadge />
      </header>
      <main id="main" tabIndex={-1}>
        {route.slug && !lesson ? (
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
