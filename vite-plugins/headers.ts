/**
 * Response headers for every file the playground serves (HTML and worker scripts alike).
 * Kept in one place: the dev server, the preview server, the test server, the bench server and
 * `public/_headers` (checked by a test) all use these.
 */
export const isolationHeaders: Record<string, string> = {
  // Top-level pages: COOP + COEP make the page cross-origin isolated (SharedArrayBuffer can be posted).
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  // Iframes in pages that are not isolated: Chromium 137+ isolates the frame itself with DIP.
  'Document-Isolation-Policy': 'isolate-and-require-corp',
  // Lets an isolated embedding page load our files.
  'Cross-Origin-Resource-Policy': 'cross-origin',
};

/**
 * Learner code may not reach the network: `connect-src 'self'` stops fetch/XHR/WebSocket to other
 * origins and `script-src 'self'` stops `import('https://…')`. 'unsafe-eval' is needed because learner
 * code is compiled with `new Function` inside workers. No frame-ancestors: classrooms embed us.
 * The hash admits the pool frame's one inline boot script (workers/pool/frame-boot.ts).
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval' blob: 'sha256-OTmLOrmJ4dmOQDjvs1F2yD6gXErLk9jbfNXgFMFpX5o='",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
].join('; ');

export const securityHeaders: Record<string, string> = {
  'Content-Security-Policy': contentSecurityPolicy,
  'X-Content-Type-Options': 'nosniff',
};

export const allHeaders: Record<string, string> = { ...isolationHeaders, ...securityHeaders };
