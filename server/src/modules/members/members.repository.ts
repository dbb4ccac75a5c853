/** All SQL of the members module. Every list is filtered by the actor's subtrees in the WHERE clause. */
import { sql, type Kysely, type Transaction } from 'kysely';
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

function filtered(db: Db, f: MemberFilter) {
  let q = db.selectFrom('members as m').where((eb) => scopeFilter(eb, 'm.org_path', f.scope));
  if (f.subtree) q = q.where('m.org_path', 'like', `${escapeLike(f.subtree)}%`);
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
