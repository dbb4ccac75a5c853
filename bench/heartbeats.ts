/**
 * Heartbeat ingestion at scale (issue 12, items 5 and 7; docs/benchmarks.md "Heartbeats"): 50,000 members watching a
 * video lesson at once, each page sending `POST /api/learning/heartbeats` every HEARTBEAT_SECONDS (15 s, the module's
 * own interval), i.e. a sustained 50,000 / 15 ≈ 3,333 requests a second against one server instance.
 *
 *   npm run bench -- learning --only=heartbeats                   the 60-second run at 50,000 viewers, then the ramp
 *   BENCH_HB_SMOKE=1 npm run bench -- learning --only=heartbeats  smoke: 300 viewers, 3-second beats, a few seconds
 *
 * Environment (defaults in brackets): BENCH_HB_DATABASE_URL [postgres://root@127.0.0.1:5432/dj_bench_hb, dropped and
 * re-created, dropped again at the end unless BENCH_HB_KEEP=1], BENCH_HB_VIEWERS [50000], BENCH_HB_SECONDS [60], BENCH_HB_CONNECTIONS [256 keep-alive sockets],
 * BENCH_HB_INTERVAL [15, the module's], BENCH_HB_RAMP [1; 0 skips it], BENCH_HB_RAMP_SECONDS [20], BENCH_HB_RAMP_STEP
 * [2500 viewers], BENCH_HB_RAMP_MAX [200000 viewers].
 *
 * Dataset, by set-based SQL into its own database: one organization, VIEWERS members, a member account and a live
 * session for each (the cookie token `<seed>-<account id>`, its SHA-256 in `sessions`), one published course with a
 * two-hour video lesson, an open study stream per account at sequence 0 and its progress row — what startStudy leaves
 * behind. Each stream's first token is signed here by the module's own signToken with the server's keys (passed to
 * the server as DJ_DATA_KEY / DJ_INDEX_KEY), so every heartbeat is verified, sequence-checked, merged into the
 * coverage and written by the real server (bench/load.ts startServer: this checkout's server in its own process).
 *
 * The load is open-loop: beat j of the run is due at start + j / rate and goes to stream j mod VIEWERS, so every stream
 * beats once per interval, carrying the token of its previous answer and a playhead advanced by the wall time since
 * its previous beat (so the server counts the move as watched). Latency is measured from the time a beat was DUE, not
 * from when a free socket took it: a server that falls behind shows it in the percentiles (no coordinated omission).
 * A stream whose previous beat has not been answered yet waits for it (a page has no token before the answer) and is
 * counted as `waited`. "Kept up" = requests answered 200 per second over the run (including any drain more than a second
 * after it) ≥ 99 % of the target rate.
 *
 * CPU seconds of the server process, of the database's backends serving it (/proc, PostgreSQL is local) and of this
 * client process are printed beside the figures: the machine is shared, and CPU per heartbeat says what a heartbeat
 * costs whatever else runs beside it.
 *
 * Live presence (`learning.heartbeats.presence`): the same VIEWERS members on one live lesson, each page sending
 * `POST /api/learning/live/:id/presence` every PRESENCE_SECONDS (30 s), i.e. VIEWERS / 30 requests a second (1,667 at
 * 50,000), open-loop as above; `--only=presence` runs it alone.
 *
 * The ramp (`learning.heartbeats.ramp`): the same streams at rising rates (viewers = rate × 15 s, the first that many
 * streams; above VIEWERS all streams beat more often than every 15 s, which costs the server the same per beat), BENCH_HB_RAMP_SECONDS
 * a step, until p99 > 1 s or the server no longer keeps up. One JSON line per step and a summary line.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import pg from 'pg';
import { createFieldCrypto } from '../server/src/platform/crypto.js';
import { openDatabase } from '../server/src/db/database.js';
import { migrateToLatest } from '../server/src/db/migrate.js';
import type { AppContext } from '../server/src/platform/context.js';
import { signToken } from '../server/src/modules/learning/learning.tokens.js';
import { HEARTBEAT_SECONDS } from '../server/src/modules/learning/learning.study.js';
import { PRESENCE_SECONDS } from '../server/src/modules/learning/learning.live.member.js';
import { dropBenchDatabase, recreateBenchDatabase } from './database.js';
import { startServer } from './load.js';

type Line = (o: Record<string, unknown>) => void;
const smoke = process.env.BENCH_HB_SMOKE === '1';
const num = (name: string, dflt: number, smokeValue: number) => Number(process.env[name] ?? (smoke ? smokeValue : dflt));
const URL_ = process.env.BENCH_HB_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/dj_bench_hb';
const VIEWERS = num('BENCH_HB_VIEWERS', 50_000, 300);
const SECONDS = num('BENCH_HB_SECONDS', 60, 6);
const CONNECTIONS = num('BENCH_HB_CONNECTIONS', 256, 32);
const INTERVAL = num('BENCH_HB_INTERVAL', HEARTBEAT_SECONDS, 3);
const RAMP = num('BENCH_HB_RAMP', 1, 1) === 1;
const RAMP_SECONDS = num('BENCH_HB_RAMP_SECONDS', 20, 3);
const RAMP_STEP = num('BENCH_HB_RAMP_STEP', 2_500, 300);
const RAMP_MAX = num('BENCH_HB_RAMP_MAX', 200_000, 900);
const DRAIN = num('BENCH_HB_DRAIN', 15, 5);
const round = (x: number) => Math.round(x * 10) / 10;
/** CPU milliseconds per answered heartbeat of the server, its database backends and this client (three decimals: a batched beat costs ~0.1 ms). */
const perBeat = (cpu: { server_cpu_s: number; pg_cpu_s: number; client_cpu_s: number }, ok: number) => {
  const ms = (sec: number) => Math.round((sec * 1e6) / Math.max(1, ok)) / 1000;
  return { server: ms(cpu.server_cpu_s), pg: ms(cpu.pg_cpu_s), client: ms(cpu.client_cpu_s) };
};
const pct = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN);

/** CPU seconds (user + system) of a process, from /proc; NaN when it is gone or not visible. */
function cpuOf(pid: number): number {
  try {
    const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12])) / 100; // clock ticks (CLK_TCK = 100 on Linux)
  } catch {
    return NaN;
  }
}

interface Dataset { ids: string[]; tokens: string[]; cookies: string[]; lessonId: string; eventId: string; ctx: AppContext }

/** The dataset of the header, in a fresh database; returns each stream's first token and its session cookie. */
async function prepare(line: Line, keys: { dataKey: Buffer; indexKey: Buffer }): Promise<Dataset> {
  const t0 = performance.now();
  await recreateBenchDatabase(URL_);
  const database = await openDatabase({ url: URL_, poolSize: 2 });
  await migrateToLatest(database.db);
  await database.close();
  const c = new pg.Client({ connectionString: URL_ });
  await c.connect();
  try {
    const one = async <T extends pg.QueryResultRow>(text: string, params: unknown[] = []) => (await c.query<T>(text, params)).rows[0];
    await c.query('begin');
    const org = await one<{ id: string }>(`insert into orgs (path, depth, name, full_name, type, level, sector)
      values ('/', 0, '心跳压测党委', '中共心跳压测党委', 'committee', 'province', 'organ') returning id::text`);
    const path = `/${org.id}/`;
    await c.query(`update orgs set path = $1 where id = $2`, [path, org.id]);
    await c.query(`insert into members (org_id, org_path, name, gender, ethnicity, birth_date, id_type, id_number_enc, id_number_bidx, id_number_masked, education, category, joined_on)
      select $1, $2, '压测党员' || g, case when g % 2 = 0 then 'male' else 'female' end, '汉族', date '1980-01-01' + (g % 9000), 'resident_id', '\\x00ff00ff'::bytea,
             md5('hb:' || g), '3301**********' || lpad((g % 10000)::text, 4, '0'), 'bachelor', 'full', date '2005-07-01'
      from generate_series(1, $3::int) g`, [org.id, path, VIEWERS]);
    await c.query(`insert into accounts (username, display_name, kind, password_hash, member_id)
      select 'hb-' || m.id, m.name, 'member', 'bench-no-password', m.id from members m where m.org_id = $1 order by m.id`, [org.id]);
    const seed = crypto.randomBytes(12).toString('base64url');
    await c.query(`insert into sessions (token_hash, account_id, expires_at, mfa_passed, last_seen_at)
      select encode(sha256(convert_to($1 || '-' || a.id, 'UTF8')), 'hex'), a.id, now() + interval '6 hours', true, now()
      from accounts a where a.kind = 'member' order by a.id`, [seed]);
    const author = await one<{ id: string }>(`select min(id)::text as id from accounts`);
    const course = await one<{ id: string }>(`insert into learning_courses (org_id, topic_id, title, audiences, status, created_by, created_at, updated_at, published_at)
      values ($1, (select min(id) from learning_topics), '心跳压测课程', '{member}', 'published', $2, now(), now(), now()) returning id::text`, [org.id, author.id]);
    const lesson = await one<{ id: string }>(`insert into learning_lessons (course_id, position, kind, title, video_url, duration_seconds, credit_minutes, created_at, updated_at)
      values ($1, 1, 'video', '心跳压测视频', 'https://example.invalid/lesson.mp4', 7200, 120, now(), now()) returning id::text`, [course.id]);
    // A live lesson on now, for the presence beats (learning.heartbeats.presence): credit far beyond the run, so no beat credits.
    const event = await one<{ id: string }>(`insert into learning_live_events (org_id, title, audiences, source_url, starts_at, ends_at, credit_minutes, status, started_at, created_by, created_at, updated_at)
      values ($1, '压测直播', '{member}', 'https://example.invalid/live/index.m3u8', now() - interval '1 hour', now() + interval '10 hours', 600, 'live', now() - interval '1 hour', $2, now(), now())
      returning id::text`, [org.id, author.id]);
    const startedAt = new Date(Date.now() - 1000);
    const streams = await c.query<{ id: string; account_id: string }>(`insert into learning_streams (account_id, member_id, lesson_id, last_at, started_at)
      select a.id, a.member_id, $1, $2, $2 from accounts a where a.kind = 'member' order by a.id returning id::text, account_id::text`, [lesson.id, startedAt]);
    await c.query(`insert into learning_progress (member_id, lesson_id, updated_at) select member_id, lesson_id, $2 from learning_streams where lesson_id = $1`, [lesson.id, startedAt]);
    await c.query('commit');
    for (const t of ['members', 'accounts', 'sessions', 'learning_streams', 'learning_progress']) await c.query(`vacuum analyze ${t}`);
    // The module's own signing, with the keys the server is given: the first token of each stream, as startStudy answers it.
    const ctx = { crypto: createFieldCrypto(keys) } as unknown as AppContext;
    const rows = streams.rows.sort((a, b) => Number(a.id) - Number(b.id));
    const tokens = rows.map((s) => signToken(ctx, { k: 's', i: s.id, q: 0, t: startedAt.getTime() }));
    const cookies = rows.map((s) => `dj_session=${seed}-${s.account_id}`);
    line({ bench: 'learning.heartbeats.prepare', viewers: VIEWERS, streams: rows.length, lesson_id: lesson.id, s: round((performance.now() - t0) / 1000) });
    return { ids: rows.map((r) => r.id), tokens, cookies, lessonId: lesson.id, eventId: event.id, ctx };
  } finally {
    await c.end();
  }
}

/** Per-stream client state: the token of the last answer, the playhead, when it last beat, whether a beat is in flight. */
class Viewers {
  position: Float64Array;
  lastSent: Float64Array;
  busy: Uint8Array;
  waiting: Float64Array; // due time of a beat waiting for the previous answer, 0 when none
  lost: Uint8Array; // the answer (and its token) was lost: abandoned or failed; re-signed from the database by revive()
  constructor(public ids: string[], public tokens: string[], public cookies: string[]) {
    const n = tokens.length;
    this.lost = new Uint8Array(n);
    this.position = new Float64Array(n);
    this.lastSent = new Float64Array(n);
    this.busy = new Uint8Array(n);
    this.waiting = new Float64Array(n);
  }
}

interface Tally { latencies: number[]; ok: number; status: Map<string, number>; waited: number; lastAnswer: number; counted: number }

/**
 * Drives `rate` beats a second for `seconds` over rate × INTERVAL streams, open-loop; resolves when every beat has been answered
 * (or failed). Returns the tally of this phase.
 */
function drive(base: string, agent: http.Agent, v: Viewers, rate: number, seconds: number, presenceOf?: string): Promise<Tally & { start: number }> {
  const url = new URL(base);
  // As many streams as beat once per interval at this rate (all of them above VIEWERS): each beats every INTERVAL
  // seconds, so its moves count as watched (a stream left 45 s without a beat would count nothing). Presence beats
  // (presenceOf = a live event's id) come from each member's page every PRESENCE_SECONDS and carry no body.
  const n = Math.max(1, Math.min(v.tokens.length, Math.round(rate * (presenceOf ? PRESENCE_SECONDS : INTERVAL))));
  const tally: Tally = { latencies: [], ok: 0, status: new Map(), waited: 0, lastAnswer: 0, counted: 0 };
  const start = performance.now();
  const total = Math.round(rate * seconds);
  let sent = 0;
  let outstanding = 0;
  let stopped = false;
  let done: () => void;
  const finished = new Promise<void>((r) => { done = r; });
  const open = new Set<http.ClientRequest>();
  // A server that cannot keep up would leave a backlog that takes minutes to drain: what is not answered DRAIN seconds
  // after the run is abandoned and counted as `unanswered` (only the requests on the sockets reach the server at all;
  // the rest wait in the client's queue, so the server is left with at most CONNECTIONS requests to finish).
  const deadline = setTimeout(() => {
    stopped = true;
    for (const r of open) r.destroy(new Error('unanswered'));
    for (const [i] of queue.splice(0)) { v.busy[i] = 0; bump('unanswered'); } // never sent: its token is still good
    v.busy.fill(0);
    for (let i = 0; i < n; i++) if (v.waiting[i] > 0) { v.waiting[i] = 0; bump('unanswered'); }
    done();
  }, (seconds + DRAIN) * 1000);
  const bump = (k: string) => tally.status.set(k, (tally.status.get(k) ?? 0) + 1);

  // Beats wait here, not in the agent, for a free socket: the playhead is read when the beat really leaves.
  const queue: [number, number][] = [];
  let onWire = 0;
  const send = (i: number, due: number) => {
    if (stopped) return;
    v.busy[i] = 1;
    if (onWire >= CONNECTIONS) { queue.push([i, due]); outstanding++; return; }
    transmit(i, due, false);
  };
  const transmit = (i: number, due: number, queued: boolean) => {
    onWire++;
    if (!queued) outstanding++;
    const now = performance.now();
    // The playhead moves with the wall clock between two beats of the stream, as a playing video does.
    if (v.lastSent[i] > 0) v.position[i] += (now - v.lastSent[i]) / 1000;
    v.lastSent[i] = now;
    const body = presenceOf ? '' : JSON.stringify({ token: v.tokens[i], position: Math.round(v.position[i] * 1000) / 1000, playing: true });
    const req = http.request({
      host: url.hostname, port: url.port, path: presenceOf ? `/api/learning/live/${presenceOf}/presence` : '/api/learning/heartbeats', method: 'POST', agent, timeout: 60_000,
      headers: { ...(presenceOf ? {} : { 'content-type': 'application/json' }), 'content-length': Buffer.byteLength(body), cookie: v.cookies[i] },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () => {
        open.delete(req);
        const at = performance.now();
        tally.latencies.push(at - due);
        tally.lastAnswer = at;
        if (res.statusCode === 200) {
          tally.ok++;
          if (!presenceOf) {
            const r = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { token: string; counted: number };
            v.tokens[i] = r.token;
            tally.counted += r.counted;
          }
        } else {
          v.lost[i] = 1;
          bump(String(res.statusCode));
        }
        settle(i);
      });
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (e: NodeJS.ErrnoException) => { open.delete(req); v.lost[i] = 1; bump(e.code ?? e.message); if (!stopped) tally.lastAnswer = performance.now(); settle(i); });
    open.add(req);
    req.end(body);
  };
  const settle = (i: number) => {
    v.busy[i] = 0;
    outstanding--;
    onWire--;
    if (stopped) return;
    const next = queue.shift();
    if (next) transmit(next[0], next[1], true);
    if (v.waiting[i] > 0) {
      const due = v.waiting[i];
      v.waiting[i] = 0;
      send(i, due);
    } else if (sent >= total && outstanding === 0) done();
  };
  const tick = () => {
    const now = performance.now();
    const due = Math.min(total, Math.floor(((now - start) / 1000) * rate) + 1);
    for (; sent < due; sent++) {
      const i = sent % n;
      const at = start + (sent / rate) * 1000;
      if (v.lost[i]) bump('lost_stream');
      else if (v.busy[i]) {
        tally.waited++;
        // Still waiting from a beat before: that one is simply late; keep the earlier due time.
        if (v.waiting[i] === 0) v.waiting[i] = at;
        else { bump('skipped'); }
      } else send(i, at);
    }
    if (stopped) return;
    if (sent < total) setTimeout(tick, 2);
    else if (outstanding === 0) done();
  };
  tick();
  return finished.then(async () => {
    clearTimeout(deadline);
    if (stopped) await new Promise((r) => setTimeout(r, 3000)); // the server finishes what was on the sockets
    return { ...tally, start };
  });
}

/**
 * Streams whose last answer was lost (abandoned after a run, or an error) carry a token the server no longer accepts:
 * the next token is signed again from the stream's row (as the server would have answered it), between runs only.
 */
async function revive(v: Viewers, ctx: AppContext): Promise<number> {
  const ids = v.ids.filter((_, i) => v.lost[i]);
  if (!ids.length) return 0;
  const index = new Map(v.ids.map((id, i) => [id, i]));
  const c = new pg.Client({ connectionString: URL_ });
  await c.connect();
  try {
    const { rows } = await c.query<{ id: string; seq: number; position: number; last_at: Date }>(
      `select id::text, seq, position, last_at from learning_streams where id = any($1::bigint[])`, [ids]);
    for (const r of rows) {
      const i = index.get(r.id)!;
      v.tokens[i] = signToken(ctx, { k: 's', i: r.id, q: r.seq, t: r.last_at.getTime() });
      v.position[i] = r.position;
      v.lost[i] = 0;
    }
    return rows.length;
  } finally {
    await c.end();
  }
}

function summary(t: Tally & { start: number }, rate: number, seconds: number) {
  const lat = t.latencies.sort((a, b) => a - b);
  // The run's length, or longer when answers kept coming more than a second after it (a backlog draining).
  const elapsed = Math.max(seconds, (t.lastAnswer - t.start) / 1000 - 1);
  const achieved = t.ok / elapsed;
  return {
    target_rps: round(rate), achieved_rps: round(achieved), kept_up: achieved >= 0.99 * rate,
    requests: lat.length, ok: t.ok, errors: Object.fromEntries(t.status), waited: t.waited,
    p50_ms: round(pct(lat, 50)), p95_ms: round(pct(lat, 95)), p99_ms: round(pct(lat, 99)), max_ms: round(lat[lat.length - 1] ?? NaN),
    counted_s: Math.round(t.counted), drain_s: round(Math.max(0, (t.lastAnswer - t.start) / 1000 - seconds)),
  };
}

/** The server's backends in the bench database (pg_stat_activity), for their CPU time. */
async function backendPids(): Promise<number[]> {
  const c = new pg.Client({ connectionString: URL_ });
  await c.connect();
  try {
    return (await c.query<{ pid: number }>(`select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`)).rows.map((r) => r.pid);
  } finally {
    await c.end();
  }
}

/**
 * Sessions as in a steady state: each last seen 0–59 s ago, so the session's throttled touch (platform/sessions.ts, at
 * most once a minute) falls on about one beat in four, as it does for a page beating every 15 s — not on every beat,
 * as it would right after the dataset was made.
 */
async function steadySessions(): Promise<void> {
  const c = new pg.Client({ connectionString: URL_ });
  await c.connect();
  try {
    await c.query(`update sessions set last_seen_at = now() - (id % 60) * interval '1 second' where account_id in (select id from accounts where kind = 'member')`);
  } finally {
    await c.end();
  }
}

async function measured<T>(childPid: number, fn: () => Promise<T>) {
  await steadySessions();
  const pids = await backendPids();
  const pg0 = new Map(pids.map((p) => [p, cpuOf(p)]));
  const s0 = cpuOf(childPid);
  const c0 = process.cpuUsage();
  const load = os.loadavg().map((x) => Math.round(x * 100) / 100);
  const r = await fn();
  const c1 = process.cpuUsage(c0);
  let pgCpu = 0;
  for (const p of new Set([...pids, ...(await backendPids())])) {
    const now = cpuOf(p);
    if (Number.isFinite(now)) pgCpu += now - (pg0.get(p) ?? 0);
  }
  return { r, cpu: { server_cpu_s: round(cpuOf(childPid) - s0), pg_cpu_s: round(pgCpu), client_cpu_s: round((c1.user + c1.system) / 1e6) }, loadavg_start: load };
}

export async function benchHeartbeats({ line, only }: { line: Line; only: RegExp | null }) {
  const keys = { dataKey: crypto.randomBytes(32), indexKey: crypto.randomBytes(32) };
  const data = await prepare(line, keys);
  process.env.DJ_DATA_KEY = keys.dataKey.toString('base64');
  process.env.DJ_INDEX_KEY = keys.indexKey.toString('base64');
  const { base, child } = await startServer(URL_);
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const v = new Viewers(data.ids, data.tokens, data.cookies);
  const rate = VIEWERS / INTERVAL;
  try {
    // Warm-up (JIT, pools): a few seconds at a fifth of the rate; the streams go on from where it leaves them.
    await drive(base, agent, v, Math.min(rate / 5, 200), smoke ? 1 : 5);
    if (!only || only.test('learning.heartbeats')) {
      const revived = await revive(v, data.ctx);
      const m = await measured(child.pid!, () => drive(base, agent, v, rate, SECONDS));
      const s = summary(m.r, rate, SECONDS);
      const c = new pg.Client({ connectionString: URL_ });
      await c.connect();
      const db = (await c.query<{ streams: number; covered: number; seq: number }>(`select count(*)::int as streams, coalesce(sum(p.covered_seconds), 0)::int as covered,
        coalesce(sum(s.seq), 0)::int as seq from learning_streams s join learning_progress p using (member_id, lesson_id)`)).rows[0];
      await c.end();
      line({
        bench: 'learning.heartbeats', viewers: VIEWERS, revived, interval_s: INTERVAL, seconds: SECONDS, connections: CONNECTIONS, ...s,
        ...m.cpu, cpu_ms_per_beat: perBeat(m.cpu, s.ok),
        db_accepted_beats: db.seq, db_covered_s: db.covered, loadavg_start: m.loadavg_start, loadavg_end: os.loadavg().map((x) => Math.round(x * 100) / 100),
        cpus: os.cpus().length, cpu: os.cpus()[0]?.model, node: process.version, smoke,
      });
    }
    if (!only || only.test('learning.heartbeats.presence')) {
      // Live presence: VIEWERS members on one live lesson, each page beating every PRESENCE_SECONDS (learning.live.member.ts).
      const presenceRate = VIEWERS / PRESENCE_SECONDS;
      const pv = new Viewers(data.ids, data.tokens, data.cookies);
      await drive(base, agent, pv, Math.min(presenceRate / 5, 200), smoke ? 1 : 5, data.eventId); // warm-up
      const m = await measured(child.pid!, () => drive(base, agent, pv, presenceRate, SECONDS, data.eventId));
      const s = summary(m.r, presenceRate, SECONDS);
      const c = new pg.Client({ connectionString: URL_ });
      await c.connect();
      const db = (await c.query<{ rows: number; watched: number }>(`select count(*)::int as rows, coalesce(sum(watched_seconds), 0)::int as watched
        from learning_live_presence where event_id = $1`, [data.eventId])).rows[0];
      await c.end();
      const { counted_s: _none, ...figures } = s;
      line({
        bench: 'learning.heartbeats.presence', viewers: VIEWERS, interval_s: PRESENCE_SECONDS, seconds: SECONDS, connections: CONNECTIONS, ...figures,
        ...m.cpu, cpu_ms_per_beat: perBeat(m.cpu, s.ok), db_presence_rows: db.rows, db_watched_s: db.watched,
        loadavg_start: m.loadavg_start, loadavg_end: os.loadavg().map((x) => Math.round(x * 100) / 100), cpus: os.cpus().length, smoke,
      });
    }
    if (RAMP && (!only || only.test('learning.heartbeats.ramp'))) {
      let sustained = 0;
      for (let viewers = RAMP_STEP; viewers <= RAMP_MAX; viewers += RAMP_STEP) {
        const r = viewers / INTERVAL;
        const revived = await revive(v, data.ctx);
        const m = await measured(child.pid!, () => drive(base, agent, v, r, RAMP_SECONDS));
        const s = summary(m.r, r, RAMP_SECONDS);
        const ok = s.kept_up && s.p99_ms <= 1000 && Object.keys(s.errors).length === 0;
        line({ bench: 'learning.heartbeats.ramp.step', viewers_equivalent: viewers, revived, seconds: RAMP_SECONDS, ...s, ...m.cpu, loadavg_start: m.loadavg_start, sustained: ok });
        if (!ok) break;
        sustained = viewers;
      }
      line({ bench: 'learning.heartbeats.ramp', sustained_viewers: sustained, step: RAMP_STEP, rule: 'largest step with p99 ≤ 1 s, ≥ 99 % of the target answered and no errors', loadavg: os.loadavg().map((x) => Math.round(x * 100) / 100) });
    }
  } finally {
    agent.destroy();
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    // BENCH_HB_KEEP=1 keeps dj_bench_hb for a look afterwards (EXPLAIN, pg_stat_user_tables); it is re-created next run.
    if (process.env.BENCH_HB_KEEP !== '1') await dropBenchDatabase(URL_);
  }
}
