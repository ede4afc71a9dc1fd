import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { precompress } from './web/build/precompress.js';

/**
 * The web app lives in web/ and is built to web/dist, which the server serves with an SPA fallback
 * (server/app.ts). In development, `npx vite` proxies /api to a server started with `npm run dev`.
 */
export default defineConfig(() => ({
  root: 'web',
  plugins: [react(), precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // old phones: keep to syntax every browser from the last few years runs
    target: 'es2020',
    sourcemap: false,
    reportCompressedSize: true,
    rolldownOptions: {
      output: {
        // the libraries every page needs change rarely, our code with every release: a phone that
        // already holds this version's libraries downloads only the app part again. Libraries only
        // some pages use (chart.js, zod, the QR scanner, hls.js — issue 10) stay in those pages' own files.
        codeSplitting: {
          groups: [
            {
              name: 'vendor',
              test: /[\\/]node_modules[\\/](react|react-dom|scheduler|@tanstack|i18next|react-i18next|use-sync-external-store|@oxc-project[\\/]runtime)[\\/]/,
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
