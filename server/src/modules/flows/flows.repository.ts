/** All SQL of the flows module. Lists are scoped through the member's home branch or online branch. */
import { sql, type Kysely, type SqlBool, type Transaction } from 'kysely';
import { escapeLike, scopeFilter } from '../../platform/actor.js';
import type { DB } from '../../db/schema.js';
import type { MemberFlowRow } from '../../db/tables/flows.js';
import { memberScopeFilter } from '../members/members.repository.js';

type Db = Kysely<DB> | Transaction<DB>;

export type FlowWithMember = MemberFlowRow & { member_name: string; org_id: string; org_name: string; org_path: string; online_org_id: string | null; online_org_name: string | null };

/** What a flow row shows of its member: home branch, and the online branch (网络党支部) if attached (at most one: member_id is its key). */
const MEMBER_COLUMNS = ['m.name as member_name', 'm.org_id', 'm.org_path', 'o.name as org_name', 'ob.org_id as online_org_id', 'oo.name as online_org_name'] as const;

function withMember(db: Db) {
  return db
    .selectFrom('member_flows as f')
    .innerJoin('members as m', 'm.id', 'f.member_id')
    .innerJoin('orgs as o', 'o.id', 'm.org_id')
    .leftJoin('member_online_branches as ob', 'ob.member_id', 'm.id')
    .leftJoin('orgs as oo', 'oo.id', 'ob.org_id')
    .selectAll('f')
    .select(MEMBER_COLUMNS);
}

export function findFlow(db: Db, id: string): Promise<FlowWithMember | undefined> {
  return withMember(db).where('f.id', '=', id).executeTakeFirst();
}

export function flowsOfMember(db: Db, memberId: string): Promise<FlowWithMember[]> {
  return withMember(db).where('f.member_id', '=', memberId).orderBy('f.id', 'desc').limit(200).execute();
}

export function openFlowOf(db: Db, memberId: string) {
  return db.selectFrom('member_flows').selectAll().where('member_id', '=', memberId).where('returned_on', 'is', null).executeTakeFirst();
}

export interface FlowFilter {
  scope: string[];
  subtree?: string;
  type?: MemberFlowRow['flow_type'];
  open?: boolean;
}

export async function listFlows(db: Db, f: FlowFilter, afterId: string | undefined, limit: number): Promise<{ rows: FlowWithMember[]; total: number }> {
  const base = () => {
    let q = db.selectFrom('member_flows as f').innerJoin('members as m', 'm.id', 'f.member_id').where((eb) => memberScopeFilter(eb, f.scope))
      .where('m.departed_on', 'is', null); // 已转出 members are no longer this province's migrants
    if (f.subtree) q = q.where((eb) => memberScopeFilter(eb, [f.subtree!]));
    if (f.type) q = q.where('f.flow_type', '=', f.type);
    if (f.open === true) q = q.where('f.returned_on', 'is', null);
    if (f.open === false) q = q.where('f.returned_on', 'is not', null);
    return q;
  };
  let page = base().innerJoin('orgs as o', 'o.id', 'm.org_id')
    .leftJoin('member_online_branches as ob', 'ob.member_id', 'm.id')
    .leftJoin('orgs as oo', 'oo.id', 'ob.org_id')
    .selectAll('f')
    .select(MEMBER_COLUMNS);
  if (afterId) page = page.where('f.id', '>', afterId);
  const [rows, count] = await Promise.all([
    page.orderBy('f.id').limit(limit).execute(),
    base().select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: count.n };
}

/** Members of the actor's scope whose last organizational life or dues is on or before `cutoff` (joining date when none is recorded). */
export async function inactiveMembers(db: Db, scope: string[], subtree: string | undefined, cutoff: string) {
  const lastLife = sql<string | null>`(select max(a.on_date) from member_activities a where a.member_id = m.id and a.kind = 'life')`;
  const lastDues = sql<string | null>`(select max(a.on_date) from member_activities a where a.member_id = m.id and a.kind = 'dues')`;
  let q = db
    .selectFrom('members as m')
    .innerJoin('orgs as o', 'o.id', 'm.org_id')
    .select(['m.id', 'm.name', 'm.org_id', 'o.name as org_name', 'm.joined_on', lastLife.as('last_life_on'), lastDues.as('last_dues_on')])
    .where((eb) => scopeFilter(eb, 'm.org_path', scope))
    .where('m.departed_on', 'is', null) // 已转出: no longer on the rolls
    .where(sql<SqlBool>`(coalesce(${lastLife}, m.joined_on) <= ${cutoff}::date or coalesce(${lastDues}, m.joined_on) <= ${cutoff}::date)`);
  if (subtree) q = q.where('m.org_path', 'like', `${escapeLike(subtree)}%`);
  return q.orderBy('m.id').limit(1000).execute();
}
