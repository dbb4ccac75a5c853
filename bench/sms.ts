/**
 * SMS benchmarks (issue 9, item 9): `npm run bench -- sms`.
 *
 *   sms.submit.raw        the bare smpp client → simulator submit loop, same machine, same run (the ceiling)
 *   sms.submit.postgres   queued → submitted → delivered through the platform (dispatcher, channel, receipts),
 *   sms.submit.pglite     every status persisted, timed until the last receipt is applied
 *   sms.inbound.<db>      incoming replies stored (and acknowledged only after commit), per second, loss counted
 *   sms.resolve.1m        a broadcast to ≥ 1,000,000 members of the province-sized dataset resolved and queued
 *                         (INSERT … SELECT), with the process's peak memory — needs `npm run bench -- members` first
 *                         (BENCH_DATABASE_URL, default dj_bench); skipped when that dataset is absent
 *
 * The simulator runs in a process of its own (bench/smsc-process.ts), as a carrier is never in the platform's
 * process; BENCH_SMSC=inline runs it in this one, BENCH_SMSC_URL uses one already running
 * (`SMSC_RECEIPT_DELAY=5-50 SMSC_RATE=1000000 npm run smsc`). BENCH_SMS_MESSAGES (default 50,000), BENCH_SMS_REPLIES (default 20,000), BENCH_SMS_WINDOW (default 16, the
 * link's window), BENCH_SMS_GROUP and BENCH_SMS_GROUPS (the dispatcher's claim size and claims in flight; its defaults otherwise), BENCH_SMS_DATABASE_URL (default postgres://root@127.0.0.1:5432/dj_bench_sms, dropped and made anew).
 * BENCH_SQL_EXPERIMENT: SQL run on the submit database once the messages are queued (try an index or a setting
 * against the same line, e.g. "alter table sms_segments set (fillfactor = 70)").
 *
 * The submit lines also print CPU time per message of this process and of the database server, and the commits and
 * rows written per message: figures that stay comparable on a busy machine, where the rate alone does not.
 */
import { sql } from 'kysely';
import pg from 'pg';
import { loadConfig } from '../server/src/config.js';
import { startContext } from '../server/src/platform/bootstrap.js';
import type { AppContext } from '../server/src/platform/context.js';
import { createSmsc } from '../server/src/smsc/smsc.js';
import { measureRawSubmit } from '../server/src/smsc/raw-client.js';
import { createSmppChannel, parseSmppUrls } from '../server/src/platform/sms/smpp-channel.js';
import { createDispatcher } from '../server/src/modules/sms/sms.dispatcher.js';
import { resolveBroadcast } from '../server/src/modules/sms/sms.service.js';
import { recreateBenchDatabase } from './database.js';

type Line = (o: Record<string, unknown>) => void;

const MESSAGES = Number(process.env.BENCH_SMS_MESSAGES ?? 50_000);
const REPLIES = Number(process.env.BENCH_SMS_REPLIES ?? 20_000);
const WINDOW = Number(process.env.BENCH_SMS_WINDOW ?? 16);
const SMS_URL = process.env.BENCH_SMS_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/dj_bench_sms';
const PROVINCE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/dj_bench';
const KEY = Buffer.alloc(32, 7).toString('base64');
const EXTERNAL = process.env.BENCH_SMSC_URL || null;

function env(databaseUrl: string | undefined): ReturnType<typeof loadConfig> {
  return loadConfig({
    NODE_ENV: 'development', DATABASE_URL: databaseUrl, DATABASE_POOL_SIZE: '10', DATA_DIR: '/tmp/dj-bench-sms', DJ_DATA_KEY: KEY, DJ_INDEX_KEY: KEY, DJ_AUDIT_KEY: KEY,
    SMS_QUIET_HOURS: 'off', LOG_LEVEL: 'silent', DEMO_DATA: 'false',
  } as NodeJS.ProcessEnv);
}

async function withContext<T>(databaseUrl: string | undefined, f: (ctx: AppContext) => Promise<T>): Promise<T> {
  const { ctx, database } = await startContext(env(databaseUrl), { dataDir: databaseUrl ? undefined : 'memory://' });
  try {
    return await f(ctx);
  } finally {
    await ctx.jobs.stop();
    await database.close();
  }
}

/**
 * CPU time the PostgreSQL server spent for this database (its backends) and in its background processes (WAL
 * writer, checkpointer …), in ms, read from /proc: unlike wall time it stays meaningful on a busy machine, so a
 * change can be judged by what it costs per message even while other work runs.
 */
async function pgCpuTicks(ctx: AppContext): Promise<Map<number, number>> {
  const { readFile } = await import('node:fs/promises');
  // This database's own processes (its connections, its autovacuum), and the server's WAL writer, checkpointer and
  // background writer, whose work is mostly this run's (other databases' connections are left out: a busy machine).
  const { rows } = await sql<{ pid: number }>`
    select pid from pg_stat_activity where datname = current_database() or backend_type in ('walwriter', 'checkpointer', 'background writer')`.execute(ctx.db);
  const out = new Map<number, number>();
  for (const { pid } of rows) {
    try {
      const f = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]!.split(' ');
      out.set(pid, Number(f[11]) + Number(f[12])); // utime + stime, in clock ticks (100 a second)
    } catch { /* exited, or another machine's server */ }
  }
  return out;
}

/** Transactions and rows written in this database so far (pg_stat_database; updated when a backend reports, so read after a pause). */
async function pgWork(ctx: AppContext): Promise<{ commits: number; updated: number; inserted: number }> {
  await sql`select pg_stat_force_next_flush()`.execute(ctx.db).catch(() => {});
  const { rows } = await sql<{ commits: string; updated: string; inserted: string }>`
    select xact_commit as commits, tup_updated as updated, tup_inserted as inserted from pg_stat_database where datname = current_database()`.execute(ctx.db);
  return { commits: Number(rows[0]!.commits), updated: Number(rows[0]!.updated), inserted: Number(rows[0]!.inserted) };
}

function pgCpuMs(before: Map<number, number>, after: Map<number, number>): number {
  let t = 0;
  for (const [pid, v] of after) t += v - (before.get(pid) ?? 0);
  return t * 10;
}

/** The simulator the submit lines talk to: in another process by default, in this one with BENCH_SMSC=inline, or BENCH_SMSC_URL. */
interface BenchSmsc { url: string; where: string; stats(): Promise<{ twice: number | null; cpuMs: number | null }>; close(): Promise<void> }

async function startBenchSmsc(seed: number): Promise<BenchSmsc> {
  if (EXTERNAL) return { url: EXTERNAL, where: 'separate process (BENCH_SMSC_URL)', stats: async () => ({ twice: null, cpuMs: null }), close: async () => {} };
  if (process.env.BENCH_SMSC === 'inline') {
    const smsc = await createSmsc({ receiptDelayMs: [5, 50], rate: 1_000_000, seed, deliverWindow: 256 });
    return {
      url: smsc.url, where: 'in process',
      stats: async () => ({ twice: smsc.phones().filter((p) => smsc.received(p) > 1).length, cpuMs: null }),
      close: () => smsc.close(),
    };
  }
  const { spawn } = await import('node:child_process');
  const { createInterface } = await import('node:readline');
  const child = spawn(process.execPath, ['--import', 'tsx', new URL('./smsc-process.ts', import.meta.url).pathname], {
    env: { ...process.env, SMSC_SEED: String(seed) }, stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const next = async () => JSON.parse(((await lines.next()).value as string | undefined) ?? 'null') as Record<string, unknown>;
  const { url } = (await next()) as { url: string };
  return {
    url, where: 'separate process',
    async stats() {
      child.stdin!.write('stats\n');
      const s = (await next()) as { twice: number; cpuMs: number };
      return { twice: s.twice, cpuMs: s.cpuMs };
    },
    async close() {
      const exited = new Promise((r) => child.once('exit', r));
      child.stdin!.end();
      await exited;
    },
  };
}

/** One organization and `n` queued messages of one broadcast, as a resolved broadcast leaves them. */
async function queueMessages(ctx: AppContext, n: number): Promise<string> {
  const org = await ctx.db.insertInto('orgs').values({ path: '/1/', depth: 0, name: '浙江省委', full_name: '中共浙江省委', type: 'committee', level: 'province', sector: 'organ' })
    .returning('id').executeTakeFirstOrThrow();
  const b = await ctx.db.insertInto('sms_broadcasts').values({ org_id: org.id, created_by_name: 'bench', lane: 'bulk', text: 'bench', audience: '{}', state: 'sending', recipients: n })
    .returning('id').executeTakeFirstOrThrow();
  const text = '【浙江组工】请各支部于本月底前完成党员信息核对，并按时参加主题党日活动。';
  for (let i = 0; i < n; i += 5000) {
    const rows = Array.from({ length: Math.min(5000, n - i) }, (_, k) => {
      const phone = String(13000000000 + i + k);
      // As a resolved broadcast leaves them: each row names its member (the member centre's index is written too).
      return { broadcast_id: b.id, lane: 2, person_kind: 'member', person_id: String(i + k + 1), name: `党员${i + k + 1}`, org_id: org.id, phone_enc: ctx.crypto.encrypt(phone), phone_bidx: ctx.crypto.blindIndex('mobile', phone), phone_masked: phone.slice(0, 3) + '****' + phone.slice(7), text, state: 'queued' };
    });
    await ctx.db.insertInto('sms_messages').values(rows).execute();
  }
  return b.id;
}

async function states(ctx: AppContext, broadcastId: string): Promise<Record<string, number>> {
  const { rows } = await sql<{ state: string; n: string }>`select state, count(*) as n from sms_messages where broadcast_id = ${broadcastId} group by state`.execute(ctx.db);
  return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
}

async function benchSubmit(line: Line, kind: 'postgres' | 'pglite', raw: number): Promise<void> {
  if (kind === 'postgres') await recreateBenchDatabase(SMS_URL);
  await withContext(kind === 'postgres' ? SMS_URL : undefined, async (ctx) => {
    const id = await queueMessages(ctx, MESSAGES);
    if (process.env.BENCH_SQL_EXPERIMENT) await sql.raw(process.env.BENCH_SQL_EXPERIMENT).execute(ctx.db);
    const smsc = await startBenchSmsc(1);
    const url = smsc.url;
    const channel = createSmppChannel(parseSmppUrls(`${url.replace(/rate=\d+/, 'rate=1000000')}&window=${WINDOW}`));
    await channel.start();
    const d = createDispatcher(ctx, channel, {
      instance: 'bench', groups: process.env.BENCH_SMS_GROUPS ? Number(process.env.BENCH_SMS_GROUPS) : undefined, group: process.env.BENCH_SMS_GROUP ? Number(process.env.BENCH_SMS_GROUP) : undefined,
    });
    const pgBefore = kind === 'postgres' ? await pgCpuTicks(ctx) : null;
    const workBefore = kind === 'postgres' ? await pgWork(ctx) : null;
    const cpuBefore = process.cpuUsage();
    const smscBefore = (await smsc.stats()).cpuMs;
    const start = performance.now();
    while ((await d.pump()) > 0);
    const submittedAt = performance.now() - start;
    // Every status persisted: wait until the last receipt is applied.
    for (;;) {
      await d.settled();
      const s = await states(ctx, id);
      if ((s.delivered ?? 0) + (s.failed ?? 0) + (s.unknown ?? 0) >= MESSAGES) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const ms = performance.now() - start;
    const cpu = process.cpuUsage(cpuBefore);
    const pgMs = pgBefore ? pgCpuMs(pgBefore, await pgCpuTicks(ctx)) : null;
    const workAfter = workBefore ? await pgWork(ctx) : null;
    const s = await states(ctx, id);
    const after = await smsc.stats();
    const dup = after.twice;
    const smscCpuMs = after.cpuMs !== null && smscBefore !== null ? after.cpuMs - smscBefore : null;
    line({
      bench: `sms.submit.${kind}`, messages: MESSAGES, window: WINDOW, submitted_s: +(submittedAt / 1000).toFixed(2), all_delivered_s: +(ms / 1000).toFixed(2),
      per_second: Math.round(MESSAGES / (ms / 1000)), submit_per_second: Math.round(MESSAGES / (submittedAt / 1000)), raw_per_second: raw,
      ratio_to_raw: +((MESSAGES / (ms / 1000)) / raw).toFixed(3), states: s,
      // CPU per message: this process (dispatcher, link, and the simulator unless it runs elsewhere) and the database server.
      cpu_us_per_message: { node: Math.round(((cpu.user + cpu.system) / MESSAGES)), postgres: pgMs === null ? null : Math.round((pgMs * 1000) / MESSAGES),
        simulator: smscCpuMs === null ? null : Math.round((smscCpuMs * 1000) / MESSAGES) },
      per_message: workBefore && workAfter ? {
        commits: +((workAfter.commits - workBefore.commits) / MESSAGES).toFixed(3),
        rows_updated: +((workAfter.updated - workBefore.updated) / MESSAGES).toFixed(2),
        rows_inserted: +((workAfter.inserted - workBefore.inserted) / MESSAGES).toFixed(2),
      } : null, phones_received_twice: dup, simulator: smsc.where,
    });
    await d.stop();
    await channel.close();
    await smsc.close();
  });
}

async function benchInbound(line: Line, kind: 'postgres' | 'pglite'): Promise<void> {
  if (kind === 'postgres') await recreateBenchDatabase(SMS_URL);
  await withContext(kind === 'postgres' ? SMS_URL : undefined, async (ctx) => {
    const smsc = await createSmsc({ seed: 2, deliverWindow: 256 });
    const channel = createSmppChannel(parseSmppUrls(smsc.url));
    const d = createDispatcher(ctx, channel, { instance: 'bench' });
    await channel.start();
    const phones = Math.ceil(REPLIES / 4);
    const start = performance.now();
    await smsc.flood({ phones, messagesPerPhone: 4, text: (p, i) => `收到，第${i + 1}条：${p.slice(-4)}` });
    const ms = performance.now() - start;
    const { rows } = await sql<{ n: string; distinct_n: string }>`select count(*) as n, count(distinct (phone_bidx, text)) as distinct_n from sms_inbound`.execute(ctx.db);
    line({
      bench: `sms.inbound.${kind}`, replies: phones * 4, seconds: +(ms / 1000).toFixed(2), per_second: Math.round((phones * 4) / (ms / 1000)),
      stored: Number(rows[0]!.n), lost: phones * 4 - Number(rows[0]!.distinct_n), duplicates: Number(rows[0]!.n) - Number(rows[0]!.distinct_n),
    });
    await d.stop();
    await channel.close();
    await smsc.close();
  });
}

/** Organizations whose members add up to at least a million: cities, largest first. */
async function benchResolve(line: Line): Promise<void> {
  const probe = new pg.Client({ connectionString: PROVINCE_URL });
  try {
    await probe.connect();
    const n = await probe.query(`select count(*)::int as n from members`);
    if (n.rows[0].n < 1_000_000) throw new Error('small');
  } catch {
    line({ bench: 'sms.resolve.1m', skipped: `no province-sized dataset at ${PROVINCE_URL}; run npm run bench -- members first` });
    return;
  } finally {
    await probe.end().catch(() => {});
  }
  await withContext(PROVINCE_URL, async (ctx) => {
    const cities = await sql<{ id: string; path: string; n: string }>`
      select o.id, o.path, (select count(*) from members m where m.org_path like o.path || '%' and m.mobile_bidx is not null and m.departed_on is null) as n
      from orgs o where o.level = 'city' order by n desc`.execute(ctx.db);
    const chosen: typeof cities.rows = [];
    let total = 0;
    for (const c of cities.rows) { if (total >= 1_000_000) break; chosen.push(c); total += Number(c.n); }
    const root = await ctx.db.selectFrom('orgs').select(['id', 'path']).where('parent_id', 'is', null).executeTakeFirstOrThrow();
    const b = await ctx.db.insertInto('sms_broadcasts').values({
      org_id: root.id, created_by_name: 'bench', lane: 'bulk', text: '【浙江组工】{姓名}同志：请关注{组织}本月组织生活安排。',
      audience: JSON.stringify({ orgIds: chosen.map((c) => c.id), who: ['members'], groupIds: [], phones: [] }), state: 'resolving',
    }).returning('id').executeTakeFirstOrThrow();
    let peak = process.memoryUsage().rss;
    const base = peak;
    const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 50);
    const start = performance.now();
    await resolveBroadcast(ctx, b.id, [root.path]);
    const ms = performance.now() - start;
    clearInterval(sampler);
    const after = await ctx.db.selectFrom('sms_broadcasts').select(['recipients', 'state']).where('id', '=', b.id).executeTakeFirstOrThrow();
    line({
      bench: 'sms.resolve.1m', cities: chosen.length, recipients: after.recipients, state: after.state, seconds: +(ms / 1000).toFixed(1),
      rss_start_mb: Math.round(base / 2 ** 20), rss_peak_mb: Math.round(peak / 2 ** 20), target_s: 60,
    });
    // Leave the dataset as it was.
    await sql`delete from sms_messages where broadcast_id = ${b.id}`.execute(ctx.db);
    await sql`delete from sms_broadcasts where id = ${b.id}`.execute(ctx.db);
  });
}

export async function benchSms({ line, only }: { line: Line; only: RegExp | null }): Promise<void> {
  const want = (name: string) => !only || only.test(name);
  let raw = 0;
  if (want('sms.submit')) {
    const smsc = await startBenchSmsc(3);
    const r = await measureRawSubmit({ url: smsc.url, messages: MESSAGES, window: WINDOW });
    raw = Math.round(r.perSecond);
    line({ bench: 'sms.submit.raw', messages: MESSAGES, window: WINDOW, per_second: raw, simulator: smsc.where });
    await smsc.close();
  }
  if (want('sms.submit.postgres')) await benchSubmit(line, 'postgres', raw);
  if (want('sms.submit.pglite')) await benchSubmit(line, 'pglite', raw);
  if (want('sms.inbound.postgres')) await benchInbound(line, 'postgres');
  if (want('sms.inbound.pglite')) await benchInbound(line, 'pglite');
  if (want('sms.resolve')) await benchResolve(line);
}
