/** All SQL of the organizations module. Subtrees are `path like prefix || '%'` on the materialized path. */
import { sql, type Insertable, type Kysely, type Transaction } from 'kysely';
import type { DB, OrgRow, OrgsTable } from '../../db/schema.js';
import { scopeFilter, escapeLike } from '../../platform/actor.js';
import { orgPathCopies } from './orgs.path-copies.js';

type Db = Kysely<DB> | Transaction<DB>;

export function findOrg(db: Db, id: string): Promise<OrgRow | undefined> {
  return db.selectFrom('orgs').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface OrgWithCounts extends OrgRow {
  child_count: number;
  member_count: number;
}

function withCounts(db: Db) {
  return db.selectFrom('orgs as o').selectAll('o').select([
    sql<number>`(select count(*)::int from orgs c where c.parent_id = o.id)`.as('child_count'),
    // Exact subtree member count from the trigger-kept counters (migration 20261127T0530-scale): the
    // province, city and county read one counter row; deeper orgs sum their subtree's per-org counts
    // (a path-range scan, which the text_pattern_ops index serves where `like o.path || '%'` cannot).
    sql<number>`coalesce(
      (select s.n::int from subtree_counts s where s.anchor = o.path and s.dim = 'total' and s.key = ''),
      (select coalesce(sum((select c.members from org_member_counts c where c.org_id = d.id)), 0)::int from orgs d
        where d.path ~>=~ o.path and d.path ~<~ (o.path || '~')))`.as('member_count'),
  ]);
}

export function childrenOf(db: Db, parentId: string): Promise<OrgWithCounts[]> {
  return withCounts(db).where('o.parent_id', '=', parentId).orderBy('o.sort_order').orderBy('o.id').limit(2000).execute();
}

export function orgsByPaths(db: Db, paths: string[]): Promise<OrgWithCounts[]> {
  if (paths.length === 0) return Promise.resolve([]);
  return withCounts(db).where('o.path', 'in', paths).orderBy('o.path').execute();
}

export function orgWithCounts(db: Db, id: string): Promise<OrgWithCounts | undefined> {
  return withCounts(db).where('o.id', '=', id).executeTakeFirst();
}

export function searchOrgs(db: Db, q: string, scope: string[], limit: number): Promise<OrgWithCounts[]> {
  return withCounts(db)
    .where((eb) => scopeFilter(eb, 'o.path', scope))
    .where((eb) => eb.or([eb('o.name', 'like', `%${escapeLike(q)}%`), eb('o.full_name', 'like', `%${escapeLike(q)}%`)]))
    .orderBy('o.depth')
    .orderBy('o.id')
    .limit(limit)
    .execute();
}

/** Ancestors of a path, root first, from the ids the path itself lists. */
export async function ancestorsOf(db: Db, path: string): Promise<{ id: string; name: string }[]> {
  const ids = path.split('/').filter(Boolean).slice(0, -1);
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('orgs').select(['id', 'name', 'depth']).where('id', 'in', ids).orderBy('depth').execute();
  return rows.map((r) => ({ id: r.id, name: r.name }));
}

export async function branchMemberCounts(db: Db, orgId: string): Promise<{ total: number; full: number }> {
  const r = await db
    .selectFrom('members')
    .select([sql<number>`count(*)::int`.as('total'), sql<number>`count(*) filter (where category = 'full')::int`.as('full')])
    .where('org_id', '=', orgId)
    .where('departed_on', 'is', null)
    .executeTakeFirstOrThrow();
  return r;
}

/** The distinct types of an organization's active children. */
export async function activeChildTypes(db: Db, orgId: string): Promise<string[]> {
  const rows = await db.selectFrom('orgs').select('type').distinct().where('parent_id', '=', orgId).where('status', '=', 'active').execute();
  return rows.map((r) => r.type);
}

export async function countActiveChildren(db: Db, orgId: string): Promise<number> {
  const r = await db.selectFrom('orgs').select(sql<number>`count(*)::int`.as('n')).where('parent_id', '=', orgId).where('status', '=', 'active').executeTakeFirstOrThrow();
  return r.n;
}

export async function countSubtreeMembers(db: Db, path: string): Promise<number> {
  const r = await db.selectFrom('members').select(sql<number>`count(*)::int`.as('n')).where('org_path', 'like', `${path}%`).where('departed_on', 'is', null).executeTakeFirstOrThrow();
  return r.n;
}

/** The enumerated columns as any string: the importer writes what it has checked, and the table's constraints check again. */
export type OrgInsert = Omit<OrgRow, 'id' | 'path' | 'depth' | 'created_at' | 'updated_at' | 'version' | 'sort_order' | 'status' | 'type' | 'level' | 'sector'>
  & Pick<Insertable<OrgsTable>, 'type' | 'level' | 'sector'>;

/** Inserts under `parent` and sets the path from the new id, in the caller's transaction. */
export async function insertOrg(trx: Transaction<DB>, parent: OrgRow, values: OrgInsert): Promise<OrgRow> {
  const { id } = await trx
    .insertInto('orgs')
    .values({ ...values, path: `${parent.path}pending-${Date.now()}-${Math.random()}/`, depth: parent.depth + 1 })
    .returning('id')
    .executeTakeFirstOrThrow();
  return trx.updateTable('orgs').set({ path: `${parent.path}${id}/` }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** Re-roots a subtree: every org path below `oldPath`, and every registered copy of one (orgPathCopies), moves under `newPath`. */
export async function moveSubtree(trx: Transaction<DB>, oldPath: string, newPath: string, depthDelta: number): Promise<void> {
  const cut = oldPath.length + 1;
  const like = `${escapeLike(oldPath)}%`;
  await sql`update orgs set path = ${newPath} || substr(path, ${cut}), depth = depth + ${depthDelta}, updated_at = now() where path like ${like}`.execute(trx);
  for (const { table, column } of orgPathCopies()) {
    await sql`update ${sql.table(table)} set ${sql.ref(column)} = ${newPath} || substr(${sql.ref(column)}, ${cut}) where ${sql.ref(column)} like ${like}`.execute(trx);
  }
}

/** The organization row, locked until the end of the transaction (moves re-read what they check under the lock). */
export function lockOrg(trx: Transaction<DB>, id: string): Promise<OrgRow | undefined> {
  return trx.selectFrom('orgs').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}
