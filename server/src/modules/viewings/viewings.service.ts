/**
 * 集中收看 (F-72): a station schedules a viewing session; attendance is taken by roll call, by members checking in
 * with the session's QR code (viewings.checkin.ts), and confirmed by the organizer, which closes the session and
 * credits every present member through the learning module's ledger (awardCredit) in the same transaction.
 * Tables written here and nowhere else: viewing_sessions, viewing_attendance, viewing_station_years (docs/viewings.md).
 */
import { randomBytes } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AppContext } from '../../platform/context.js';
import { authorize, can, scopePaths, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import { badRequest, conflict, notFound, validationFailed, versionConflict, type FieldError } from '../../platform/errors.js';
import { chinaToday, chinaYear, addDays } from '../../platform/china-time.js';
import { nextCursor } from '../../platform/paging.js';
import { authorizedSubtree } from '../orgs/orgs.service.js';
import { awardCredit } from '../learning/learning.commands.js';
import { liveEventBriefs } from '../learning/learning.queries.js';
import * as repo from './viewings.repository.js';
import { checkSource, sourceFields, sourcesOf, type Sources } from './viewings.sources.js';
import type { Phase, RollQueryInput, ViewingCreateInput, ViewingListQueryInput, ViewingSessionView, ViewingUpdateInput } from './viewings.schema.js';

export const CHECKIN_OPENS_BEFORE_MS = 30 * 60_000;
const MANAGE = 'viewing.manage' as const;
const READ = 'viewing.read' as const;

const endOf = (s: { starts_at: Date; duration_minutes: number }) => new Date(s.starts_at.getTime() + s.duration_minutes * 60_000);
const opensOf = (s: { starts_at: Date }) => new Date(s.starts_at.getTime() - CHECKIN_OPENS_BEFORE_MS);
/** China midnight of a YYYY-MM-DD day as an instant. */
const chinaMidnight = (day: string) => new Date(`${day}T00:00:00+08:00`);

/** The phase of a session at `now`: its stored status, or for a scheduled one where the clock stands. */
export function phaseOf(s: { status: string; starts_at: Date; duration_minutes: number }, now: Date): Phase {
  if (s.status === 'cancelled') return 'cancelled';
  if (s.status === 'closed') return 'closed';
  if (now < opensOf(s)) return 'scheduled';
  return now <= endOf(s) ? 'open' : 'ended';
}

export function present(ctx: AppContext, actor: Actor, s: repo.SessionRow, src: Sources, live?: number): ViewingSessionView {
  const canManage = can(actor, MANAGE, s.org_path);
  return {
    id: s.id, stationId: s.station_id, stationName: s.station_name, orgId: s.org_id, orgName: s.org_name,
    title: s.title, lessonId: s.lesson_id, liveTitle: s.live_title, ...sourceFields(src, s),
    startsAt: s.starts_at.toISOString(), endsAt: endOf(s).toISOString(), opensAt: opensOf(s).toISOString(),
    durationMinutes: s.duration_minutes, organizerName: s.organizer_name, notes: s.notes,
    status: s.status, phase: phaseOf(s, ctx.now()), cancelReason: s.cancel_reason, confirmedAt: s.confirmed_at?.toISOString() ?? null,
    presentCount: s.status === 'closed' ? s.present_count : (live ?? s.present_count), creditedCount: s.credited_count,
    checkinCode: canManage ? s.checkin_code : null, canManage, canAdjust: canManage && s.status === 'scheduled' && ctx.now() < s.starts_at, version: s.version, createdAt: s.created_at.toISOString(),
  };
}

export async function loadAuthorized(ctx: AppContext, actor: Actor, id: string, perm: typeof READ | typeof MANAGE) {
  const s = await repo.findSession(ctx.db, id);
  if (!s) throw notFound('集中收看');
  authorize(actor, perm, s.org_path);
  return s;
}

export async function getSession(ctx: AppContext, actor: Actor, id: string): Promise<ViewingSessionView> {
  const s = await loadAuthorized(ctx, actor, id, READ);
  const [count, src] = await Promise.all([repo.presentCount(ctx.db, s.id), sourcesOf(ctx.db, [s])]);
  return present(ctx, actor, s, src, count);
}

export async function listSessions(ctx: AppContext, actor: Actor, q: ViewingListQueryInput) {
  const subtree = await authorizedSubtree(ctx, actor, READ, q.orgId);
  const limit = q.limit ?? 20;
  const { rows, total } = await repo.listSessions(ctx.db, {
    scope: scopePaths(actor, READ), subtree, stationId: q.stationId, status: q.status,
    from: q.from ? chinaMidnight(q.from) : undefined, to: q.to ? chinaMidnight(addDays(q.to, 1)) : undefined,
    titleContains: q.q?.trim() || undefined,
  }, q.cursor, limit);
  const [live, src] = await Promise.all([repo.presentCounts(ctx.db, rows.filter((r) => r.status === 'scheduled').map((r) => r.id)), sourcesOf(ctx.db, rows)]);
  return { items: rows.map((r) => present(ctx, actor, r, src, live.get(r.id) ?? 0)), nextCursor: nextCursor(rows, limit), total };
}

const audit = (trx: Transaction<DB>, actor: Actor, action: string, s: { id: string; org_path: string }, now: Date, after: unknown, before?: unknown) =>
  appendAudit(trx, { actorId: actor.accountId, actorName: actor.username, action, entityType: 'viewing_session', entityId: s.id, orgPath: s.org_path, ip: actor.ip, before, after }, now);

/** The time of a session at a station: a valid instant, from today, within a year, the station free then. */
async function checkTime(db: AppContext['db'], stationId: string, start: Date, durationMinutes: number, now: Date, errors: FieldError[], exceptId?: string) {
  if (Number.isNaN(start.getTime())) errors.push({ field: 'startsAt', message: '开始时间无效' });
  else if (start < chinaMidnight(chinaToday(now))) errors.push({ field: 'startsAt', message: '开始时间不能早于今天' });
  else if (start.getTime() > now.getTime() + 366 * 86_400_000) errors.push({ field: 'startsAt', message: '只能安排一年以内的集中收看' });
  else {
    const clash = await repo.overlapping(db, stationId, start, new Date(start.getTime() + durationMinutes * 60_000), exceptId);
    if (clash) errors.push({ field: 'startsAt', message: `该站点在此时间段已安排集中收看“${clash.title}”，请调整时间` });
  }
}

/**
 * Schedules a session at a station the actor manages, of a lesson or of a live event (checked in viewings.sources.ts)
 * or of a free-text title; every problem of the form is reported at once.
 */
export async function createSession(ctx: AppContext, actor: Actor, input: ViewingCreateInput): Promise<string> {
  const station = await repo.findStationWithOrg(ctx.db, input.stationId);
  if (!station) throw validationFailed([{ field: 'stationId', message: '站点不存在' }]);
  authorize(actor, MANAGE, station.org_path);
  const now = ctx.now();
  const errors: FieldError[] = [];
  if (station.status !== 'active') errors.push({ field: 'stationId', message: '该站点已停用或故障，恢复正常后才能安排集中收看' });
  const start = new Date(input.startsAt);
  await checkSource(ctx.db, input, station.org_path, Number.isNaN(start.getTime()) ? null : start, errors);
  await checkTime(ctx.db, station.id, start, input.durationMinutes, now, errors);
  if (errors.length) throw validationFailed(errors);
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx.insertInto('viewing_sessions').values({
      station_id: station.id, title: input.title.trim(), lesson_id: input.lessonId ?? null, live_event_id: input.liveEventId ?? null,
      live_title: input.liveTitle?.trim() || null,
      starts_at: start, duration_minutes: input.durationMinutes, organizer_name: input.organizerName.trim(), notes: input.notes?.trim() || null,
      checkin_code: randomBytes(18).toString('base64url'), created_by: actor.accountId, created_at: now, updated_at: now,
    }).returning(['id', 'title', 'starts_at', 'duration_minutes']).executeTakeFirstOrThrow();
    await audit(trx, actor, 'viewing.create', { id: row.id, org_path: station.org_path }, now, {
      stationId: station.id, title: row.title, startsAt: row.starts_at, durationMinutes: row.duration_minutes, lessonId: input.lessonId ?? null,
      liveEventId: input.liveEventId ?? null,
    });
    return row.id;
  });
}

/**
 * 调整安排: the title, time, duration, organizer or notes of a session that has not started yet, with the checks of
 * scheduling (from today, within a year, the station free at the new time) and, for a live event, its start within 30
 * minutes of the event's planned start as it stands now — the way to follow an event that was moved. Members who have
 * checked in already (check-in opens 30 minutes before) stay checked in. Every field wrong is reported at once.
 */
export async function updateSession(ctx: AppContext, actor: Actor, id: string, input: ViewingUpdateInput): Promise<void> {
  const s = await loadAuthorized(ctx, actor, id, MANAGE);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const locked = await repo.lockSession(trx, id, 'update');
    if (!locked) throw notFound('集中收看');
    if (locked.status === 'cancelled') throw conflict('viewing.cancelled', '该集中收看已取消');
    if (locked.status === 'closed') throw conflict('viewing.closed', '考勤已确认，不能再修改');
    if (now >= locked.starts_at) throw conflict('viewing.started', '集中收看已开始，不能再调整安排');
    if (locked.version !== input.version) throw versionConflict();
    const errors: FieldError[] = [];
    const title = input.title?.trim();
    const organizerName = input.organizerName?.trim();
    if (input.title !== undefined && !title) errors.push({ field: 'title', message: '请填写标题' });
    if (input.organizerName !== undefined && !organizerName) errors.push({ field: 'organizerName', message: '请填写组织者姓名' });
    const start = input.startsAt !== undefined ? new Date(input.startsAt) : locked.starts_at;
    const durationMinutes = input.durationMinutes ?? locked.duration_minutes;
    const timeChanged = start.getTime() !== locked.starts_at.getTime() || durationMinutes !== locked.duration_minutes;
    if (timeChanged) {
      await checkTime(trx, locked.station_id, start, durationMinutes, now, errors, id);
      if (locked.live_event_id && !Number.isNaN(start.getTime())) await checkSource(trx, { liveEventId: locked.live_event_id }, s.org_path, start, errors);
    }
    if (errors.length) throw validationFailed(errors);
    // [field in the audit row, column, value now, value asked] of each field the request sets to something else.
    const same = (a: unknown, b: unknown) => (a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b);
    const changed = ([
      ['title', 'title', locked.title, title],
      ['startsAt', 'starts_at', locked.starts_at, start],
      ['durationMinutes', 'duration_minutes', locked.duration_minutes, durationMinutes],
      ['organizerName', 'organizer_name', locked.organizer_name, organizerName],
      ['notes', 'notes', locked.notes, input.notes === undefined ? undefined : input.notes?.trim() || null],
    ] as const).filter(([, , from, to]) => to !== undefined && !same(from, to));
    if (changed.length === 0) return;
    const before = Object.fromEntries(changed.map(([field, , from]) => [field, from]));
    const after = Object.fromEntries(changed.map(([field, , , to]) => [field, to]));
    await trx.updateTable('viewing_sessions')
      .set({ ...Object.fromEntries(changed.map(([, column, , to]) => [column, to])), updated_at: now, version: sql`version + 1` })
      .where('id', '=', id).execute();
    await audit(trx, actor, 'viewing.update', s, now, after, before);
  });
}

export async function cancelSession(ctx: AppContext, actor: Actor, id: string, reason: string): Promise<void> {
  const s = await loadAuthorized(ctx, actor, id, MANAGE);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const locked = await repo.lockSession(trx, id, 'update');
    if (!locked) throw notFound('集中收看');
    if (locked.status === 'closed') throw conflict('viewing.closed', '考勤已确认，不能再取消');
    if (locked.status === 'cancelled') throw conflict('viewing.cancelled', '该集中收看已取消');
    await trx.updateTable('viewing_sessions').set({ status: 'cancelled', cancel_reason: reason.trim(), cancelled_at: now, updated_at: now, version: sql`version + 1` })
      .where('id', '=', id).execute();
    await audit(trx, actor, 'viewing.cancel', s, now, { status: 'cancelled', reason: reason.trim() }, { status: locked.status });
  });
}

/** Attendance is taken (ticked, checked in, guests added) from the opening of check-in until confirmation. */
function assertTakingAttendance(s: { status: string; starts_at: Date; duration_minutes: number }, now: Date, what: string) {
  const phase = phaseOf(s, now);
  if (phase === 'cancelled') throw conflict('viewing.cancelled', '该集中收看已取消');
  if (phase === 'closed') throw conflict('viewing.closed', '考勤已确认，不能再修改');
  if (phase === 'scheduled') throw badRequest('viewing.not_open', `未到签到时间：开始前30分钟起才能${what}`);
}

export async function roll(ctx: AppContext, actor: Actor, id: string, q: RollQueryInput) {
  const s = await loadAuthorized(ctx, actor, id, READ);
  const limit = q.limit ?? 50;
  const [{ rows, total }, count] = await Promise.all([
    repo.rollPage(ctx.db, s.id, s.org_path, { nameContains: q.q?.trim() || undefined, present: q.present }, q.cursor, limit),
    repo.presentCount(ctx.db, s.id),
  ]);
  return {
    items: rows.map((r) => ({
      memberId: r.id, name: r.name, orgName: r.org_name, present: r.present === true, guest: r.guest === true, method: r.method ?? null,
      checkedInAt: r.checked_in_at?.toISOString() ?? null, creditOutcome: r.credit_outcome ?? null, creditMinutes: r.credit_minutes ?? null,
    })),
    nextCursor: nextCursor(rows, limit), total, presentCount: count,
  };
}

/** Ticks (or unticks) a member on the roll call: a member of the station's subtree or a guest. */
export async function setAttendance(ctx: AppContext, actor: Actor, id: string, memberId: string, present: boolean): Promise<void> {
  const s = await loadAuthorized(ctx, actor, id, MANAGE);
  const m = await repo.memberWithOrg(ctx.db, memberId);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const locked = await repo.lockSession(trx, id, 'share');
    if (!locked) throw notFound('集中收看');
    assertTakingAttendance(locked, now, '点名');
    const row = await repo.attendanceOf(trx, id, memberId);
    const onRoll = m && ((m.org_path.startsWith(s.org_path) && m.departed_on === null) || row?.guest);
    if (!m || !onRoll) throw notFound('本站点点名名单中的该党员');
    if ((row?.present ?? false) === present) return;
    if (row) {
      await trx.updateTable('viewing_attendance').set({
        present, method: present ? 'roll_call' : null, checked_in_at: present ? now : null, marked_by: actor.accountId, updated_at: now,
      }).where('session_id', '=', id).where('member_id', '=', memberId).execute();
    } else {
      await trx.insertInto('viewing_attendance').values({ session_id: id, member_id: memberId, present: true, method: 'roll_call', checked_in_at: now, marked_by: actor.accountId, updated_at: now }).execute();
    }
    await audit(trx, actor, 'viewing.attendance', s, now, { memberId, present }, { memberId, present: row?.present ?? false });
  });
}

/** Adds a member from outside the station's subtree (within the actor's own scope) to the roll, so they may check in. */
export async function addGuest(ctx: AppContext, actor: Actor, id: string, memberId: string): Promise<void> {
  const s = await loadAuthorized(ctx, actor, id, MANAGE);
  const m = await repo.memberWithOrg(ctx.db, memberId);
  if (!m || m.departed_on !== null) throw validationFailed([{ field: 'memberId', message: '该党员不存在或已转出' }]);
  authorize(actor, MANAGE, m.org_path);
  if (m.org_path.startsWith(s.org_path)) throw validationFailed([{ field: 'memberId', message: '该党员已在本站点的点名名单中，无需添加' }]);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const locked = await repo.lockSession(trx, id, 'share');
    if (!locked) throw notFound('集中收看');
    if (locked.status === 'cancelled') throw conflict('viewing.cancelled', '该集中收看已取消');
    if (locked.status === 'closed') throw conflict('viewing.closed', '考勤已确认，不能再修改');
    const r = await trx.insertInto('viewing_attendance').values({ session_id: id, member_id: memberId, guest: true, marked_by: actor.accountId, updated_at: now })
      .onConflict((oc) => oc.columns(['session_id', 'member_id']).doNothing()).executeTakeFirst();
    if (Number(r.numInsertedOrUpdatedRows ?? 0) === 0) return;
    await audit(trx, actor, 'viewing.guest', s, now, { memberId, name: m.name });
  });
}

export async function guestSearch(ctx: AppContext, actor: Actor, id: string, q: string) {
  await loadAuthorized(ctx, actor, id, MANAGE);
  const rows = await repo.guestCandidates(ctx.db, scopePaths(actor, MANAGE), q.trim());
  return { items: rows.map((r) => ({ memberId: r.id, name: r.name, orgName: r.org_name })) };
}

export interface ConfirmOutcome { changed: boolean; credited: number; capped: number; alreadyToday: number; dailyCap: number; departed: number }

/**
 * Confirms attendance: closes the session and, in one transaction, credits every present member still on the rolls
 * through awardCredit on the session's China day, storing each member's outcome. A session of a live event credits the
 * event's attendance (kind `live`, source `learning.live` and the event's id, the event's credit minutes), so a member
 * who was credited for watching it on their own phone that day gets `already_today`; any other session credits a
 * group viewing (kind `group_viewing`, source `viewing.session`, the session's duration). A second confirmation
 * changes nothing and reports what the first one gave.
 */
export async function confirmSession(ctx: AppContext, actor: Actor, id: string): Promise<ConfirmOutcome> {
  const s = await loadAuthorized(ctx, actor, id, MANAGE);
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const locked = await repo.lockSession(trx, id, 'update');
    if (!locked) throw notFound('集中收看');
    if (locked.status === 'cancelled') throw conflict('viewing.cancelled', '该集中收看已取消，不能确认考勤');
    if (locked.status === 'closed') return { changed: false, ...(await tally(trx, id)) };
    if (now < locked.starts_at) throw badRequest('viewing.not_started', '集中收看尚未开始，开始后才能确认考勤');
    const event = locked.live_event_id ? (await liveEventBriefs(trx, [locked.live_event_id])).get(locked.live_event_id) : undefined;
    if (event?.status === 'cancelled') throw conflict('viewing.live_cancelled', '所收看的直播已取消，不能记入学时；请取消本场集中收看');
    const credit = event
      ? { kind: 'live' as const, sourceType: 'learning.live', sourceId: event.id, minutes: event.creditMinutes, title: `集中收看：${event.title}` }
      : { kind: 'group_viewing' as const, sourceType: 'viewing.session', sourceId: id, minutes: locked.duration_minutes, title: `集中收看：${locked.title}` };
    const present = await repo.presentRows(trx, id);
    const out = { credited: 0, capped: 0, alreadyToday: 0, dailyCap: 0, departed: 0 };
    // The study happened on the session's day: its China day and year decide the once-a-day rule and the daily cap.
    const studiedAt = locked.starts_at;
    for (const p of present) {
      let outcome: 'awarded' | 'capped' | 'already_today' | 'daily_cap' | 'departed';
      let minutes: number | null = null;
      let creditId: string | null = null;
      if (p.departed_on !== null) outcome = 'departed';
      else {
        const r = await awardCredit(trx, { memberId: p.member_id, ...credit }, studiedAt);
        if (r.awarded) { outcome = r.capped ? 'capped' : 'awarded'; minutes = r.minutes; creditId = r.creditId; }
        else outcome = r.reason;
      }
      await trx.updateTable('viewing_attendance').set({ credit_outcome: outcome, credit_minutes: minutes, credit_id: creditId, updated_at: now })
        .where('session_id', '=', id).where('member_id', '=', p.member_id).execute();
      out[({ awarded: 'credited', capped: 'capped', already_today: 'alreadyToday', daily_cap: 'dailyCap', departed: 'departed' } as const)[outcome]]++;
    }
    const credited = out.credited + out.capped;
    await trx.updateTable('viewing_sessions').set({
      status: 'closed', confirmed_at: now, confirmed_by: actor.accountId, present_count: present.length, credited_count: credited, updated_at: now, version: sql`version + 1`,
    }).where('id', '=', id).execute();
    await trx.insertInto('viewing_station_years').values({ station_id: locked.station_id, year: chinaYear(studiedAt), sessions: 1, attendances: present.length })
      .onConflict((oc) => oc.columns(['year', 'station_id']).doUpdateSet((eb) => ({
        sessions: eb('viewing_station_years.sessions', '+', 1), attendances: eb('viewing_station_years.attendances', '+', present.length),
      }))).execute();
    await audit(trx, actor, 'viewing.confirm', s, now, { status: 'closed', present: present.length, ...out }, { status: locked.status });
    return { changed: true, ...out };
  });
}

async function tally(trx: Transaction<DB>, id: string) {
  const rows = await trx.selectFrom('viewing_attendance').select(['credit_outcome', sql<number>`count(*)::int`.as('n')])
    .where('session_id', '=', id).where('present', '=', true).groupBy('credit_outcome').execute();
  const n = (k: string) => rows.find((r) => r.credit_outcome === k)?.n ?? 0;
  return { credited: n('awarded'), capped: n('capped'), alreadyToday: n('already_today'), dailyCap: n('daily_cap'), departed: n('departed') };
}
