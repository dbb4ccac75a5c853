/**
 * Nothing lost, nothing doubled (issue 9, item 6), with real processes: the server is killed (SIGKILL) in the
 * middle of a 20,000-recipient broadcast and in the middle of a flood of incoming replies, started again, and the
 * simulator — which outlives it, as a carrier would — says what each phone got. PostgreSQL only: the embedded
 * database is one process's own, and these tests are about processes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { copyTemplate, TEST_AUDIT_KEY, TEST_DATA_KEY, TEST_INDEX_KEY } from './templates.js';
import { createSmsc, type Smsc } from '../src/smsc/smsc.js';
import { DEMO_PASSWORD } from './test-app.js';

const onPostgres = !!process.env.TEST_DATABASE_URL;
const root = path.resolve(import.meta.dirname, '../..');

let smsc: Smsc;
let copy: Awaited<ReturnType<typeof copyTemplate>>;
let db: pg.Pool;
let dataDir: string;
let server: { child: ChildProcess; base: string } | null = null;
/** Every server process started and not yet killed (killed at the end whatever happens). */
const live = new Set<{ child: ChildProcess; base: string }>();

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/**
 * Starts `node server/src/main.ts` against the test database and the simulator; resolves once it answers. `name`: its
 * own DATA_DIR sub-folder (several may run at once); `env`: settings in place of the defaults below.
 */
async function startServer(opts: { name?: string; env?: Record<string, string> } = {}): Promise<{ child: ChildProcess; base: string }> {
  const port = await freePort();
  const dir = path.join(dataDir, opts.name ?? 'a');
  fs.mkdirSync(dir, { recursive: true });
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'test', PORT: String(port), DATABASE_URL: copy.url!, DATABASE_POOL_SIZE: '6', DATA_DIR: dir, DEMO_DATA: 'false',
      DJ_DATA_KEY: TEST_DATA_KEY, DJ_INDEX_KEY: TEST_INDEX_KEY, DJ_AUDIT_KEY: TEST_AUDIT_KEY, LOG_LEVEL: 'warn',
      SMPP_URL: smsc.url, SMS_QUIET_HOURS: 'off', SMS_LEASE_SECONDS: '2', SMS_APPROVAL_THRESHOLD: '100000', LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const s = { child, base: `http://127.0.0.1:${port}` };
  live.add(s);
  const log = fs.createWriteStream(path.join(dataDir, `server-${opts.name ?? 'a'}-${port}.log`));
  child.stdout!.pipe(log);
  let stderr = '';
  child.stderr!.on('data', (b: Buffer) => { stderr += b.toString(); log.write(b); });
  await expect.poll(async () => {
    if (child.exitCode !== null) throw new Error(`server exited: ${stderr}`);
    return fetch(`${s.base}/readyz`).then((r) => r.status, () => 0);
  }, { timeout: 60_000, interval: 200 }).toBe(200);
  return s;
}

async function kill(s: { child: ChildProcess; base: string }): Promise<void> {
  live.delete(s);
  if (s.child.exitCode !== null || s.child.signalCode !== null) return;
  const exited = new Promise((r) => s.child.once('exit', r));
  s.child.kill('SIGKILL');
  await exited;
}

async function login(base: string, username: string): Promise<string> {
  const r = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
  expect(r.status).toBe(200);
  return r.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}

async function count(q: string, params: unknown[] = []): Promise<number> {
  return Number((await db.query(q, params)).rows[0].n);
}

beforeAll(async () => {
  if (!onPostgres) return;
  copy = await copyTemplate(inject('dbTemplates'), 'demo');
  db = new pg.Pool({ connectionString: copy.url, max: 2 });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dj-sms-kill-'));
  smsc = await createSmsc({ receiptDelayMs: [1, 20], rate: 20_000, seed: 20261130, resendAfterMs: 500 });
}, 120_000);

afterAll(async () => {
  for (const s of [...live]) await kill(s);
  await smsc?.close();
  await db?.end();
  await copy?.drop();
  if (dataDir && !process.env.KEEP_SMS_KILL_LOGS) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe.skipIf(!onPostgres)('a server killed and started again', () => {
  it('sends each of 20,000 recipients at most one message, and settles every one', async () => {
    server = await startServer();
    const cookie = await login(server.base, 'demo-province');
    const phones = Array.from({ length: 20_000 }, (_, i) => String(13600000000 + i * 7));
    const r = await fetch(`${server.base}/api/sms/broadcasts`, {
      method: 'POST', headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ text: '【浙江组工】请各支部于本月底前完成党员信息核对。', phones }),
    });
    expect(r.status).toBe(201);
    const { id } = (await r.json()) as { id: string };

    // Kill it while a good part, but not all, has gone out.
    await expect.poll(() => smsc.stats().accepted, { timeout: 60_000, interval: 20 }).toBeGreaterThan(4000);
    await kill(server);
    const atKill = smsc.stats().accepted;
    expect(atKill).toBeLessThan(20_000);

    server = await startServer();
    await expect.poll(
      () => count(`select count(*) as n from sms_messages where broadcast_id = $1 and state in ('held','queued','claimed','submitting','submitted')`, [id]),
      { timeout: 120_000, interval: 250 },
    ).toBe(0);

    const byState = new Map((await db.query(`select state, count(*)::int as n from sms_messages where broadcast_id = $1 group by state`, [id])).rows.map((r) => [r.state as string, r.n as number]));
    const delivered = byState.get('delivered') ?? 0;
    const inDoubt = byState.get('unknown') ?? 0;
    expect(delivered + inDoubt).toBe(20_000);
    // What may have been on the wire when the process died: at most the groups in flight.
    expect(inDoubt).toBeLessThanOrEqual(256);
    const received = phones.map((p) => smsc.received(p));
    // Never twice.
    expect(received.filter((n) => n > 1)).toEqual([]);
    // Everyone recorded delivered got exactly one; the rest are the in-doubt ones, each reported, never resent.
    expect(received.filter((n) => n === 1).length).toBeGreaterThanOrEqual(delivered);
    expect(received.filter((n) => n === 0).length).toBeLessThanOrEqual(inDoubt);
    const reasons = await db.query(`select distinct error_code from sms_messages where broadcast_id = $1 and state = 'unknown'`, [id]);
    for (const row of reasons.rows) expect(row.error_code).toBe('in_doubt');
  }, 240_000);

  it('stores every one of 6,000 incoming replies exactly once across a kill', async () => {
    server ??= await startServer();
    const before = await count('select count(*) as n from sms_inbound');
    const flood = smsc.flood({ phones: 2000, messagesPerPhone: 3, text: (phone, i) => `第${i + 1}条回复：${phone.slice(-4)}收到` });
    await expect.poll(() => count('select count(*) as n from sms_inbound'), { timeout: 60_000, interval: 20 }).toBeGreaterThan(before + 1500);
    await kill(server);
    server = await startServer();
    await flood;
    await smsc.idle();
    expect(await count('select count(*) as n from sms_inbound') - before).toBe(6000);
    expect(await count(`select count(*) as n from (select phone_bidx, text from sms_inbound group by 1, 2 having count(*) > 1) d`)).toBe(0);
  }, 240_000);
});

describe.skipIf(!onPostgres)('two server instances against one database', () => {
  /** Submits the simulator accepted on an instance's binds (its own SMPP sessions, named by the system_type it binds with). */
  const acceptedBy = (name: string) => smsc.binds().filter((b) => b.systemType === name).reduce((n, b) => n + b.accepted, 0);

  async function broadcast(base: string, cookie: string, phones: string[]): Promise<string> {
    const r = await fetch(`${base}/api/sms/broadcasts`, {
      method: 'POST', headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ text: '【浙江组工】请于周五前报送本支部主题党日活动安排。', phones }),
    });
    expect(r.status, await r.clone().text()).toBe(201);
    return ((await r.json()) as { id: string }).id;
  }

  /** Messages of the broadcast with a final state (its messages are written by a job, shortly after it is created). */
  const settled = (id: string) => count(`select count(*) as n from sms_messages where broadcast_id = $1 and state not in ('held','queued','claimed','submitting','submitted')`, [id]);
  async function states(id: string): Promise<Map<string, number>> {
    return new Map((await db.query(`select state, count(*)::int as n from sms_messages where broadcast_id = $1 group by state`, [id])).rows.map((r) => [r.state as string, r.n as number]));
  }

  it('share one broadcast without sending anything twice, and the survivor of a kill finishes the next one, the dead one\'s in-flight messages in doubt', async () => {
    if (server) await kill(server);
    server = null;
    // As docs/deployment.md says: every instance binds to the carrier itself, at the contracted rate divided by the
    // instances (1,000 a second each here, so that neither can send a whole broadcast before the other wakes up).
    // Each binds with its name as system_type, so that the simulator can tell their submits apart. A lease well
    // above any pause of a busy test machine: a live instance must never look dead to the other.
    const env = (name: string) => ({ SMPP_URL: `${smsc.url.replace(/rate=\d+/, 'rate=1000')}&system_type=${name}`, SMS_LEASE_SECONDS: '5' });
    const [a, b] = await Promise.all([startServer({ name: 'a', env: env('a') }), startServer({ name: 'b', env: env('b') })]);
    await expect.poll(() => ['a', 'b'].map((name) => smsc.binds().filter((x) => x.open && x.systemType === name).length)).toEqual([1, 1]);
    const cookie = await login(a.base, 'demo-province');

    // One broadcast of 6,000, created through instance a: both send it.
    const phones = Array.from({ length: 6000 }, (_, i) => String(15000000000 + i * 11));
    const [a0, b0] = [acceptedBy('a'), acceptedBy('b')];
    const first = await broadcast(a.base, cookie, phones);
    await expect.poll(() => settled(first), { timeout: 60_000, interval: 100 }).toBe(6000);
    expect(Object.fromEntries(await states(first))).toEqual({ delivered: 6000 });
    const received = phones.map((p) => smsc.received(p));
    expect(received.filter((n) => n !== 1)).toEqual([]);
    const [byA, byB] = [acceptedBy('a') - a0, acceptedBy('b') - b0];
    expect(byA + byB).toBe(6000);
    expect(byA, `a sent ${byA}, b ${byB}`).toBeGreaterThan(1500);
    expect(byB, `a sent ${byA}, b ${byB}`).toBeGreaterThan(1500);

    // A second one, created through b; a is killed while both are sending it.
    const next = Array.from({ length: 6000 }, (_, i) => String(15100000000 + i * 11));
    const [a1, b1] = [acceptedBy('a'), acceptedBy('b')];
    const second = await broadcast(b.base, cookie, next);
    await expect.poll(() => acceptedBy('a') - a1, { timeout: 60_000, interval: 10 }).toBeGreaterThan(600);
    await kill(a);
    const sentByA = acceptedBy('a') - a1;
    expect(sentByA + acceptedBy('b') - b1).toBeLessThan(6000);

    // b takes over a's share once a's lease has run out.
    await expect.poll(() => settled(second), { timeout: 60_000, interval: 200 }).toBe(6000);
    const byState = await states(second);
    const delivered = byState.get('delivered') ?? 0;
    const inDoubt = byState.get('unknown') ?? 0;
    expect(delivered + inDoubt).toBe(6000);
    // What a had on the wire when it died: at most its groups in flight (8 of 16) and the outcomes not yet committed.
    expect(inDoubt).toBeLessThanOrEqual(256);
    const reasons = await db.query(`select distinct error_code from sms_messages where broadcast_id = $1 and state = 'unknown'`, [second]);
    for (const row of reasons.rows) expect(row.error_code).toBe('in_doubt');
    const got = next.map((p) => smsc.received(p));
    // Never twice: the in-doubt ones were not sent again by b.
    expect(got.filter((n) => n > 1)).toEqual([]);
    const once = got.filter((n) => n === 1).length;
    expect(once).toBe(sentByA + acceptedBy('b') - b1);
    expect(once).toBeGreaterThanOrEqual(delivered);
    expect(got.filter((n) => n === 0).length).toBeLessThanOrEqual(inDoubt);
    // Completed by b's housekeeping, which runs every few seconds.
    await expect.poll(async () => (await db.query(`select state from sms_broadcasts where id = $1`, [second])).rows[0].state, { timeout: 30_000, interval: 200 }).toBe('completed');
    await kill(b);
  }, 180_000);
});
