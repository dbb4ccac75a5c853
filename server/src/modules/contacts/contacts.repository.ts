/** All SQL of the contacts module's screens; lists are filtered by the actor's subtrees on `orgs.path` (joined). */
import { sql, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { escapeLike, scopeFilter } from '../../platform/actor.js';

type Db = Kysely<DB> | Transaction<DB>;

export type Status = 'current' | 'ended' | 'all';
const currentSql = (t: string, today: string) => sql<SqlBool>`${sql.ref(`${t}.started_on`)} <= ${today} and (${sql.ref(`${t}.ended_on`)} is null or ${sql.ref(`${t}.ended_on`)} > ${today})`;
const statusSql = (t: string, status: Status, today: string) => (status === 'current' ? currentSql(t, today)
  : status === 'ended' ? sql<SqlBool>`${sql.ref(`${t}.ended_on`)} <= ${today}` : sql<SqlBool>`true`);

// ——— party positions ———

function positionsBase(db: Db) {
  return db.selectFrom('party_positions as pp')
    .innerJoin('orgs as o', 'o.id', 'pp.org_id')
    .innerJoin('members as m', 'm.id', 'pp.member_id')
    .innerJoin('orgs as mo', 'mo.id', 'm.org_id')
    .leftJoin('contact_optouts as x', 'x.phone_bidx', 'm.mobile_bidx');
}
function positionColumns(q: ReturnType<typeof positionsBase>) {
  return q.selectAll('pp').select([
    'o.name as org_name', 'o.path as org_path', 'm.name as member_name', 'm.org_id as member_org_id', 'mo.name as member_org_name', 'm.org_path as member_org_path',
    'm.mobile_masked', 'm.mobile_bidx', 'm.mobile_enc', 'm.departed_on', sql<boolean>`x.phone_bidx is not null`.as('opted_out'),
  ]);
}
export type PositionRow = Awaited<ReturnType<ReturnType<typeof positionColumns>['executeTakeFirstOrThrow']>>;

export function findPosition(db: Db, id: string): Promise<PositionRow | undefined> {
  return positionColumns(positionsBase(db)).where('pp.id', '=', id).executeTakeFirst();
}

export interface PositionFilter {
  scope: string[]; subtree?: string; position?: string; status: Status; today: string; optedOut?: boolean; nameContains?: string;
  memberId?: string;
}

export async function listPositions(db: Db, f: PositionFilter, afterId: string | undefined, limit: number) {
  const base = () => {
    let q = positionsBase(db).where((eb) => scopeFilter(eb, 'o.path', f.scope)).where(statusSql('pp', f.status, f.today));
    if (f.subtree) q = q.where('o.path', 'like', `${escapeLike(f.subtree)}%`);
    if (f.position) q = q.where('pp.position', '=', f.position as never);
    if (f.memberId) q = q.where('pp.member_id', '=', f.memberId);
    if (f.optedOut !== undefined) q = q.where(f.optedOut ? sql<SqlBool>`x.phone_bidx is not null` : sql<SqlBool>`x.phone_bidx is null`);
    if (f.nameContains) q = q.where('m.name', 'like', `%${escapeLike(f.nameContains)}%`);
    return q;
  };
  let page = positionColumns(base());
  if (afterId) page = page.where('pp.id', '>', afterId);
  const [rows, count] = await Promise.all([
    page.orderBy('pp.id').limit(limit).execute(),
    base().select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: count.n };
}

/** Other current secretaries of the organization (the one-secretary rule), read in the caller's transaction. */
export function currentSecretaries(db: Db, orgId: string, today: string, exceptId?: string) {
  let q = db.selectFrom('party_positions as pp').innerJoin('members as m', 'm.id', 'pp.member_id').select(['pp.id', 'm.name'])
    .where('pp.org_id', '=', orgId).where('pp.position', '=', 'secretary').where(currentSql('pp', today));
  if (exceptId) q = q.where('pp.id', '!=', exceptId);
  return q.execute();
}

/** Current posts of the same kind held by the member in the organization (a post recorded twice). */
export function samePositions(db: Db, memberId: string, orgId: string, position: string, today: string, exceptId?: string) {
  let q = db.selectFrom('party_positions as pp').select('pp.id')
    .where('pp.member_id', '=', memberId).where('pp.org_id', '=', orgId).where('pp.position', '=', position as never).where(currentSql('pp', today));
  if (exceptId) q = q.where('pp.id', '!=', exceptId);
  return q.execute();
}

/** Serializes writers of one organization's posts for the rest of the transaction. */
export async function lockOrgPositions(trx: Transaction<DB>, orgId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(7291101, hashtext(${`party_positions:${orgId}`}))`.execute(trx);
}

// ——— village officials ———

function officialsBase(db: Db) {
  return db.selectFrom('village_officials as v')
    .innerJoin('orgs as o', 'o.id', 'v.org_id')
    .leftJoin('contact_optouts as x', 'x.phone_bidx', 'v.phone_bidx');
}
function officialColumns(q: ReturnType<typeof officialsBase>) {
  return q.selectAll('v').select(['o.name as org_name', 'o.path as org_path', sql<boolean>`x.phone_bidx is not null`.as('opted_out')]);
}
export type OfficialRow = Awaited<ReturnType<ReturnType<typeof officialColumns>['executeTakeFirstOrThrow']>>;

export function findOfficial(db: Db, id: string): Promise<OfficialRow | undefined> {
  return officialColumns(officialsBase(db)).where('v.id', '=', id).executeTakeFirst();
}

export interface OfficialFilter { scope: string[]; subtree?: string; role?: string; status: Status; today: string; optedOut?: boolean; nameContains?: string }

function officialsFiltered(db: Db, f: OfficialFilter) {
  let q = officialsBase(db).where((eb) => scopeFilter(eb, 'o.path', f.scope)).where(statusSql('v', f.status, f.today));
  if (f.subtree) q = q.where('o.path', 'like', `${escapeLike(f.subtree)}%`);
  if (f.role) q = q.where('v.role', '=', f.role as never);
  if (f.optedOut !== undefined) q = q.where(f.optedOut ? sql<SqlBool>`x.phone_bidx is not null` : sql<SqlBool>`x.phone_bidx is null`);
  if (f.nameContains) q = q.where('v.name', 'like', `%${escapeLike(f.nameContains)}%`);
  return q;
}

export async function listOfficials(db: Db, f: OfficialFilter, afterId: string | undefined, limit: number) {
  let page = officialColumns(officialsFiltered(db, f));
  if (afterId) page = page.where('v.id', '>', afterId);
  const [rows, count] = await Promise.all([
    page.orderBy('v.id').limit(limit).execute(),
    officialsFiltered(db, f).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: count.n };
}

/** The officials of `orgIds` with these names (the importer's duplicate check: one person listed twice in one village). */
export function officialsNamed(db: Db, orgIds: string[], names: string[]) {
  if (orgIds.length === 0 || names.length === 0) return Promise.resolve([] as { org_id: string; name: string }[]);
  return db.selectFrom('village_officials').select(['org_id', 'name']).where('org_id', 'in', orgIds).where('name', 'in', names)
    .where('ended_on', 'is', null).execute();
}

// ——— groups ———

function groupsBase(db: Db) {
  return db.selectFrom('contact_groups as g').innerJoin('orgs as o', 'o.id', 'g.org_id');
}
function groupColumns(q: ReturnType<typeof groupsBase>) {
  return q.selectAll('g').select(['o.name as org_name', 'o.path as org_path',
    sql<number>`(select count(*)::int from contact_group_entries e where e.group_id = g.id)`.as('entries')]);
}
export type GroupRow = Awaited<ReturnType<ReturnType<typeof groupColumns>['executeTakeFirstOrThrow']>>;

export function findGroup(db: Db, id: string): Promise<GroupRow | undefined> {
  return groupColumns(groupsBase(db)).where('g.id', '=', id).executeTakeFirst();
}

export async function listGroups(db: Db, f: { scope: string[]; subtree?: string; nameContains?: string }, afterId: string | undefined, limit: number) {
  const base = () => {
    let q = groupsBase(db).where((eb) => scopeFilter(eb, 'o.path', f.scope));
    if (f.subtree) q = q.where('o.path', 'like', `${escapeLike(f.subtree)}%`);
    if (f.nameContains) q = q.where('g.name', 'like', `%${escapeLike(f.nameContains)}%`);
    return q;
  };
  let page = groupColumns(base());
  if (afterId) page = page.where('g.id', '>', afterId);
  const [rows, count] = await Promise.all([
    page.orderBy('g.id').limit(limit).execute(),
    base().select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: count.n };
}

function entriesBase(db: Db, today: string) {
  return db.selectFrom('contact_group_entries as e')
    .innerJoin('contact_groups as g', 'g.id', 'e.group_id')
    .leftJoin('members as m', 'm.id', 'e.member_id')
    .leftJoin('village_officials as v', 'v.id', 'e.official_id')
    .innerJoin('orgs as ho', (j) => j.on(sql<SqlBool>`ho.id = coalesce(m.org_id, v.org_id, g.org_id)`))
    .leftJoin('contact_optouts as x', (j) => j.on(sql<SqlBool>`x.phone_bidx = coalesce(m.mobile_bidx, v.phone_bidx, e.phone_bidx)`))
    .select([
      'e.id', 'e.group_id', 'e.member_id', 'e.official_id', 'e.note', 'e.phone_enc',
      sql<string>`coalesce(m.name, v.name, e.name)`.as('name'),
      sql<string>`ho.id::text`.as('home_org_id'), 'ho.name as home_org_name', 'ho.path as home_org_path',
      sql<string | null>`coalesce(m.mobile_masked, v.phone_masked, e.phone_masked)`.as('phone_masked'),
      sql<string | null>`coalesce(m.mobile_bidx, v.phone_bidx, e.phone_bidx)`.as('phone_bidx'),
      sql<boolean>`x.phone_bidx is not null`.as('opted_out'),
      sql<boolean>`(m.departed_on is not null or (v.id is not null and v.ended_on is not null and v.ended_on <= ${today}))`.as('inactive'),
    ]);
}
export type EntryRow = Awaited<ReturnType<ReturnType<typeof entriesBase>['executeTakeFirstOrThrow']>>;

export async function listEntries(db: Db, groupId: string, today: string, afterId: string | undefined, limit: number) {
  let page = entriesBase(db, today).where('e.group_id', '=', groupId);
  if (afterId) page = page.where('e.id', '>', afterId);
  const [rows, count] = await Promise.all([
    page.orderBy('e.id').limit(limit).execute(),
    db.selectFrom('contact_group_entries').select(sql<number>`count(*)::int`.as('n')).where('group_id', '=', groupId).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: count.n };
}

export function findEntry(db: Db, groupId: string, entryId: string, today: string): Promise<EntryRow | undefined> {
  return entriesBase(db, today).where('e.group_id', '=', groupId).where('e.id', '=', entryId).executeTakeFirst();
}

// ——— people picker ———

export async function searchPeople(db: Db, f: { scope: string[]; subtree?: string; q: string; kind?: 'member' | 'official'; limit: number; today: string }) {
  const like = `%${escapeLike(f.q)}%`;
  const members = f.kind === 'official' ? [] : await db.selectFrom('members as m').innerJoin('orgs as o', 'o.id', 'm.org_id')
    .leftJoin('contact_optouts as x', 'x.phone_bidx', 'm.mobile_bidx')
    .select(['m.id', 'm.name', 'm.org_id', 'o.name as org_name', 'm.mobile_masked as phone', sql<boolean>`x.phone_bidx is not null`.as('opted_out')])
    .where((eb) => scopeFilter(eb, 'm.org_path', f.scope))
    .$if(!!f.subtree, (q) => q.where('m.org_path', 'like', `${escapeLike(f.subtree!)}%`))
    .where('m.departed_on', 'is', null).where('m.name', 'like', like).orderBy('m.name').orderBy('m.id').limit(f.limit).execute();
  const officials = f.kind === 'member' ? [] : await officialColumns(officialsBase(db))
    .where((eb) => scopeFilter(eb, 'o.path', f.scope))
    .$if(!!f.subtree, (q) => q.where('o.path', 'like', `${escapeLike(f.subtree!)}%`))
    .where(currentSql('v', f.today)).where('v.name', 'like', like).orderBy('v.name').orderBy('v.id').limit(f.limit).execute();
  return { members, officials };
}
