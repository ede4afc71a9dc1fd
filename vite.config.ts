import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The web app lives in web/ and is built to web/dist, which the server serves with an SPA fallback
 * (server/app.ts). In development, `npx vite` proxies /api to a server started with `npm run dev`.
 */
export default defineConfig({
  root: 'web',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // old phones: keep to syntax every browser from the last few years runs
    target: 'es2020',
    sourcemap: false,
    reportCompressedSize: true,
    rolldownOptions: {
      output: {
        // libraries change rarely, our code with every release: two files, so a phone that already
        // holds this version's libraries downloads only the app part again
        // hls.js stays out of it: only the page that plays a video downloads it (issue 10)
        codeSplitting: { groups: [{ name: 'vendor', test: /[\\/]node_modules[\\/](?!hls\.js[\\/])/ }] },
      },
    },
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
