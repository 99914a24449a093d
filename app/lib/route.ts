import { useMemo, useSyncExternalStore } from 'react';

/**
 * Hash routing (`#/race-conditions?code=…`): works on any static host, from any subpath, inside
 * iframes, and after a reload, with no rewrite rules and no 404.html trick.
 */
export interface Route {
  slug: string | null;
  query: URLSearchParams;
}

/** Above this many characters a query is split by hand rather than parsed (see parseHash). */
const LONG_QUERY = 50_000;

export function parseHash(hash: string): Route {
  const body = hash.replace(/^#\/?/, '');
  const q = body.indexOf('?');
  const path = q < 0 ? body : body.slice(0, q);
  const raw = q < 0 ? '' : body.slice(q + 1);
  const slug = decodeURIComponent(path.replace(/\/+$/, '')) || null;
  if (raw.length <= LONG_QUERY) return { slug, query: new URLSearchParams(raw) };
  // A huge query (a pasted link bomb) costs URLSearchParams ~70 ms per parse here, on every render.
  // Split it by hand and pass long values on undecoded: share links are base64url (nothing to
  // decode), and decodeShare rejects an over-long one by its length alone.
  const query = new URLSearchParams();
  for (const part of raw.split('&')) {
    const eq = part.indexOf('=');
    const k = eq < 0 ? part : part.slice(0, eq);
    const v = eq < 0 ? '' : part.slice(eq + 1);
    if (k.length > 100) continue;
    query.append(safeDecode(k), v.length > 1_000 ? v : safeDecode(v));
  }
  return { slug, query };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

export function hrefFor(slug: string | null, query?: Record<string, string>): string {
  const q = query && Object.keys(query).length ? `?${new URLSearchParams(query)}` : '';
  return `#/${slug ?? ''}${q}`;
}

const subscribe = (fn: () => void) => {
  window.addEventListener('hashchange', fn);
  return () => window.removeEventListener('hashchange', fn);
};

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  // Parsed once per address, not once per render.
  return useMemo(() => parseHash(hash), [hash]);
}

/** Query keys that say how the page is shown, not what it holds (`embed`): a replaced query keeps them. */
const STICKY = ['embed'];

/** `query` plus the sticky keys of the current hash (an embed view stays one after a link opens). */
export function withSticky(hash: string, query: Record<string, string>): Record<string, string> {
  const current = parseHash(hash).query;
  const kept: Record<string, string> = {};
  for (const k of STICKY) if (current.has(k)) kept[k] = current.get(k)!;
  return { ...kept, ...query };
}

/** Replaces the query part of the current route without adding a history entry. */
export function replaceQuery(slug: string, query: Record<string, string>): void {
  const url = new URL(window.location.href);
  url.hash = hrefFor(slug, withSticky(url.hash, query));
  window.history.replaceState(null, '', url);
}
