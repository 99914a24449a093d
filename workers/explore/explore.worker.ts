// The explore engine in its own worker: exploring is synchronous CPU work, so it never runs on the page.
import { expose } from 'comlink';
import { lockDownNetwork } from '../runtime/lockdown.ts';
import { exploreService } from './service.ts';

// Learner code runs here too (simulated threads): same wall as the pool's workers.
lockDownNetwork(self as unknown as Record<string, unknown>);
expose(exploreService);
