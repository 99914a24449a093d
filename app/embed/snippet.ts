import { hrefFor } from '../lib/route.ts';
import type { EmbedPanes } from './events.ts';

/** The query key that turns a lesson's URL into its embed view: `#/race-conditions?embed=code`. */
export const EMBED_KEY = 'embed';

export const PANES: ReadonlyArray<{ id: EmbedPanes; label: string }> = [
  { id: 'both', label: 'Simulation and code' },
  { id: 'code', label: 'Code only' },
  { id: 'sim', label: 'Simulation only' },
];

/** Which panes a URL asks for; null when it is not an embed URL (or asks for nothing we know). */
export function embedPanesOf(query: URLSearchParams): EmbedPanes | null {
  const v = query.get(EMBED_KEY);
  if (v === null) return null;
  // `?embed` alone: the whole workbench.
  if (v === '' || v === 'both' || v === '1') return 'both';
  return v === 'code' || v === 'sim' ? v : null;
}

/** Sizes that suit a course page: the width follows the page, the height the panes shown. */
export const SIZES = [
  { id: 'large', label: 'Large', width: '100%', height: { both: 1300, code: 900, sim: 760 } },
  { id: 'medium', label: 'Medium', width: '100%', height: { both: 1000, code: 720, sim: 600 } },
  { id: 'small', label: 'Small', width: '640', height: { both: 800, code: 600, sim: 480 } },
] as const;
export type SizeId = (typeof SIZES)[number]['id'];

export interface SnippetOptions {
  /** The site's address up to the hash: `https://example.org/interleave/`. */
  base: string;
  slug: string;
  title: string;
  panes: EmbedPanes;
  size: SizeId;
}

/** The embed view's absolute URL. */
export function embedUrl(base: string, slug: string, panes: EmbedPanes): string {
  return `${base}${hrefFor(slug, { [EMBED_KEY]: panes })}`;
}

/** The full lesson's absolute URL (what "Open in Interleave" opens). */
export function lessonUrl(base: string, slug: string, query?: Record<string, string>): string {
  return `${base}${hrefFor(slug, query)}`;
}

/** The site's base address from a location: everything before the hash, without a query. */
export function siteBase(location: Pick<Location, 'origin' | 'pathname'>): string {
  return `${location.origin}${location.pathname}`;
}

const PANE_WORDS: Record<EmbedPanes, string> = {
  both: 'simulation and code',
  code: 'code',
  sim: 'simulation',
};

const attr = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Attributes of the frame, in the order the snippet shows them (the live preview uses them too). */
export function frameAttributes(o: SnippetOptions) {
  const size = SIZES.find((s) => s.id === o.size) ?? SIZES[0];
  return {
    src: embedUrl(o.base, o.slug, o.panes),
    title: `Interleave: ${o.title} (${PANE_WORDS[o.panes]})`,
    width: size.width,
    height: String(size.height[o.panes]),
    // `cross-origin-isolated` lets an isolated course page pass isolation on to the frame;
    // `clipboard-write` lets Share and Copy work inside it.
    allow: 'cross-origin-isolated; clipboard-write',
    loading: 'lazy',
    style: 'border: 1px solid #d9dee7; border-radius: 8px; max-width: 100%',
  };
}

/** The `<iframe>` a teacher pastes into a course page. */
export function embedSnippet(o: SnippetOptions): string {
  const a = frameAttributes(o);
  return (
    `<iframe src="${attr(a.src)}"\n` +
    `  title="${attr(a.title)}"\n` +
    `  width="${a.width}" height="${a.height}" loading="${a.loading}"\n` +
    `  allow="${a.allow}"\n` +
    `  style="${a.style}"></iframe>`
  );
}
