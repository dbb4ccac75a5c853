/**
 * Worker threads for CPU-heavy work that must not stall requests (issue 7, item 6: parsing imports).
 *
 * The worker's module is found beside its caller with the caller's own extension: `.js` when the server runs
 * compiled (server/dist), `.ts` under tsx (`npm run dev`, `node --import tsx`) and under Vitest. On Node 20, tsx
 * registers its loader in the main thread only (tsx's esm entry checks `isMainThread` before Node 22), and Vitest's
 * transform does not reach worker threads either, so a `.ts` worker is started through a small bootstrap that
 * registers tsx's ESM loader inside the worker first (`tsx/esm/api` register()), then imports the module.
 */
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type ResourceLimits, type Transferable } from 'node:worker_threads';

/** The URL of `name` (without extension) beside `callerUrl` (pass import.meta.url), with the caller's extension. */
export function siblingModule(callerUrl: string, name: string): URL {
  return new URL(`./${name}${path.extname(fileURLToPath(callerUrl))}`, callerUrl);
}

export function spawnWorker(url: URL, workerData: unknown, opts: { transferList?: Transferable[]; resourceLimits?: ResourceLimits } = {}): Worker {
  if (!url.pathname.endsWith('.ts')) return new Worker(url, { workerData, ...opts });
  // tsx's package exports give the CommonJS build to require.resolve; the ESM build of the same API sits beside it.
  const api = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const bootstrap = `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); })`;
  return new Worker(bootstrap, { eval: true, workerData, ...opts });
}

/**
 * Runs a worker to its end, handing each message to `onMessage` in order (an async handler finishes before the
 * next message is handled). Resolves when the worker has exited normally and every message is handled; rejects with
 * the worker's error (its `code` is ERR_WORKER_OUT_OF_MEMORY when it passed `resourceLimits`).
 */
export function runWorker<M>(
  url: URL, workerData: unknown, onMessage: (msg: M) => void | Promise<void>,
  opts: { transferList?: Transferable[]; resourceLimits?: ResourceLimits } = {},
): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = spawnWorker(url, workerData, opts);
    let chain: Promise<void> = Promise.resolve();
    let failed: unknown = null;
    worker.on('message', (msg: M) => {
      chain = chain.then(() => (failed ? undefined : onMessage(msg))).catch((err) => {
        failed ??= err;
        void worker.terminate();
      });
    });
    worker.on('error', (err) => { failed ??= err; });
    worker.on('exit', (code) => {
      void chain.then(() => {
        if (failed) reject(failed);
        else if (code !== 0) reject(new Error(`worker exited with code ${code}`));
        else resolve();
      });
    });
  });
}
