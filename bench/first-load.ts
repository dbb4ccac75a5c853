/**
 * First-load transfer of the public portal and of the console (issue 8 item 6).
 *
 *   npm run build -w web && npm run bench -- first-load
 *
 * Starts the server as `npm run dev` runs it (`node --import tsx server/src/main.ts`, embedded PGlite in a temporary
 * DATA_DIR, demo data with BENCH_FIRST_LOAD_MEMBERS members, default 300) on BENCH_FIRST_LOAD_PORT (default 3110),
 * unless BENCH_BASE_URL names a running one. Debian's Chromium (e2e/browser.ts) opens each page in a fresh context
 * (empty cache, 1280×900, zh-CN) and counts what crossed the wire from CDP: `Network.loadingFinished`'s
 * `encodedDataLength` (body as sent, compressed or not, plus response headers) per request, grouped by resource type,
 * and the decoded body size beside it. A page is measured from navigation until the network has been idle for 500 ms.
 *
 * - portal: GET / as an anonymous visitor (the page a resident's phone opens).
 * - console: GET /admin signed in as demo-hangzhou (session cookie from POST /api/auth/login, so the login page's
 *   own downloads are not counted): the console frame and the dashboard, the start screen of that account.
 *
 * BENCH_ACCEPT_ENCODING replaces the browser's Accept-Encoding (Chromium sends `gzip, deflate, br, zstd` to
 * 127.0.0.1), e.g. `gzip` for a client without brotli. Prints one JSON line per page; kB = 1,000 bytes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { launch } from '../e2e/browser.js';

const DEMO_PASSWORD = 'Demo#2026';
/** BENCH_ACCEPT_ENCODING: what the browser says it accepts instead of its own list, e.g. `gzip` or `identity`. */
const acceptEncoding = process.env.BENCH_ACCEPT_ENCODING;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Totals { requests: number; transferred: number; decoded: number }
type ByType = Record<string, Totals>;

/** `ready`: a selector that shows once the page has its data; the page is measured until then and 500 ms without traffic. */
async function measure(browser: Browser, base: string, pathname: string, ready: string, cookie?: string) {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
  if (cookie) {
    const [name, value] = cookie.split('=');
    await context.addCookies([{ name: name!, value: value!, url: base }]);
  }
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (acceptEncoding !== undefined) await cdp.send('Network.setExtraHTTPHeaders', { headers: { 'Accept-Encoding': acceptEncoding } });
  const requests = new Map<string, { type: string; url: string; decoded: number; encoding?: string }>();
  const finished: { type: string; url: string; transferred: number; decoded: number; encoding?: string }[] = [];
  const inFlight = new Set<string>();
  let lastActivity = Date.now();
  cdp.on('Network.requestWillBeSent', (e) => { inFlight.add(e.requestId); lastActivity = Date.now(); });
  cdp.on('Network.loadingFailed', (e) => { inFlight.delete(e.requestId); lastActivity = Date.now(); });
  cdp.on('Network.responseReceived', (e) => {
    const enc = Object.entries(e.response.headers).find(([k]) => k.toLowerCase() === 'content-encoding')?.[1];
    requests.set(e.requestId, { type: e.type ?? 'Other', url: e.response.url, decoded: 0, encoding: enc });
  });
  cdp.on('Network.dataReceived', (e) => {
    const r = requests.get(e.requestId);
    if (r) r.decoded += e.dataLength;
  });
  cdp.on('Network.loadingFinished', (e) => {
    const r = requests.get(e.requestId);
    if (r) finished.push({ type: r.type, url: r.url, transferred: e.encodedDataLength, decoded: r.decoded, encoding: r.encoding });
    inFlight.delete(e.requestId);
    lastActivity = Date.now();
  });
  await page.goto(`${base}${pathname}`);
  await page.locator(ready).first().waitFor({ timeout: 60_000 });
  while (inFlight.size > 0 || Date.now() - lastActivity < 500) await sleep(50);
  await context.close();

  const byType: ByType = {};
  const total: Totals = { requests: 0, transferred: 0, decoded: 0 };
  for (const f of finished) {
    const type = f.type.toLowerCase();
    const t = (byType[type] ??= { requests: 0, transferred: 0, decoded: 0 });
    for (const x of [t, total]) { x.requests++; x.transferred += f.transferred; x.decoded += f.decoded; }
  }
  const kb = (n: number) => +(n / 1000).toFixed(1);
  const pick = (t?: Totals) => (t ? { requests: t.requests, transferred_kb: kb(t.transferred), decoded_kb: kb(t.decoded) } : { requests: 0, transferred_kb: 0, decoded_kb: 0 });
  return {
    js: pick(byType.script), css: pick(byType.stylesheet), document: pick(byType.document),
    api: pick({ requests: (byType.fetch?.requests ?? 0) + (byType.xhr?.requests ?? 0), transferred: (byType.fetch?.transferred ?? 0) + (byType.xhr?.transferred ?? 0), decoded: (byType.fetch?.decoded ?? 0) + (byType.xhr?.decoded ?? 0) }),
    total: pick(total),
    encodings: [...new Set(finished.filter((f) => f.type === 'Script').map((f) => f.encoding ?? 'identity'))],
    largest_scripts: finished.filter((f) => f.type === 'Script').sort((a, b) => b.transferred - a.transferred).slice(0, 5)
      .map((f) => `${new URL(f.url).pathname.replace('/assets/', '')} ${kb(f.transferred)} kB`),
  };
}

async function startServer(port: number): Promise<{ base: string; stop: () => Promise<void> }> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dj-bench-first-load-'));
  const server: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: path.join(import.meta.dirname, '..'),
    env: {
      ...process.env, NODE_ENV: 'development', HOST: '127.0.0.1', PORT: String(port), DATA_DIR: tmp, DATABASE_URL: '',
      DEMO_DATA: 'true', DEMO_MEMBERS: process.env.BENCH_FIRST_LOAD_MEMBERS ?? '300', LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (server.exitCode === null) {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
    }
    fs.rmSync(tmp, { recursive: true, force: true });
  };
  try {
    for (let i = 0; ; i++) {
      if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}`);
      if (await fetch(`${base}/readyz`).then((r) => r.ok, () => false)) break;
      if (i > 600) throw new Error('server not ready after 5 minutes');
      await sleep(500);
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return { base, stop };
}

export async function benchFirstLoad({ line }: { line: (o: Record<string, unknown>) => void }): Promise<void> {
  const running = process.env.BENCH_BASE_URL;
  const server = running ? { base: running.replace(/\/$/, ''), stop: async () => {} } : await startServer(Number(process.env.BENCH_FIRST_LOAD_PORT ?? 3110));
  const browser = await launch();
  try {
    const { base } = server;
    line({ bench: 'first-load.portal', path: '/', accept_encoding: acceptEncoding ?? 'browser default', ...(await measure(browser, base, '/', '.portal-stats[aria-busy=false], .portal-note')) });
    const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'demo-hangzhou', password: DEMO_PASSWORD }) });
    if (!login.ok) throw new Error(`login: ${login.status} ${await login.text()}`);
    const cookie = /dj_session=[^;]+/.exec(login.headers.get('set-cookie') ?? '')![0];
    line({ bench: 'first-load.console', path: '/admin', accept_encoding: acceptEncoding ?? 'browser default', account: 'demo-hangzhou', ...(await measure(browser, base, '/admin', '[data-testid="dash-child-row"]', cookie)) });
  } finally {
    await browser.close();
    await server.stop();
  }
}
