import { defineConfig } from 'vitest/config';

// Browser tests: Node test files that drive Debian's Chromium (playwright-core) against the built
// site served by tests/server.ts. One file at a time: the machine has 2 cores and the tests measure
// real threads.
export default defineConfig({
  test: {
    include: ['tests/**/*.browser.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
