/**
 * HLS serving under a crowd (issue 12, F-70; docs/benchmarks.md "HLS"): one server instance serves a live-event-sized
 * audience — 10,000 concurrent clients on loopback, each keeping one keep-alive connection and asking, in turn, for the
 * master playlist, a rendition's playlist and its segments (what a player does). Prints one JSON line: requests per
 * second and p50/p95/p99 latency (ms, from every response's own time), errors, and the load average at the start.
 *
 *   ulimit -n 65536; npm run bench -- hls            (needs ffmpeg; BENCH_HLS_SECONDS default 10, BENCH_HLS_CLIENTS default 10000)
 *   BENCH_HLS_NGINX=1 …                              the players talk to nginx (Debian's) configured as docs/deployment.md
 *                                                    says: segments by sendfile, the platform's access check cached 10 s
 *   BENCH_HLS_PACED=1 npm run bench -- hls           paced as live players are: each client, every target duration (4 s),
 *                                                    refreshes the rendition's playlist and then fetches the next segment
 *                                                    (CLIENTS × 2 / 4 s requests a second in all; the clients' cycles
 *                                                    spread evenly over the first 4 s). Latency is from when a request was
 *                                                    due (a cycle's start; the segment's, when its playlist arrived), so a
 *                                                    server that falls behind shows it: what a viewer waits, not a queue of
 *                                                    clients asking as fast as they can (the default, autocannon)
 *
 * The server is this checkout's app in this process (embedded database, demo data with 200 members, media in a
 * temporary folder); the asset is a generated 8-second 640×360 video uploaded through the API and transcoded by the
 * real job. The clients run in a child process (autocannon), so the two sides each hold 10,000 sockets: the open-file
 * limit must allow that per process (ulimit -n ≥ 12,000; the hard limit may need raising in /etc/security/limits.conf
 * or the container's settings).
 */
import { execFileSync, fork, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';

type Line = (o: Record<string, unknown>) => void;
const SECONDS = Number(process.env.BENCH_HLS_SECONDS ?? 10);
const CLIENTS = Number(process.env.BENCH_HLS_CLIENTS ?? 10_000);
const pct = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN);
const round = (x: number) => Math.round(x * 10) / 10;

/** Paced clients: each a live player on its own keep-alive socket — playlist, then the next segment, every `target` s. */
async function pacedClients(base: string, playlist: string, segments: string[], target: number) {
  const url = new URL(base);
  const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS, maxFreeSockets: CLIENTS });
  const latencies: number[] = [];
  let bad = 0;
  let bytes = 0;
  let inFlight = 0;
  const reasons: Record<string, number> = {};
  const get = (p: string, due: number) => new Promise<void>((resolve) => {
    inFlight++;
    const done = (why: string | null) => {
      latencies.push(performance.now() - due);
      if (why) { bad++; reasons[why] = (reasons[why] ?? 0) + 1; }
      inFlight--;
      resolve();
    };
    const req = http.get({ host: url.hostname, port: url.port, path: p, agent, timeout: 30_000 }, (res) => {
      res.on('data', (d: Buffer) => { bytes += d.length; });
      res.on('end', () => done(res.statusCode === 200 ? null : String(res.statusCode)));
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
    req.on('error', (e: NodeJS.ErrnoException) => done(e.code ?? e.message));
  });
  const start = performance.now();
  const end = start + SECONDS * 1000;
  const periodMs = target * 1000;
  await Promise.all(Array.from({ length: CLIENTS }, async (_, i) => {
    let due = start + (i / CLIENTS) * periodMs;
    for (let k = i % segments.length; due < end; k = (k + 1) % segments.length, due += periodMs) {
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      await get(playlist, due);
      await get(segments[k], performance.now());
    }
  }));
  const seconds = (performance.now() - start) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return { rps: round(latencies.length / seconds), p50: round(pct(latencies, 50)), p95: round(pct(latencies, 95)), p99: round(pct(latencies, 99)),
    requests: latencies.length, errors: bad, errorKinds: reasons, elapsedS: round(seconds), throughputMBps: round(bytes / seconds / 1024 / 1024), left: inFlight };
}

/** The client side, in the child process: autocannon with every response's latency, or the paced live players. */
async function clients(): Promise<void> {
  const { base, paths, paced } = JSON.parse(process.env.HLS_BENCH_CLIENT!) as { base: string; paths: string[]; paced?: { playlist: string; segments: string[]; target: number } };
  if (paced) {
    process.send!(await pacedClients(base, paced.playlist, paced.segments, paced.target));
    return;
  }
  const latencies: number[] = [];
  let bad = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url: base, connections: CLIENTS, duration: SECONDS, pipelining: 1, timeout: 30, requests: paths.map((p) => ({ method: 'GET', path: p })) },
      (err, res) => (err ? reject(err) : resolve(res)));
    instance.on('response', (_c, status, _b, ms) => { latencies.push(ms); if (status >= 400) bad++; });
  });
  latencies.sort((a, b) => a - b);
  process.send!({ rps: round(latencies.length / SECONDS), p50: round(pct(latencies, 50)), p95: round(pct(latencies, 95)), p99: round(pct(latencies, 99)),
    requests: latencies.length, errors: bad + result.errors + result.timeouts, throughputMBps: round(result.throughput.average / 1024 / 1024) });
}

export async function benchHls(o: { line: Line }): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dj-bench-hls-'));
  Object.assign(process.env, { NODE_ENV: 'development', DEMO_MEMBERS: '200', LOG_LEVEL: 'warn', MEDIA_DIR: path.join(tmp, 'media'), DATA_DIR: tmp, PUBLIC_RATE_LIMIT_PER_MINUTE: '0' });
  const { loadConfig } = await import('../server/src/config.js');
  const { startContext } = await import('../server/src/platform/bootstrap.js');
  const { buildApp } = await import('../server/src/app.js');
  const { ensureDemoData } = await import('../server/src/seed/ensure-demo.js');
  const config = loadConfig();
  const { ctx, database } = await startContext(config, { dataDir: 'memory://' });
  await ensureDemoData(ctx);
  const app = await buildApp(ctx);
  try {
    const file = path.join(tmp, 'event.mp4');
    execFileSync('/usr/bin/ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc=duration=8:size=640x360:rate=25', '-f', 'lavfi', '-i', 'sine=frequency=440:duration=8',
      '-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest', file]);
    const video = fs.readFileSync(file);
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'demo-hangzhou', password: 'Demo#2026' } });
    const cookie = `dj_session=${login.cookies.find((c) => c.name === 'dj_session')!.value}`;
    const created = await app.inject({ method: 'POST', url: '/api/media/uploads', headers: { cookie }, payload: { fileName: 'event.mp4', size: video.length, visibility: 'public' } });
    const id = created.json().id as string;
    await app.inject({ method: 'PATCH', url: `/api/media/uploads/${id}`, headers: { cookie, 'content-type': 'application/offset+octet-stream', 'upload-offset': '0' }, payload: video });
    await ctx.jobs.drain();
    const asset = (await app.inject({ method: 'GET', url: `/api/media/${id}`, headers: { cookie } })).json();
    if (asset.status !== 'ready') throw new Error(`transcoding did not finish: ${asset.status} ${asset.error}`);
    const out = path.join(config.media.dir, id, 'out');
    const rendition = asset.renditions[asset.renditions.length - 1].playlist as string;
    const segments = fs.readFileSync(path.join(out, rendition), 'utf8').split('\n').filter((l) => l.endsWith('.ts'));
    const dir = path.dirname(rendition);
    const segmentPaths = segments.map((s) => `/media/${id}/${dir}/${s}`);
    const paths = [`/media/${id}/master.m3u8`, `/media/${id}/${rendition}`, ...segmentPaths];
    // Paced: a live player's loop, the rendition's playlist then the next segment, once every target duration.
    const target = Number(/#EXT-X-TARGETDURATION:(\d+)/.exec(fs.readFileSync(path.join(out, rendition), 'utf8'))?.[1] ?? 4);
    const paced = process.env.BENCH_HLS_PACED === '1' ? { playlist: `/media/${id}/${rendition}`, segments: segmentPaths, target } : undefined;
    const segmentBytes = Math.round(segments.reduce((n, s) => n + fs.statSync(path.join(out, dir, s)).size, 0) / segments.length);

    const platform = await app.listen({ port: 0, host: '127.0.0.1' });
    // BENCH_HLS_NGINX=1: the players talk to nginx configured as docs/deployment.md ("Serving video") says — segments by
    // sendfile from MEDIA_DIR, the platform asked only whether a viewer may watch, that answer cached 10 s.
    const nginx = process.env.BENCH_HLS_NGINX === '1' ? await startNginx(tmp, platform, config.media.dir) : undefined;
    const base = nginx?.base ?? platform;
    const load = os.loadavg().map((x) => Math.round(x * 100) / 100);
    const result = await new Promise<Record<string, unknown>>((resolve, reject) => {
      const child = fork(import.meta.filename, [], { execArgv: ['--import', 'tsx'], env: { ...process.env, HLS_BENCH_CLIENT: JSON.stringify({ base, paths, paced }) } });
      child.once('message', (m) => resolve(m as Record<string, unknown>));
      child.once('exit', (code) => reject(new Error(`client process exited ${code}`)));
    });
    nginx?.stop();
    o.line({ bench: `media.hls${paced ? '.paced' : ''}${nginx ? '.nginx' : ''}`, clients: CLIENTS, seconds: SECONDS, requestsPerCycle: paced ? 2 : paths.length, segmentBytes,
      ...(paced ? { targetDurationS: target, offeredRps: Math.round((CLIENTS * 2) / target) } : {}), ...result, loadavg: load, cpus: os.cpus().length, cpu: os.cpus()[0]?.model, node: process.version });
  } finally {
    await app.close();
    await ctx.jobs.stop();
    await ctx.audit.stop();
    await database.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** nginx in front of the platform, with the media locations of docs/deployment.md, on a free port; stopped by stop(). */
async function startNginx(tmp: string, platform: string, mediaDir: string): Promise<{ base: string; stop: () => void }> {
  const port = await new Promise<number>((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => { const p = (srv.address() as net.AddressInfo).port; srv.close(() => resolve(p)); });
  });
  const prefix = path.join(tmp, 'nginx');
  fs.mkdirSync(path.join(prefix, 'logs'), { recursive: true });
  fs.mkdirSync(path.join(prefix, 'cache'), { recursive: true });
  const conf = `
user root;
worker_processes auto;
worker_rlimit_nofile 20000;
pid ${prefix}/nginx.pid;
error_log stderr warn;
events { worker_connections 20000; }
http {
  access_log off;
  keepalive_timeout 75s;
  keepalive_requests 100000;
  upstream dangjian { server ${new URL(platform).host}; keepalive 32; }
  proxy_cache_path ${prefix}/cache levels=1:2 keys_zone=dj_media_auth:10m max_size=64m inactive=1m use_temp_path=off;
  map $request_uri $media_asset { ~^/media/(?<a>[0-9]+)/ $a; default 0; }
  server {
    listen 127.0.0.1:${port};
    location ~ "^/media/(?<asset>[0-9]{1,18})/(?<file>[A-Za-z0-9_/.-]+)$" {
      auth_request /_media_access;
      alias ${mediaDir}/$asset/out/$file;
      types { application/vnd.apple.mpegurl m3u8; video/mp2t ts; }
      sendfile on;
      tcp_nopush on;
    }
    location = /_media_access {
      internal;
      proxy_pass http://dangjian/api/media/$media_asset/access;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_pass_request_body off;
      proxy_set_header Content-Length "";
      proxy_set_header Cookie $http_cookie;
      proxy_cache dj_media_auth;
      proxy_cache_key "$media_asset $cookie_dj_session";
      proxy_cache_valid 204 10s;
      proxy_cache_valid 401 403 404 0;
    }
  }
}`;
  fs.writeFileSync(path.join(prefix, 'nginx.conf'), conf);
  const child = spawn('/usr/sbin/nginx', ['-p', prefix, '-c', path.join(prefix, 'nginx.conf'), '-g', 'daemon off;'], { stdio: ['ignore', 'inherit', 'inherit'] });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`nginx exited ${child.exitCode}; its errors are above`);
    try { if ((await fetch(`${base}/nothing`)).status === 404) break; } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { base, stop: () => child.kill('SIGQUIT') };
}

if (process.env.HLS_BENCH_CLIENT) void clients().then(() => process.exit(0), (err: unknown) => { console.error(err); process.exit(1); });
