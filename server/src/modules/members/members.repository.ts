/** All SQL of the members module. Every list is filtered by the actor's subtrees in the WHERE clause. */
import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { DB, MemberRow, NewMember } from '../../db/schema.js';
import { escapeLike, scopeFilter } from '../../platform/actor.js';
import { treeLookupCache } from '../../platform/counts-version.js';

type Db = Kysely<DB> | Transaction<DB>;

export type MemberWithOrg = MemberRow & { org_name: string };

export interface MemberFilter {
  scope: string[];
  subtree?: string;
  nameContains?: string;
  mobileBidx?: string;
  idNumberBidx?: string;
  category?: MemberRow['category'];
  standing?: MemberRow['standing'];
  gender?: MemberRow['gender'];
  migrant?: boolean;
  lostContact?: boolean;
  /** Members who have left the rolls (已转出, migration 20261127T0550) are left out unless this is set. */
  includeDeparted?: boolean;
  /** Only members who have left the rolls (the 已转出 archive view). */
  departedOnly?: boolean;
  /** The counts version the request's session check read (Actor.countsVersion): the subtree's anchors are kept under it. */
  countsVersion?: string;
}

/** `paths` without any path that lies under another one of them (a subtree is counted and searched once). */
export function outermost(paths: string[]): string[] {
  const u = [...new Set(paths)];
  return u.filter((p) => !u.some((q) => q !== p && p.startsWith(q)));
}

const likeAny = (column: string, paths: string[]) => sql.join(paths.map((p) => sql`${sql.ref(column)} like ${`${escapeLike(p)}%`}`), sql` or `);

/** Ids of the members attached to an online branch under one of `paths` (a small table: one row a member at most). */
function onlineMemberIds(paths: string[]) {
  return sql`array(select ob.member_id from member_online_branches ob join orgs oo on oo.id = ob.org_id where ${likeAny('oo.path', paths)})`;
}

/**
 * A member lies under one of `paths` when their home branch (`m.org_path`) does, or when the online
 * branch (网络党支部) they are attached to does: its secretary and staff read them, the home branch keeps them.
 * The second arm is `m.id = any(array(…))` (not a correlated EXISTS) so that the planner can OR an index range
 * on `org_path` with primary-key probes instead of scanning every member.
 */
export function memberScopeFilter<D, TB extends keyof D>(eb: ExpressionBuilder<D, TB>, paths: string[]): Expression<SqlBool> {
  if (paths.length === 0) return sql<SqlBool>`false`;
  return eb.or([
    scopeFilter(eb, 'm.org_path', paths),
    sql<SqlBool>`m.id = any(${onlineMemberIds(paths)})`,
  ]);
}

/** Path of the online branch a member is attached to, if any. */
export async function onlineBranchPath(db: Db, memberId: string): Promise<string | null> {
  const r = await db.selectFrom('member_online_branches as ob').innerJoin('orgs as o', 'o.id', 'ob.org_id').select('o.path').where('ob.member_id', '=', memberId).executeTakeFirst();
  return r?.path ?? null;
}

/** The first three components of a path (its county), or the path itself when shorter: the anchor of migration 0540. */
function anchorOf(path: string): string | null {
  const parts = path.split('/').filter(Boolean);
  return parts.length >= 3 ? `/${parts.slice(0, 3).join('/')}/` : null;
}

/**
 * Grams of a name query: itself when one or two characters, else its pairs of adjacent characters (at most six:
 * more would only narrow what `like` checks anyway).
 */
function gramsOf(q: string): string[] {
  const chars = [...q];
  return chars.length <= 2 ? [chars.join('')] : [...new Set(chars.slice(0, -1).map((c, i) => c + chars[i + 1]))].slice(0, 6);
}

/**
 * The GIN keys of a name search (migration 20261127T0540-member-search): for each gram of the query, that gram under
 * every anchor inside `roots` — the county of a deeper subtree, or every org of depth ≤ 2 in a city or the province
 * (`orgs_anchor_idx`), itself included. Looked up first and sent as constants, so the planner estimates the
 * index condition from the index's statistics (an InitPlan array gets a blind default, and a parallel plan).
 */
async function gramKeys(db: Db, q: string, roots: string[], version: string | undefined): Promise<string[][]> {
  const anchors = new Set(roots.map(anchorOf).filter((a): a is string => a !== null));
  const shallow = roots.filter((r) => anchorOf(r) === null);
  if (shallow.length) {
    const lookup = async () => (await sql<{ path: string }>`select o.path from orgs o where o.depth <= 2 and (${likeAny('o.path', shallow)})`.execute(db)).rows.map((r) => r.path);
    // The anchors change only when an organization of depth ≤ 2 appears, moves or goes: kept under the counts version.
    const paths = version === undefined || db.isTransaction ? await lookup() : await keptAnchors(db).get(shallow.join('|'), version, lookup);
    for (const path of paths) anchors.add(path);
  }
  return gramsOf(q).map((g) => [...anchors].map((a) => `${a}:${g}`));
}
const keptAnchors = treeLookupCache<string[]>(1_000);

/**
 * The name-search condition: the GIN expression index finds the rows holding every gram under an anchor of the
 * subtree; members shown through an online branch are added by id; `name like '%q%'` (in `withFilters`) stays the
 * exact check, so the semantics are those of `like` (substring, case-sensitive) at any length.
 */
function nameGrams(keys: string[][], roots: string[]): Expression<SqlBool> {
  const byGram = sql.join(keys.map((k) => sql`dj_name_grams(m.name, m.org_path) && ${k}::text[]`), sql` and `);
  return sql<SqlBool>`((${byGram}) or m.id = any(${onlineMemberIds(roots)}))`;
}

/**
 * Whether the subtree conditions should stay out of the index: a name search under a province, city or county is
 * already confined to that subtree by its grams (each carries the member's anchor), and ANDing the bitmap of the
 * subtree's `org_path` range (575,000 entries for a city) would cost more than the whole search. The rows the grams
 * find are then checked with `left(org_path, n) = path`, which means the same as `like 'path%'` but is no index condition.
 */
function pathsAsFilter(f: MemberFilter): boolean {
  return !!f.nameContains && rootsOf(f).every((r) => anchorOf(r) === null || anchorOf(r) === r);
}

/** `column` lies under one of `paths`: `like 'p%'` (an index range), or the same test as a plain filter. */
function underAny(column: string, paths: string[], asFilter: boolean) {
  if (!asFilter) return likeAny(column, paths);
  return sql.join(paths.map((p) => sql`left(${sql.ref(column)}, ${p.length}) = ${p}`), sql` or `);
}

/** memberScopeFilter, with the home-path test in the form `underAny` chooses. */
function scopeOf(paths: string[], asFilter: boolean): Expression<SqlBool> {
  if (paths.length === 0) return sql<SqlBool>`false`;
  return sql<SqlBool>`(${underAny('m.org_path', paths, asFilter)} or m.id = any(${onlineMemberIds(paths)}))`;
}

/** The subtrees a list covers: the requested one, or every subtree of the actor's scope. */
function rootsOf(f: MemberFilter): string[] {
  return f.subtree ? [f.subtree] : outermost(f.scope);
}

/** True when `subtree` lies inside the scope, so the scope filter adds nothing to the subtree filter. */
function insideScope(f: MemberFilter): boolean {
  return !!f.subtree && f.scope.some((p) => f.subtree!.startsWith(p));
}

/** Filters other than the subtree/scope; `like` is the exact check of a name search (see nameGrams). */
function withFilters<Q extends ReturnType<typeof base>>(q: Q, f: MemberFilter, keys: string[][] | null): Q {
  let r = q;
  if (f.nameContains) r = r.where('m.name', 'like', `%${escapeLike(f.nameContains)}%`).where(() => (keys ? nameGrams(keys, rootsOf(f)) : sql<SqlBool>`false`)) as Q;
  if (f.mobileBidx) r = r.where('m.mobile_bidx', '=', f.mobileBidx) as Q;
  if (f.idNumberBidx) r = r.where('m.id_number_bidx', '=', f.idNumberBidx) as Q;
  if (f.category) r = r.where('m.category', '=', f.category) as Q;
  if (f.standing) r = r.where('m.standing', '=', f.standing) as Q;
  if (f.gender) r = r.where('m.gender', '=', f.gender) as Q;
  if (f.migrant !== undefined) r = r.where('m.migrant', '=', f.migrant) as Q;
  if (f.lostContact !== undefined) r = r.where('m.lost_contact', '=', f.lostContact) as Q;
  if (f.departedOnly) r = r.where('m.departed_on', 'is not', null) as Q;
  else if (!f.includeDeparted) r = r.where('m.departed_on', 'is', null) as Q;
  return r;
}

const base = (db: Db) => db.selectFrom('members as m');

function filtered(db: Db, f: MemberFilter, keys: string[][] | null) {
  const asFilter = pathsAsFilter(f);
  let q = base(db);
  if (!insideScope(f)) q = q.where(() => scopeOf(f.scope, asFilter && !f.subtree));
  if (f.subtree) q = q.where(() => scopeOf([f.subtree!], asFilter));
  return withFilters(q, f, keys);
}

function hasFilter(f: MemberFilter): boolean {
  return !!(f.includeDeparted || f.departedOnly || f.nameContains || f.mobileBidx || f.idNumberBidx || f.category || f.standing || f.gender || f.migrant !== undefined || f.lostContact !== undefined);
}

/**
 * Exact total without a filter, from the trigger-kept counters (migration 20261127T0530-scale; current members only
 * since 20261127T0550, like the list): per root, its anchor's
 * `subtree_counts` total (province, city, county) or the sum of `org_member_counts` over its orgs (deeper), plus the
 * members shown through an online branch in a root whose home is in none.
 */
async function countedTotal(db: Db, roots: string[]): Promise<number> {
  const parts = roots.map((r) => (anchorOf(r) === null || anchorOf(r) === r
    ? sql`(select coalesce(sum(n), 0) from subtree_counts where anchor = ${r} and dim = 'total' and key = '')`
    : sql`(select coalesce(sum(c.members), 0) from orgs o join org_member_counts c on c.org_id = o.id where o.path like ${`${escapeLike(r)}%`})`));
  const r = await sql<{ n: string }>`select (${sql.join(parts, sql` + `)}
      + (select count(*) from members m where m.id = any(${onlineMemberIds(roots)}) and not (${likeAny('m.org_path', roots)}) and m.departed_on is null))::text as n`.execute(db);
  return Number(r.rows[0].n);
}

/** Exact count of the filtered list (the index-served conditions above keep it to the matching rows). */
async function countedRows(db: Db, f: MemberFilter, keys: string[][] | null): Promise<number> {
  const r = await filtered(db, f, keys).select(sql<string>`count(*)::text`.as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * Keyset page in (org_path, id) order — branch by branch, then by id — which `members_org_path_idx
 * (org_path text_pattern_ops, id)` returns already sorted inside a subtree (`order by … using ~<~` is that index's
 * order), so page 1,000 costs what page 1 does. The cursor stays a member id (the last row of the previous page);
 * its org_path is looked up. A cursor whose member has since been deleted ends the list.
 * One ordered arm per root subtree plus one for members shown through an online branch, merged.
 * `total` is exact: from the counters when only the subtree/scope is set, counted otherwise; `{ total: false }` skips it.
 */
export async function listMembers(db: Db, f: MemberFilter, afterId: string | undefined, limit: number, opts: { total?: boolean } = {}): Promise<{ rows: MemberWithOrg[]; total: number }> {
  const roots = rootsOf(f);
  const keys = f.nameContains && roots.length ? await gramKeys(db, f.nameContains, roots, f.countsVersion) : null;
  const wantTotal = opts.total ?? true;
  // A name search counts its matches in the statement that pages them (nameSearchPage).
  const total = !wantTotal || keys ? Promise.resolve(-1)
    : roots.length === 0 ? Promise.resolve(0)
    : !hasFilter(f) && (insideScope(f) || !f.subtree) ? countedTotal(db, roots)
    : countedRows(db, f, keys);
  total.catch(() => {}); // awaited below; this only keeps a failure from counting as unhandled while the page runs
  let after: { path: string; id: string } | null = null;
  if (afterId) {
    const c = await db.selectFrom('members').select('org_path').where('id', '=', afterId).executeTakeFirst();
    if (!c) return { rows: [], total: await total };
    after = { path: c.org_path, id: afterId };
  }
  if (roots.length === 0) return { rows: [], total: await total };
  if (keys) return nameSearchPage(db, f, keys, after, limit, wantTotal);
  const asFilter = pathsAsFilter(f);
  const page = (q: ReturnType<typeof base>) => {
    let r = withFilters(q, f, keys).selectAll('m');
    if (!insideScope(f) && f.subtree) r = r.where((eb) => memberScopeFilter(eb, f.scope));
    if (after) {
      const a = after;
      r = r.where(sql<SqlBool>`m.org_path ~>=~ ${a.path} and (m.org_path ~>~ ${a.path} or m.id > ${a.id})`);
    }
    return r.orderBy(sql`m.org_path using ~<~`).orderBy('m.id').limit(limit);
  };
  const arms = [
    ...roots.map((r) => page(base(db).where(sql<SqlBool>`${underAny('m.org_path', [r], asFilter)}`))),
    page(base(db).where(sql<SqlBool>`m.id = any(${onlineMemberIds(roots)})`).where(sql<SqlBool>`not (${likeAny('m.org_path', roots)})`)),
  ];
  let union = db.selectFrom(arms[0].as('a0')).selectAll();
  for (let i = 1; i < arms.length; i++) union = union.unionAll(db.selectFrom(arms[i].as(`a${i}`)).selectAll());
  // The organization's name is joined to the 20 rows of the page only, not to every candidate before the sort.
  const top = db.selectFrom(union.as('u')).selectAll().orderBy(sql`u.org_path using ~<~`).orderBy('u.id').limit(limit);
  const [rows, n] = await Promise.all([
    db.selectFrom(top.as('p')).innerJoin('orgs as o', 'o.id', 'p.org_id').selectAll('p').select('o.name as org_name')
      .orderBy(sql`p.org_path using ~<~`).orderBy('p.id').execute() as Promise<MemberWithOrg[]>,
    total,
  ]);
  return { rows, total: n };
}

/**
 * A name search in one statement: the rows its grams find (a few hundred for a full name in a city, bounded by the
 * GIN keys) are collected once, counted, and the page is the first `limit` of them in (org_path, id) order, joined to
 * the full rows and their organizations. Two statements (a count and a page) planned and ran the same bitmap scan
 * twice; under 50 concurrent searches planning alone was half of PostgreSQL's time (docs/benchmarks.md, "Load").
 * The conditions are filtered()'s — the same rows as the arms of listMembers — and `after` (the keyset cursor)
 * applies to the page only, so the count stays that of the whole search.
 */
async function nameSearchPage(db: Db, f: MemberFilter, keys: string[][], after: { path: string; id: string } | null, limit: number, wantTotal: boolean): Promise<{ rows: MemberWithOrg[]; total: number }> {
  const afterCursor = after ? sql<SqlBool>`h.org_path ~>=~ ${after.path} and (h.org_path ~>~ ${after.path} or h.id > ${after.id})` : sql<SqlBool>`true`;
  const rows = await db
    .with((cte) => cte('hits').materialized(), () => filtered(db, f, keys).select(['m.id', 'm.org_path']))
    .selectFrom((eb) => eb.selectFrom('hits as h').select('h.id').where(afterCursor).orderBy(sql`h.org_path using ~<~`).orderBy('h.id').limit(limit).as('pg'))
    .innerJoin('members as m', 'm.id', 'pg.id')
    .innerJoin('orgs as o', 'o.id', 'm.org_id')
    .selectAll('m')
    .select('o.name as org_name')
    .$if(wantTotal, (q) => q.select(sql<string>`(select count(*) from hits)::text`.as('hits_total')))
    .orderBy(sql`m.org_path using ~<~`)
    .orderBy('m.id')
    .execute() as (MemberWithOrg & { hits_total?: string })[];
  // No row on the first page means no match at all (the cursor narrows pages only; totals are asked without one).
  const total = !wantTotal ? -1 : rows.length ? Number(rows[0].hits_total) : after ? -1 : 0;
  return { rows: rows.map(({ hits_total: _, ...m }) => m), total };
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
