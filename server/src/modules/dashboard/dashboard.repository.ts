/**
 * Aggregates for one subtree. Exact counts, not estimates: the figures are reported upwards as they are.
 *
 * The province, the cities and the counties (paths of one to three components) read the trigger-kept
 * counters of migration 20261127T0530-scale (`subtree_counts`; age and party-age bands from per-date counts,
 * kept for the province and the cities); smaller subtrees are counted directly, in one scan per table.
 * Both paths return the same (dim, key, n) rows, so they agree by construction and a test compares them.
 */
import { sql, type Kysely } from 'kysely';
import { addYears } from '../../platform/china-time.js';
import type { DB } from '../../db/schema.js';

export interface Bucket {
  key: string;
  count: number;
}

export const BRANCH_TYPES = ['branch', 'joint_branch', 'temporary_branch'] as const;
export const AGE_BANDS = ['<=30', '31-40', '41-50', '51-60', '61-70', '>70'] as const;
/** 党龄 bands, in years since joining (入党时间). */
export const PARTY_AGE_BANDS = ['<5', '5-10', '10-20', '20-30', '30-50', '>=50'] as const;

type Db = Kysely<DB>;
interface Cell { dim: string; key: string; n: number }

const components = (path: string) => path.split('/').filter(Boolean).length;
/** Counter anchors: the province, cities and counties; per-date counts only for the province and cities. */
export const COUNTER_DEPTH = 3;
export const DATED_COUNTER_DEPTH = 2;

/** today − N years as 'YYYY-MM-DD' (29 February falls back to the 28th, as PostgreSQL's date − interval does). */
export const yearsBefore = (today: string, years: number): string => addYears(today, -years);

/** Band of a date (a date column, or an ISO text key compared as text): age ≥ N years ⇔ date ≤ today − N years. */
function band(d: ReturnType<typeof sql>, today: string, cuts: readonly number[], labels: readonly string[], asText: boolean) {
  const whens = cuts.map((y, i) => (asText ? sql`when ${d} > ${yearsBefore(today, y)} then ${labels[i]}` : sql`when ${d} > ${yearsBefore(today, y)}::date then ${labels[i]}`));
  return sql<string>`case ${sql.join(whens, sql` `)} else ${labels[labels.length - 1]} end`;
}
const ageBand = (d: ReturnType<typeof sql>, today: string, asText = false) => band(d, today, [31, 41, 51, 61, 71], AGE_BANDS, asText);
const partyAgeBand = (d: ReturnType<typeof sql>, today: string, asText = false) => band(d, today, [5, 10, 20, 30, 50], PARTY_AGE_BANDS, asText);

/** All cells of a province, city or county from the counters. */
async function cellsFromCounters(db: Db, path: string, today: string): Promise<Cell[]> {
  const r = await sql<Cell>`
    select dim, key, sum(n)::int as n from (
      select dim,
        case dim when 'birth' then ${ageBand(sql`key`, today, true)} when 'joined' then ${partyAgeBand(sql`key`, today, true)} else key end as key, n
      from subtree_counts where anchor = ${path} and n <> 0) c
    group by 1, 2`.execute(db);
  const cells = r.rows.map((c) => (c.dim === 'birth' ? { ...c, dim: 'age' } : c.dim === 'joined' ? { ...c, dim: 'party_age' } : c));
  if (components(path) > DATED_COUNTER_DEPTH) cells.push(...(await bandsDirect(db, path, today)));
  return cells;
}

/** Age and party-age bands counted from members (index-only on the partial members_current_path_dates_idx). */
async function bandsDirect(db: Db, path: string, today: string): Promise<Cell[]> {
  const r = await sql<Cell>`
    select case when grouping(a) = 0 then 'age' else 'party_age' end as dim, coalesce(a, p) as key, count(*)::int as n
    from (select ${ageBand(sql`birth_date`, today)} as a, ${partyAgeBand(sql`joined_on`, today)} as p from members where org_path like ${`${path}%`} and departed_on is null) m
    group by grouping sets ((a), (p))`.execute(db);
  return r.rows;
}

/** All cells of any subtree counted directly: one grouping-sets scan per table. */
export async function cellsDirect(db: Db, path: string, today: string): Promise<Cell[]> {
  const like = `${path}%`;
  const [m, o, s] = await Promise.all([
    sql<Cell>`
      select case when grouping(category) = 0 then 'category' when grouping(gender) = 0 then 'gender' when grouping(education) = 0 then 'education'
                  when grouping(ethnicity) = 0 then 'ethnicity' when grouping(mig) = 0 then 'migrant' when grouping(lost) = 0 then 'lost_contact'
                  when grouping(a) = 0 then 'age' when grouping(p) = 0 then 'party_age' else 'total' end as dim,
             coalesce(category, gender, education, ethnicity, mig, lost, a, p, '') as key, count(*)::int as n,
             grouping(mig) = 0 and mig is null or grouping(lost) = 0 and lost is null as skip
      from (select category, gender, education, ethnicity, case when migrant then coalesce(migrant_province, '未填写') end as mig,
                   case when lost_contact then 't' end as lost, ${ageBand(sql`birth_date`, today)} as a, ${partyAgeBand(sql`joined_on`, today)} as p
            from members where org_path like ${like} and departed_on is null) x
      group by grouping sets ((), (category), (gender), (education), (ethnicity), (mig), (lost), (a), (p))`.execute(db),
    sql<Cell>`select 'org_type' as dim, type as key, count(*)::int as n from orgs where path like ${like} and status = 'active' group by type`.execute(db),
    sql<Cell>`select case when grouping(type) = 0 then 'station_type' else 'station_status' end as dim, coalesce(type, status) as key, count(*)::int as n
              from stations where org_path like ${like} group by grouping sets ((type), (status))`.execute(db),
  ]);
  return [...(m.rows as (Cell & { skip: boolean })[]).filter((c) => !c.skip).map(({ dim, key, n }) => ({ dim, key, n })), ...o.rows, ...s.rows];
}

export function cells(db: Db, path: string, today: string): Promise<Cell[]> {
  return components(path) <= COUNTER_DEPTH ? cellsFromCounters(db, path, today) : cellsDirect(db, path, today);
}

function buckets(cs: Cell[], dim: string, order?: readonly string[]): Bucket[] {
  const b = cs.filter((c) => c.dim === dim && c.n !== 0).map((c) => ({ key: c.key, count: c.n }));
  if (order) return order.map((k) => ({ key: k, count: b.find((x) => x.key === k)?.count ?? 0 })).filter((x) => x.count > 0);
  return b.sort((x, y) => y.count - x.count || x.key.localeCompare(y.key));
}

export interface Totals { members: number; full: number; probationary: number; migrants: number; lostContact: number; orgs: number; branches: number; stations: number }

function totalsOf(cs: Cell[]): Totals {
  const sum = (dim: string, pred: (k: string) => boolean = () => true) => cs.filter((c) => c.dim === dim && pred(c.key)).reduce((s, c) => s + c.n, 0);
  return {
    members: sum('total'), full: sum('category', (k) => k === 'full'), probationary: sum('category', (k) => k === 'probationary'),
    migrants: sum('migrant'), lostContact: sum('lost_contact'), orgs: sum('org_type'),
    branches: sum('org_type', (k) => (BRANCH_TYPES as readonly string[]).includes(k)), stations: sum('station_type'),
  };
}

/** Branches in the subtree breaking the size rules (fewer than 3 full members, more than 50 members). */
export async function sizeRuleCounts(db: Db, prefix: string) {
  // Every organization has a per-org counter row (zero when empty), so only the few rows breaking a rule are read,
  // through the partial indexes of migration 20261127T0530-scale.
  const like = `${prefix}%`;
  const r = await sql<{ too_few: number; too_many: number }>`
    select
      (select count(*)::int from org_member_counts c join orgs o on o.id = c.org_id
        where c.full_members < 3 and o.path like ${like} and o.status = 'active' and o.type in ('branch', 'joint_branch', 'temporary_branch')) as too_few,
      (select count(*)::int from org_member_counts c join orgs o on o.id = c.org_id
        where c.members > 50 and o.path like ${like} and o.status = 'active' and o.type in ('branch', 'joint_branch', 'temporary_branch')) as too_many`.execute(db);
  return { tooFewFullMembers: r.rows[0].too_few, tooManyMembers: r.rows[0].too_many };
}

export interface ChildTotals extends Totals { id: string; name: string }

/** The key totals of every direct child: from the counters when the children are anchors, else counted. */
export async function childTotals(db: Db, org: { id: string; path: string }): Promise<ChildTotals[]> {
  const kids = await db.selectFrom('orgs').select(['id', 'name', 'path']).where('parent_id', '=', org.id).orderBy('sort_order').orderBy('id').execute();
  if (kids.length === 0) return [];
  const k = components(org.path) + 2; // split_part index of the child's id in a descendant's path
  const byChild = new Map<string, Cell[]>(kids.map((c) => [c.path, []]));
  if (components(org.path) + 1 <= COUNTER_DEPTH) {
    const r = await sql<Cell & { anchor: string }>`
      select anchor, dim, key, n::int as n from subtree_counts
      where anchor in (${sql.join(kids.map((c) => c.path))}) and dim in ('total', 'category', 'migrant', 'lost_contact', 'org_type', 'station_type') and n <> 0`.execute(db);
    for (const c of r.rows) byChild.get(c.anchor)?.push(c);
  } else {
    const like = `${org.path}%`;
    const [m, o, s] = await Promise.all([
      sql<{ child: string; members: number; full: number; probationary: number; migrants: number; lost: number }>`
        select child, sum(c.members)::int as members, sum(c.full_members)::int as full, sum(c.probationary)::int as probationary,
               sum(c.migrants)::int as migrants, sum(c.lost_contact)::int as lost
        from (select split_part(o.path, '/', ${k}) as child, o.id from orgs o where o.path like ${like} and o.path <> ${org.path}) o
        -- one primary-key probe per org of the subtree (a hash join would read every per-org row of the province)
        cross join lateral (select * from org_member_counts c where c.org_id = o.id offset 0) c
        group by 1`.execute(db),
      sql<{ child: string; type: string; n: number }>`
        select split_part(path, '/', ${k}) as child, type, count(*)::int as n from orgs
        where path like ${like} and path <> ${org.path} and status = 'active' group by 1, 2`.execute(db),
      sql<{ child: string; n: number }>`
        select split_part(org_path, '/', ${k}) as child, count(*)::int as n from stations where org_path like ${like} and org_path <> ${org.path} group by 1`.execute(db),
    ]);
    const pathOf = (id: string) => `${org.path}${id}/`;
    for (const x of m.rows) {
      byChild.get(pathOf(x.child))?.push({ dim: 'total', key: '', n: x.members }, { dim: 'category', key: 'full', n: x.full },
        { dim: 'category', key: 'probationary', n: x.probationary }, { dim: 'migrant', key: '', n: x.migrants }, { dim: 'lost_contact', key: 't', n: x.lost });
    }
    for (const x of o.rows) byChild.get(pathOf(x.child))?.push({ dim: 'org_type', key: x.type, n: x.n });
    for (const x of s.rows) byChild.get(pathOf(x.child))?.push({ dim: 'station_type', key: '', n: x.n });
  }
  return kids.map((c) => ({ id: String(c.id), name: c.name, ...totalsOf(byChild.get(c.path)!) }));
}

export type Dashboard = Awaited<ReturnType<typeof dashboard>>;

/** The breakdowns of one subtree from its cells: every figure of a dashboard but the warnings and the children. */
export function figures(cs: Cell[]) {
  return {
    totals: totalsOf(cs),
    byCategory: buckets(cs, 'category'),
    byGender: buckets(cs, 'gender'),
    byAgeBand: buckets(cs, 'age', AGE_BANDS),
    byPartyAge: buckets(cs, 'party_age', PARTY_AGE_BANDS),
    byEducation: buckets(cs, 'education'),
    byEthnicity: buckets(cs, 'ethnicity'),
    migrantsByDestination: buckets(cs, 'migrant'),
    orgsByType: buckets(cs, 'org_type'),
    stationsByType: buckets(cs, 'station_type'),
    stationsByStatus: buckets(cs, 'station_status'),
  };
}

/** The whole dashboard of one subtree: what GET /api/dashboard returns. */
export async function dashboard(db: Db, org: { id: string; name?: string; path: string }, today: string) {
  const [cs, warnings, children] = await Promise.all([cells(db, org.path, today), sizeRuleCounts(db, org.path), childTotals(db, org)]);
  return { org: { id: String(org.id), name: org.name ?? '' }, ...figures(cs), warnings, children };
}
