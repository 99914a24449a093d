/**
 * The pool frame's only inline script. An opaque-origin frame cannot rely on the site's URLs (its
 * requests skip the service worker, need CORS or CORP headers some hosts never send, and the CSP's
 * 'self' does not cover them from its workers), so the page hands it its code as text and the frame
 * runs it from a blob of its own. The Content-Security-Policy allows exactly this script by hash
 * (vite-plugins/headers.ts; a unit test keeps the two in step).
 */
export const BOOT_TAG = 'interleave-pool-boot';

export const BOOT_SCRIPT =
  "addEventListener('message',function b(e){var d=e.data;" +
  `if(e.source!==parent||!d||d.tag!=='${BOOT_TAG}'||typeof d.code!=='string')return;` +
  "removeEventListener('message',b);var s=document.createElement('script');s.type='module';" +
  "s.src=URL.createObjectURL(new Blob([d.code],{type:'text/javascript'}));" +
  'document.head.appendChild(s)})';
