/**
 * Read functions other modules call (集中收看, the viewings module): the live events and lessons that the members of an
 * organization may see — those of the organization itself and of its ancestors, the rule members' own pages apply
 * (`member.path LIKE owner.path || '%'`, learning.live.member.ts and learning.catalogue.ts). Read-only; no permission is
 * checked here: the caller has authorized the organization whose path it passes.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { LiveStatus } from '../../db/tables/learning-live.js';
import { escapeLike } from '../../platform/actor.js';
import { nextCursor } from '../../platform/paging.js';

type Db = Kysely<DB> | Transaction<DB>;

export interface LiveEventBrief {
  id: string;
  title: string;
  orgName: string;
  status: LiveStatus;
  startsAt: Date;
  endsAt: Date;
  /** the study minutes its attendance is worth */
  creditMinutes: number;
}

function liveBriefs(db: Db) {
  return db.selectFrom('learning_live_events as e').innerJoin('orgs as o', 'o.id', 'e.org_id')
    .select(['e.id', 'e.title', 'o.name as org_name', 'o.path as org_path', 'e.status', 'e.starts_at', 'e.ends_at', 'e.credit_minutes']);
}
type LiveBriefRow = Awaited<ReturnType<ReturnType<typeof liveBriefs>['executeTakeFirstOrThrow']>>;
const liveBrief = (r: LiveBriefRow): LiveEventBrief => ({
  id: r.id, title: r.title, orgName: r.org_name, status: r.status, startsAt: new Date(r.starts_at), endsAt: new Date(r.ends_at), creditMinutes: r.credit_minutes,
});
/** The event is for the subtree of its organization: visible to an organization within that subtree. */
const visibleTo = (ownerPath: string, orgPath: string) => orgPath.startsWith(ownerPath);

/** A live event with whether the members of the organization at `orgPath` may see it; undefined when there is none. */
export async function liveEventFor(db: Db, eventId: string, orgPath: string): Promise<(LiveEventBrief & { visible: boolean }) | undefined> {
  const r = await liveBriefs(db).where('e.id', '=', eventId).executeTakeFirst();
  return r && { ...liveBrief(r), visible: visibleTo(r.org_path, orgPath) };
}

/** Several events by id, for lists that show an event's title and status beside their own rows. */
export async function liveEventBriefs(db: Db, ids: readonly string[]): Promise<Map<string, LiveEventBrief>> {
  if (!ids.length) return new Map();
  const rows = await liveBriefs(db).where('e.id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, liveBrief(r)]));
}

/**
 * Events still to come or live now that the members of the organization at `orgPath` may see, soonest first (keyset
 * on starts_at, id; the cursor is the last event's id), optionally whose title contains `q`.
 */
export async function upcomingLiveEventsFor(db: Db, orgPath: string, f: { q?: string; cursor?: string; limit: number }, now: Date) {
  let after: { starts_at: Date; id: string } | undefined;
  if (f.cursor) {
    after = await db.selectFrom('learning_live_events').select(['starts_at', 'id']).where('id', '=', f.cursor).executeTakeFirst();
    if (!after) return { items: [], nextCursor: null };
  }
  const rows = await liveBriefs(db)
    .where('e.status', 'in', ['scheduled', 'live']).where('e.ends_at', '>', now)
    .where(sql<boolean>`${orgPath} like o.path || '%'`)
    .$if(Boolean(f.q), (q) => q.where('e.title', 'like', `%${escapeLike(f.q!)}%`))
    .$if(after !== undefined, (q) => q.where(sql<boolean>`(e.starts_at, e.id) > (${after!.starts_at}, ${after!.id}::bigint)`))
    .orderBy('e.starts_at').orderBy('e.id').limit(f.limit).execute();
  return { items: rows.map(liveBrief), nextCursor: nextCursor(rows, f.limit) };
}

export interface LessonBrief {
  id: string;
  title: string;
  kind: 'video' | 'document' | 'article' | 'quiz';
  courseTitle: string;
  orgName: string;
  durationSeconds: number | null;
  /** false when the lesson was removed or its course is not published (members do not see it) */
  usable: boolean;
}

function lessonBriefRows(db: Db) {
  return db.selectFrom('learning_lessons as l').innerJoin('learning_courses as c', 'c.id', 'l.course_id').innerJoin('orgs as o', 'o.id', 'c.org_id')
    .select(['l.id', 'l.title', 'l.kind', 'c.title as course_title', 'o.name as org_name', 'o.path as org_path', 'l.duration_seconds', 'l.removed_at', 'c.status']);
}
type LessonBriefRow = Awaited<ReturnType<ReturnType<typeof lessonBriefRows>['executeTakeFirstOrThrow']>>;
const lessonBrief = (r: LessonBriefRow): LessonBrief => ({
  id: r.id, title: r.title, kind: r.kind, courseTitle: r.course_title, orgName: r.org_name, durationSeconds: r.duration_seconds,
  usable: r.removed_at === null && r.status === 'published',
});

/** A lesson with whether the members of the organization at `orgPath` may see its course; undefined when there is none. */
export async function lessonFor(db: Db, lessonId: string, orgPath: string): Promise<(LessonBrief & { visible: boolean }) | undefined> {
  const r = await lessonBriefRows(db).where('l.id', '=', lessonId).executeTakeFirst();
  return r && { ...lessonBrief(r), visible: visibleTo(r.org_path, orgPath) };
}

export async function lessonBriefs(db: Db, ids: readonly string[]): Promise<Map<string, LessonBrief>> {
  if (!ids.length) return new Map();
  const rows = await lessonBriefRows(db).where('l.id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, lessonBrief(r)]));
}

/**
 * Video lessons of published courses that the members of the organization at `orgPath` may see, newest first (keyset
 * on the lesson id), optionally whose title or course title contains `q`.
 */
export async function videoLessonsFor(db: Db, orgPath: string, f: { q?: string; cursor?: string; limit: number }) {
  const like = f.q ? `%${escapeLike(f.q)}%` : null;
  const rows = await lessonBriefRows(db)
    .where('l.kind', '=', 'video').where('l.removed_at', 'is', null).where('c.status', '=', 'published')
    .where(sql<boolean>`${orgPath} like o.path || '%'`)
    .$if(like !== null, (q) => q.where((eb) => eb.or([eb('l.title', 'like', like!), eb('c.title', 'like', like!)])))
    .$if(f.cursor !== undefined, (q) => q.where('l.id', '<', f.cursor!))
    .orderBy('l.id', 'desc').limit(f.limit).execute();
  return { items: rows.map(lessonBrief), nextCursor: nextCursor(rows, f.limit) };
}
