/**
 * All SQL of the viewings module. Scope is the station's organization: `stations.org_id → orgs.path` joined at every
 * read (no path is copied into these tables). Members and stations are read here, never written.
 */
import { sql, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { escapeLike, scopeFilter } from '../../platform/actor.js';

type Db = Kysely<DB> | Transaction<DB>;

function withStation(db: Db) {
  return db.selectFrom('viewing_sessions as v')
    .innerJoin('stations as s', 's.id', 'v.station_id')
    .innerJoin('orgs as o', 'o.id', 's.org_id')
    .selectAll('v')
    .select(['s.name as station_name', 's.address as station_address', 's.status as station_status', 'o.id as org_id', 'o.name as org_name', 'o.path as org_path']);
}
export type SessionRow = Awaited<ReturnType<ReturnType<typeof withStation>['executeTakeFirstOrThrow']>>;

export function findSession(db: Db, id: string): Promise<SessionRow | undefined> {
  return withStation(db).where('v.id', '=', id).executeTakeFirst();
}

export function findSessionByCode(db: Db, code: string): Promise<SessionRow | undefined> {
  return withStation(db).where('v.checkin_code', '=', code).executeTakeFirst();
}

/** Locks the session row inside the caller's transaction (`share`: check-ins and roll-call ticks; `update`: confirm, cancel). */
export function lockSession(trx: Transaction<DB>, id: string, mode: 'share' | 'update') {
  const q = trx.selectFrom('viewing_sessions').selectAll().where('id', '=', id);
  return (mode === 'update' ? q.forUpdate() : q.forShare()).executeTakeFirst();
}

export function findStationWithOrg(db: Db, id: string) {
  return db.selectFrom('stations as s').innerJoin('orgs as o', 'o.id', 's.org_id')
    .select(['s.id', 's.name', 's.status', 's.manager_name', 'o.path as org_path', 'o.id as org_id']).where('s.id', '=', id).executeTakeFirst();
}

export interface SessionFilter {
  scope: string[];
  subtree?: string;
  stationId?: string;
  status?: 'scheduled' | 'closed' | 'cancelled';
  from?: Date;
  to?: Date;
  titleContains?: string;
}

/** Keyset page in (starts_at desc, id desc) order; the cursor is the last row's id. */
export async function listSessions(db: Db, f: SessionFilter, afterId: string | undefined, limit: number) {
  const base = () => {
    let q = db.selectFrom('viewing_sessions as v').innerJoin('stations as s', 's.id', 'v.station_id').innerJoin('orgs as o', 'o.id', 's.org_id')
      .where((eb) => scopeFilter(eb, 'o.path', f.scope));
    if (f.subtree) q = q.where('o.path', 'like', `${escapeLike(f.subtree)}%`);
    if (f.stationId) q = q.where('v.station_id', '=', f.stationId);
    if (f.status) q = q.where('v.status', '=', f.status);
    if (f.from) q = q.where('v.starts_at', '>=', f.from);
    if (f.to) q = q.where('v.starts_at', '<', f.to);
    if (f.titleContains) q = q.where('v.title', 'like', `%${escapeLike(f.titleContains)}%`);
    return q;
  };
  let page = withStation(db).where('v.id', 'in', base().select('v.id'));
  if (afterId) {
    const c = await db.selectFrom('viewing_sessions').select('starts_at').where('id', '=', afterId).executeTakeFirst();
    if (!c) return { rows: [], total: 0 };
    page = page.where(sql<SqlBool>`(v.starts_at, v.id) < (${c.starts_at}, ${afterId}::bigint)`);
  }
  const [rows, count] = await Promise.all([
    page.orderBy('v.starts_at', 'desc').orderBy('v.id', 'desc').limit(limit).execute(),
    base().select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: count.n };
}

/** Another live session of the station whose time overlaps [start, end). */
/** A session at the station (other than `exceptId`, the one being moved) that is not cancelled and overlaps [start, end). */
export function overlapping(db: Db, stationId: string, start: Date, end: Date, exceptId?: string) {
  let q = db.selectFrom('viewing_sessions').select(['id', 'title', 'starts_at']).where('station_id', '=', stationId).where('status', '!=', 'cancelled')
    .where('starts_at', '<', end)
    .where(sql<SqlBool>`starts_at + make_interval(mins => duration_minutes) > ${start}`);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return q.executeTakeFirst();
}

/** Members on the session's roll: current members whose home organization lies in the station's subtree, and the guests. */
function rollBase(db: Db, sessionId: string, stationOrgPath: string) {
  return db.selectFrom('members as m')
    .leftJoin('viewing_attendance as a', (j) => j.onRef('a.member_id', '=', 'm.id').on('a.session_id', '=', sessionId))
    .where((eb) => eb.or([
      eb.and([eb('m.org_path', 'like', `${escapeLike(stationOrgPath)}%`), eb('m.departed_on', 'is', null)]),
      eb('a.guest', '=', true),
    ]));
}

export async function rollPage(db: Db, sessionId: string, stationOrgPath: string, q: { nameContains?: string; present?: boolean }, afterId: string | undefined, limit: number) {
  const filtered = () => {
    let r = rollBase(db, sessionId, stationOrgPath);
    if (q.nameContains) r = r.where('m.name', 'like', `%${escapeLike(q.nameContains)}%`);
    if (q.present === true) r = r.where('a.present', '=', true);
    if (q.present === false) r = r.where((eb) => eb.or([eb('a.present', 'is', null), eb('a.present', '=', false)]));
    return r;
  };
  let page = filtered().innerJoin('orgs as o', 'o.id', 'm.org_id')
    .select(['m.id', 'm.name', 'o.name as org_name', 'a.present', 'a.guest', 'a.method', 'a.checked_in_at', 'a.credit_outcome', 'a.credit_minutes']);
  if (afterId) page = page.where('m.id', '>', afterId);
  const [rows, count] = await Promise.all([
    page.orderBy('m.id').limit(limit).execute(),
    filtered().select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: count.n };
}

export async function presentCount(db: Db, sessionId: string): Promise<number> {
  const r = await db.selectFrom('viewing_attendance').select(sql<number>`count(*)::int`.as('n')).where('session_id', '=', sessionId).where('present', '=', true).executeTakeFirstOrThrow();
  return r.n;
}

/** Present counts of many sessions at once (the list's live figures before confirmation). */
export async function presentCounts(db: Db, ids: string[]): Promise<Map<string, number>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('viewing_attendance').select(['session_id', sql<number>`count(*)::int`.as('n')])
    .where('session_id', 'in', ids).where('present', '=', true).groupBy('session_id').execute();
  return new Map(rows.map((r) => [String(r.session_id), r.n]));
}

export function memberWithOrg(db: Db, memberId: string) {
  return db.selectFrom('members as m').innerJoin('orgs as o', 'o.id', 'm.org_id')
    .select(['m.id', 'm.name', 'm.org_path', 'm.departed_on', 'o.name as org_name']).where('m.id', '=', memberId).executeTakeFirst();
}

export function attendanceOf(db: Db, sessionId: string, memberId: string) {
  return db.selectFrom('viewing_attendance').selectAll().where('session_id', '=', sessionId).where('member_id', '=', memberId).executeTakeFirst();
}

/** Present attendance rows of a session with whether the member is still on the rolls (confirmation). */
export function presentRows(trx: Transaction<DB>, sessionId: string) {
  return trx.selectFrom('viewing_attendance as a').innerJoin('members as m', 'm.id', 'a.member_id')
    .select(['a.member_id', 'm.departed_on']).where('a.session_id', '=', sessionId).where('a.present', '=', true).orderBy('a.member_id').execute();
}

/** Guest candidates: current members within `scope` whose name contains `q` (at most 20). */
export function guestCandidates(db: Db, scope: string[], q: string) {
  return db.selectFrom('members as m').innerJoin('orgs as o', 'o.id', 'm.org_id').select(['m.id', 'm.name', 'o.name as org_name'])
    .where((eb) => scopeFilter(eb, 'm.org_path', scope)).where('m.departed_on', 'is', null)
    .where('m.name', 'like', `%${escapeLike(q)}%`).orderBy('m.id').limit(20).execute();
}
