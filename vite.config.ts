import { defineConfig } from 'vite';

// The visual client: client/ → dist/client, served by the app at /.
export default defineConfig({
  root: 'client',
  build: { outDir: '../dist/client', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  // changeOrigin off (the string shorthand turns it on): the app sees Host localhost:5173, the
  // page's own origin, so its Origin check accepts the dev page's POSTs without ALLOWED_ORIGINS.
  server: { proxy: { '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false } } },
});
