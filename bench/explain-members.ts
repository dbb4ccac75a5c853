/**
 * EXPLAIN (ANALYZE, BUFFERS) of the statements `members.repository.listMembers` sends, for the benchmark's cases.
 *   node --import tsx bench/explain-members.ts        (BENCH_DATABASE_URL as for run.ts; needs a loaded database)
 */
import pg from 'pg';
import { Kysely, PostgresDialect, type CompiledQuery } from 'kysely';
import type { DB } from '../server/src/db/schema.js';
import { listMembers } from '../server/src/modules/members/members.repository.js';

const url = process.env.BENCH_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/dj_bench';
const pool = new pg.Pool({ connectionString: url, max: 4 });
const seen: CompiledQuery[] = [];
const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), log: (e) => { if (e.level === 'query') seen.push(e.query); } });

async function explain(label: string, run: () => Promise<unknown>) {
  seen.length = 0;
  await run();
  for (const q of seen) {
    if (!/members/.test(q.sql) || /^select "org_path" from "members"/.test(q.sql)) continue;
    const r = await pool.query(`explain (analyze, buffers, costs off, timing off) ${q.sql}`, q.parameters as unknown[]);
    console.log(`\n### ${label}\n${q.sql.slice(0, 200)}…\n${r.rows.map((x) => x['QUERY PLAN']).join('\n')}`);
  }
}

const one = async (text: string, params: unknown[] = []) => (await pool.query(text, params)).rows[0];
const province = await one(`select path from orgs where depth = 0`);
const city = await one(`select path from orgs where name = '杭州市委'`);
const county = await one(`select path from orgs where name = '萧山区委'`);
const scope = [province.path];
await explain('search 王芳 in city', () => listMembers(db, { scope, subtree: city.path, nameContains: '王芳' }, undefined, 20));
await explain('search 王 in city', () => listMembers(db, { scope, subtree: city.path, nameContains: '王' }, undefined, 20));
await explain('search 王芳 in province', () => listMembers(db, { scope, subtree: province.path, nameContains: '王芳' }, undefined, 20));
await explain('search 王秀英 in city', () => listMembers(db, { scope, subtree: city.path, nameContains: '王秀英' }, undefined, 20));
const c = await one(`select id::text from members where org_path like $1 order by org_path using ~<~, id offset 19979 limit 1`, [`${county.path}%`]);
if (c) await explain('county page 1,000', () => listMembers(db, { scope, subtree: county.path }, c.id, 20));
await explain('county page 1', () => listMembers(db, { scope, subtree: county.path }, undefined, 20));
await explain('county category filter page 1', () => listMembers(db, { scope, subtree: county.path, category: 'probationary' }, undefined, 20));
await db.destroy();
