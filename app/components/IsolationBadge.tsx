import { canShareMemory, reportedCores } from '../../workers/runtime/env.ts';
import { readLaunch } from '../scorm/launch.ts';

/** Says, quietly, whether threads are real (shared memory) or simulated, and why. */
export function IsolationBadge() {
  const shared = canShareMemory();
  const cores = reportedCores();
  const inFrame = window.self !== window.top;
  const title = shared
    ? `Cross-origin isolated: real SharedArrayBuffer shared by real worker threads. The browser reports ${cores} cores.`
    : `This page is not cross-origin isolated, so workers cannot share memory: threads are simulated by a scheduler in one worker.${
        inFrame
          ? ' Open the playground in its own tab for real threads.'
          : ' Reload once; if it persists, the host does not send the isolation headers.'
      }`;
  return (
    <div className="iso-badge" data-shared={shared} title={title} role="status">
      <span aria-hidden="true">{shared ? '●' : '○'}</span>{' '}
      {shared ? `Real threads · ${cores} cores` : 'Simulated threads'}
      {/* Not in a SCORM package: a new tab would leave the LMS (its progress unrecorded) and,
          with no service worker there, still have simulated threads. */}
      {!shared && inFrame && !readLaunch() && (
        <a href={window.location.href} target="_blank" rel="noopener" className="iso-open">
          Open in new tab
        </a>
      )}
    </div>
  );
}
