/**
 * 课程 for members (党员之家): the published courses of the member's organization and its ancestors (a county's member
 * sees the province's, the city's and the county's courses, not another city's), with the member's own progress.
 * Read-only; quiz answers are never part of what a member reads.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../platform/actor.js';
import { forbidden, notFound } from '../../platform/errors.js';
import { nextCursor } from '../../platform/paging.js';
import { courseSummaries, lessonRows, memberPath, presentLesson, presentSummary, questionsOf } from './learning.courses.js';
import type { MemberCourseFilter } from './learning.courses.schema.js';

type Db = Kysely<DB> | Transaction<DB>;

export function requireMember(actor: Actor): string {
  if (!actor.memberId) throw forbidden('learning.not_member', '只有与党员档案关联的账号才能学习课程');
  return actor.memberId;
}

async function pathOf(db: Db, memberId: string): Promise<string> {
  const p = await memberPath(db, memberId);
  if (!p) throw forbidden('learning.not_member', '只有与党员档案关联的账号才能学习课程');
  return p;
}

export async function myCourses(db: Kysely<DB>, actor: Actor, f: MemberCourseFilter) {
  const path = await pathOf(db, requireMember(actor));
  const limit = f.limit ?? 20;
  const rows = await courseSummaries(db)
    .where('c.status', '=', 'published')
    .where(sql<boolean>`${path} like o.path || '%'`)
    .$if(f.topicId !== undefined, (q) => q.where('c.topic_id', '=', f.topicId!))
    .$if(f.audience !== undefined, (q) => q.where(sql<boolean>`${f.audience} = any(c.audiences)`))
    .$if(f.q !== undefined, (q) => q.where('c.title', 'like', `%${f.q!.replace(/[\\%_]/g, (c) => `\\${c}`)}%`))
    .$if(f.cursor !== undefined, (q) => q.where('c.id', '<', f.cursor!))
    .orderBy('c.id', 'desc').limit(limit).execute();
  return { items: rows.map(presentSummary), nextCursor: nextCursor(rows, limit) };
}

/** A published course the member may see, or 404 (a course of another city is not there for them). */
export async function visibleCourse(db: Db, memberId: string, courseId: string) {
  const path = await pathOf(db, memberId);
  const c = await courseSummaries(db).where('c.id', '=', courseId).where('c.status', '=', 'published').where(sql<boolean>`${path} like o.path || '%'`).executeTakeFirst();
  if (!c) throw notFound('课程');
  return c;
}

/** A lesson of a course the member may see, or 404. */
export async function visibleLesson(db: Db, memberId: string, lessonId: string) {
  const l = await db.selectFrom('learning_lessons').select(['id', 'course_id']).where('id', '=', lessonId).where('removed_at', 'is', null).executeTakeFirst();
  if (!l) throw notFound('课时');
  const course = await visibleCourse(db, memberId, l.course_id).catch(() => { throw notFound('课时'); });
  const row = (await lessonRows(db, l.course_id)).find((r) => r.id === lessonId)!;
  return { lesson: row, course };
}

export function percentOf(covered: number, duration: number | null): number {
  if (!duration) return 0;
  return Math.min(100, Math.floor((100 * covered) / duration));
}

async function progressOf(db: Db, memberId: string, lessonIds: string[], durations: Map<string, number | null>) {
  const map = new Map<string, { coveredSeconds: number; coveredPercent: number; completed: boolean; completions: number }>();
  if (!lessonIds.length) return map;
  const rows = await db.selectFrom('learning_progress').selectAll().where('member_id', '=', memberId).where('lesson_id', 'in', lessonIds).execute();
  for (const r of rows) {
    const pct = percentOf(r.covered_seconds, durations.get(r.lesson_id) ?? null);
    map.set(r.lesson_id, { coveredSeconds: r.covered_seconds, coveredPercent: pct, completed: r.pass_completed_at !== null, completions: r.completions });
  }
  return map;
}

export async function myCourse(db: Kysely<DB>, actor: Actor, courseId: string) {
  const memberId = requireMember(actor);
  const c = await visibleCourse(db, memberId, courseId);
  const lessons = await lessonRows(db, courseId);
  const qs = await questionsOf(db, lessons.filter((l) => l.kind === 'quiz').map((l) => l.id), false);
  const prog = await progressOf(db, memberId, lessons.map((l) => l.id), new Map(lessons.map((l) => [l.id, l.duration_seconds])));
  return { ...presentSummary(c), lessons: lessons.map((l) => ({ ...presentLesson(l, qs.get(l.id) ?? []), progress: prog.get(l.id) ?? null })) };
}

export async function myLesson(db: Kysely<DB>, actor: Actor, lessonId: string) {
  const memberId = requireMember(actor);
  const { lesson } = await visibleLesson(db, memberId, lessonId);
  const qs = await questionsOf(db, lesson.kind === 'quiz' ? [lesson.id] : [], false);
  const prog = await progressOf(db, memberId, [lesson.id], new Map([[lesson.id, lesson.duration_seconds]]));
  return { ...presentLesson(lesson, qs.get(lesson.id) ?? []), progress: prog.get(lesson.id) ?? null };
}
