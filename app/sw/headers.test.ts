import { describe, expect, it } from 'vitest';
import { allHeaders } from '../../vite-plugins/headers.ts';
import { swHeaders, withHeaders } from './headers.ts';

describe('the service worker adds the isolation headers', () => {
  it('adds the same values the servers send', () => {
    for (const [name, value] of Object.entries(swHeaders)) expect(allHeaders[name]).toBe(value);
    expect(Object.keys(swHeaders).sort()).toEqual([
      'Content-Security-Policy',
      'Cross-Origin-Embedder-Policy',
      'Cross-Origin-Opener-Policy',
      'Cross-Origin-Resource-Policy',
    ]);
  });

  it.each([
    ['a response with no headers', {}],
    ['a response whose host sends other values', { 'Cross-Origin-Embedder-Policy': 'unsafe-none' }],
  ])('%s gets them, keeping status, body and its own headers', async (_, own) => {
    const original = new Response('<h1>hi</h1>', {
      status: 203,
      statusText: 'Fine',
      headers: { 'Content-Type': 'text/html', ...own },
    });
    const out = withHeaders(original, swHeaders);
    expect(out.status).toBe(203);
    expect(out.statusText).toBe('Fine');
    expect(out.headers.get('Content-Type')).toBe('text/html');
    for (const [name, value] of Object.entries(swHeaders))
      expect(out.headers.get(name)).toBe(value);
    expect(await out.text()).toBe('<h1>hi</h1>');
  });

  it('passes a network error through untouched', () => {
    const error = Response.error();
    expect(withHeaders(error, swHeaders)).toBe(error);
  });
});
