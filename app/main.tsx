import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { readLaunch } from './scorm/launch.ts';
import './styles.css';

const render = () =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );

// A SCORM package's launch page: connect to the LMS (and restore the learner's work) first.
if (readLaunch())
  import('./scorm/boot.ts')
    .then((m) => m.bootScorm())
    .catch((e: unknown) => console.error('SCORM bridge failed to start', e))
    .finally(render);
else render();
