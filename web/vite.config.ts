import { defineConfig } from 'vite';

/**
 * The UI is served by the backend at /app/ (services/backend/src/web). Output: web/dist with
 * content-hashed assets (served immutable) and an index.html without inline script or style, so
 * the backend's strict CSP (no 'unsafe-inline', no 'unsafe-eval') holds.
 */
export default defineConfig({
  root: import.meta.dirname,
  base: '/app/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    // Everything is a file: no data: URLs or inlined module preload snippets.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
    target: 'es2022',
    reportCompressedSize: false,
  },
  server: { proxy: { '/v1': 'http://127.0.0.1:5000' } },
});
