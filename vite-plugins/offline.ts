import type { Plugin, PluginOption } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

/**
 * Offline support for the built site: Workbox precaches every file of the build in one service
 * worker (app/sw/sw.ts → dist/sw.js), which also adds the isolation headers on hosts that send none.
 * Only in `vite build`: the dev server sends the headers itself and rebuilds on every change.
 */
export function offlinePlugin(): PluginOption[] {
  return [
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'app/sw',
      filename: 'sw.ts',
      // public/register-sw.js registers it: guarded for blocked storage and frames, and it knows
      // the one reload that isolates a page on a host without headers.
      injectRegister: false,
      manifest: false,
      injectManifest: {
        globPatterns: ['**/*.{html,js,css,svg,png,ttf,woff,woff2,wasm,json}'],
        // SCORM packages are downloads for teachers, not part of the app a learner runs.
        globIgnores: ['scorm/**', '**/*.map'],
        // Monaco's TypeScript worker alone is several MB; the whole build is precached or none.
        maximumFileSizeToCacheInBytes: 64 * 1024 * 1024,
      },
    }),
    registerScript(),
  ];
}

/** Adds the registration script to every built page (the dev server has no service worker). */
function registerScript(): Plugin {
  return {
    name: 'interleave:register-sw',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'script',
        attrs: { src: './register-sw.js' },
        injectTo: 'head',
      },
    ],
  };
}
