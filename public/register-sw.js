/*
 * Registers the site's service worker (sw.js, built from app/sw/sw.ts): it precaches the whole site
 * for offline use and adds the cross-origin isolation headers on hosts that send none (GitHub
 * Pages). On such a host the first visit reloads once, when the worker controls the page, so the
 * page becomes isolated. It never loops: one reload per tab session. Nothing at all happens in
 * frames (a service worker cannot isolate a frame: Document-Isolation-Policy or "open in new tab"
 * does), outside secure contexts, or when storage is blocked (cross-site iframes throw SecurityError).
 */
(function () {
  'use strict';
  var KEY = 'interleave:coi-reload';
  try {
    if (!window.isSecureContext || !('serviceWorker' in navigator)) return;
    if (window.self !== window.top) return;
    var store = window.sessionStorage;
    store.getItem(KEY);
    var container = navigator.serviceWorker;
    var wasIsolated = window.crossOriginIsolated;
    container
      .register(new URL('sw.js', document.baseURI || location.href).href, {
        updateViaCache: 'none',
      })
      .then(function (reg) {
        // Isolated already (the host sends the headers, or the worker served this page): a new
        // version of the worker taking over must not reload the page under the learner.
        if (wasIsolated) return;
        var reloadOnce = function () {
          if (store.getItem(KEY)) return; // tried already in this tab: run without isolation
          store.setItem(KEY, '1');
          location.reload();
        };
        if (container.controller) reloadOnce();
        else {
          container.addEventListener('controllerchange', reloadOnce);
          if (reg.active) reg.active.postMessage('claim');
        }
      })
      .catch(function () {
        /* registration refused: the app runs online, with simulated threads if not isolated */
      });
  } catch {
    /* storage or service workers blocked (SecurityError): nothing to do */
  }
})();
