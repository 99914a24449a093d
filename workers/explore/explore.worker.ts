// The explore engine in its own worker: exploring is synchronous CPU work, so it never runs on the page.
import { expose } from 'comlink';
import { lockDownNetwork } from '../runtime/lockdown.ts';
import { hardenRealm, sandboxedFunction } from '../runtime/sandbox.ts';
import { useFunctionMaker } from './program.ts';
import { exploreService } from './service.ts';
import { EXPLORE_PORT, EXPLORE_WORKER_NAME } from '../pool/frame-protocol.ts';

// Learner code runs here too (Step, Explore, simulated threads): the same wall as the pool's
// workers. Frozen intrinsics mean a run cannot poison the next one (`Array.prototype.push = null`
// throws in the learner's code), and each program is evaluated in a compartment whose global
// object holds only the language and what the engine hands it (no fetch, no storage, no self).
lockDownNetwork(self as unknown as Record<string, unknown>);
hardenRealm();
useFunctionMaker((params, body) => {
  const { fn, global } = sandboxedFunction(params, body);
  return { fn: fn as (...args: never[]) => unknown, global };
});
// In the pool frame (frame-explore.ts) the page's comlink end is a port the frame sends; elsewhere
// it is this worker itself.
if (self.name === EXPLORE_WORKER_NAME) {
  addEventListener('message', function connect(e: MessageEvent) {
    if (e.data !== EXPLORE_PORT || !e.ports[0]) return;
    removeEventListener('message', connect);
    expose(exploreService, e.ports[0]);
  });
} else expose(exploreService);
