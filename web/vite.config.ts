import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The server (server/) serves web/dist in production; in development Vite
// serves the app and forwards API calls to the server on port 3000.
const api = 'http://127.0.0.1:3000';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  resolve: {
    alias: [
      { find: '@', replacement: fileURLToPath(new URL('./src', import.meta.url)) },
      // lib/core is CommonJS and its default export arrives as the module object in the
      // bundle (React error #130); the package's ES build of the same file has a true
      // default export. Types still come from lib/core.d.ts.
      { find: /^echarts-for-react\/lib\/core$/, replacement: 'echarts-for-react/esm/core' },
    ],
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The console chunk carries antd and ECharts; the public entry must stay small.
    chunkSizeWarningLimit: 1200,
  },
  server: {
    proxy: {
      '/api': { target: api, changeOrigin: false },
      '/healthz': { target: api },
    },
  },
});
