import { describe, expect, it } from 'vitest';
import { parseHash } from '../lib/route.ts';
import { embedPanesOf, embedSnippet, embedUrl, frameAttributes, siteBase } from './snippet.ts';

const base = siteBase({ origin: 'https://school.example', pathname: '/course/interleave/' });

describe('embed snippet', () => {
  it.each([
    ['', null],
    ['?embed=code', 'code'],
    ['?embed=sim', 'sim'],
    ['?embed=both', 'both'],
    ['?embed', 'both'],
    ['?embed=nonsense', null],
    ['?code=abc&embed=code', 'code'],
  ])('#/x%s shows %s', (q, panes) => expect(embedPanesOf(parseHash(`#/x${q}`).query)).toBe(panes));

  it('an embed URL is absolute and opens the chosen panes', () => {
    const url = embedUrl(base, 'race-conditions', 'code');
    expect(url).toBe('https://school.example/course/interleave/#/race-conditions?embed=code');
    const route = parseHash(new URL(url).hash);
    expect(route.slug).toBe('race-conditions');
    expect(embedPanesOf(route.query)).toBe('code');
  });

  it('the iframe has a title, a size, the allow list, and escapes what it quotes', () => {
    const s = embedSnippet({
      base,
      slug: 'race-conditions',
      title: 'Races "and" <things>',
      panes: 'code',
      size: 'medium',
    });
    expect(s).toMatch(
      /^<iframe src="https:\/\/school\.example\/course\/interleave\/#\/race-conditions\?embed=code"/,
    );
    expect(s).toContain('title="Interleave: Races &quot;and&quot; &lt;things&gt; (code)"');
    expect(s).toContain('width="100%" height="720"');
    expect(s).toContain('allow="cross-origin-isolated; clipboard-write"');
    expect(s.trim().endsWith('></iframe>')).toBe(true);
  });

  it('a taller frame for both panes than for one', () => {
    const h = (panes: 'both' | 'code' | 'sim') =>
      Number(frameAttributes({ base, slug: 'a', title: 'A', panes, size: 'large' }).height);
    expect(h('both')).toBeGreaterThan(h('code'));
    expect(h('both')).toBeGreaterThan(h('sim'));
  });
});
