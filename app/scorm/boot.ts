import { lessons } from 'virtual:lessons';
import { progress } from '../lib/progress.ts';
import { hrefFor, parseHash } from '../lib/route.ts';
import { startScormBridge } from './bridge.ts';
import { findScormApi } from './find-api.ts';
import { lmsBacking, readLaunch } from './launch.ts';
import './scorm.css';

/**
 * Starts the SCORM bridge on a package's launch page, before the app first renders (so the
 * learner's code from the LMS is in storage when the lesson reads it). Loaded only on scorm.html.
 */
export function bootScorm(): void {
  const launch = readLaunch();
  const backing = lmsBacking();
  if (!launch || !backing) return;
  const notice = noticeArea();
  const bridge = startScormBridge({
    api: findScormApi(window),
    launch,
    lessons: lessons.map((l) => ({ slug: l.slug, title: l.title, starter: l.starter })),
    stores: {
      getItem: (k) => backing.getItem(k),
      setItem: (k, v) => backing.setItem(k, v),
      listen: (l) => backing.listen(l),
      completed: () => progress.get().completed,
      markCompleted: (slug) => progress.markCompleted(slug),
      subscribeProgress: (l) => progress.subscribe(l),
    },
    onNotices: notice,
  });
  // Open the package's lesson (or, in the course, where the learner left off).
  if (!parseHash(location.hash).slug) {
    const slug = launch.kind === 'lesson' ? launch.slug : bridge.resumeAt;
    if (slug) history.replaceState(null, '', hrefFor(slug));
  }
  window.addEventListener('hashchange', () => bridge.visit(parseHash(location.hash).slug));
  // LMSs differ in which of these reach the frame; finish() runs once.
  window.addEventListener('pagehide', () => bridge.finish());
  window.addEventListener('beforeunload', () => bridge.finish());
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') bridge.flush();
  });
}

/** A region above the app saying what the learner must know about saving; hidden when all is well. */
function noticeArea(): (notices: string[]) => void {
  const area = document.createElement('aside');
  area.className = 'scorm-notice';
  area.setAttribute('aria-label', 'Saving to your course');
  area.dataset.testid = 'scorm-notice';
  area.hidden = true;
  // A live region inside the landmark: a notice that appears later (a save that no longer fits)
  // is announced.
  const live = document.createElement('div');
  live.setAttribute('role', 'status');
  area.append(live);
  document.body.prepend(area);
  return (notices) => {
    live.replaceChildren(
      ...notices.map((n) => {
        const p = document.createElement('p');
        p.textContent = n;
        return p;
      }),
    );
    area.hidden = notices.length === 0;
  };
}
