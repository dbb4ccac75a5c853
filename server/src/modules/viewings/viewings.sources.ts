/**
 * What a session is of (集中收看的内容): a lesson or a live event (直播课堂) of the learning module, or neither (a free-text
 * title). Read through the learning module's queries (learning.queries.ts): this module never reads learning tables.
 *
 * A session of a live event is watched while the event is on: its start lies within LIVE_START_SLACK_MINUTES of the
 * event's planned start, either side (a station gathers before the start, or an event starts late); the event must be
 * one the members of the station's organization see (the organization's own or an ancestor's), and neither cancelled
 * nor ended. At confirmation each present member is credited the event's own attendance credit (kind `live`, source
 * `learning.live` and the event's id), so a member already credited for watching it on their own phone that China day
 * is not credited twice (the ledger's once-a-day rule).
 */
import type { AppContext } from '../../platform/context.js';
import { authorize, type Actor } from '../../platform/actor.js';
import { validationFailed, type FieldError } from '../../platform/errors.js';
import { chinaDateTime } from '../../platform/china-time.js';
import {
  lessonBriefs, lessonFor, liveEventBriefs, liveEventFor, upcomingLiveEventsFor, videoLessonsFor, type LessonBrief, type LiveEventBrief,
} from '../learning/learning.queries.js';
import * as repo from './viewings.repository.js';
import { LIVE_START_SLACK_MINUTES, type PickerQueryInput, type ViewingCreateInput } from './viewings.schema.js';

type Db = AppContext['db'];

export interface Sources { lessons: Map<string, LessonBrief>; lives: Map<string, LiveEventBrief> }

/** The lessons and live events of many sessions, fetched in two queries. */
export async function sourcesOf(db: Db, rows: readonly { lesson_id: string | null; live_event_id: string | null }[]): Promise<Sources> {
  const [lessons, lives] = await Promise.all([
    lessonBriefs(db, rows.flatMap((r) => (r.lesson_id ? [r.lesson_id] : []))),
    liveEventBriefs(db, rows.flatMap((r) => (r.live_event_id ? [r.live_event_id] : []))),
  ]);
  return { lessons, lives };
}

/** The view's fields for the session's lesson or live event. */
export function sourceFields(src: Sources, s: { lesson_id: string | null; live_event_id: string | null; duration_minutes: number; status: string; starts_at: Date }) {
  const lesson = s.lesson_id ? src.lessons.get(s.lesson_id) : undefined;
  const live = s.live_event_id ? src.lives.get(s.live_event_id) : undefined;
  return {
    lessonTitle: lesson ? `《${lesson.courseTitle}》${lesson.title}` : null,
    liveEventId: s.live_event_id, liveEventTitle: live?.title ?? null, liveEventStatus: live?.status ?? null,
    liveEventStartsAt: live?.startsAt.toISOString() ?? null,
    liveEventMoved: !!live && s.status === 'scheduled' && live.status === 'scheduled' && !withinLiveSlack(s.starts_at, live.startsAt),
    creditMinutes: live ? live.creditMinutes : s.duration_minutes,
  };
}

/** A session of a live event is held while the event is on: its start within LIVE_START_SLACK_MINUTES of the event's. */
const withinLiveSlack = (sessionStart: Date, eventStart: Date) => Math.abs(sessionStart.getTime() - eventStart.getTime()) <= LIVE_START_SLACK_MINUTES * 60_000;

/**
 * Checks the lesson or live event a new session at a station of the organization at `orgPath` is of, pushing every
 * problem to `errors` (nothing is written by the caller when one is found). `start` is null when the start is invalid.
 */
export async function checkSource(db: Db, input: Pick<ViewingCreateInput, 'lessonId' | 'liveEventId' | 'liveTitle'>, orgPath: string, start: Date | null, errors: FieldError[]): Promise<void> {
  const lessonId = input.lessonId ?? null;
  const liveEventId = input.liveEventId ?? null;
  if (lessonId && liveEventId) {
    errors.push({ field: 'liveEventId', message: '一场集中收看只能收看一个课时或一场直播，请只选其一' });
    return;
  }
  if (liveEventId) {
    if (input.liveTitle?.trim()) errors.push({ field: 'liveTitle', message: '已选择直播，无需再填写直播名称' });
    const e = await liveEventFor(db, liveEventId, orgPath);
    if (!e) errors.push({ field: 'liveEventId', message: '所选直播不存在，请重新选择' });
    else if (!e.visible) errors.push({ field: 'liveEventId', message: '所选直播不面向本站点所属党组织：只能选择本组织或上级组织安排的直播' });
    else if (e.status === 'cancelled') errors.push({ field: 'liveEventId', message: '所选直播已取消，请重新选择' });
    else if (e.status === 'ended') errors.push({ field: 'liveEventId', message: '所选直播已结束；如需集中收看，请选择其回放课时' });
    else if (start && !withinLiveSlack(start, e.startsAt)) {
      errors.push({
        field: 'startsAt',
        message: `集中收看须与直播同时进行：开始时间须在直播计划开始时间（${chinaDateTime(e.startsAt)}）前后${LIVE_START_SLACK_MINUTES}分钟以内`,
      });
    }
  }
  if (lessonId) {
    const l = await lessonFor(db, lessonId, orgPath);
    if (!l) errors.push({ field: 'lessonId', message: '所选课时不存在，请重新选择' });
    else if (!l.visible) errors.push({ field: 'lessonId', message: '所选课时的课程不面向本站点所属党组织：只能选择本组织或上级组织发布的课程' });
    else if (!l.usable) errors.push({ field: 'lessonId', message: '所选课时已删除或所属课程未发布，请重新选择' });
    else if (l.kind !== 'video') errors.push({ field: 'lessonId', message: '集中收看只能选择视频课时' });
  }
}

async function stationFor(ctx: AppContext, actor: Actor, stationId: string) {
  const station = await repo.findStationWithOrg(ctx.db, stationId);
  if (!station) throw validationFailed([{ field: 'stationId', message: '站点不存在' }]);
  authorize(actor, 'viewing.manage', station.org_path);
  return station;
}

/** Live events still to come or live that the members of the station's organization see (the schedule form's choice). */
export async function liveEventChoices(ctx: AppContext, actor: Actor, q: PickerQueryInput) {
  const station = await stationFor(ctx, actor, q.stationId);
  const page = await upcomingLiveEventsFor(ctx.db, station.org_path, { q: q.q?.trim() || undefined, cursor: q.cursor, limit: q.limit ?? 20 }, ctx.now());
  return {
    items: page.items.map((e) => ({
      id: e.id, title: e.title, orgName: e.orgName, status: e.status, startsAt: e.startsAt.toISOString(), endsAt: e.endsAt.toISOString(), creditMinutes: e.creditMinutes,
    })),
    nextCursor: page.nextCursor,
  };
}

/** Video lessons of published courses that the members of the station's organization see (the schedule form's choice). */
export async function lessonChoices(ctx: AppContext, actor: Actor, q: PickerQueryInput) {
  const station = await stationFor(ctx, actor, q.stationId);
  const page = await videoLessonsFor(ctx.db, station.org_path, { q: q.q?.trim() || undefined, cursor: q.cursor, limit: q.limit ?? 20 });
  return {
    items: page.items.map((l) => ({ id: l.id, title: l.title, courseTitle: l.courseTitle, orgName: l.orgName, durationSeconds: l.durationSeconds })),
    nextCursor: page.nextCursor,
  };
}
