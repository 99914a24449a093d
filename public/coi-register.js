/*
 * Cross-origin isolation for static hosts that send no headers (GitHub Pages).
 * Registers coi-sw.js, which re-serves every same-origin response with COOP/COEP/CORP (and the CSP),
 * then reloads once so the page is controlled. It never loops: one reload per tab session, and
 * nothing at all when storage is blocked (cross-site iframes), in frames (a service worker cannot
 * isolate a frame: Document-Isolation-Policy or "open in new tab" does) or outside secure contexts.
 */
(function () {
  'use strict';
  var KEY = 'interleave:coi-reload';
  if (window.crossOriginIsolated || !window.isSecureContext || !('serviceWorker' in navigator))
    return;
  if (window.self !== window.top) return;
  var store;
  try {
    store = window.sessionStorage;
    store.getItem(KEY);
  } catch {
    return;
  }
  navigator.serviceWorker
    .register(new URL('coi-sw.js', document.baseURI || location.href).href)
    .then(function (reg) {
      var reloadOnce = function () {
        if (store.getItem(KEY)) return; // tried already in this tab: run without isolation
        store.setItem(KEY, '1');
        location.reload();
      };
      if (navigator.serviceWorker.controller) reloadOnce();
      else {
        navigator.serviceWorker.addEventListener('controllerchange', reloadOnce);
        if (reg.active && !navigator.serviceWorker.controller) reg.active.postMessage('claim');
      }
    })
    .catch(function () {
      /* registration refused: the app runs with simulated threads */
    });
})();
