import { useSyncExternalStore } from 'react';

/**
 * Hash routing (`#/race-conditions?code=…`): works on any static host, from any subpath, inside
 * iframes, and after a reload, with no rewrite rules and no 404.html trick.
 */
export interface Route {
  slug: string | null;
  query: URLSearchParams;
}

export function parseHash(hash: string): Route {
  const body = hash.replace(/^#\/?/, '');
  const [path, query = ''] = body.split('?', 2);
  const slug = decodeURIComponent(path.replace(/\/+$/, '')) || null;
  return { slug, query: new URLSearchParams(query) };
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
  return parseHash(hash);
}

/** Replaces the query part of the current route without adding a history entry. */
export function replaceQuery(slug: string, query: Record<string, string>): void {
  const url = new URL(window.location.href);
  url.hash = hrefFor(slug, query);
  window.history.replaceState(null, '', url);
}
