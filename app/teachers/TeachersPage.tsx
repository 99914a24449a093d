import { useId } from 'react';
import type { LessonContent } from '../../lessons/format.ts';
import { hrefFor } from '../lib/route.ts';
import { embedSnippet, siteBase } from '../embed/snippet.ts';
import { CopyButton } from '../embed/CopyButton.tsx';
import { ThreadsTable } from './ThreadsTable.tsx';
import { EventsTable } from './EventsTable.tsx';
import { scormCourseHref, scormLessonHref } from './scorm-links.ts';
import './teachers.css';

/** `#/teachers`: what each lesson teaches, how to put it in a course page, where threads are real. */
export default function TeachersPage({ lessons }: { lessons: LessonContent[] }) {
  const base = siteBase(window.location);
  const titleOf = (slug: string) => lessons.find((l) => l.slug === slug)?.title ?? slug;
  return (
    <div className="teachers">
      <h1>For teachers</h1>
      <p className="teachers-lead">
        Every lesson can go into a course page you do not control (Canvas, Moodle, a wiki, slides)
        as an <code>&lt;iframe&gt;</code> showing the simulation, the code, or both. Copy a snippet
        below, or press <strong>Embed</strong> on a lesson to choose panes and size with a live
        preview. To record completion in an LMS gradebook, upload a lesson&apos;s SCORM 1.2 package
        instead.
      </p>
      <h2 id="lessons-title">Lessons</h2>
      <ol className="teacher-lessons" aria-labelledby="lessons-title">
        {lessons.map((l) => (
          <li key={l.slug}>
            <LessonEntry
              lesson={l}
              base={base}
              prerequisites={l.prerequisites.map((p) => ({ slug: p, title: titleOf(p) }))}
            />
          </li>
        ))}
      </ol>
      {/* SCORM: the whole course as one package, built beside the per-lesson ones. */}
      <p className="scorm-course">
        The whole course as one SCORM 1.2 package:{' '}
        <a href={scormCourseHref()} download>
          interleave-course.zip
        </a>
      </p>

      <h2 id="threads-title">Where threads are real</h2>
      <p>
        Real threads need a cross-origin isolated page. Where a frame cannot be isolated, the lesson
        runs on <strong>simulated threads</strong> (one worker switching between threads at random
        points: the races are real, the cores are not), says so, and its{' '}
        <em>Open in Interleave ↗</em> link opens the lesson in its own tab with real threads and the
        learner&apos;s code.
      </p>
      <ThreadsTable />

      <h2 id="events-title">For course page developers: what the frame reports</h2>
      <p>
        A framed lesson posts small messages to the page around it (version 1): check{' '}
        <code>event.origin</code>, then read <code>event.data</code>. They carry a lesson name and
        counts, never the learner&apos;s code, and are sent to any origin because a lesson cannot
        know its host.
      </p>
      <EventsTable />
    </div>
  );
}

function LessonEntry({
  lesson,
  base,
  prerequisites,
}: {
  lesson: LessonContent;
  base: string;
  prerequisites: Array<{ slug: string; title: string }>;
}) {
  const id = useId();
  const snippet = embedSnippet({
    base,
    slug: lesson.slug,
    title: lesson.title,
    panes: 'both',
    size: 'medium',
  });
  return (
    <article className="teacher-lesson" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>
        <a href={hrefFor(lesson.slug)}>
          {lesson.order}. {lesson.title}
        </a>
      </h3>
      <p>{lesson.summary}</p>
      <dl className="teacher-facts">
        <dt>Goal</dt>
        {/* Our own Markdown, rendered at build time. */}
        <dd dangerouslySetInnerHTML={{ __html: lesson.goalHtml }} />
        <dt>Time</dt>
        <dd>about {lesson.minutes} minutes</dd>
        <dt>Concepts</dt>
        <dd>{lesson.concepts.join(', ')}</dd>
        <dt>Do first</dt>
        <dd>
          {prerequisites.length === 0
            ? 'nothing: it can be a first lesson'
            : prerequisites.map((p, i) => (
                <span key={p.slug}>
                  {i > 0 && ', '}
                  <a href={hrefFor(p.slug)}>{p.title}</a>
                </span>
              ))}
        </dd>
        <dt>Threads</dt>
        <dd>
          {lesson.needs === 'shared'
            ? 'real threads are the point; simulated threads still show the races'
            : 'the same on real and simulated threads'}
        </dd>
      </dl>
      <label htmlFor={`${id}-snippet`} className="teacher-snippet-label">
        Embed (simulation and code)
      </label>
      <textarea
        id={`${id}-snippet`}
        className="embed-snippet"
        readOnly
        rows={5}
        value={snippet}
        spellCheck={false}
      />
      <div className="teacher-actions">
        <CopyButton text={snippet} label="Copy HTML" target={`${id}-snippet`} />
        <a href={hrefFor(lesson.slug)}>Other panes and sizes: press Embed on the lesson</a>
        {/* SCORM: the per-lesson package (another part of the build writes scorm/<slug>.zip). */}
        <a href={scormLessonHref(lesson.slug)} download className="scorm-link">
          SCORM 1.2 package <span className="visually-hidden">for {lesson.title}</span>(.zip)
        </a>
      </div>
    </article>
  );
}
