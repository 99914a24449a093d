// One thread of a litmus test: compiles its loop once, then runs batches when told.
import { compileThread, type ThreadLoop } from './harness.ts';
import type { FromLitmusWorker, ToLitmusWorker } from './protocol.ts';

let loop: ThreadLoop | null = null;
let views: { m: Int32Array; res: Int32Array; bar: Int32Array } | null = null;
const reply = (m: FromLitmusWorker) => postMessage(m);

addEventListener('message', (e: MessageEvent<ToLitmusWorker>) => {
  const m = e.data;
  if (m.type === 'init') {
    loop = compileThread(m.test, m.tid, m.batch, m.cores);
    views = {
      m: new Int32Array(m.memory),
      res: new Int32Array(m.results),
      bar: new Int32Array(m.barrier),
    };
    reply({ type: 'ready' });
  } else if (m.type === 'batch' && loop && views) {
    const t0 = performance.now();
    loop(views.m, views.res, views.bar, m.rounds);
    reply({ type: 'done', ms: performance.now() - t0 });
  }
});
