/** Aggregates for one subtree (copy of the code before issue 3, for --baseline). Exact counts, not estimates. */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../server/src/db/schema.js';

export interface Bucket {
  key: string;
  count: number;
}

export async function grouped(db: Kysely<DB>, table: 'members' | 'stations' | 'orgs', pathCol: 'org_path' | 'path', keyExpr: ReturnType<typeof sql>, prefix: string, extra = sql`true`): Promise<Bucket[]> {
  const r = await sql<{ key: string | null; count: number }>`
    select ${keyExpr} as key, count(*)::int as count from ${sql.table(table)}
    where ${sql.ref(pathCol)} like ${`${prefix}%`} and ${extra}
    group by 1 order by 2 desc`.execute(db);
  return r.rows.map((x) => ({ key: x.key ?? 'unknown', count: x.count }));
}

export async function memberBreakdowns(db: Kysely<DB>, prefix: string, today: string) {
  const ageBand = sql`case
    when age(${today}::date, birth_date) < interval '31 years' then '<=30'
    when age(${today}::date, birth_date) < interval '41 years' then '31-40'
    when age(${today}::date, birth_date) < interval '51 years' then '41-50'
    when age(${today}::date, birth_date) < interval '61 years' then '51-60'
    when age(${today}::date, birth_date) < interval '71 years' then '61-70'
    else '>70' end`;
  const [byCategory, byGender, byAgeBand, byEducation, migrantsByDestination] = await Promise.all([
    grouped(db, 'members', 'org_path', sql`category`, prefix),
    grouped(db, 'members', 'org_path', sql`gender`, prefix),
    grouped(db, 'members', 'org_path', ageBand, prefix),
    grouped(db, 'members', 'org_path', sql`education`, prefix),
    grouped(db, 'members', 'org_path', sql`coalesce(migrant_province, '未填写')`, prefix, sql`migrant`),
  ]);
  const order = ['<=30', '31-40', '41-50', '51-60', '61-70', '>70'];
  byAgeBand.sort((a, b) => order.indexOf(a.key) - order.indexOf(b.key));
  return { byCategory, byGender, byAgeBand, byEducation, migrantsByDestination };
}

export async function totals(db: Kysely<DB>, prefix: string) {
  const like = `${prefix}%`;
  const r = await sql<{ members: number; full: number; probationary: number; migrants: number; lost_contact: number; orgs: number; branches: number; stations: number }>`
    select
      (select count(*)::int from members where org_path like ${like}) as members,
      (select count(*)::int from members where org_path like ${like} and category = 'full') as full,
      (select count(*)::int from members where org_path like ${like} and category = 'probationary') as probationary,
      (select count(*)::int from members where org_path like ${like} and migrant) as migrants,
      (select count(*)::int from members where org_path like ${like} and lost_contact) as lost_contact,
      (select count(*)::int from orgs where path like ${like} and status = 'active') as orgs,
      (select count(*)::int from orgs where path like ${like} and status = 'active' and type in ('branch','joint_branch','temporary_branch')) as branches,
      (select count(*)::int from stations where org_path like ${like}) as stations`.execute(db);
  const t = r.rows[0];
  return { members: t.members, full: t.full, probationary: t.probationary, migrants: t.migrants, lostContact: t.lost_contact, orgs: t.orgs, branches: t.branches, stations: t.stations };
}

/** Branches in the subtree breaking the size rules (fewer than 3 full members, more than 50 members). */
export async function sizeRuleCounts(db: Kysely<DB>, prefix: string) {
  const r = await sql<{ too_few: number; too_many: number }>`
    with b as (
      select o.id,
        (select count(*) from members m where m.org_id = o.id and m.category = 'full') as full_count,
        (select count(*) from members m where m.org_id = o.id) as total
      from orgs o
      where o.path like ${`${prefix}%`} and o.status = 'active' and o.type in ('branch','joint_branch','temporary_branch'))
    select count(*) filter (where full_count < 3)::int as too_few, count(*) filter (where total > 50)::int as too_many from b`.execute(db);
  return { tooFewFullMembers: r.rows[0].too_few, tooManyMembers: r.rows[0].too_many };
}

/** The whole dashboard of one subtree: what GET /api/dashboard returns. */
export async function dashboard(db: Kysely<DB>, org: { id: string; name?: string; path: string }, today: string) {
  const prefix = org.path;
  const [t, breakdowns, warnings, orgsByType, stationsByType, stationsByStatus] = await Promise.all([
    totals(db, prefix),
    memberBreakdowns(db, prefix, today),
    sizeRuleCounts(db, prefix),
    grouped(db, 'orgs', 'path', sql`type`, prefix),
    grouped(db, 'stations', 'org_path', sql.ref('type'), prefix),
    grouped(db, 'stations', 'org_path', sql.ref('status'), prefix),
  ]);
  return { org: { id: org.id, name: org.name ?? '' }, totals: t, ...breakdowns, orgsByType, stationsByType, stationsByStatus, warnings };
}
