/**
 * 远程教育课程 (F-70): topics, courses and their ordered lessons, covers and documents. Tables written here, by nobody
 * else: learning_topics, learning_courses, learning_lessons, learning_questions, learning_files.
 *
 * Scope: a course belongs to an organization (org_id) and is published for its subtree — a city publishes for its
 * city, the province for all. Staff manage (`learning.manage`) and read (`learning.read`) the courses of their
 * subtrees; members see the published courses of their organization and its ancestors (learning.catalogue.ts).
 */
import { createHash } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { LessonKind } from '../../db/tables/learning-courses.js';
import { authorize, scopeFilter, scopePaths, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import { conflict, forbidden, notFound, validationFailed, versionConflict, type FieldError } from '../../platform/errors.js';
import { isRootPath } from '../../platform/roles.js';
import { nextCursor } from '../../platform/paging.js';
import { sanitizeRichText } from '../../platform/text/sanitize.js';
import { checkUpload } from '../../platform/upload-check.js';
import { videoForUse } from '../media/media.commands.js';
import type { CourseCreateInput, CourseListFilter, CourseUpdateInput, CourseView, LessonInput, LessonView, TopicInput } from './learning.courses.schema.js';

export const MAX_FILE_BYTES = 20 * 1024 * 1024;
export const FILE_TYPES: Record<string, string> = {
  pdf: 'application/pdf', jpg: 'image/jpeg', png: 'image/png',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};
export const fileUrl = (id: string) => `/api/learning/files/${id}`;

type Db = Kysely<DB> | Transaction<DB>;
function inTrx<T>(db: Kysely<DB>, fn: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db as Transaction<DB>) : db.transaction().execute(fn);
}
const audit = (trx: Transaction<DB>, actor: Actor, action: string, entityType: string, entityId: string, orgPath: string, now: Date, before?: unknown, after?: unknown) =>
  appendAudit(trx, { actorId: actor.accountId, actorName: actor.username, action, entityType, entityId, orgPath, ip: actor.ip, before, after }, now);

// ——— topics ———

export async function listTopics(db: Db) {
  const rows = await db.selectFrom('learning_topics').selectAll().orderBy('position').orderBy('id').execute();
  return { items: rows.map((r) => ({ id: r.id, name: r.name, position: r.position, active: r.active })) };
}

function provinceRoot(actor: Actor): string {
  const root = scopePaths(actor, 'learning.manage').find(isRootPath);
  if (!root) throw forbidden('forbidden.scope', '课程分类全省统一，只有省级管理员可以修改');
  return root;
}

export async function saveTopic(db: Kysely<DB>, actor: Actor, id: string | null, input: TopicInput, now: Date) {
  const root = provinceRoot(actor);
  return inTrx(db, async (trx) => {
    const name = input.name.trim();
    const clash = await trx.selectFrom('learning_topics').select('id').where('name', '=', name).$if(id !== null, (q) => q.where('id', '!=', id!)).executeTakeFirst();
    if (clash) throw validationFailed([{ field: 'name', message: '已有同名的课程分类' }]);
    if (id === null) {
      const row = await trx.insertInto('learning_topics').values({ name, position: input.position ?? 0, active: input.active ?? true }).returning('id').executeTakeFirstOrThrow();
      await audit(trx, actor, 'learning.topic.create', 'learning_topic', row.id, root, now, undefined, input);
      return { id: row.id, name, position: input.position ?? 0, active: input.active ?? true };
    }
    const before = await trx.selectFrom('learning_topics').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!before) throw notFound('课程分类');
    const after = { name, position: input.position ?? before.position, active: input.active ?? before.active };
    await trx.updateTable('learning_topics').set(after).where('id', '=', id).execute();
    await audit(trx, actor, 'learning.topic.update', 'learning_topic', id, root, now, before, after);
    return { id, ...after };
  });
}

// ——— courses ———

async function orgForWrite(db: Db, actor: Actor, orgId: string) {
  const org = await db.selectFrom('orgs').select(['id', 'path', 'name', 'status']).where('id', '=', orgId).executeTakeFirst();
  if (!org || org.status !== 'active') throw validationFailed([{ field: 'orgId', message: '所选组织不存在或已撤销，请重新选择' }]);
  authorize(actor, 'learning.manage', org.path);
  return org;
}

async function checkCourseFields(db: Db, input: { topicId: string; coverFileId?: string | null }, courseId: string | null): Promise<void> {
  const errors: FieldError[] = [];
  const topic = await db.selectFrom('learning_topics').select(['id', 'active']).where('id', '=', input.topicId).executeTakeFirst();
  if (!topic || !topic.active) errors.push({ field: 'topicId', message: '所选课程分类不存在或已停用，请重新选择' });
  if (input.coverFileId) {
    const f = courseId ? await db.selectFrom('learning_files').select('kind').where('id', '=', input.coverFileId).where('course_id', '=', courseId).executeTakeFirst() : undefined;
    if (!f || !['jpg', 'png'].includes(f.kind)) errors.push({ field: 'coverFileId', message: '封面须为本课程上传的 JPG 或 PNG 图片' });
  }
  if (errors.length) throw validationFailed(errors);
}

export async function createCourse(db: Kysely<DB>, actor: Actor, input: CourseCreateInput, now: Date): Promise<{ id: string }> {
  return inTrx(db, async (trx) => {
    const org = await orgForWrite(trx, actor, input.orgId);
    await checkCourseFields(trx, { topicId: input.topicId, coverFileId: input.coverFileId ? null : undefined }, null);
    if (input.coverFileId) throw validationFailed([{ field: 'coverFileId', message: '请先保存课程，再上传封面' }]);
    const values = { org_id: org.id, topic_id: input.topicId, title: input.title, description: input.description ?? '', audiences: input.audiences };
    const row = await trx.insertInto('learning_courses').values({ ...values, created_by: actor.accountId, created_at: now, updated_at: now })
      .returning('id').executeTakeFirstOrThrow();
    await audit(trx, actor, 'learning.course.create', 'learning_course', row.id, org.path, now, undefined, values);
    return { id: row.id };
  });
}

async function lockCourse(trx: Transaction<DB>, actor: Actor, id: string) {
  const c = await trx.selectFrom('learning_courses as c').innerJoin('orgs as o', 'o.id', 'c.org_id')
    .select(['c.id', 'c.status', 'c.version', 'c.title', 'c.topic_id', 'c.description', 'c.audiences', 'c.cover_file_id', 'o.path as org_path'])
    .where('c.id', '=', id).forUpdate('c').executeTakeFirst();
  if (!c) throw notFound('课程');
  authorize(actor, 'learning.manage', c.org_path);
  return c;
}

export async function updateCourse(db: Kysely<DB>, actor: Actor, id: string, input: CourseUpdateInput, now: Date) {
  return inTrx(db, async (trx) => {
    const c = await lockCourse(trx, actor, id);
    if (c.version !== input.version) throw versionConflict();
    await checkCourseFields(trx, input, id);
    const after = { topic_id: input.topicId, title: input.title, description: input.description ?? '', audiences: input.audiences, cover_file_id: input.coverFileId ?? null };
    await trx.updateTable('learning_courses').set({ ...after, version: c.version + 1, updated_at: now }).where('id', '=', id).execute();
    const { org_path: _p, status: _s, version: _v, id: _i, ...before } = c;
    await audit(trx, actor, 'learning.course.update', 'learning_course', id, c.org_path, now, before, after);
    return { version: c.version + 1 };
  });
}

export async function setCourseStatus(db: Kysely<DB>, actor: Actor, id: string, to: 'published' | 'withdrawn', now: Date) {
  return inTrx(db, async (trx) => {
    const c = await lockCourse(trx, actor, id);
    if (c.status === to) throw conflict('learning.same_status', to === 'published' ? '课程已经发布' : '课程已经撤回');
    if (to === 'withdrawn' && c.status !== 'published') throw conflict('learning.not_published', '只有已发布的课程可以撤回');
    if (to === 'published') {
      const n = await trx.selectFrom('learning_lessons').select((eb) => eb.fn.countAll<string>().as('n')).where('course_id', '=', id).where('removed_at', 'is', null).executeTakeFirstOrThrow();
      if (Number(n.n) === 0) throw conflict('learning.no_lessons', '课程还没有课时，请先添加课时再发布');
    }
    await trx.updateTable('learning_courses').set({ status: to, version: c.version + 1, updated_at: now, ...(to === 'published' ? { published_at: now } : {}) }).where('id', '=', id).execute();
    await audit(trx, actor, to === 'published' ? 'learning.course.publish' : 'learning.course.withdraw', 'learning_course', id, c.org_path, now, { status: c.status }, { status: to });
    return { version: c.version + 1 };
  });
}

/** The course list's columns: organization, topic, lesson count and credit minutes. */
export function courseSummaries(db: Db) {
  return db.selectFrom('learning_courses as c')
    .innerJoin('orgs as o', 'o.id', 'c.org_id')
    .innerJoin('learning_topics as t', 't.id', 'c.topic_id')
    .select(['c.id', 'c.org_id', 'o.name as org_name', 'o.path as org_path', 'c.topic_id', 't.name as topic_name', 'c.title', 'c.description', 'c.audiences', 'c.status',
      'c.cover_file_id', 'c.version', 'c.published_at', 'c.updated_at'])
    .select((eb) => [
      eb.selectFrom('learning_lessons as l').select(eb.fn.countAll<string>().as('n')).whereRef('l.course_id', '=', 'c.id').where('l.removed_at', 'is', null).as('lesson_count'),
      eb.selectFrom('learning_lessons as l').select(sql<string>`coalesce(sum(l.credit_minutes), 0)`.as('m')).whereRef('l.course_id', '=', 'c.id').where('l.removed_at', 'is', null).as('credit_minutes'),
    ]);
}
type SummaryRow = Awaited<ReturnType<ReturnType<typeof courseSummaries>['executeTakeFirstOrThrow']>>;
export const presentSummary = (r: SummaryRow) => ({
  id: r.id, orgId: r.org_id, orgName: r.org_name, topicId: r.topic_id, topicName: r.topic_name, title: r.title, description: r.description,
  audiences: r.audiences, status: r.status, coverUrl: r.cover_file_id ? fileUrl(r.cover_file_id) : null,
  lessonCount: Number(r.lesson_count ?? 0), creditMinutes: Number(r.credit_minutes ?? 0), version: r.version,
  publishedAt: r.published_at ? r.published_at.toISOString() : null, updatedAt: r.updated_at.toISOString(),
});

/** The path of a staff list's `orgId` filter (checked: it exists and lies in the actor's reach), or null without one. */
export async function listedUnder(db: Kysely<DB>, actor: Actor, orgId: string | undefined): Promise<string | null> {
  if (!orgId) return null;
  const org = await db.selectFrom('orgs').select('path').where('id', '=', orgId).executeTakeFirst();
  if (!org) throw validationFailed([{ field: 'orgId', message: '所选组织不存在，请重新选择' }]);
  authorize(actor, 'learning.read', org.path);
  return org.path;
}

export async function listCourses(db: Kysely<DB>, actor: Actor, f: CourseListFilter) {
  const limit = f.limit ?? 20;
  const paths = scopePaths(actor, 'learning.read');
  const under = await listedUnder(db, actor, f.orgId);
  const rows = await courseSummaries(db)
    .where((eb) => scopeFilter(eb, 'o.path', paths))
    .$if(under !== null, (q) => q.where('o.path', 'like', `${under}%`))
    .$if(f.status !== undefined, (q) => q.where('c.status', '=', f.status!))
    .$if(f.topicId !== undefined, (q) => q.where('c.topic_id', '=', f.topicId!))
    .$if(f.audience !== undefined, (q) => q.where(sql<boolean>`${f.audience} = any(c.audiences)`))
    .$if(f.q !== undefined, (q) => q.where('c.title', 'like', `%${f.q!.replace(/[\\%_]/g, (c) => `\\${c}`)}%`))
    .$if(f.cursor !== undefined, (q) => q.where('c.id', '<', f.cursor!))
    .orderBy('c.id', 'desc').limit(limit).execute();
  return { items: rows.map(presentSummary), nextCursor: nextCursor(rows, limit) };
}

// ——— lessons ———

type LessonRow = Awaited<ReturnType<typeof lessonRows>>[number];
export function lessonRows(db: Db, courseId: string) {
  return db.selectFrom('learning_lessons as l').leftJoin('learning_files as f', 'f.id', 'l.file_id')
    .select(['l.id', 'l.course_id', 'l.position', 'l.kind', 'l.title', 'l.media_asset_id', 'l.video_url', 'l.duration_seconds', 'l.credit_minutes', 'l.body_html', 'l.file_id', 'f.file_name', 'l.pass_percent'])
    .where('l.course_id', '=', courseId).where('l.removed_at', 'is', null).orderBy('l.position').orderBy('l.id').execute();
}

export async function questionsOf(db: Db, lessonIds: string[], withAnswers: boolean) {
  const map = new Map<string, LessonView['questions']>();
  if (!lessonIds.length) return map;
  const rows = await db.selectFrom('learning_questions').selectAll().where('lesson_id', 'in', lessonIds).orderBy('position').orderBy('id').execute();
  for (const q of rows) {
    const list = map.get(q.lesson_id) ?? [];
    list.push({ id: q.id, text: q.text, multiple: q.multiple, options: q.options, ...(withAnswers ? { answer: q.answer } : {}) });
    map.set(q.lesson_id, list);
  }
  return map;
}

export function presentLesson(r: LessonRow, questions: LessonView['questions']): LessonView {
  return {
    id: r.id, courseId: r.course_id, position: r.position, kind: r.kind, title: r.title, mediaAssetId: r.media_asset_id, videoUrl: r.video_url,
    durationSeconds: r.duration_seconds, creditMinutes: r.credit_minutes, bodyHtml: r.body_html, fileId: r.file_id,
    fileUrl: r.file_id ? fileUrl(r.file_id) : null, fileName: r.file_name ?? null, passPercent: r.pass_percent, questions,
  };
}

export async function getCourse(db: Kysely<DB>, actor: Actor, id: string): Promise<CourseView> {
  const c = await courseSummaries(db).where('c.id', '=', id).executeTakeFirst();
  if (!c) throw notFound('课程');
  authorize(actor, 'learning.read', c.org_path);
  const lessons = await lessonRows(db, id);
  const qs = await questionsOf(db, lessons.filter((l) => l.kind === 'quiz').map((l) => l.id), true);
  return { ...presentSummary(c), lessons: lessons.map((l) => presentLesson(l, qs.get(l.id) ?? [])) };
}

const VIDEO_URL = /^(https:\/\/[^\s<>"']+|\/[A-Za-z0-9_\-./%]+)$/;

/**
 * The columns a lesson's input stands for, after the rules of its kind; every problem at once. A video lesson's asset
 * is checked by the media module (`videoForUse`; `currentAsset` is the one the lesson has now) and lends its
 * duration when none is given.
 */
async function lessonValues(db: Db, actor: Actor, courseId: string, input: LessonInput, currentAsset: string | null = null) {
  const errors: FieldError[] = [];
  const kind: LessonKind = input.kind;
  const v = {
    kind, title: input.title, media_asset_id: null as string | null, video_url: null as string | null, duration_seconds: null as number | null,
    credit_minutes: null as number | null, body_html: null as string | null, file_id: null as string | null, pass_percent: null as number | null,
  };
  if (kind === 'video') {
    v.media_asset_id = input.mediaAssetId ?? null;
    v.video_url = input.videoUrl ?? null;
    if (v.video_url && !VIDEO_URL.test(v.video_url)) errors.push({ field: 'videoUrl', message: '视频地址须以 https:// 开头（或为本站路径）' });
    if (!v.media_asset_id && !v.video_url) errors.push({ field: 'videoUrl', message: '请上传视频或填写视频地址' });
    let duration = input.durationSeconds ?? null;
    if (v.media_asset_id) {
      const r = await videoForUse(db, actor, v.media_asset_id, currentAsset);
      if ('message' in r) errors.push({ field: 'mediaAssetId', message: r.message });
      else if (!duration && r.video.durationSeconds) duration = Math.min(86400, Math.max(1, Math.round(r.video.durationSeconds)));
    }
    if (!duration) errors.push({ field: 'durationSeconds', message: '请填写视频时长（秒）' });
    v.duration_seconds = duration;
    // At most 600 minutes (the column's check): a long video's default is capped, not refused.
    v.credit_minutes = input.creditMinutes ?? (v.duration_seconds ? Math.min(600, Math.ceil(v.duration_seconds / 60)) : null);
  } else if (kind === 'article') {
    const html = sanitizeRichText(input.bodyHtml ?? '');
    if (!html.replace(/<[^>]*>/g, '').trim()) errors.push({ field: 'bodyHtml', message: '请填写文章正文' });
    v.body_html = html;
  } else if (kind === 'document') {
    const f = input.fileId ? await db.selectFrom('learning_files').select('id').where('id', '=', input.fileId).where('course_id', '=', courseId).executeTakeFirst() : undefined;
    if (!f) errors.push({ field: 'fileId', message: '请为文档课时上传本课程的文件' });
    v.file_id = input.fileId ?? null;
    if (input.bodyHtml) v.body_html = sanitizeRichText(input.bodyHtml);
  } else {
    v.pass_percent = input.passPercent ?? 60;
    const qs = input.questions ?? [];
    if (!qs.length) errors.push({ field: 'questions', message: '测验至少需要一道题' });
    qs.forEach((q, i) => {
      if (q.answer.some((a) => a >= q.options.length)) errors.push({ field: `questions.${i}.answer`, message: `第${i + 1}题的正确答案须是它的选项之一` });
      if (!q.multiple && q.answer.length !== 1) errors.push({ field: `questions.${i}.answer`, message: `第${i + 1}题是单选题，只能有一个正确答案` });
    });
  }
  if (errors.length) throw validationFailed(errors);
  return v;
}

async function writeQuestions(trx: Transaction<DB>, lessonId: string, input: LessonInput) {
  await trx.deleteFrom('learning_questions').where('lesson_id', '=', lessonId).execute();
  if (input.kind !== 'quiz') return;
  const qs = input.questions ?? [];
  if (qs.length) {
    await trx.insertInto('learning_questions').values(qs.map((q, i) => ({
      lesson_id: lessonId, position: i + 1, text: q.text, multiple: q.multiple, options: JSON.stringify(q.options), answer: [...q.answer].sort((a, b) => a - b),
    }))).execute();
  }
}

async function bumpCourse(trx: Transaction<DB>, id: string, now: Date) {
  await trx.updateTable('learning_courses').set((eb) => ({ version: eb('version', '+', 1), updated_at: now })).where('id', '=', id).execute();
}

export async function addLesson(db: Kysely<DB>, actor: Actor, courseId: string, input: LessonInput, now: Date): Promise<{ id: string }> {
  return inTrx(db, async (trx) => {
    const c = await lockCourse(trx, actor, courseId);
    const v = await lessonValues(trx, actor, courseId, input);
    const last = await trx.selectFrom('learning_lessons').select(sql<number>`coalesce(max(position), 0)`.as('p')).where('course_id', '=', courseId).executeTakeFirstOrThrow();
    const row = await trx.insertInto('learning_lessons').values({ ...v, course_id: courseId, position: Number(last.p) + 1, created_at: now, updated_at: now })
      .returning('id').executeTakeFirstOrThrow();
    await writeQuestions(trx, row.id, input);
    await bumpCourse(trx, courseId, now);
    await audit(trx, actor, 'learning.lesson.create', 'learning_course', courseId, c.org_path, now, undefined, { lessonId: row.id, ...v, questions: input.questions?.length ?? 0 });
    return { id: row.id };
  });
}

async function lockLesson(trx: Transaction<DB>, actor: Actor, id: string) {
  const l = await trx.selectFrom('learning_lessons').selectAll().where('id', '=', id).where('removed_at', 'is', null).forUpdate().executeTakeFirst();
  if (!l) throw notFound('课时');
  const c = await lockCourse(trx, actor, l.course_id);
  return { l, c };
}

export async function updateLesson(db: Kysely<DB>, actor: Actor, id: string, input: LessonInput, now: Date) {
  return inTrx(db, async (trx) => {
    const { l, c } = await lockLesson(trx, actor, id);
    if (l.kind !== input.kind) throw validationFailed([{ field: 'kind', message: '课时类型不能修改；请删除后新建' }]);
    const v = await lessonValues(trx, actor, l.course_id, input, l.media_asset_id);
    await trx.updateTable('learning_lessons').set({ ...v, updated_at: now }).where('id', '=', id).execute();
    await writeQuestions(trx, id, input);
    await bumpCourse(trx, l.course_id, now);
    const { body_html: _b, ...before } = l;
    await audit(trx, actor, 'learning.lesson.update', 'learning_course', l.course_id, c.org_path, now, { lessonId: id, ...before }, { lessonId: id, ...v, body_html: v.body_html === null ? null : '(text)' });
    return { id };
  });
}

export async function removeLesson(db: Kysely<DB>, actor: Actor, id: string, now: Date) {
  return inTrx(db, async (trx) => {
    const { l, c } = await lockLesson(trx, actor, id);
    // Kept on record (members' progress and credits point at it); no longer shown.
    await trx.updateTable('learning_lessons').set({ removed_at: now, updated_at: now }).where('id', '=', id).execute();
    await bumpCourse(trx, l.course_id, now);
    await audit(trx, actor, 'learning.lesson.remove', 'learning_course', l.course_id, c.org_path, now, { lessonId: id, kind: l.kind, title: l.title }, undefined);
    return { id };
  });
}

export async function orderLessons(db: Kysely<DB>, actor: Actor, courseId: string, ids: string[], now: Date) {
  return inTrx(db, async (trx) => {
    const c = await lockCourse(trx, actor, courseId);
    const current = (await lessonRows(trx, courseId)).map((l) => l.id);
    if (current.length !== ids.length || !current.every((x) => ids.includes(x))) {
      throw validationFailed([{ field: 'lessonIds', message: '课时列表已变化，请刷新后重新排序' }]);
    }
    for (const [i, id] of ids.entries()) await trx.updateTable('learning_lessons').set({ position: i + 1 }).where('id', '=', id).execute();
    await bumpCourse(trx, courseId, now);
    await audit(trx, actor, 'learning.lesson.order', 'learning_course', courseId, c.org_path, now, { lessonIds: current }, { lessonIds: ids });
    return { id: courseId };
  });
}

// ——— files (covers, documents) ———

export async function uploadFile(db: Kysely<DB>, actor: Actor, courseId: string, fileName: string, body: unknown, now: Date) {
  const name = fileName.trim().replace(/^.*[\\/]/, '');
  return inTrx(db, async (trx) => {
    const c = await lockCourse(trx, actor, courseId);
    if (!name) throw validationFailed([{ field: 'fileName', message: '请填写文件名' }]);
    const kind = checkUpload(body, name, { allow: ['pdf', 'jpg', 'png', 'docx', 'xlsx'], maxBytes: MAX_FILE_BYTES }).kind;
    const buf = Buffer.isBuffer(body) ? body : Buffer.from(body as Uint8Array);
    const sha256 = createHash('sha256').update(buf).digest('hex');
    const row = await trx.insertInto('learning_files').values({ course_id: courseId, file_name: name, kind, size_bytes: buf.length, sha256, data: buf, uploaded_by: actor.accountId, uploaded_at: now })
      .returning('id').executeTakeFirstOrThrow();
    await audit(trx, actor, 'learning.file.upload', 'learning_course', courseId, c.org_path, now, undefined, { fileId: row.id, fileName: name, kind, sizeBytes: buf.length, sha256 });
    return { id: row.id, fileName: name, kind, sizeBytes: buf.length, url: fileUrl(row.id) };
  });
}

/** A file for staff of the course's subtree, or for a member who sees the published course. */
export async function readFile(db: Kysely<DB>, actor: Actor, id: string) {
  const f = await db.selectFrom('learning_files as f').innerJoin('learning_courses as c', 'c.id', 'f.course_id').innerJoin('orgs as o', 'o.id', 'c.org_id')
    .select(['f.file_name', 'f.kind', 'f.data', 'c.status', 'o.path']).where('f.id', '=', id).executeTakeFirst();
  if (!f) throw notFound('文件');
  const staff = scopePaths(actor, 'learning.read').some((p) => f.path.startsWith(p));
  if (!staff) {
    if (!actor.memberId) throw forbidden('forbidden.scope', '该数据不在您的管辖范围内，无权访问');
    const member = await memberPath(db, actor.memberId);
    if (!member || f.status !== 'published' || !member.startsWith(f.path)) throw notFound('文件');
  }
  return { fileName: f.file_name, contentType: FILE_TYPES[f.kind] ?? 'application/octet-stream', data: f.data, inline: ['pdf', 'jpg', 'png'].includes(f.kind) };
}

export async function memberPath(db: Db, memberId: string): Promise<string | null> {
  const m = await db.selectFrom('members').innerJoin('orgs', 'orgs.id', 'members.org_id').select('orgs.path').where('members.id', '=', memberId).executeTakeFirst();
  return m?.path ?? null;
}
