/**
 * 学习统计 (issue 12, item 2): organization figures, the ranking of an organization's children, a branch's members and
 * one member's transcript, for staff with `learning.read` over the organization (scope in SQL).
 *
 * Organization figures are read from `learning_org_stats`, which the refresh job computes in one set-based statement
 * (refreshOrgStats) every LEARNING_STATS_REFRESH_MINUTES: so a ranking of the province's cities answers in
 * milliseconds, and every answer says when its figures were computed (统计时间, `refreshedAt`). A member's own figures
 * (the members list, a transcript) are read from the ledger (learning_member_years, learning_credits): always exact.
 * There is no ranking of people: members are listed in the organization list's order, never by hours.
 */
import { sql, type Kysely, type SqlBool } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AppContext } from '../../platform/context.js';
import { authorize, can, escapeLike, type Actor } from '../../platform/actor.js';
import { notFound } from '../../platform/errors.js';
import { chinaYear } from '../../platform/china-time.js';
import { nextCursor } from '../../platform/paging.js';
import { CREDIT_KINDS, dutyMinutesOf } from './learning.commands.js';
import { loadRules } from './learning.rules.js';
import type {
  MemberProgressT, OrgFiguresT, OrgMembersQueryT, OrgMembersT, OrgReportQueryT, OrgReportT, ReportSort, TranscriptQueryT, TranscriptT,
} from './learning.reports.schema.js';

export const STATS_QUEUE = 'learning.stats';
/** pg_advisory_xact_lock key: one refresh at a time, however many instances run the job. */
const REFRESH_LOCK = 712_0400;

/**
 * Recomputes every organization's figures for `year` in one statement: the members on the rolls (departed_on is
 * null) grouped by their home organization, each left-joined to their year total and to an open party_positions
 * row (the larger duty), then every organization's row added to each of its ancestors by splitting orgs.path into
 * ids (no walk of the tree in code, no copy of a path). The old rows are replaced in the same transaction, so a
 * reader sees either the previous figures or the new ones.
 */
export async function refreshOrgStats(db: Kysely<DB>, year: number, now: Date): Promise<{ year: number; orgs: number; tookMs: number }> {
  const t0 = performance.now();
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${REFRESH_LOCK})`.execute(trx);
    // One pass, in memory: a parallel plan would run the per-organization aggregate once in every worker (measured on
    // the province dataset: three scans of the members instead of one), and a spilled hash join costs more than memory.
    await sql`set local max_parallel_workers_per_gather = 0`.execute(trx);
    await sql`set local work_mem = '256MB'`.execute(trx);
    await trx.deleteFrom('learning_org_stats').where('year', '=', year).execute();
    const inserted = await sql`
      insert into learning_org_stats (org_id, year, members, cadres, met, cadres_met, minutes, cadre_minutes, active, refreshed_at)
      with duty as (
        select duty_hours_member * 60 as member_minutes, duty_hours_cadre * 60 as cadre_minutes from learning_rules where id = 1
      ), cadre as (
        select distinct member_id from party_positions where ended_on is null
      ), direct as materialized (
        select m.org_id,
               count(*) as members,
               count(c.member_id) as cadres,
               count(*) filter (where coalesce(y.minutes, 0) >= case when c.member_id is null then d.member_minutes else d.cadre_minutes end) as met,
               count(*) filter (where c.member_id is not null and coalesce(y.minutes, 0) >= d.cadre_minutes) as cadres_met,
               coalesce(sum(y.minutes), 0) as minutes,
               coalesce(sum(y.minutes) filter (where c.member_id is not null), 0) as cadre_minutes,
               count(*) filter (where y.minutes > 0) as active
        from members m
        cross join duty d
        left join learning_member_years y on y.member_id = m.id and y.year = ${year}
        left join cadre c on c.member_id = m.id
        where m.departed_on is null
        group by m.org_id
      )
      select a.id::bigint, ${year}::int, sum(p.members)::int, sum(p.cadres)::int, sum(p.met)::int, sum(p.cadres_met)::int,
             sum(p.minutes)::bigint, sum(p.cadre_minutes)::bigint, sum(p.active)::int, ${now}::timestamptz
      from direct p
      join orgs o on o.id = p.org_id
      cross join lateral unnest(string_to_array(trim(both '/' from o.path), '/')) as a(id)
      group by a.id`.execute(trx);
    const orgs = Number(inserted.numAffectedRows ?? 0);
    const tookMs = Math.round(performance.now() - t0);
    await trx.insertInto('learning_stats_refreshes').values({ year, refreshed_at: now, took_ms: tookMs, orgs })
      .onConflict((oc) => oc.column('year').doUpdateSet({ refreshed_at: now, took_ms: tookMs, orgs })).execute();
    return { year, orgs, tookMs };
  });
}

/**
 * The job of the `learning.stats` queue. The schedule ticks every minute with no payload: the current China year is
 * refreshed when its figures are older than LEARNING_STATS_REFRESH_MINUTES (or were never computed). A payload
 * `{ year }` refreshes that year at once.
 */
export async function statsJob(ctx: AppContext, payload: { year?: number } | null | undefined) {
  const now = ctx.now();
  if (payload?.year) return refreshOrgStats(ctx.db, payload.year, now);
  const year = chinaYear(now);
  const last = await ctx.db.selectFrom('learning_stats_refreshes').select('refreshed_at').where('year', '=', year).executeTakeFirst();
  // A tick a few seconds early still counts as due (ticks come every 60 s, not to the millisecond).
  const due = !last || now.getTime() - last.refreshed_at.getTime() >= ctx.config.learning.statsRefreshMinutes * 60_000 - 5_000;
  if (!due) return { year, skipped: true };
  return refreshOrgStats(ctx.db, year, now);
}

interface StatsRow { members: number | null; cadres: number | null; met: number | null; cadres_met: number | null; minutes: string | number | null; cadre_minutes: string | number | null; active: number | null }

const pct = (a: number, b: number) => (b > 0 ? Math.round((1000 * a) / b) / 10 : 0);
const hrs = (minutes: number) => Math.round(minutes / 6) / 10;

export function figuresOf(s: StatsRow | undefined): OrgFiguresT {
  const members = s?.members ?? 0, met = s?.met ?? 0, cadres = s?.cadres ?? 0, cadresMet = s?.cadres_met ?? 0, active = s?.active ?? 0;
  const minutes = Number(s?.minutes ?? 0);
  return {
    members, met, rate: pct(met, members), avgHours: members > 0 ? hrs(minutes / members) : 0, active, participation: pct(active, members),
    cadres, cadresMet, cadreRate: pct(cadresMet, cadres), others: members - cadres, othersMet: met - cadresMet, othersRate: pct(met - cadresMet, members - cadres),
    hours: hrs(minutes),
  };
}

/** Ranking keys: null (no member) ranks last in either order. */
const SORT_KEY: Record<ReportSort, string> = {
  rate: 's.met::float8 / nullif(s.members, 0)',
  hours: 's.minutes::float8 / nullif(s.members, 0)',
  participation: 's.active::float8 / nullif(s.members, 0)',
};

async function orgIn(ctx: AppContext, actor: Actor, orgId: string) {
  const org = await ctx.db.selectFrom('orgs').select(['id', 'name', 'path', 'type', 'level']).where('id', '=', orgId).executeTakeFirst();
  if (!org) throw notFound('组织');
  authorize(actor, 'learning.read', org.path);
  return org;
}

async function refreshedAt(db: Kysely<DB>, year: number): Promise<string | null> {
  const r = await db.selectFrom('learning_stats_refreshes').select('refreshed_at').where('year', '=', year).executeTakeFirst();
  return r ? r.refreshed_at.toISOString() : null;
}

export interface RankedChild { rank: number; id: string; name: string; type: string; level: string; has_children: boolean; members: number | null; cadres: number | null; met: number | null; cadres_met: number | null; minutes: string | null; cadre_minutes: string | null; active: number | null }

/** The children of `parentId` with their figures for `year`, ranked; inactive children only when they still have members. */
export async function rankedChildren(db: Kysely<DB>, parentId: string, year: number, sort: ReportSort, order: 'desc' | 'asc', offset: number, limit: number) {
  const key = sql.raw(SORT_KEY[sort]);
  const dir = sql.raw(order === 'asc' ? 'asc' : 'desc');
  const base = sql`from orgs o left join learning_org_stats s on s.org_id = o.id and s.year = ${year}
    where o.parent_id = ${parentId} and (o.status = 'active' or coalesce(s.members, 0) > 0)`;
  const [rows, total] = await Promise.all([
    sql<RankedChild>`
      select o.id::text, o.name, o.type, o.level, exists (select 1 from orgs g where g.parent_id = o.id) as has_children,
             s.members, s.cadres, s.met, s.cadres_met, s.minutes::text, s.cadre_minutes::text, s.active,
             rank() over (order by ${key} ${dir} nulls last)::int as rank
      ${base}
      order by ${key} ${dir} nulls last, o.sort_order, o.id
      offset ${offset} limit ${limit}`.execute(db),
    sql<{ n: number }>`select count(*)::int as n ${base}`.execute(db),
  ]);
  return { rows: rows.rows, total: total.rows[0].n };
}

export async function orgReport(ctx: AppContext, actor: Actor, orgId: string, q: OrgReportQueryT): Promise<OrgReportT> {
  const org = await orgIn(ctx, actor, orgId);
  const year = q.year ?? chinaYear(ctx.now());
  const sort = q.sort ?? 'rate';
  const order = q.order ?? 'desc';
  const offset = q.offset ?? 0;
  const limit = q.limit ?? 50;
  const ancestorIds = org.path.split('/').filter(Boolean);
  const [own, children, at, rules, ancestors] = await Promise.all([
    ctx.db.selectFrom('learning_org_stats').selectAll().where('year', '=', year).where('org_id', '=', org.id).executeTakeFirst(),
    rankedChildren(ctx.db, org.id, year, sort, order, offset, limit),
    refreshedAt(ctx.db, year),
    loadRules(ctx.db),
    ctx.db.selectFrom('orgs').select(['id', 'name', 'path']).where('id', 'in', ancestorIds).orderBy('depth').execute(),
  ]);
  return {
    year, refreshedAt: at,
    dutyHours: { member: rules.duty_hours_member, cadre: rules.duty_hours_cadre },
    org: { id: org.id, name: org.name, type: org.type, level: org.level, figures: figuresOf(own) },
    trail: ancestors.filter((a) => can(actor, 'learning.read', a.path)).map((a) => ({ id: a.id, name: a.name })),
    sort, order,
    children: children.rows.map((c) => ({ rank: c.rank, id: c.id, name: c.name, type: c.type, level: c.level, hasChildren: c.has_children, figures: figuresOf(c) })),
    total: children.total, offset, limit,
  };
}

interface MemberRow { id: string; name: string; org_id: string; org_name: string; org_path: string; minutes: number; cadre: boolean }

/**
 * Members on the rolls of an organization (or its subtree) with their year's minutes from the ledger, in the members
 * list's order (organization path, then id), keyset paged on the last id.
 */
export async function memberProgressPage(db: Kysely<DB>, org: { id: string; path: string }, year: number, subtree: boolean, after: string | undefined, limit: number) {
  let cursorPath: string | null = null;
  if (after !== undefined && subtree) {
    const c = await db.selectFrom('members').select('org_path').where('id', '=', after).executeTakeFirst();
    if (!c) return [];
    cursorPath = c.org_path;
  }
  const where = subtree
    ? sql<SqlBool>`m.org_path like ${`${escapeLike(org.path)}%`}${cursorPath !== null ? sql` and m.org_path ~>=~ ${cursorPath} and (m.org_path ~>~ ${cursorPath} or m.id > ${after})` : sql``}`
    : sql<SqlBool>`m.org_id = ${org.id}${after !== undefined ? sql` and m.id > ${after}` : sql``}`;
  const order = subtree ? sql`m.org_path using ~<~, m.id` : sql`m.id`;
  const r = await sql<MemberRow>`
    select m.id::text, m.name, m.org_id::text, o.name as org_name, m.org_path, coalesce(y.minutes, 0)::int as minutes,
           exists (select 1 from party_positions p where p.member_id = m.id and p.ended_on is null) as cadre
    from members m
    join orgs o on o.id = m.org_id
    left join learning_member_years y on y.member_id = m.id and y.year = ${year}
    where m.departed_on is null and ${where}
    order by ${order}
    limit ${limit}`.execute(db);
  return r.rows;
}

export function progressOf(r: MemberRow, duty: { member: number; cadre: number }): MemberProgressT {
  const dutyHours = r.cadre ? duty.cadre : duty.member;
  const dutyMinutes = dutyHours * 60;
  return {
    id: r.id, name: r.name, orgId: r.org_id, orgName: r.org_name, cadre: r.cadre, minutes: r.minutes, hours: hrs(r.minutes), dutyHours,
    percent: Math.min(100, Math.floor((100 * r.minutes) / dutyMinutes)), met: r.minutes >= dutyMinutes,
  };
}

export async function orgMembers(ctx: AppContext, actor: Actor, orgId: string, q: OrgMembersQueryT): Promise<OrgMembersT> {
  const org = await orgIn(ctx, actor, orgId);
  const year = q.year ?? chinaYear(ctx.now());
  const limit = q.limit ?? 50;
  const [rows, rules] = await Promise.all([memberProgressPage(ctx.db, org, year, q.subtree ?? false, q.cursor, limit), loadRules(ctx.db)]);
  const duty = { member: rules.duty_hours_member, cadre: rules.duty_hours_cadre };
  return { year, items: rows.map((r) => progressOf(r, duty)), nextCursor: nextCursor(rows, limit) };
}

/** The member and their home organization, once the actor is known to have learning.read over it. */
export async function memberIn(ctx: AppContext, actor: Actor, memberId: string) {
  const m = await ctx.db.selectFrom('members as m').innerJoin('orgs as o', 'o.id', 'm.org_id')
    .select(['m.id', 'm.name', 'm.org_id', 'm.org_path', 'o.name as org_name']).where('m.id', '=', memberId).executeTakeFirst();
  if (!m) throw notFound('党员');
  authorize(actor, 'learning.read', m.org_path);
  return m;
}

export async function transcript(ctx: AppContext, actor: Actor, memberId: string, q: TranscriptQueryT): Promise<TranscriptT> {
  const m = await memberIn(ctx, actor, memberId);
  const year = q.year ?? chinaYear(ctx.now());
  const limit = q.limit ?? 50;
  const [total, duty, kinds, rows] = await Promise.all([
    ctx.db.selectFrom('learning_member_years').select('minutes').where('member_id', '=', m.id).where('year', '=', year).executeTakeFirst(),
    dutyMinutesOf(ctx.db, m.id),
    ctx.db.selectFrom('learning_credits').select(['kind', sql<string>`sum(minutes)`.as('minutes'), sql<string>`count(*)`.as('credits')])
      .where('member_id', '=', m.id).where('year', '=', year).groupBy('kind').execute(),
    ctx.db.selectFrom('learning_credits').selectAll().where('member_id', '=', m.id).where('year', '=', year)
      .$if(q.cursor !== undefined, (qb) => qb.where('id', '<', q.cursor!))
      .orderBy('id', 'desc').limit(limit).execute(),
  ]);
  const minutes = total?.minutes ?? 0;
  const byKind = new Map(kinds.map((k) => [k.kind as string, k]));
  return {
    year,
    member: { id: m.id, name: m.name, orgId: m.org_id, orgName: m.org_name },
    minutes, dutyMinutes: duty.minutes, cadre: duty.cadre,
    percent: Math.min(100, Math.floor((100 * minutes) / duty.minutes)),
    byKind: CREDIT_KINDS.map((kind) => ({ kind, minutes: Number(byKind.get(kind)?.minutes ?? 0), credits: Number(byKind.get(kind)?.credits ?? 0) })),
    items: rows.map((r) => ({
      id: r.id, day: r.day, kind: r.kind, sourceType: r.source_type, sourceId: r.source_id, title: r.title, minutes: r.minutes,
      cappedFrom: r.asked_minutes > r.minutes ? r.asked_minutes : null, at: r.created_at.toISOString(),
    })),
    nextCursor: nextCursor(rows, limit),
  };
}
