import { lessons } from 'virtual:lessons';
import type { LessonMeta } from '../../lessons/format.ts';
import { hrefFor } from '../lib/route.ts';
import { useProgress } from '../lib/progress.ts';

/** Previous and next lesson at the end of the prose, with how far the learner has got. */
export function LessonNav({ lesson }: { lesson: LessonMeta }) {
  const { completed } = useProgress();
  const at = lessons.findIndex((l) => l.slug === lesson.slug);
  const prev = at > 0 ? lessons[at - 1] : null;
  const next = at >= 0 && at < lessons.length - 1 ? lessons[at + 1] : null;
  const done = lessons.filter((l) => completed[l.slug]).length;
  return (
    <nav className="lesson-nav" aria-label="Previous and next lesson">
      <p className="lesson-progress">
        {completed[lesson.slug]
          ? '✓ You completed this lesson: every check passed.'
          : 'Press Check when your code is ready: the lesson is complete when every check passes.'}{' '}
        {done} of {lessons.length} lessons completed.
      </p>
      <div className="lesson-nav-links">
        {prev && (
          <a href={hrefFor(prev.slug)} rel="prev">
            ← {prev.title}
          </a>
        )}
        {next && (
          <a href={hrefFor(next.slug)} rel="next" className="next">
            {next.title} →
          </a>
        )}
      </div>
    </nav>
  );
}
