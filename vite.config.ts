import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { isolationHeaders, securityHeaders } from './vite-plugins/headers.ts';
import { lessonsPlugin } from './vite-plugins/lessons.ts';
import { scormPlugin } from './vite-plugins/scorm.ts';
import { offlinePlugin } from './vite-plugins/offline.ts';

const bench = process.env.INTERLEAVE_BENCH === '1';

export default defineConfig({
  // Relative base: the built site works from any subpath (GitHub Pages project sites, LMS folders).
  base: './',
  // The SCORM packages (dist/scorm/*.zip) carry the built site: written after the bundle. The bench
  // build runs online only: no service worker there.
  plugins: [
    react(),
    lessonsPlugin(),
    ...(bench ? [] : offlinePlugin()),
    scormPlugin({ enabled: !bench }),
  ],
  worker: { format: 'es' },
  server: { headers: isolationHeaders },
  // Preview serves the built site: the same headers plus the CSP that keeps learner code off the network.
  preview: { headers: { ...isolationHeaders, ...securityHeaders } },
  build: {
    target: 'es2022',
    outDir: bench ? 'dist-bench' : 'dist',
    chunkSizeWarningLimit: 4096,
    rollupOptions: {
      input: bench ? { main: 'index.html', bench: 'bench/index.html' } : { main: 'index.html' },
    },
  },
  test: {
    include: [
      'app/**/*.test.{ts,tsx}',
      'workers/**/*.test.ts',
      'lessons/**/*.test.ts',
      'scripts/**/*.test.ts',
      'vite-plugins/**/*.test.ts',
    ],
    environment: 'node',
    testTimeout: 20_000,
  },
});
