/**
 * Every copy of an organization path is registered and follows a subtree move; moves are locked and version-checked.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { demoFixtures, type DemoFixtures } from '../../../test/fixtures.js';
import { historicalPaths, orgPathCopies, triggerKeptPaths } from './orgs.path-copies.js';

let t: TestApp;
let f: DemoFixtures;
let prov: string;
beforeAll(async () => {
  t = await createTestApp();
  f = await demoFixtures(t.ctx);
  prov = await t.login('demo-province');
});
afterAll(async () => { await t?.close(); });

const post = (url: string, body: unknown = {}) => t.call('POST', url, { cookie: prov, body });

describe('the registry of organization path copies', () => {
  it('names every column of the database that holds an organization path', async () => {
    // Columns named like a path, or holding values shaped like one (`/1/2/`), in any table but orgs itself.
    const { rows } = await sql<{ table_name: string; column_name: string }>`
      select table_name, column_name from information_schema.columns
      where table_schema = current_schema() and data_type = 'text'
        and (column_name = 'path' or column_name like '%\\_path' or column_name = 'anchor')
        and not (table_name = 'orgs' and column_name = 'path')
      order by 1, 2`.execute(t.ctx.db);
    const registered = new Set([...orgPathCopies(), ...triggerKeptPaths(), ...historicalPaths()].map((c) => `${c.table}.${c.column}`));
    const found = rows.map((r) => `${r.table_name}.${r.column_name}`);
    expect(found.filter((c) => !registered.has(c))).toEqual([]);
    // And the registry names no column that does not exist.
    expect([...registered].filter((c) => !found.includes(c))).toEqual([]);
    // The transfers no longer keep copies (decided from the current rows).
    expect(found.some((c) => c.startsWith('transfers.'))).toBe(false);
  });

  it('rewrites every registered copy when a subtree moves', async () => {
    const county = await t.ctx.db.selectFrom('orgs').selectAll().where('path', 'like', `${f.hangzhou.path}%`).where('depth', '=', f.hangzhou.path.split('/').length - 1)
      .where((eb) => eb.exists(eb.selectFrom('members as m').select('m.id').whereRef('m.org_path', 'like', sql`orgs.path || '%'`)))
      .where((eb) => eb.exists(eb.selectFrom('stations as s').select('s.id').whereRef('s.org_path', 'like', sql`orgs.path || '%'`)))
      .orderBy('id').limit(1).executeTakeFirstOrThrow();
    const res = await post(`/api/orgs/${county.id}/move`, { parentId: f.ningbo.id, version: county.version });
    expect(res.statusCode, res.body).toBe(200);
    const newPath = `${f.ningbo.path}${county.id}/`;
    for (const { table, column } of orgPathCopies()) {
      const stale = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)} where ${sql.ref(column)} like ${`${county.path}%`}`.execute(t.ctx.db);
      expect(stale.rows[0].n, `${table}.${column} left on the old path`).toBe(0);
      const moved = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)} where ${sql.ref(column)} like ${`${newPath}%`}`.execute(t.ctx.db);
      expect(moved.rows[0].n, `${table}.${column} under the new path`).toBeGreaterThan(0);
      // Every copy names an organization that exists at that path.
      const orphans = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)} x where not exists (select 1 from orgs o where o.path = x.${sql.ref(column)})`.execute(t.ctx.db);
      expect(orphans.rows[0].n, `${table}.${column} matching no organization`).toBe(0);
    }
    // Back where it was, so the rest of the file sees the demo tree.
    const now = await t.ctx.db.selectFrom('orgs').select('version').where('id', '=', county.id).executeTakeFirstOrThrow();
    expect((await post(`/api/orgs/${county.id}/move`, { parentId: f.hangzhou.id, version: now.version })).statusCode).toBe(200);
  });
});

describe('moves', () => {
  it('refuses a move decided on an older version of the organization', async () => {
    const branch = await t.ctx.db.selectFrom('orgs').selectAll().where('id', '=', f.hzBranch).executeTakeFirstOrThrow();
    const res = await post(`/api/orgs/${branch.id}/move`, { parentId: f.ningbo.id, version: branch.version - 1 || 999 });
    expect(res.statusCode).toBe(409);
    expect((await t.ctx.db.selectFrom('orgs').select('path').where('id', '=', branch.id).executeTakeFirstOrThrow()).path).toBe(branch.path);
  });

  it('lets only one of two crossing moves through, so the tree never gets a cycle', async () => {
    // Two sibling organizations, each moved under the other at the same time.
    const make = async (name: string) => (await post('/api/orgs', { parentId: f.hangzhou.id, name, fullName: `中共${name}`, type: 'committee', level: 'township', sector: 'rural' })).json().id as string;
    const [a, b] = [await make('甲镇党委'), await make('乙镇党委')];
    const results = await Promise.all([post(`/api/orgs/${a}/move`, { parentId: b }), post(`/api/orgs/${b}/move`, { parentId: a })]);
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes[0]).toBe(200);
    expect(codes[1]).toBeGreaterThanOrEqual(400);
    expect(codes[1]).toBeLessThan(500);
    // No organization lies under itself, and every path is its parent's path plus its own id.
    const bad = await sql<{ n: number }>`select count(*)::int as n from orgs c left join orgs p on p.id = c.parent_id
      where c.parent_id is not null and (p.path is null or c.path <> p.path || c.id || '/')`.execute(t.ctx.db);
    expect(bad.rows[0].n).toBe(0);
  });
});
