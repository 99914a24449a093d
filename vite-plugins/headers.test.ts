import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allHeaders } from './headers.ts';

describe('headers stay in sync across hosts', () => {
  it('public/_headers sends every header the servers send', () => {
    const file = readFileSync(new URL('../public/_headers', import.meta.url), 'utf8');
    for (const [name, value] of Object.entries(allHeaders))
      expect(file).toContain(`  ${name}: ${value}`);
  });
});
