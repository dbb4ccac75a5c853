/** All SQL of the members module. Every list is filtered by the actor's subtrees in the WHERE clause. */
import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { DB, MemberRow, NewMember } from '../../db/schema.js';
import { escapeLike, scopeFilter } from '../../platform/actor.js';

type Db = Kysely<DB> | Transaction<DB>;

export type MemberWithOrg = MemberRow & { org_name: string };

export interface MemberFilter {
  scope: string[];
  subtree?: string;
  nameContains?: string;
  mobileBidx?: string;
  idNumberBidx?: string;
  category?: string;
  standing?: string;
  gender?: string;
  migrant?: boolean;
  lostContact?: boolean;
}

/**
 * A member lies under one of `paths` when their home branch (`m.org_path`) does, or when the online
 * branch (网络党支部) they are attached to does: its secretary and staff read them, the home branch keeps them.
 */
export function memberScopeFilter<D, TB extends keyof D>(eb: ExpressionBuilder<D, TB>, paths: string[]): Expression<SqlBool> {
  if (paths.length === 0) return sql<SqlBool>`false`;
  const online = sql.join(paths.map((p) => sql`oo.path like ${`${escapeLike(p)}%`}`), sql` or `);
  return eb.or([
    scopeFilter(eb, 'm.org_path', paths),
    sql<SqlBool>`exists (select 1 from member_online_branches ob join orgs oo on oo.id = ob.org_id where ob.member_id = m.id and (${online}))`,
  ]);
}

/** Path of the online branch a member is attached to, if any. */
export async function onlineBranchPath(db: Db, memberId: string): Promise<string | null> {
  const r = await db.selectFrom('member_online_branches as ob').innerJoin('orgs as o', 'o.id', 'ob.org_id').select('o.path').where('ob.member_id', '=', memberId).executeTakeFirst();
  return r?.path ?? null;
}

function filtered(db: Db, f: MemberFilter) {
  let q = db.selectFrom('members as m').where((eb) => memberScopeFilter(eb, f.scope));
  if (f.subtree) q = q.where((eb) => memberScopeFilter(eb, [f.subtree!]));
  if (f.nameContains) q = q.where('m.name', 'like', `%${escapeLike(f.nameContains)}%`);
  if (f.mobileBidx) q = q.where('m.mobile_bidx', '=', f.mobileBidx);
  if (f.idNumberBidx) q = q.where('m.id_number_bidx', '=', f.idNumberBidx);
  if (f.category) q = q.where('m.category', '=', f.category);
  if (f.standing) q = q.where('m.standing', '=', f.standing);
  if (f.gender) q = q.where('m.gender', '=', f.gender);
  if (f.migrant !== undefined) q = q.where('m.migrant', '=', f.migrant);
  if (f.lostContact !== undefined) q = q.where('m.lost_contact', '=', f.lostContact);
  return q;
}

/** Keyset page ordered by id: stable under inserts, and page 1,000 costs what page 1 does. */
export async function listMembers(db: Db, f: MemberFilter, afterId: string | undefined, limit: number): Promise<{ rows: MemberWithOrg[]; total: number }> {
  let page = filtered(db, f).innerJoin('orgs as o', 'o.id', 'm.org_id').selectAll('m').select('o.name as org_name');
  if (afterId) page = page.where('m.id', '>', afterId);
  const [rows, count] = await Promise.all([
    page.orderBy('m.id').limit(limit).execute(),
    filtered(db, f).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: count.n };
}

export function findMember(db: Db, id: string): Promise<MemberWithOrg | undefined> {
  return db.selectFrom('members as m').innerJoin('orgs as o', 'o.id', 'm.org_id').selectAll('m').select('o.name as org_name').where('m.id', '=', id).executeTakeFirst();
}

export function findByIdNumberBidx(db: Db, bidx: string): Promise<{ id: string } | undefined> {
  return db.selectFrom('members').select('id').where('id_number_bidx', '=', bidx).executeTakeFirst();
}

export async function insertMember(trx: Transaction<DB>, values: NewMember): Promise<string> {
  const r = await trx.insertInto('members').values(values).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function recordChange(trx: Transaction<DB>, c: { memberId: string; actorId: string; actorName: string; action: string; changes: unknown; at: Date }): Promise<void> {
  await trx.insertInto('member_changes').values({ member_id: c.memberId, actor_id: c.actorId, actor_name: c.actorName, action: c.action, changes: JSON.stringify(c.changes), at: c.at }).execute();
}

export function memberHistory(db: Db, memberId: string) {
  return db.selectFrom('member_changes').selectAll().where('member_id', '=', memberId).orderBy('id', 'desc').limit(200).execute();
}
