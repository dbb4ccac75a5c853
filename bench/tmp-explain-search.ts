import pg from 'pg';
import { Kysely, PostgresDialect, type CompiledQuery } from 'kysely';
import type { DB } from '/work/main/server/src/db/schema.js';
import { listMembers } from '/work/main/server/src/modules/members/members.repository.js';
const pool = new pg.Pool({ connectionString: 'postgres://root@127.0.0.1:5432/dj_bench', max: 4 });
const seen: CompiledQuery[] = [];
const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), log: (e) => { if (e.level === 'query') seen.push(e.query); } });
const one = async (text: string, params: unknown[] = []) => (await pool.query(text, params)).rows[0];
const province = await one(`select path from orgs where depth = 0`);
const city = await one(`select path from orgs where name = '杭州市委'`);
for (let i = 0; i < 3; i++) { seen.length = 0; await listMembers(db, { scope: [province.path], subtree: city.path, nameContains: '王芳' }, undefined, 20); }
for (const q of seen) {
  const r = await pool.query(`explain (analyze, buffers, summary) ${q.sql}`, q.parameters as unknown[]);
  const lines = r.rows.map((x) => x['QUERY PLAN']);
  console.log(`\n### ${q.sql.slice(0, 150)}\n${lines.filter((l: string) => /Planning Time|Execution Time/.test(l)).join('\n')}`);
  if (process.env.FULL) console.log(lines.join('\n'), q.sql);
}
await db.destroy();
