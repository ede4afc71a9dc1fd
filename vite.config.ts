import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { precompress } from './web/build/precompress.js';
import { criticalPath } from './web/build/critical-path.js';

/**
 * The web app lives in web/ and is built to web/dist, which the server serves with an SPA fallback
 * (server/app.ts). In development, `npx vite` proxies /api to a server started with `npm run dev`.
 */
/**
 * The built app runs on Preact's React-compatible layer: the same components and libraries, ~45 KiB
 * less to download than react-dom on a village's 2G link (issue 8: Today's first visit ≤ 100 KiB).
 * `npx vite` (development) keeps React, for its fast refresh and warnings.
 */
const PREACT = [
  { find: /^react$/, replacement: 'preact/compat' },
  { find: /^react-dom$/, replacement: 'preact/compat' },
  { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
  { find: /^react\/jsx-runtime$/, replacement: 'preact/jsx-runtime' },
  { find: /^react\/jsx-dev-runtime$/, replacement: 'preact/jsx-runtime' },
  // the part of i18next and react-i18next the app uses, ~14 KiB less (web/src/i18n-lite, decision 0037)
  { find: /^i18next$/, replacement: fileURLToPath(new URL('./web/src/i18n-lite/i18next.ts', import.meta.url)) },
  { find: /^react-i18next$/, replacement: fileURLToPath(new URL('./web/src/i18n-lite/react-i18next.ts', import.meta.url)) },
];

export default defineConfig(({ command }) => ({
  root: 'web',
  plugins: [react(), criticalPath(), precompress()],
  resolve: { alias: command === 'build' ? PREACT : [] },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // old phones: keep to syntax every browser from the last few years runs
    target: 'es2020',
    sourcemap: false,
    reportCompressedSize: true,
    rolldownOptions: {
      // src/boot.ts: the page's first, tiny script, a file of its own (added to the page by web/build/critical-path.ts)
      input: { index: fileURLToPath(new URL('./web/index.html', import.meta.url)), boot: fileURLToPath(new URL('./web/src/boot.ts', import.meta.url)) },
      output: {
        // the libraries every page needs change rarely, our code with every release: a phone that
        // already holds this version's libraries downloads only the app part again. Libraries only
        // some pages use (chart.js, zod, the QR scanner, hls.js — issue 10) stay in those pages' own files.
        codeSplitting: {
          groups: [
            {
              name: 'vendor',
              test: /[\\/]node_modules[\\/](preact|react|react-dom|scheduler|@tanstack|i18next|react-i18next|use-sync-external-store|@oxc-project[\\/]runtime)[\\/]/,
            },
            // the e-journal's shared pieces (cards, lists, API calls) in one file rather than ten tiny
            // ones: on a 300 ms link each request costs a round trip and ~1 KiB of headers
            {
              name: 'learning',
              test: /[\\/]web[\\/]src[\\/](modules[\\/]learning[\\/](sections[\\/]|components[\\/](DayView|LessonCard|HomeworkDue|Materials|Announcements|Delivery)\.tsx|(api|format|time|errors|http)\.tsx?))/,
            },
          ],
        },
      },
    },
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
}));
