import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allHeaders, contentSecurityPolicy } from './headers.ts';
import { BOOT_SCRIPT } from '../workers/pool/frame-boot.ts';

describe('headers stay in sync across hosts', () => {
  it('public/_headers sends every header the servers send', () => {
    const file = readFileSync(new URL('../public/_headers', import.meta.url), 'utf8');
    for (const [name, value] of Object.entries(allHeaders))
      expect(file).toContain(`  ${name}: ${value}`);
  });
  it("admits the pool frame's boot script by its hash, and no other inline script", () => {
    const hash = createHash('sha256').update(BOOT_SCRIPT).digest('base64');
    expect(contentSecurityPolicy).toContain(`'sha256-${hash}'`);
    expect(/script-src[^;]*'unsafe-inline'/.test(contentSecurityPolicy)).toBe(false);
  });
  it('nothing forbids framing: course pages embed the lessons', () => {
    const file = readFileSync(new URL('../public/_headers', import.meta.url), 'utf8');
    for (const text of [file, JSON.stringify(allHeaders)]) {
      expect(text).not.toMatch(/x-frame-options/i);
      expect(text).not.toMatch(/frame-ancestors/i);
    }
  });
});
