/**
 * 直播课堂 (issue 12, F-70) — the console's side: scheduling, starting and ending, cancelling, chat moderation and the
 * recording attached as an on-demand lesson. Members' side: learning.live.member.ts. docs/learning.md, "直播".
 *
 * Tables written here and in learning.live.member.ts only: learning_live_events, learning_live_messages,
 * learning_live_presence. Scope like courses: an event belongs to an organization (org_id, scope joins orgs.path) and is
 * for its subtree; `learning.read` lists, `learning.manage` writes. The platform never carries video: the source is
 * the encoder's HLS playlist on an origin or CDN (or a media asset's playlist, served from files); only its address
 * is stored and handed to members' players while the event is live.
 *
 * Status: an operator starts the event (from 30 minutes before the planned start, when the encoder is pushing) and
 * ends it; a scheduled event can be cancelled with a reason. Members see `live` only between the two presses.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { authorize, can, scopeFilter, scopePaths, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import { conflict, notFound, validationFailed, versionConflict, type FieldError } from '../../platform/errors.js';
import { nextCursor } from '../../platform/paging.js';
import { mediaForPlayer, setMediaVisibility, videoForUse } from '../media/media.commands.js';
import { addLesson, listedUnder } from './learning.courses.js';
import type { LessonInput } from './learning.courses.schema.js';
import type { LiveCreateInput, LiveListFilter, LiveRecordingInput, LiveUpdateInput } from './learning.live.schema.js';

export const START_EARLY_MINUTES = 30;
export const MAX_HOURS = 12;
const HLS_URL = /^https?:\/\/[^\s<>"'?#]+\.m3u8(\?[^\s<>"'#]*)?$/i;

type Db = Kysely<DB> | Transaction<DB>;
function inTrx<T>(db: Kysely<DB>, fn: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db as Transaction<DB>) : db.transaction().execute(fn);
}
export const liveAudit = (trx: Transaction<DB>, actor: Actor, action: string, entityId: string, orgPath: string, now: Date, before?: unknown, after?: unknown) =>
  appendAudit(trx, { actorId: actor.accountId, actorName: actor.username, action, entityType: 'learning_live_event', entityId, orgPath, ip: actor.ip, before, after }, now);

/** The event's columns with its organization, course and held-message count. */
export function liveRows(db: Db) {
  return db.selectFrom('learning_live_events as e')
    .innerJoin('orgs as o', 'o.id', 'e.org_id')
    .leftJoin('learning_courses as c', 'c.id', 'e.course_id')
    .select(['e.id', 'e.org_id', 'o.name as org_name', 'o.path as org_path', 'e.title', 'e.description', 'e.audiences', 'e.source_url', 'e.source_asset_id',
      'e.starts_at', 'e.ends_at', 'e.credit_minutes', 'e.status', 'e.cancel_reason', 'e.started_at', 'e.ended_at', 'e.course_id', 'c.title as course_title',
      'e.recording_lesson_id', 'e.version', 'e.updated_at'])
    .select((eb) => eb.selectFrom('learning_live_messages as m').select(eb.fn.countAll<string>().as('n')).whereRef('m.event_id', '=', 'e.id').where('m.state', '=', 'held').as('held_count'));
}
export type LiveRow = Awaited<ReturnType<ReturnType<typeof liveRows>['executeTakeFirstOrThrow']>>;
const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export const presentLive = (r: LiveRow) => ({
  id: r.id, orgId: r.org_id, orgName: r.org_name, title: r.title, description: r.description, audiences: r.audiences, sourceUrl: r.source_url,
  sourceAssetId: r.source_asset_id, startsAt: iso(r.starts_at)!, endsAt: iso(r.ends_at)!, creditMinutes: r.credit_minutes, status: r.status,
  cancelReason: r.cancel_reason, startedAt: iso(r.started_at), endedAt: iso(r.ended_at), courseId: r.course_id, courseTitle: r.course_title ?? null,
  recordingLessonId: r.recording_lesson_id, heldCount: Number(r.held_count ?? 0), version: r.version, updatedAt: iso(r.updated_at)!,
});

export async function listLive(db: Kysely<DB>, actor: Actor, f: LiveListFilter) {
  const limit = f.limit ?? 20;
  const under = await listedUnder(db, actor, f.orgId);
  const rows = await liveRows(db)
    .where((eb) => scopeFilter(eb, 'o.path', scopePaths(actor, 'learning.read')))
    .$if(under !== null, (q) => q.where('o.path', 'like', `${under}%`))
    .$if(f.status !== undefined, (q) => q.where('e.status', '=', f.status!))
    .$if(f.q !== undefined, (q) => q.where('e.title', 'like', `%${f.q!.replace(/[\\%_]/g, (c) => `\\${c}`)}%`))
    .$if(f.cursor !== undefined, (q) => q.where('e.id', '<', f.cursor!))
    .orderBy('e.id', 'desc').limit(limit).execute();
  return { items: rows.map(presentLive), nextCursor: nextCursor(rows, limit) };
}

export async function getLive(db: Kysely<DB>, actor: Actor, id: string) {
  const r = await liveRows(db).where('e.id', '=', id).executeTakeFirst();
  if (!r) throw notFound('直播');
  authorize(actor, 'learning.read', r.org_path);
  return presentLive(r);
}

async function lockLive(trx: Transaction<DB>, actor: Actor, id: string) {
  const e = await trx.selectFrom('learning_live_events as e').innerJoin('orgs as o', 'o.id', 'e.org_id').selectAll('e').select('o.path as org_path')
    .where('e.id', '=', id).forUpdate('e').executeTakeFirst();
  if (!e) throw notFound('直播');
  authorize(actor, 'learning.manage', e.org_path);
  return e;
}

/** The columns an event's input stands for; every problem at once (nothing is written when one is found). */
async function eventValues(db: Db, actor: Actor, input: LiveCreateInput | LiveUpdateInput, orgPath: string, now: Date, keptStart: Date | null, liveOrigins: readonly string[], currentAsset: string | null = null) {
  const errors: FieldError[] = [];
  const url = input.sourceUrl?.trim() || null;
  const assetId = input.sourceAssetId ?? null;
  if (url && assetId) errors.push({ field: 'sourceUrl', message: '直播源只能填写一个：推流地址或视频资源，请删去其中一个' });
  else if (!url && !assetId) errors.push({ field: 'sourceUrl', message: '请填写直播源：编码器输出的 HLS 播放地址（以 .m3u8 结尾），或选择视频资源' });
  if (url && !HLS_URL.test(url)) errors.push({ field: 'sourceUrl', message: '直播源须为 http:// 或 https:// 开头、以 .m3u8 结尾的 HLS 播放地址' });
  else if (url && liveOrigins.length && !liveOrigins.includes(new URL(url).origin)) {
    errors.push({ field: 'sourceUrl', message: `直播源须在本平台登记的直播源站或CDN上（${liveOrigins.join('、')}）` });
  }
  if (assetId) {
    // The media module's rule for any use of a video (exists, in scope, ready), then what a live source needs: HLS.
    const r = await videoForUse(db, actor, assetId, currentAsset);
    if ('message' in r) errors.push({ field: 'sourceAssetId', message: r.message });
    else if (!(await mediaForPlayer(db, assetId))?.sources.hls) errors.push({ field: 'sourceAssetId', message: '所选视频没有 HLS 播放列表（服务器未转码），不能作为直播源，请重新选择' });
  }
  const starts = new Date(input.startsAt);
  const ends = new Date(input.endsAt);
  if (Number.isNaN(starts.getTime())) errors.push({ field: 'startsAt', message: '开始时间格式不正确' });
  else if (starts.getTime() <= now.getTime() && (keptStart === null || keptStart.getTime() !== starts.getTime())) errors.push({ field: 'startsAt', message: '开始时间须晚于当前时间' });
  if (Number.isNaN(ends.getTime())) errors.push({ field: 'endsAt', message: '结束时间格式不正确' });
  else if (!Number.isNaN(starts.getTime())) {
    if (ends.getTime() <= starts.getTime()) errors.push({ field: 'endsAt', message: '结束时间须晚于开始时间' });
    else if (ends.getTime() - starts.getTime() > MAX_HOURS * 3_600_000) errors.push({ field: 'endsAt', message: `一场直播不能超过${MAX_HOURS}小时` });
  }
  if (input.courseId) {
    const c = await db.selectFrom('learning_courses as c').innerJoin('orgs as o', 'o.id', 'c.org_id').select(['c.id', 'o.path']).where('c.id', '=', input.courseId).executeTakeFirst();
    if (!c || !can(actor, 'learning.manage', c.path)) errors.push({ field: 'courseId', message: '所选课程不存在或不在您的管辖范围内，请重新选择' });
    else if (!orgPath.startsWith(c.path)) errors.push({ field: 'courseId', message: '所选课程的发布范围须覆盖直播的范围（课程须属于本组织或其上级组织）' });
  }
  if (errors.length) throw validationFailed(errors);
  const planned = Math.ceil((ends.getTime() - starts.getTime()) / 60_000);
  return {
    title: input.title.trim(), description: input.description ?? '', audiences: input.audiences, source_url: url, source_asset_id: assetId,
    starts_at: starts, ends_at: ends, credit_minutes: input.creditMinutes ?? Math.min(600, planned), course_id: input.courseId ?? null,
  };
}

/** `liveOrigins`: LIVE_MEDIA_ORIGINS (config.media.liveOrigins); when not empty, a source URL must be on one of them. */
export async function createLive(db: Kysely<DB>, actor: Actor, input: LiveCreateInput, now: Date, liveOrigins: readonly string[] = []): Promise<{ id: string }> {
  return inTrx(db, async (trx) => {
    const org = await trx.selectFrom('orgs').select(['id', 'path', 'status']).where('id', '=', input.orgId).executeTakeFirst();
    if (!org || org.status !== 'active') throw validationFailed([{ field: 'orgId', message: '所选组织不存在或已撤销，请重新选择' }]);
    authorize(actor, 'learning.manage', org.path);
    const v = await eventValues(trx, actor, input, org.path, now, null, liveOrigins);
    const row = await trx.insertInto('learning_live_events').values({ ...v, org_id: org.id, created_by: actor.accountId, created_at: now, updated_at: now })
      .returning('id').executeTakeFirstOrThrow();
    await liveAudit(trx, actor, 'learning.live.create', row.id, org.path, now, undefined, v);
    return { id: row.id };
  });
}

export async function updateLive(db: Kysely<DB>, actor: Actor, id: string, input: LiveUpdateInput, now: Date, liveOrigins: readonly string[] = []) {
  return inTrx(db, async (trx) => {
    const e = await lockLive(trx, actor, id);
    if (e.version !== input.version) throw versionConflict();
    if (e.status !== 'scheduled') throw conflict('learning.live_not_scheduled', '只有尚未开始的直播可以修改');
    const v = await eventValues(trx, actor, input, e.org_path, now, new Date(e.starts_at), liveOrigins, e.source_asset_id);
    await trx.updateTable('learning_live_events').set({ ...v, version: e.version + 1, updated_at: now }).where('id', '=', id).execute();
    const { org_path: _p, ...before } = e;
    await liveAudit(trx, actor, 'learning.live.update', id, e.org_path, now, before, v);
    return { version: e.version + 1 };
  });
}

export async function startLive(db: Kysely<DB>, actor: Actor, id: string, now: Date) {
  return inTrx(db, async (trx) => {
    const e = await lockLive(trx, actor, id);
    if (e.status !== 'scheduled') throw conflict('learning.live_not_scheduled', e.status === 'live' ? '直播已经开始' : '直播已结束或已取消，不能再开始');
    if (now.getTime() < new Date(e.starts_at).getTime() - START_EARLY_MINUTES * 60_000) throw conflict('learning.live_too_early', `最早可在计划开始前${START_EARLY_MINUTES}分钟开始直播`);
    if (e.source_asset_id) await setMediaVisibility(trx, e.source_asset_id, 'members', { accountId: actor.accountId, name: actor.username, ip: actor.ip }, now);
    await trx.updateTable('learning_live_events').set({ status: 'live', started_at: now, version: e.version + 1, updated_at: now }).where('id', '=', id).execute();
    await liveAudit(trx, actor, 'learning.live.start', id, e.org_path, now, { status: e.status }, { status: 'live' });
    return { version: e.version + 1 };
  });
}

export async function endLive(db: Kysely<DB>, actor: Actor, id: string, now: Date) {
  return inTrx(db, async (trx) => {
    const e = await lockLive(trx, actor, id);
    if (e.status !== 'live') throw conflict('learning.live_not_live', '只有正在进行的直播可以结束');
    await trx.updateTable('learning_live_events').set({ status: 'ended', ended_at: now, version: e.version + 1, updated_at: now }).where('id', '=', id).execute();
    await liveAudit(trx, actor, 'learning.live.end', id, e.org_path, now, { status: e.status }, { status: 'ended' });
    return { version: e.version + 1 };
  });
}

export async function cancelLive(db: Kysely<DB>, actor: Actor, id: string, reason: string, now: Date) {
  return inTrx(db, async (trx) => {
    const e = await lockLive(trx, actor, id);
    if (e.status !== 'scheduled') throw conflict('learning.live_not_scheduled', '只有尚未开始的直播可以取消；正在进行的直播请点“结束直播”');
    const r = reason.trim();
    await trx.updateTable('learning_live_events').set({ status: 'cancelled', cancel_reason: r, version: e.version + 1, updated_at: now }).where('id', '=', id).execute();
    await liveAudit(trx, actor, 'learning.live.cancel', id, e.org_path, now, { status: e.status }, { status: 'cancelled', reason: r });
    return { version: e.version + 1 };
  });
}

/**
 * Attaches the recording: a video lesson added to the event's course through the course commands (addLesson: its
 * own checks and audit row), linked from the event. The course is the event's, or the one given here (then kept).
 */
export async function attachRecording(db: Kysely<DB>, actor: Actor, id: string, input: LiveRecordingInput, now: Date) {
  return inTrx(db, async (trx) => {
    const e = await lockLive(trx, actor, id);
    if (e.status !== 'ended') throw conflict('learning.live_not_ended', '直播结束后才能关联回放');
    if (e.recording_lesson_id) throw conflict('learning.live_has_recording', '这场直播已经关联了回放；如需更换，请在课程中修改该课时');
    const errors: FieldError[] = [];
    const courseId = input.courseId ?? e.course_id;
    if (!courseId) errors.push({ field: 'courseId', message: '请选择回放所属的课程' });
    else if (input.courseId && input.courseId !== e.course_id) {
      const c = await trx.selectFrom('learning_courses as c').innerJoin('orgs as o', 'o.id', 'c.org_id').select('o.path').where('c.id', '=', input.courseId).executeTakeFirst();
      if (!c || !can(actor, 'learning.manage', c.path)) errors.push({ field: 'courseId', message: '所选课程不存在或不在您的管辖范围内，请重新选择' });
      else if (!e.org_path.startsWith(c.path)) errors.push({ field: 'courseId', message: '所选课程的发布范围须覆盖直播的范围（课程须属于本组织或其上级组织）' });
    }
    let duration = input.durationSeconds ?? null;
    const assetId = input.mediaAssetId ?? null;
    if (assetId) {
      const r = await videoForUse(trx, actor, assetId);
      if ('message' in r) errors.push({ field: 'mediaAssetId', message: r.message });
      else duration ??= r.video.durationSeconds ? Math.min(86400, Math.max(1, Math.round(r.video.durationSeconds))) : null;
    } else if (!input.videoUrl) errors.push({ field: 'mediaAssetId', message: '请选择回放的视频资源，或填写 MP4 视频地址' });
    if (!duration) errors.push({ field: 'durationSeconds', message: '请填写回放视频的时长（秒）' });
    if (errors.length) throw validationFailed(errors);
    const lesson = await addLesson(trx, actor, courseId!, {
      kind: 'video', title: input.title?.trim() || `${e.title}（回放）`.slice(0, 80), mediaAssetId: assetId, videoUrl: input.videoUrl ?? null, durationSeconds: duration,
    } as unknown as LessonInput, now);
    if (assetId) await setMediaVisibility(trx, assetId, 'members', { accountId: actor.accountId, name: actor.username, ip: actor.ip }, now);
    await trx.updateTable('learning_live_events').set({ recording_lesson_id: lesson.id, course_id: courseId, version: e.version + 1, updated_at: now }).where('id', '=', id).execute();
    await liveAudit(trx, actor, 'learning.live.recording', id, e.org_path, now, { courseId: e.course_id }, { courseId, lessonId: lesson.id, mediaAssetId: assetId, videoUrl: input.videoUrl ?? null });
    return { id: lesson.id };
  });
}

// ——— chat moderation ———

export async function listMessagesForStaff(db: Kysely<DB>, actor: Actor, eventId: string, q: { state?: 'shown' | 'held' | 'hidden'; cursor?: string; limit?: number }) {
  const e = await db.selectFrom('learning_live_events as e').innerJoin('orgs as o', 'o.id', 'e.org_id').select('o.path').where('e.id', '=', eventId).executeTakeFirst();
  if (!e) throw notFound('直播');
  authorize(actor, 'learning.read', e.path);
  const limit = q.limit ?? 20;
  const state = q.state ?? 'held';
  // The queue oldest first (held messages wait longest at the top); shown and hidden newest first.
  const asc = state === 'held';
  const rows = await db.selectFrom('learning_live_messages as m').innerJoin('members as mb', 'mb.id', 'm.member_id').innerJoin('orgs as o', 'o.id', 'mb.org_id')
    .leftJoin('accounts as a', 'a.id', 'm.moderated_by')
    .select(['m.id', 'mb.name', 'o.name as org_name', 'm.text', 'm.state', 'm.matches', 'm.created_at', 'a.username as moderated_by_name', 'm.moderated_at', 'm.reason'])
    .where('m.event_id', '=', eventId).where('m.state', '=', state)
    .$if(q.cursor !== undefined, (qq) => qq.where('m.id', asc ? '>' : '<', q.cursor!))
    .orderBy('m.id', asc ? 'asc' : 'desc').limit(limit).execute();
  return {
    items: rows.map((m) => ({
      id: m.id, name: m.name, orgName: m.org_name, text: m.text, state: m.state, words: [...new Set((m.matches ?? []).map((x) => x.word))], at: iso(m.created_at)!,
      moderatedByName: m.moderated_by_name ?? null, moderatedAt: iso(m.moderated_at), reason: m.reason,
    })),
    nextCursor: nextCursor(rows, limit),
  };
}

/** Approve (held → shown) or hide (held or shown → hidden, with a reason). A shown or hidden message takes a new seq. */
export async function moderateMessage(db: Kysely<DB>, actor: Actor, id: string, decision: 'approve' | 'hide', reason: string | null, now: Date) {
  return inTrx(db, async (trx) => {
    const m = await trx.selectFrom('learning_live_messages').select(['id', 'event_id', 'state']).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!m) throw notFound('发言');
    const e = await trx.selectFrom('learning_live_events as e').innerJoin('orgs as o', 'o.id', 'e.org_id').select('o.path').where('e.id', '=', m.event_id).executeTakeFirstOrThrow();
    authorize(actor, 'learning.manage', e.path);
    if (decision === 'approve' && m.state !== 'held') throw conflict('learning.chat_not_held', '这条发言不在待审核状态');
    if (decision === 'hide' && m.state === 'hidden') throw conflict('learning.chat_hidden', '这条发言已经屏蔽');
    const to = decision === 'approve' ? 'shown' : 'hidden';
    const bump = to === 'shown' || m.state === 'shown';
    await trx.updateTable('learning_live_messages')
      .set({ state: to, moderated_by: actor.accountId, moderated_at: now, reason: reason?.trim() || null, ...(bump ? { seq: sql<string>`nextval('learning_live_messages_seq')` } : {}) })
      .where('id', '=', id).execute();
    await liveAudit(trx, actor, decision === 'approve' ? 'learning.live.chat_approve' : 'learning.live.chat_hide', m.event_id, e.path, now, { messageId: id, state: m.state }, { state: to, reason: reason?.trim() || null });
    return { id, state: to };
  });
}
