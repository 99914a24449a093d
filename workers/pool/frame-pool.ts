/**
 * A ThreadPool whose workers live in the pool frame (frame-session.ts): a heap exhausted by learner
 * code ends the frame's process instead of the tab, and the run says so. The page talks to the frame
 * with a few tagged messages and never shares memory with it.
 */
import { CANCELLED, type RunRequest, type RunResult, type ThreadPool } from './pool.ts';
import { getFrameSession, memoryMessage, type Frame, type FrameSession } from './frame-session.ts';

export { memoryMessage };

/** The frame was already dead when the run was posted: the run never started. */
const RETRY = Symbol('retry');

const failed = (stopped: 'crash' | 'memory', message: string): RunResult => ({
  status: 'error',
  stopped,
  thread: -1,
  error: { message, line: null, column: null },
  threads: [],
  memory: [],
  overlaps: 0,
  wallMs: 0,
  transport: 'shared',
});

/** A pool in the page's frame session; null when the frame cannot share memory (keep your own). */
export async function openFramePool(
  session: FrameSession | null = null,
): Promise<ThreadPool | null> {
  const s = session ?? (await getFrameSession());
  if (!s || !(await s.current())) return null;
  let seq = 0;
  const pending = new Map<number, (result: RunResult | typeof RETRY) => void>();

  s.listen((m) => {
    if (m.type === 'result') pending.get(m.id)?.(m.result);
    else if (m.type === 'failed')
      pending.get(m.id)?.(failed('crash', `The run failed: ${m.message}`));
  });

  /**
   * A run the frame answered after it was posted was running when the frame died (a heap at its
   * limit); a run posted to an already dead frame (it died just after an earlier run, say under the
   * watchdog) never started and runs again.
   */
  function runOnce(
    f: Frame,
    request: Omit<RunRequest, 'signal'>,
    signal: AbortSignal | undefined,
    retryable: boolean,
  ): Promise<RunResult | typeof RETRY> {
    const id = ++seq;
    return new Promise((settle) => {
      const finish = (result: RunResult | typeof RETRY) => {
        if (!pending.delete(id)) return;
        end();
        settle(result);
      };
      pending.set(id, finish);
      const end = s!.begin(f, (heapLimit, heardSince) =>
        finish(retryable && !heardSince ? RETRY : failed('memory', memoryMessage(heapLimit))),
      );
      signal?.addEventListener(
        'abort',
        () => {
          if (!pending.has(id)) return;
          s!.post(f, { type: 'cancel', id });
          finish(CANCELLED);
        },
        { once: true },
      );
      s!.post(f, { type: 'run', id, request });
    });
  }

  return {
    async run(req: RunRequest): Promise<RunResult> {
      const { signal, ...request } = req;
      for (let attempt = 0; ; attempt++) {
        if (signal?.aborted) return CANCELLED;
        const f = await s.current();
        if (!f) throw new Error('the worker host could not be restarted; reload the page');
        const result = await runOnce(f, request, signal, attempt === 0);
        if (result !== RETRY) return result;
      }
    },
    get size() {
      return 1;
    },
    dispose() {
      for (const finish of [...pending.values()]) finish(CANCELLED);
    },
  };
}
