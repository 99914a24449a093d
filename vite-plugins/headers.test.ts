import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allHeaders, contentSecurityPolicy } from './headers.ts';

describe('headers stay in sync across hosts', () => {
  it('public/_headers sends every header the servers send', () => {
    const file = readFileSync(new URL('../public/_headers', import.meta.url), 'utf8');
    for (const [name, value] of Object.entries(allHeaders))
      expect(file).toContain(`  ${name}: ${value}`);
  });
  it('the service worker adds the same CSP', () => {
    const sw = readFileSync(new URL('../public/coi-sw.js', import.meta.url), 'utf8');
    expect(sw).toContain(contentSecurityPolicy);
  });
  it('nothing forbids framing: course pages embed the lessons', () => {
    const file = readFileSync(new URL('../public/_headers', import.meta.url), 'utf8');
    for (const text of [file, JSON.stringify(allHeaders)]) {
      expect(text).not.toMatch(/x-frame-options/i);
      expect(text).not.toMatch(/frame-ancestors/i);
    }
  });
});
