/**
 * The page's side of the pool frame (see frame-host.ts): learner workers run in a sandboxed iframe,
 * which Chromium gives a renderer process of its own, so a heap exhausted by learner code ends that
 * process instead of the tab. The page talks to it with a few tagged messages, never shares memory
 * with it, and notices a dead frame by its silence (a heartbeat while a run is going).
 */
import frameHostUrl from './frame-host.ts?worker&url';
import threadWorkerUrl from './thread.worker.ts?worker&url';
import { CANCELLED, type RunRequest, type RunResult, type ThreadPool } from './pool.ts';
import { TAG, isFromFrame, type FromFrame, type ToFrame } from './frame-protocol.ts';
import { BOOT_SCRIPT, BOOT_TAG } from './frame-boot.ts';

export interface FramePoolOptions {
  /** How often the page asks a frame with work in progress whether it is alive. */
  heartbeatMs?: number;
  /** Silence after which the frame's process is taken for dead (it answers pings within ms). */
  silenceMs?: number;
  /** How long to wait for the frame's answer once it has loaded. */
  readyMs?: number;
}

interface Frame {
  element: HTMLIFrameElement;
  window: Window;
  heapLimit: number;
}

interface Pending {
  settle: (result: RunResult | typeof RETRY) => void;
  /** Messages heard from the frame when the run was posted: none since means it was dead before. */
  heardAtPost: number;
  retryable: boolean;
}

/** The frame was already dead when the run was posted: the run never started. */
const RETRY = Symbol('retry');

/** The two bundles the frame runs, fetched once by the page (same origin: any host, the service worker). */
let code: Promise<{ host: string; thread: string }> | null = null;
function bundles() {
  const text = async (url: string) => {
    const r = await fetch(new URL(url, document.baseURI));
    if (!r.ok) throw new Error(`${url}: ${r.status}`);
    return r.text();
  };
  code ??= Promise.all([text(frameHostUrl), text(threadWorkerUrl)]).then(([host, thread]) => ({
    host,
    thread,
  }));
  code.catch(() => (code = null));
  return code;
}

/** The message a learner reads when the frame's process died under their run. */
export function memoryMessage(heapLimit: number): string {
  const limit =
    heapLimit > 0
      ? `about ${Math.round(heapLimit / 2 ** 20).toLocaleString('en')} MB, the browser's limit for one thread`
      : "the browser's limit for one thread";
  return (
    `Your code used too much memory (${limit}), so the browser stopped the process the threads ` +
    'ran in. The page is fine and nothing you wrote is lost; the next run starts fresh workers.'
  );
}

/** Makes the frame and waits for its answer; null when it cannot host threads with shared memory. */
async function openFrame(readyMs: number): Promise<Frame | null> {
  const { host, thread } = await bundles();
  const element = document.createElement('iframe');
  // No allow-same-origin: an opaque origin, which Chromium isolates in a process of its own. The
  // srcdoc document inherits the page's isolation and Content-Security-Policy.
  element.setAttribute('sandbox', 'allow-scripts');
  element.setAttribute('allow', 'cross-origin-isolated');
  element.setAttribute('aria-hidden', 'true');
  element.tabIndex = -1;
  element.title = 'Worker host (not shown)';
  element.className = 'pool-frame';
  element.name = 'interleave-pool';
  element.srcdoc = `<!doctype html><meta charset="utf-8"><script>${BOOT_SCRIPT}</script>`;
  const loaded = new Promise<void>((resolve) =>
    element.addEventListener('load', () => resolve(), { once: true }),
  );
  document.body.append(element);
  await loaded;
  const win = element.contentWindow;
  if (!win) {
    element.remove();
    return null;
  }
  const ready = await new Promise<Extract<FromFrame, { type: 'ready' }> | null>((resolve) => {
    const timer = setTimeout(() => finish(null), readyMs);
    const listener = (e: MessageEvent) => {
      if (e.source !== win || !isFromFrame(e.data)) return;
      if (e.data.type === 'hello') {
        const init: ToFrame = { type: 'init', threadWorkerCode: thread };
        win.postMessage({ tag: TAG, ...init }, '*');
      } else if (e.data.type === 'ready') finish(e.data);
    };
    function finish(value: Extract<FromFrame, { type: 'ready' }> | null) {
      clearTimeout(timer);
      removeEventListener('message', listener);
      resolve(value);
    }
    addEventListener('message', listener);
    win.postMessage({ tag: BOOT_TAG, code: host }, '*');
  });
  if (!ready?.isolated) {
    element.remove();
    return null;
  }
  return { element, window: win, heapLimit: ready.heapLimit };
}

/**
 * A ThreadPool whose workers live in the pool frame; null when the frame cannot have shared memory
 * (its scripts blocked, or no isolation), so the caller keeps its own pool.
 */
export async function openFramePool(options: FramePoolOptions = {}): Promise<ThreadPool | null> {
  const heartbeatMs = options.heartbeatMs ?? 250;
  const silenceMs = options.silenceMs ?? 2000;
  const readyMs = options.readyMs ?? 3000;

  let frame: Frame | null = await openFrame(readyMs);
  if (!frame) return null;
  let opening: Promise<Frame | null> | null = null;
  let seq = 0;
  const pending = new Map<number, Pending>();
  /** When the frame last said anything (pongs come every heartbeat while work is in progress). */
  let lastHeard = performance.now();
  let heard = 0;
  let heartbeat: ReturnType<typeof setInterval> | undefined;

  const post = (f: Frame, message: ToFrame) => f.window.postMessage({ tag: TAG, ...message }, '*');

  addEventListener('message', (e: MessageEvent) => {
    if (!frame || e.source !== frame.window || !isFromFrame(e.data)) return;
    const m = e.data;
    lastHeard = performance.now();
    heard++;
    if (m.type === 'result' || m.type === 'failed') {
      const entry = pending.get(m.id);
      pending.delete(m.id);
      entry?.settle(
        m.type === 'result'
          ? m.result
          : {
              status: 'error',
              stopped: 'crash',
              thread: -1,
              error: { message: `The run failed: ${m.message}`, line: null, column: null },
              threads: [],
              memory: [],
              overlaps: 0,
              wallMs: 0,
              transport: 'shared',
            },
      );
      if (pending.size === 0) stopHeartbeat();
    }
  });

  function stopHeartbeat() {
    clearInterval(heartbeat);
    heartbeat = undefined;
  }

  /**
   * The frame went silent with work in progress: its process is gone. A run it answered after being
   * posted was running when it died (a heap at its limit); a run posted to an already dead frame
   * (it died just after an earlier run, say under the watchdog) never started and runs again.
   */
  function died(dead: Frame) {
    stopHeartbeat();
    dead.element.remove();
    if (frame === dead) frame = null;
    const message = memoryMessage(dead.heapLimit);
    for (const entry of pending.values())
      entry.settle(
        entry.retryable && heard === entry.heardAtPost
          ? RETRY
          : {
              status: 'error',
              stopped: 'memory',
              thread: -1,
              error: { message, line: null, column: null },
              threads: [],
              memory: [],
              overlaps: 0,
              wallMs: 0,
              transport: 'shared',
            },
      );
    pending.clear();
  }

  function startHeartbeat(f: Frame) {
    if (heartbeat !== undefined) return;
    let n = 0;
    heartbeat = setInterval(() => {
      if (performance.now() - lastHeard > silenceMs) return died(f);
      post(f, { type: 'ping', n: ++n });
    }, heartbeatMs);
  }

  async function current(): Promise<Frame | null> {
    if (frame) return frame;
    opening ??= openFrame(readyMs).finally(() => (opening = null));
    frame = await opening;
    return frame;
  }

  function runOnce(
    f: Frame,
    request: Omit<RunRequest, 'signal'>,
    signal: AbortSignal | undefined,
    retryable: boolean,
  ): Promise<RunResult | typeof RETRY> {
    const id = ++seq;
    return new Promise((settle) => {
      // The silence clock starts now, whatever the frame said before.
      if (pending.size === 0) lastHeard = performance.now();
      pending.set(id, { settle, heardAtPost: heard, retryable });
      signal?.addEventListener(
        'abort',
        () => {
          if (!pending.delete(id)) return;
          post(f, { type: 'cancel', id });
          if (pending.size === 0) stopHeartbeat();
          settle(CANCELLED);
        },
        { once: true },
      );
      // A ping first: a live frame answers it before the run's workers even load.
      post(f, { type: 'ping', n: 0 });
      post(f, { type: 'run', id, request });
      startHeartbeat(f);
    });
  }

  return {
    async run(req: RunRequest): Promise<RunResult> {
      const { signal, ...request } = req;
      for (let attempt = 0; ; attempt++) {
        if (signal?.aborted) return CANCELLED;
        const f = await current();
        if (!f) throw new Error('the worker host could not be restarted; reload the page');
        const result = await runOnce(f, request, signal, attempt === 0);
        if (result !== RETRY) return result;
      }
    },
    get size() {
      return frame ? 1 : 0;
    },
    dispose() {
      stopHeartbeat();
      frame?.element.remove();
      frame = null;
    },
  };
}
