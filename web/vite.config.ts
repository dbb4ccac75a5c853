import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/**
 * Writes name.br (brotli, quality 11) and name.gz (gzip -9) beside every text file of the build, so the server sends
 * them as they are (@fastify/static preCompressed) instead of compressing on every request or not at all. Files
 * under 1 kB gain nothing and are left alone.
 */
function precompress(): Plugin {
  return {
    name: 'dj-precompress',
    apply: 'build',
    async writeBundle(options, bundle) {
      const dir = options.dir!;
      await Promise.all(Object.keys(bundle).filter((name) => /\.(?:js|css|html|svg|json)$/.test(name)).map(async (name) => {
        const file = path.join(dir, name);
        const data = await readFile(file);
        if (data.length < 1024) return;
        const [br, gz] = await Promise.all([
          brotli(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length } }),
          gzip(data, { level: 9 }),
        ]);
        await Promise.all([writeFile(`${file}.br`, br), writeFile(`${file}.gz`, gz)]);
      }));
    },
  };
}

// The server (server/) serves web/dist in production; in development Vite
// serves the app and forwards API calls to the server on port 3000.
const api = 'http://127.0.0.1:3000';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react(), precompress()],
  resolve: {
    alias: [
      { find: '@', replacement: fileURLToPath(new URL('./src', import.meta.url)) },
      // The one count of SMS segments, shared with the server (pure, no Node APIs): the editor shows what is billed.
      { find: /^@sms-text$/, replacement: fileURLToPath(new URL('../server/src/platform/sms/sms-text.ts', import.meta.url)) },
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
    rolldownOptions: {
      output: {
        codeSplitting: {
          // The English strings are one chunk, fetched once when English is chosen, rather than one per namespace.
          groups: [{ name: 'strings-en', test: /[\\/]i18n[\\/](sections[\\/][^\\/]+\.)?en\.ts$/ }],
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': { target: api, changeOrigin: false },
      '/healthz': { target: api },
    },
  },
});
