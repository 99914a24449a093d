/**
 * The explore worker in the pool frame (workers/pool/frame-session.ts): Step, Explore and the
 * checks' explorations run learner code too, and a heap bomb there must end the frame's process, not
 * the tab. The page's comlink end is one port of a MessageChannel; the frame hands the other to the
 * worker it starts.
 */
import exploreWorkerUrl from './explore.worker.ts?worker&url';
import {
  bundleText,
  getFrameSession,
  memoryMessage,
  type FrameSession,
} from '../pool/frame-session.ts';
import type { ExploreWorker } from './client.ts';

/** The explore call was running when the frame's process died (or never started: `retry`). */
export class FrameGone extends Error {
  override name = 'FrameGone';
  constructor(
    message: string,
    /** The frame was already dead when the call was made: nothing ran, try again. */
    readonly retry: boolean,
  ) {
    super(message);
  }
}

let code: Promise<string> | null = null;
let seq = 0;

/** An explore worker in the frame, or null where the frame cannot be used (the page keeps its own). */
export async function spawnExploreInFrame(
  session: FrameSession | null = null,
): Promise<ExploreWorker | null> {
  const s = session ?? (await getFrameSession());
  const frame = await s?.current();
  if (!s || !frame) return null;
  const id = ++seq;
  let sendCode: string | undefined;
  if (!frame.notes.get('explore')) {
    code ??= bundleText(exploreWorkerUrl);
    code.catch(() => (code = null));
    sendCode = await code;
    frame.notes.set('explore', true);
  }
  const { port1, port2 } = new MessageChannel();
  s.post(frame, { type: 'explore-open', id, code: sendCode }, [port2]);
  port1.start();
  return {
    endpoint: port1,
    terminate() {
      s.post(frame, { type: 'explore-close', id });
      port1.close();
    },
    guard<T>(call: Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        const end = s.begin(frame, (heapLimit, heardSince) =>
          reject(new FrameGone(memoryMessage(heapLimit), !heardSince)),
        );
        call.then(
          (value) => {
            end();
            resolve(value);
          },
          (e: unknown) => {
            end();
            reject(e);
          },
        );
      });
    },
  };
}
