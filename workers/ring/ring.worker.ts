// The ring engine in a module worker: placement and statistics over a slice of keys per worker.
import { expose, transfer } from 'comlink';
import type { RingWorkerApi, SliceProgress } from './api.ts';
import { ringService } from './parallel.ts';

/** Progress port → callback; the page closes the port when the call settles. */
const report = (port?: MessagePort): SliceProgress | undefined =>
  port ? (done) => port.postMessage(done) : undefined;

/** A private row goes back by transfer; a shared one was written in place (null). */
const rowBack = (row: Float64Array | null) =>
  row ? transfer(row, [row.buffer as ArrayBuffer]) : null;

const api: RingWorkerApi = {
  buildRings(specs, shared) {
    const rings = ringService.buildRings(specs, shared);
    // Rings built into ordinary ArrayBuffers move to the page instead of being copied.
    return shared
      ? rings
      : transfer(
          rings,
          rings.map((r) => r.positions.buffer as ArrayBuffer),
        );
  },
  rebalance: (job, progress) => rowBack(ringService.rebalance(job, report(progress))),
  failure: (job, progress) => rowBack(ringService.failure(job, report(progress))),
  traffic: (ring, options) => ringService.traffic(ring, options),
  compare: (keys, options, progress) => ringService.compare(keys, options, report(progress)),
  published: (options) => ringService.published(options),
};

expose(api);
