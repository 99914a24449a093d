/*
 * The site's one service worker (built to dist/sw.js by vite-plugin-pwa in injectManifest mode).
 * Two jobs:
 * 1. Offline: every file of the build (Monaco and its TypeScript worker included) is precached by
 *    Workbox on the first visit, so later visits work with no network.
 * 2. Cross-origin isolation where the host sends no headers (GitHub Pages): every same-origin
 *    response it serves, from the cache or the network, carries COOP/COEP/CORP and the CSP.
 * Pages are fetched network first, so a new deploy shows on the next visit; the cached page only
 * answers when the network fails or hangs. A new worker takes over at once (skipWaiting +
 * clients.claim): nothing waits for every tab to close.
 */
import { PrecacheController, PrecacheRoute } from 'workbox-precaching';
import { registerRoute } from 'workbox-routing';
import { swHeaders, withHeaders } from './headers.ts';

// The DOM lib has no service-worker types; the few used here, declared for this module only.
interface ExtendableEvent extends Event {
  waitUntil(p: Promise<unknown>): void;
}
interface SWScope {
  location: Location;
  registration: { active: unknown };
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  addEventListener(type: 'install' | 'activate' | 'fetch', fn: (e: ExtendableEvent) => void): void;
  addEventListener(type: 'message', fn: (e: ExtendableEvent & { data: unknown }) => void): void;
  __WB_MANIFEST: Array<{ url: string; revision: string | null }>;
}
declare const self: SWScope;

/** A page that takes longer than this from the network is answered from the cache (lie-fi). */
const NETWORK_TIMEOUT_MS = 5000;

const isolate = (r: Response) => withHeaders(r, swHeaders);

const precache = new PrecacheController();
// Hashed build files never change under one name: the cache answers, with the isolation headers.
precache.strategy.plugins.push({ handlerWillRespond: async ({ response }) => isolate(response) });
precache.addToCacheList(self.__WB_MANIFEST);

/**
 * Fetches whatever of the build is not in the cache yet; one fill at a time. Runs at install, and
 * again whenever the worker starts with the cache incomplete (a first fill cut short).
 */
let filling: Promise<void> | null = null;
function fill(): Promise<void> {
  filling ??= (async () => {
    const cache = await caches.open(precache.strategy.cacheName);
    const have = new Set((await cache.keys()).map((r) => r.url));
    const complete = [...precache.getURLsToCacheKeys().values()].every((key) => have.has(key));
    // Workbox fills the cache for an event whose type is "install" (entries already cached are
    // skipped); this one does not hold the install phase open, the caller decides what waits.
    const event = { type: 'install', waitUntil() {} };
    if (!complete)
      await precache.install(event as unknown as Parameters<typeof precache.install>[0]);
  })().finally(() => {
    filling = null;
  });
  return filling;
}

self.addEventListener('install', (event) => {
  void self.skipWaiting();
  const filled = fill();
  filled.catch(() => undefined); // a failed fill is retried when the worker next starts
  // The first install takes control at once: on a host without headers the page is isolated only
  // once the worker controls it, and 13 MB must not stand in the way; the files come in behind.
  // An update waits for every new file, so the cache is never half old, half new.
  if (self.registration.active) event.waitUntil(filled);
});
self.addEventListener('activate', (event) => {
  event.waitUntil(
    precache
      .activate(event as unknown as Parameters<typeof precache.activate>[0])
      .then(() => self.clients.claim()),
  );
});
// A page loaded while no worker controlled it (a hard reload) asks to be taken over.
self.addEventListener('message', (e) => {
  if (e.data === 'claim') e.waitUntil(self.clients.claim());
});
// While the cache fills, the page's own requests keep the worker alive to finish it.
self.addEventListener('fetch', (event) => {
  if (filling) event.waitUntil(filling.catch(() => undefined));
});
fill().catch(() => undefined);

const sameOrigin = (url: URL) => url.origin === self.location.origin;

/** The precached copy of a page: "…/" is "…/index.html". */
function cachedPage(url: URL): Promise<Response | undefined> {
  const path = url.pathname.endsWith('/') ? `${url.pathname}index.html` : url.pathname;
  return precache.matchPrecache(path);
}

// Registered before the precache route, so pages go to the network first (first match wins).
registerRoute(
  ({ request, url }) => request.mode === 'navigate' && sameOrigin(url),
  async ({ request, url }) => {
    const network = fetch(request);
    // When the cache answers first, a later network failure is expected, not an error.
    network.catch(() => undefined);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const slow = new Promise<'slow'>((resolve) => {
      timer = setTimeout(() => resolve('slow'), NETWORK_TIMEOUT_MS);
    });
    try {
      const first = await Promise.race([network, slow]);
      if (first !== 'slow') return isolate(first);
      const cached = await cachedPage(url);
      return isolate(cached ?? (await network));
    } catch (e) {
      const cached = await cachedPage(url);
      if (cached) return isolate(cached);
      throw e;
    } finally {
      clearTimeout(timer);
    }
  },
);

// Query strings never select a different file on a static host.
registerRoute(new PrecacheRoute(precache, { ignoreURLParametersMatching: [/.*/] }));

// Anything else of ours (files added after the build, SCORM zips …): the network, isolated.
registerRoute(
  ({ request, url }) =>
    sameOrigin(url) && !(request.cache === 'only-if-cached' && request.mode !== 'same-origin'),
  async ({ request }) => isolate(await fetch(request)),
);
