/**
 * QR check-in (扫码签到): a member opens /viewing/checkin/<code> on their phone, signs in with their member account and
 * checks in — only during the window (30 minutes before the start until the end), only once, and only when their home
 * organization lies within the station's organization subtree or the organizer added them as a guest.
 */
import type { AppContext } from '../../platform/context.js';
import type { Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import { badRequest, conflict, forbidden, notFound } from '../../platform/errors.js';
import * as repo from './viewings.repository.js';
import { phaseOf } from './viewings.service.js';
import type { CheckinViewT } from './viewings.schema.js';
import { sourceFields, sourcesOf, type Sources } from './viewings.sources.js';

type State = CheckinViewT['state'];

async function load(ctx: AppContext, code: string) {
  const s = await repo.findSessionByCode(ctx.db, code);
  if (!s) throw notFound('签到码对应的集中收看');
  return s;
}

/** Where the member stands with the session (read only: a GET changes nothing). */
async function stateOf(ctx: AppContext, actor: Actor, s: repo.SessionRow) {
  const member = actor.memberId ? await repo.memberWithOrg(ctx.db, actor.memberId) : undefined;
  const row = member ? await repo.attendanceOf(ctx.db, s.id, member.id) : undefined;
  const phase = phaseOf(s, ctx.now());
  let state: State;
  if (!member || member.departed_on !== null) state = 'not_member';
  else if (row?.present) state = 'checked_in';
  else if (phase === 'cancelled') state = 'cancelled';
  else if (phase === 'closed' || phase === 'ended') state = 'ended';
  else if (!member.org_path.startsWith(s.org_path) && !row?.guest) state = 'out_of_scope';
  else if (phase === 'scheduled') state = 'not_yet';
  else state = 'open';
  return { state, member, row };
}

function view(s: repo.SessionRow, src: Sources, state: State, member: { name: string } | undefined, checkedInAt: Date | null): CheckinViewT {
  const end = new Date(s.starts_at.getTime() + s.duration_minutes * 60_000);
  const { liveEventId, liveEventTitle, liveEventStatus } = sourceFields(src, s);
  return {
    title: s.title, liveTitle: s.live_title, liveEventId, liveEventTitle, liveEventStatus, stationName: s.station_name, address: s.station_address,
    startsAt: s.starts_at.toISOString(), endsAt: end.toISOString(), opensAt: new Date(s.starts_at.getTime() - 30 * 60_000).toISOString(),
    durationMinutes: s.duration_minutes, state, checkedInAt: checkedInAt?.toISOString() ?? null, memberName: member?.name ?? null,
  };
}

export async function checkinView(ctx: AppContext, actor: Actor, code: string): Promise<CheckinViewT> {
  const s = await load(ctx, code);
  const [{ state, member, row }, src] = await Promise.all([stateOf(ctx, actor, s), sourcesOf(ctx.db, [s])]);
  return view(s, src, state, member, row?.checked_in_at ?? null);
}

export async function checkIn(ctx: AppContext, actor: Actor, code: string): Promise<CheckinViewT> {
  const s = await load(ctx, code);
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    // Shares the session's lock with the other check-ins; a confirmation (which takes it exclusively) waits or wins.
    const locked = await repo.lockSession(trx, s.id, 'share');
    if (!locked) throw notFound('签到码对应的集中收看');
    const current = { ...s, ...locked };
    const { state, member } = await stateOf({ ...ctx, db: trx }, actor, current);
    switch (state) {
      case 'not_member': throw forbidden('learning.not_member', '只有与党员档案关联的账号才能签到');
      case 'checked_in': throw conflict('viewing.already_checked_in', '您已签到，无需重复签到');
      case 'cancelled': throw conflict('viewing.cancelled', '该集中收看已取消');
      case 'ended': throw conflict('viewing.ended', '该集中收看已结束，不能再签到');
      case 'out_of_scope': throw forbidden('viewing.out_of_scope', '您不在本站点范围内：只有本站点所属党组织的党员或组织者添加的党员可以签到');
      case 'not_yet': throw badRequest('viewing.not_open', '未到签到时间：开始前30分钟起可以签到');
      case 'open': break;
    }
    await trx.insertInto('viewing_attendance').values({ session_id: s.id, member_id: member!.id, present: true, method: 'qr', checked_in_at: now, marked_by: actor.accountId, updated_at: now })
      .onConflict((oc) => oc.columns(['session_id', 'member_id']).doUpdateSet({ present: true, method: 'qr', checked_in_at: now, marked_by: actor.accountId, updated_at: now })).execute();
    await appendAudit(trx, { actorId: actor.accountId, actorName: actor.username, action: 'viewing.checkin', entityType: 'viewing_session', entityId: s.id, orgPath: s.org_path, ip: actor.ip, after: { memberId: member!.id } }, now);
    return view(current, await sourcesOf(trx, [current]), 'checked_in', member, now);
  });
}
