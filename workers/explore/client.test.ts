import { describe, expect, it } from 'vitest';
import { MessageChannel } from 'node:worker_threads';
import { expose } from 'comlink';
import { createExploreClient, createRemoteStepper, ExploreTimeout } from './client.ts';
import { exploreService } from './service.ts';
import type { ExploreWorkerApi } from './api.ts';

/** A stand-in for the module worker: a MessageChannel with the service (or a stuck one) on the far end. */
function fakeWorker(
  api: Partial<ExploreWorkerApi>,
  spawned: { count: number; terminated: number },
) {
  return () => {
    spawned.count++;
    const { port1, port2 } = new MessageChannel();
    expose(api, port2 as unknown as Parameters<typeof expose>[1]);
    const w = port1 as unknown as Worker & { terminate(): void };
    w.terminate = () => {
      spawned.terminated++;
      port1.close();
      port2.close();
    };
    return w;
  };
}

const SOURCE = 'export default function (t: Thread) { t.shared[0]++; }';

describe('explore client', () => {
  it('answers through comlink and keeps the stepper schedule on the page', async () => {
    const spawned = { count: 0, terminated: 0 };
    const client = createExploreClient(fakeWorker(exploreService, spawned));
    const r = await client.explore(SOURCE, { threads: 2, sharedCells: 1 });
    expect(r.ok && r.outcomes.map((o) => [o.memory[0], o.schedules])).toEqual([
      [1, 4],
      [2, 2],
    ]);
    const stepper = createRemoteStepper(SOURCE, { threads: 2, sharedCells: 1 }, client);
    await stepper.step(0);
    await stepper.step(1);
    const refused = await stepper.replay([0, 0, 0]);
    expect(refused.ok).toBe(false);
    expect(stepper.schedule).toEqual([0, 1]);
    client.dispose();
    expect(spawned.count).toBe(1);
  });

  it('terminates and respawns a worker that does not answer in time', async () => {
    const spawned = { count: 0, terminated: 0 };
    let stuck = true;
    const api: Partial<ExploreWorkerApi> = {
      compile: () => (stuck ? (new Promise(() => {}) as never) : { ok: true }),
    };
    const client = createExploreClient(fakeWorker(api, spawned), { callMs: 100 });
    await expect(client.compile(SOURCE)).rejects.toBeInstanceOf(ExploreTimeout);
    expect(spawned.terminated).toBe(1);
    stuck = false;
    await expect(client.compile(SOURCE)).resolves.toEqual({ ok: true });
    expect(spawned.count).toBe(2);
    client.dispose();
  });
});
