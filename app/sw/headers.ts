import { contentSecurityPolicy, isolationHeaders } from '../../vite-plugins/headers.ts';

/**
 * What the service worker adds to every same-origin response it serves: the headers that make a
 * top-level page cross-origin isolated (COOP + COEP), CORP so isolated embedders may load our files,
 * and the CSP that keeps learner code off the network. Document-Isolation-Policy is left to hosts
 * that send it as a real header (it isolates frames; the worker does not run in frames).
 */
export const swHeaders: Record<string, string> = {
  'Cross-Origin-Opener-Policy': isolationHeaders['Cross-Origin-Opener-Policy'],
  'Cross-Origin-Embedder-Policy': isolationHeaders['Cross-Origin-Embedder-Policy'],
  'Cross-Origin-Resource-Policy': isolationHeaders['Cross-Origin-Resource-Policy'],
  'Content-Security-Policy': contentSecurityPolicy,
};

/**
 * The same response with `headers` set (the host's own headers kept otherwise). Opaque and
 * network-error responses cannot be rebuilt and pass through as they are.
 */
export function withHeaders(response: Response, headers: Record<string, string>): Response {
  if (response.status === 0 || response.type === 'opaque' || response.type === 'opaqueredirect')
    return response;
  const merged = new Headers(response.headers);
  for (const [name, value] of Object.entries(headers)) merged.set(name, value);
  return new Response(response.body, {
    status: response.status,
    statusText: response.statusText,
    headers: merged,
  });
}
