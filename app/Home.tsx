import type { LessonContent } from '../lessons/format.ts';
import { hrefFor } from './lib/route.ts';
import { useProgress } from './lib/progress.ts';
import { TEACHERS_SLUG } from './teachers/route.ts';
import { ProgressPanel } from './progress/ProgressPanel.tsx';

export function Home({ lessons }: { lessons: LessonContent[] }) {
  const { completed } = useProgress();
  return (
    <div className="home">
      <section className="hero">
        <h1>See concurrency happen. Then change the code that causes it.</h1>
        <p>
          Interleave runs your code on real threads (Web Workers sharing one block of memory), shows
          what they did to each other, and lets you be the scheduler. Every lesson is a simulation
          you can poke and code you can fix.
        </p>
        <p>
          <a href={hrefFor(TEACHERS_SLUG)}>For teachers</a>: put a lesson into your course page, and
          see where threads are real.
        </p>
      </section>
      <ol className="lesson-cards">
        {lessons.map((l) => (
          <li key={l.slug}>
            <a className="lesson-card" href={hrefFor(l.slug)}>
              <span className="lesson-number" aria-hidden="true">
                {String(l.order).padStart(2, '0')}
              </span>
              <span className="lesson-title">
                {l.title}
                {completed[l.slug] && <span className="done-mark"> ✓ Completed</span>}
              </span>
              <span className="lesson-summary">{l.summary}</span>
              <span className="lesson-meta">
                {l.minutes} min · {l.concepts.join(', ')}
              </span>
            </a>
          </li>
        ))}
      </ol>
      <ProgressPanel lessons={lessons} />
    </div>
  );
}
