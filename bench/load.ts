/**
 * Load over HTTP (issue 13 item 4): the server started on the province-sized dataset, driven by autocannon at 1, 10,
 * 50 and 100 concurrent connections per scenario; each figure is also given as a ratio to `/healthz` in the same run.
 *
 *   npm run bench -- load                       loads the dataset when dj_bench has none (about 15 minutes), then measures
 *   npm run bench -- load --only=dashboard      only the scenarios whose name matches
 *   BENCH_LOAD_SECONDS=10 BENCH_LOAD_CONNECTIONS=50,100 npm run bench -- load
 *   BENCH_SERVER_DIR=/tmp/before npm run bench -- load    the server of another checkout (a worktree of an earlier commit)
 *
 * The server is this checkout's (`node --import tsx server/src/main.ts`) in its own process, with the public rate
 * limit off (every request comes from loopback) and request logging at `warn`. Staff sessions are made directly in
 * the database for three bench accounts (an org_admin of the province, of 杭州市委 and of 萧山区委), so no password
 * hashing or second factor is in the measured path. p95 is computed from every response's own latency.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import net from 'node:net';
import autocannon from 'autocannon';
import pg from 'pg';

type Line = (o: Record<string, unknown>) => void;
interface Req { method?: 'GET' | 'POST'; path: string; body?: string; headers?: Record<string, string> }
interface Scenario { name: string; requests: (s: Sessions) => Req[] }
interface Sessions { province: string; city: string; county: string; cityId: string; countyId: string; provinceId: string; branchId: string }

const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 5);
const CONNECTIONS = (process.env.BENCH_LOAD_CONNECTIONS ?? '1,10,50,100').split(',').map(Number);

const cookie = (token: string) => ({ cookie: `dj_session=${token}` });
const json = { 'content-type': 'application/json' };

const SEARCHED_NAMES = ['王芳', '徐鹏', '曾涛', '朱桂英', '张秀英', '周欣', '杨静', '谢洋', '叶晓东', '王志强', '冯斌', '邓伟'];

const SCENARIOS: Scenario[] = [
  { name: 'healthz', requests: () => [{ path: '/healthz' }] },
  { name: 'public.overview', requests: () => [{ path: '/api/public/overview' }] },
  { name: 'me', requests: (s) => [{ path: '/api/me', headers: cookie(s.city) }] },
  { name: 'members.city', requests: (s) => [{ path: `/api/members?orgId=${s.cityId}`, headers: cookie(s.city) }] },
  {
    // Staff search different people: twelve full names in turn (about 270 matches each in the city), none kept between.
    name: 'members.search',
    requests: (s) => SEARCHED_NAMES.map((q) => ({ method: 'POST', path: '/api/members/search', body: JSON.stringify({ orgId: s.cityId, q }), headers: { ...cookie(s.city), ...json } })),
  },
  { name: 'orgs.tree', requests: (s) => [{ path: `/api/orgs/${s.countyId}/children`, headers: cookie(s.county) }, { path: `/api/orgs/${s.countyId}`, headers: cookie(s.county) }] },
  { name: 'dashboard.province', requests: (s) => [{ path: '/api/dashboard', headers: cookie(s.province) }] },
  { name: 'dashboard.city', requests: (s) => [{ path: '/api/dashboard', headers: cookie(s.city) }] },
  { name: 'dashboard.county', requests: (s) => [{ path: '/api/dashboard', headers: cookie(s.county) }] },
  {
    // 50 staff of the province, a city and a county opening their dashboards on the same morning.
    name: 'dashboard.mixed',
    requests: (s) => [
      { path: '/api/dashboard', headers: cookie(s.province) },
      { path: '/api/dashboard', headers: cookie(s.city) },
      { path: '/api/dashboard', headers: cookie(s.county) },
      { path: `/api/dashboard?orgId=${s.countyId}`, headers: cookie(s.city) },
    ],
  },
  {
    // Staff at work: lists, searches, the tree and details.
    name: 'staff.mixed',
    requests: (s) => [
      { path: `/api/members?orgId=${s.countyId}`, headers: cookie(s.county) },
      { method: 'POST', path: '/api/members/search', body: JSON.stringify({ orgId: s.cityId, q: '李娜' }), headers: { ...cookie(s.city), ...json } },
      { path: `/api/orgs/${s.countyId}/children`, headers: cookie(s.county) },
      { path: `/api/orgs/${s.branchId}`, headers: cookie(s.county) },
      { path: '/api/me', headers: cookie(s.province) },
    ],
  },
];

/** Three bench accounts with org_admin at the province, 杭州市委 and 萧山区委, and a fresh session for each. */
async function sessions(url: string): Promise<Sessions> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const org = async (where: string) => (await client.query<{ id: string }>(`select id::text from orgs where ${where} order by id limit 1`)).rows[0].id;
    const provinceId = await org('parent_id is null');
    const cityId = await org(`name = '杭州市委'`);
    const countyId = await org(`name = '萧山区委'`);
    const branchId = await org(`parent_id = ${countyId} and type = 'branch'`);
    const make = async (username: string, orgId: string) => {
      const a = await client.query<{ id: string }>(
        `insert into accounts (username, display_name, kind, password_hash) values ($1, $1, 'staff', 'bench-no-password')
         on conflict (lower(username)) do update set status = 'active' returning id`, [username]);
      const accountId = a.rows[0].id;
      await client.query(`delete from role_grants where account_id = $1`, [accountId]);
      await client.query(`insert into role_grants (account_id, role, org_id) values ($1, 'org_admin', $2)`, [accountId, orgId]);
      const token = crypto.randomBytes(32).toString('base64url');
      await client.query(
        `insert into sessions (token_hash, account_id, expires_at, mfa_passed) values ($1, $2, now() + interval '6 hours', true)`,
        [crypto.createHash('sha256').update(token).digest('hex'), accountId]);
      return token;
    };
    return {
      province: await make('bench-province', provinceId), city: await make('bench-city', cityId), county: await make('bench-county', countyId),
      provinceId, cityId, countyId, branchId,
    };
  } finally {
    await client.end();
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

export async function startServer(url: string): Promise<{ base: string; child: ChildProcess }> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dj-load-'));
  // BENCH_SERVER_DIR: another checkout's server (an earlier commit, for "before" figures in the same run conditions).
  const dir = process.env.BENCH_SERVER_DIR ?? process.cwd();
  // BENCH_SERVER_NODE_ARGS: extra node options for the server only, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`.
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'server/src/main.ts'], {
    cwd: dir,
    env: {
      ...process.env, NODE_ENV: 'development', DEMO_DATA: 'false', DATABASE_URL: url, DATABASE_POOL_SIZE: '10', PORT: String(port), HOST: '127.0.0.1',
      DATA_DIR: dataDir, LOG_LEVEL: 'warn', PUBLIC_RATE_LIMIT_PER_MINUTE: '0',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/readyz`)).ok) return { base, child };
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) throw new Error('server did not become ready in 180 s');
    await new Promise((r) => setTimeout(r, 250));
  }
}

const pct = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN);
const round = (x: number) => Math.round(x * 10) / 10;

/** One autocannon run: requests per second and latency percentiles (ms) from every response's own time. */
async function drive(base: string, requests: Req[], connections: number, seconds: number) {
  const latencies: number[] = [];
  let errors = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({
      url: base, connections, duration: seconds, pipelining: 1,
      requests: requests.map((r) => ({ method: r.method ?? 'GET', path: r.path, body: r.body, headers: r.headers })),
    }, (err, res) => (err ? reject(err) : resolve(res)));
    instance.on('response', (_client, status, _bytes, ms) => {
      latencies.push(ms);
      if (status >= 400) errors++;
    });
  });
  // What the server still had queued when the clients stopped (their connections closed, their requests not) would
  // slow the next run: one more request of the same kind waits behind it, so the next run starts on an idle server.
  const r0 = requests[0];
  await fetch(base + r0.path, { method: r0.method ?? 'GET', body: r0.body, headers: r0.headers }).then((res) => res.arrayBuffer()).catch(() => {});
  latencies.sort((a, b) => a - b);
  return {
    rps: round(latencies.length / seconds), p50: round(pct(latencies, 50)), p95: round(pct(latencies, 95)), p99: round(pct(latencies, 99)),
    errors: errors + result.errors + result.timeouts, requests: latencies.length,
  };
}

export async function benchLoad(o: { line: Line; url: string; only: RegExp | null }) {
  const s = await sessions(o.url);
  const { base, child } = await startServer(o.url);
  try {
    // Warm the process (JIT, pools, caches) before anything is measured.
    for (const sc of SCENARIOS) await drive(base, sc.requests(s), 10, 1);
    for (const c of CONNECTIONS) {
      const healthz = await drive(base, SCENARIOS[0].requests(s), c, SECONDS);
      o.line({ bench: `load.healthz.c${c}`, connections: c, seconds: SECONDS, ...healthz, ratio: 1, loadavg: os.loadavg().map(round) });
      for (const sc of SCENARIOS.slice(1)) {
        if (o.only && !o.only.test(sc.name)) continue;
        const r = await drive(base, sc.requests(s), c, SECONDS);
        o.line({ bench: `load.${sc.name}.c${c}`, connections: c, seconds: SECONDS, ...r, ratio: Number((r.rps / healthz.rps).toFixed(2)), loadavg: os.loadavg().map(round) });
      }
    }
  } finally {
    child.kill('SIGTERM');
  }
}
