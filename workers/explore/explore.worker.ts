// The explore engine in its own worker: exploring is synchronous CPU work, so it never runs on the page.
import { expose } from 'comlink';
import { lockDownNetwork } from '../runtime/lockdown.ts';
import { hardenRealm } from '../runtime/sandbox.ts';
import { exploreService } from './service.ts';

// Learner code runs here too (simulated threads): same wall as the pool's workers. Freezing the
// intrinsics means a run cannot poison the next one (`Array.prototype.push = null` throws in the
// learner's code). Evaluating learner code inside a compartment (sandbox.ts `sandboxedFunction`)
// is the engine's part: see workers/explore/machine.ts.
lockDownNetwork(self as unknown as Record<string, unknown>);
hardenRealm();
expose(exploreService);
