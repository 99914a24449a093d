/**
 * The page's connection to the pool frame (frame-host.ts): a sandboxed iframe that Chromium gives a
 * renderer process of its own. Everything that runs learner code on the built site lives there (the
 * thread pool's workers, the explore worker), so a heap that reaches V8's limit ends that process,
 * not the tab. One frame per page, shared by frame-pool.ts and frame-explore.ts; it is reopened on
 * the next use after it died. While work is in progress the page pings it, and a silence longer than
 * `silenceMs` means its process is gone: each piece of work is told, with the frame's heap limit.
 */
import frameHostUrl from './frame-host.ts?worker&url';
import threadWorkerUrl from './thread.worker.ts?worker&url';
import { TAG, isFromFrame, type FromFrame, type ToFrame } from './frame-protocol.ts';
import { BOOT_SCRIPT, BOOT_TAG } from './frame-boot.ts';

export interface FrameSessionOptions {
  /** How often the page asks a frame with work in progress whether it is alive. */
  heartbeatMs?: number;
  /** Silence after which the frame's process is taken for dead (it answers pings within ms). */
  silenceMs?: number;
  /** How long to wait for the frame's answer once it has loaded. */
  readyMs?: number;
}

export interface Frame {
  readonly window: Window;
  /** The frame's JavaScript heap limit in bytes (each of its workers has the same), or 0. */
  readonly heapLimit: number;
  /** Whatever users of the frame keep about this instance of it (e.g. code already sent). */
  readonly notes: Map<string, unknown>;
}

/**
 * Told once when the frame's process died with this work in progress. `heardSince`: the frame said
 * something after the work began, so it was alive then (the work was running when it died).
 */
export type OnDeath = (heapLimit: number, heardSince: boolean) => void;

export interface FrameSession {
  /** The live frame, opened again if the last one died; null if it cannot be opened. */
  current(): Promise<Frame | null>;
  post(frame: Frame, message: ToFrame, transfer?: Transferable[]): void;
  /** Marks work in progress on `frame` (the heartbeat runs while there is any); returns its end. */
  begin(frame: Frame, onDeath: OnDeath): () => void;
  /** Messages from the current frame. */
  listen(listener: (message: FromFrame) => void): void;
}

/** The message a learner reads when the frame's process died under their code. */
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

/** A bundle fetched as text by the page (same origin: works on any host and offline). */
export function bundleText(url: string): Promise<string> {
  return fetch(new URL(url, document.baseURI)).then((r) => {
    if (!r.ok) throw new Error(`${url}: ${r.status}`);
    return r.text();
  });
}

let code: Promise<{ host: string; thread: string }> | null = null;
function bundles() {
  code ??= Promise.all([bundleText(frameHostUrl), bundleText(threadWorkerUrl)]).then(
    ([host, thread]) => ({ host, thread }),
  );
  code.catch(() => (code = null));
  return code;
}

interface Opened extends Frame {
  element: HTMLIFrameElement;
}

/** Makes the frame and waits for its answer; null when it cannot host threads with shared memory. */
async function openFrame(readyMs: number): Promise<Opened | null> {
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
  return { element, window: win, heapLimit: ready.heapLimit, notes: new Map() };
}

export async function openFrameSession(
  options: FrameSessionOptions = {},
): Promise<FrameSession | null> {
  const heartbeatMs = options.heartbeatMs ?? 250;
  const silenceMs = options.silenceMs ?? 2000;
  const readyMs = options.readyMs ?? 3000;

  let frame: Opened | null = await openFrame(readyMs);
  if (!frame) return null;
  let opening: Promise<Opened | null> | null = null;
  const listeners: Array<(m: FromFrame) => void> = [];
  const work = new Map<number, { onDeath: OnDeath; heardAtBegin: number }>();
  let workSeq = 0;
  /** When the frame last said anything (pongs come every heartbeat while work is in progress). */
  let lastHeard = performance.now();
  let heard = 0;
  let heartbeat: ReturnType<typeof setInterval> | undefined;

  const post = (f: Frame, message: ToFrame, transfer: Transferable[] = []) =>
    f.window.postMessage({ tag: TAG, ...message }, '*', transfer);

  addEventListener('message', (e: MessageEvent) => {
    if (!frame || e.source !== frame.window || !isFromFrame(e.data)) return;
    lastHeard = performance.now();
    heard++;
    for (const listener of listeners) listener(e.data);
  });

  function stopHeartbeat() {
    clearInterval(heartbeat);
    heartbeat = undefined;
  }

  function died(dead: Opened) {
    stopHeartbeat();
    dead.element.remove();
    if (frame === dead) frame = null;
    const entries = [...work.values()];
    work.clear();
    for (const entry of entries) entry.onDeath(dead.heapLimit, heard !== entry.heardAtBegin);
  }

  return {
    async current() {
      if (frame) return frame;
      opening ??= openFrame(readyMs).finally(() => (opening = null));
      frame = await opening;
      return frame;
    },
    post,
    begin(f, onDeath) {
      const id = ++workSeq;
      // The silence clock starts now, whatever the frame said before.
      if (work.size === 0) lastHeard = performance.now();
      work.set(id, { onDeath, heardAtBegin: heard });
      // A ping first: a live frame answers it before any worker even loads.
      post(f, { type: 'ping', n: 0 });
      if (heartbeat === undefined) {
        let n = 0;
        heartbeat = setInterval(() => {
          if (performance.now() - lastHeard > silenceMs) return died(f as Opened);
          post(f, { type: 'ping', n: ++n });
        }, heartbeatMs);
      }
      return () => {
        work.delete(id);
        if (work.size === 0) stopHeartbeat();
      };
    },
    listen(listener) {
      listeners.push(listener);
    },
  };
}

let session: Promise<FrameSession | null> | null = null;

/** The page's one frame session, opened on first use; null where the frame cannot share memory. */
export function getFrameSession(): Promise<FrameSession | null> {
  session ??= openFrameSession().catch(() => null);
  return session;
}
