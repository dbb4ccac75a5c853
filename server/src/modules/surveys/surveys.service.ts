/**
 * Surveys (issue 10, item 1, F-20): drafted by staff, opened (the audience resolved into invitations and asked by SMS
 * in a job, off the request thread), closed by hand or at their closing time. Who may see a survey: staff whose
 * `survey.read` scope holds its organization, and staff below it, who see their own subtree's part of it (a city
 * sees the province's survey as its city answered it).
 */
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AppContext } from '../../platform/context.js';
import { authorize, can, escapeLike, scopePaths, subtreePatterns, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import { conflict, forbidden, notFound, validationFailed, type FieldError } from '../../platform/errors.js';
import { allocateReplyExt, senderOf } from '../sms/sms.commands.js';
import type { SurveyState } from '../../db/tables/surveys.js';
import type { SurveyInput } from './surveys.schema.js';
import { iso } from '../../platform/schemas.js';

export const INVITE_QUEUE = 'surveys.invite';
export const MAX_QUESTIONS = 10;
export const MAX_OPTIONS = 9;

export interface QuestionView { id: string; seq: number; kind: 'text' | 'choice' | 'yesno'; text: string; options: string[] }

export interface SurveyView {
  id: string; orgId: string; orgName: string; title: string; intro: string; state: SurveyState;
  bySms: boolean; byWeb: boolean; audience: unknown; opensAt: string | null; closesAt: string | null;
  remindAfterHours: number | null; maxReminders: number; remindersSent: number; notifyOnClose: boolean; publicResults: boolean;
  invited: number; replied: number; broadcastId: string | null; createdByName: string; createdAt: string; updatedAt: string;
  openedAt: string | null; closedAt: string | null; version: number; questions: QuestionView[];
  /** Whether the caller may change it (survey.write over its organization). */
  editable: boolean;
  /** The caller's part of it: the whole survey, or only their subtree's invitations and replies. */
  partial: boolean;
}


/** The survey and its organization; 404 when absent. No scope check. */
export async function loadSurvey(db: AppContext['db'] | Transaction<DB>, id: string) {
  if (!/^[0-9]{1,18}$/.test(id)) throw notFound('问卷');
  const s = await db.selectFrom('surveys as s').innerJoin('orgs as o', 'o.id', 's.org_id')
    .selectAll('s').select(['o.path as org_path', 'o.name as org_name']).where('s.id', '=', id).executeTakeFirst();
  if (!s) throw notFound('问卷');
  return s;
}
export type SurveyRow = Awaited<ReturnType<typeof loadSurvey>>;

/**
 * The subtrees of the survey the caller may read: the survey's whole tree when their `survey.read` scope holds its
 * organization, else the parts of their scope inside it (a city's staff reading a province survey). 403 when none.
 */
export function readablePaths(actor: Actor, s: { org_path: string }): string[] {
  if (can(actor, 'survey.read', s.org_path)) return [s.org_path];
  const inside = scopePaths(actor, 'survey.read').filter((p) => p.startsWith(s.org_path));
  if (!inside.length) throw forbidden('forbidden.scope', '该问卷不在您的管辖范围内');
  return inside;
}

/** The survey as the caller may see it. */
export async function getSurvey(ctx: AppContext, actor: Actor, id: string): Promise<SurveyView> {
  const s = await loadSurvey(ctx.db, id);
  const paths = readablePaths(actor, s);
  return view(ctx, actor, s, paths);
}

async function view(ctx: AppContext, actor: Actor, s: SurveyRow, paths: string[]): Promise<SurveyView> {
  const questions = await ctx.db.selectFrom('survey_questions').selectAll().where('survey_id', '=', s.id).orderBy('seq').execute();
  const partial = paths.length !== 1 || paths[0] !== s.org_path;
  const likes = subtreePatterns(paths);
  const { rows: [c] } = await sql<{ invited: string; replied: string }>`
    select count(*) as invited, count(i.replied_at) as replied
    from survey_invitations i join orgs o on o.id = i.org_id
    where i.survey_id = ${s.id} and o.path like any(${likes}::text[])`.execute(ctx.db);
  return {
    id: s.id, orgId: s.org_id, orgName: s.org_name, title: s.title, intro: s.intro, state: s.state, bySms: s.by_sms, byWeb: s.by_web,
    audience: s.audience, opensAt: iso(s.opens_at), closesAt: iso(s.closes_at), remindAfterHours: s.remind_after_hours, maxReminders: s.max_reminders,
    remindersSent: s.reminders_sent, notifyOnClose: s.notify_on_close, publicResults: s.public_results,
    invited: Number(c!.invited), replied: Number(c!.replied), broadcastId: s.broadcast_id, createdByName: s.created_by_name,
    createdAt: s.created_at.toISOString(), updatedAt: s.updated_at.toISOString(), openedAt: iso(s.opened_at), closedAt: iso(s.closed_at), version: s.version,
    questions: questions.map((q) => ({ id: q.id, seq: q.seq, kind: q.kind, text: q.text, options: q.options })),
    editable: can(actor, 'survey.write', s.org_path), partial,
  };
}

export interface SurveyListItem {
  id: string; orgName: string; title: string; state: SurveyState; questions: number; invited: number; createdByName: string; createdAt: string;
  openedAt: string | null; closesAt: string | null;
}

/**
 * Surveys the caller may read, newest first, keyset-paged: those of organizations in their scope, and those of
 * organizations above it that ask people in their scope (which they see in part).
 */
export async function listSurveys(ctx: AppContext, actor: Actor, q: { orgId?: string; state?: SurveyState; q?: string; cursor?: string; limit?: number }) {
  const limit = Math.min(Math.max(q.limit ?? 20, 1), 100);
  let paths = scopePaths(actor, 'survey.read');
  if (q.orgId) {
    // Surveys of that organization's subtree (it must lie in the caller's scope).
    const org = await ctx.db.selectFrom('orgs').select('path').where('id', '=', q.orgId).executeTakeFirst();
    if (!org) throw notFound('组织');
    authorize(actor, 'survey.read', org.path);
    paths = [org.path];
  }
  if (!paths.length) return { items: [], nextCursor: null };
  const likes = subtreePatterns(paths);
  const rows = await ctx.db.selectFrom('surveys as s').innerJoin('orgs as o', 'o.id', 's.org_id')
    .select(['s.id', 'o.name as org_name', 's.title', 's.state', 's.invited', 's.created_by_name', 's.created_at', 's.opened_at', 's.closes_at'])
    .select((eb) => eb.selectFrom('survey_questions as qq').select(eb.fn.countAll<string>().as('n')).whereRef('qq.survey_id', '=', 's.id').as('questions'))
    // In scope, or above a scope path (the scope path lies in its subtree).
    // In scope; or above it (a scope path lies in its subtree) and asking someone in scope.
    .where(sql<boolean>`(o.path like any(${likes}::text[]) or (exists (select 1 from unnest(${paths}::text[]) p(x) where p.x like o.path || '%')
      and exists (select 1 from survey_invitations i join orgs io on io.id = i.org_id where i.survey_id = s.id and io.path like any(${likes}::text[]))))`)
    .$if(!!q.state, (b) => b.where('s.state', '=', q.state!))
    .$if(!!q.q?.trim(), (b) => b.where('s.title', 'like', `%${escapeLike(q.q!.trim())}%`))
    .$if(!!q.cursor && /^[0-9]{1,18}$/.test(q.cursor), (b) => b.where('s.id', '<', q.cursor!))
    .orderBy('s.id', 'desc').limit(limit + 1).execute();
  const items = rows.slice(0, limit).map((r) => ({
    id: r.id, orgName: r.org_name, title: r.title, state: r.state, questions: Number(r.questions ?? 0), invited: r.invited,
    createdByName: r.created_by_name, createdAt: r.created_at.toISOString(), openedAt: iso(r.opened_at), closesAt: iso(r.closes_at),
  }));
  return { items, nextCursor: rows.length > limit ? items[items.length - 1]!.id : null };
}

/** Checks a survey's content; field errors in Chinese. */
function check(ctx: AppContext, input: SurveyInput): FieldError[] {
  const errors: FieldError[] = [];
  if (!input.title.trim()) errors.push({ field: 'title', message: '请填写问卷标题' });
  if (!input.questions.length) errors.push({ field: 'questions', message: '请至少设置一个问题' });
  if (input.questions.length > MAX_QUESTIONS) errors.push({ field: 'questions', message: `问题不能超过${MAX_QUESTIONS}个` });
  input.questions.forEach((q, i) => {
    if (!q.text.trim()) errors.push({ field: `questions.${i}.text`, message: `请填写第${i + 1}题的题目` });
    if (q.kind === 'choice') {
      const opts = (q.options ?? []).map((o) => o.trim());
      if (opts.length < 2) errors.push({ field: `questions.${i}.options`, message: `第${i + 1}题是选择题，请至少设置两个选项` });
      else if (opts.length > MAX_OPTIONS) errors.push({ field: `questions.${i}.options`, message: `第${i + 1}题的选项不能超过${MAX_OPTIONS}个（短信按数字1–${MAX_OPTIONS}作答）` });
      else if (opts.some((o) => !o)) errors.push({ field: `questions.${i}.options`, message: `第${i + 1}题有空白选项` });
      else if (new Set(opts).size !== opts.length) errors.push({ field: `questions.${i}.options`, message: `第${i + 1}题有重复的选项` });
    } else if ((q.options ?? []).length) errors.push({ field: `questions.${i}.options`, message: `第${i + 1}题不是选择题，不能设置选项` });
  });
  if (!input.bySms && !input.byWeb) errors.push({ field: 'bySms', message: '请至少选择一种作答方式（短信或网页）' });
  const now = ctx.now().getTime();
  if (input.closesAt) {
    const t = Date.parse(input.closesAt);
    if (Number.isNaN(t)) errors.push({ field: 'closesAt', message: '截止时间无效' });
    else if (t <= now) errors.push({ field: 'closesAt', message: '截止时间须晚于现在' });
    else if (t > now + 180 * 86400_000) errors.push({ field: 'closesAt', message: '截止时间须在180天以内' });
  }
  if ((input.maxReminders ?? 0) > 0 && !input.remindAfterHours) errors.push({ field: 'remindAfterHours', message: '设置了提醒次数，请填写间隔小时数' });
  if ((input.audience.who as string[]).includes('group') && !(input.audience.groupIds ?? []).length) errors.push({ field: 'audience.groupIds', message: '请选择联系人分组' });
  return errors;
}

async function checkAudience(ctx: AppContext, actor: Actor, orgPath: string, audience: SurveyInput['audience']) {
  const orgs = await ctx.db.selectFrom('orgs').select(['id', 'path', 'name']).where('id', 'in', audience.orgIds).execute();
  if (orgs.length !== new Set(audience.orgIds).size) throw validationFailed([{ field: 'audience.orgIds', message: '所选组织不存在或已被删除' }]);
  for (const o of orgs) {
    if (!o.path.startsWith(orgPath)) throw validationFailed([{ field: 'audience.orgIds', message: `“${o.name}”不在发起问卷的组织之下` }]);
    authorize(actor, 'survey.write', o.path);
  }
}

/** Creates a draft survey (survey.write over its organization: the one given, or the top of the caller's scope). */
export async function createSurvey(ctx: AppContext, actor: Actor, input: SurveyInput): Promise<SurveyView> {
  const errors = check(ctx, input);
  if (errors.length) throw validationFailed(errors);
  let org: { id: string; path: string } | undefined;
  if (input.orgId) {
    org = await ctx.db.selectFrom('orgs').select(['id', 'path']).where('id', '=', input.orgId).executeTakeFirst();
    if (!org) throw validationFailed([{ field: 'orgId', message: '组织不存在或已被删除' }]);
    authorize(actor, 'survey.write', org.path);
  } else {
    const top = actor.grants.find((g) => scopePaths(actor, 'survey.write').includes(g.orgPath));
    if (!top) throw forbidden();
    org = { id: top.orgId, path: top.orgPath };
  }
  await checkAudience(ctx, actor, org.path, input.audience);
  const now = ctx.now();
  const id = await ctx.db.transaction().execute(async (trx) => {
    const s = await trx.insertInto('surveys').values({
      org_id: org.id, title: input.title.trim(), intro: (input.intro ?? '').trim(), by_sms: input.bySms, by_web: input.byWeb,
      audience: JSON.stringify(input.audience), closes_at: input.closesAt ? new Date(input.closesAt) : null,
      remind_after_hours: input.remindAfterHours ?? null, max_reminders: input.maxReminders ?? 0, notify_on_close: input.notifyOnClose ?? false,
      public_results: input.publicResults ?? false, created_by: actor.accountId, created_by_name: actor.displayName, created_at: now, updated_at: now,
    }).returning('id').executeTakeFirstOrThrow();
    await storeQuestions(trx, s.id, input.questions);
    await appendAudit(trx, {
      actorId: actor.accountId, actorName: actor.username, action: 'survey.create', entityType: 'survey', entityId: s.id, orgPath: org.path, ip: actor.ip,
      after: { title: input.title.trim(), questions: input.questions.length, audience: input.audience, bySms: input.bySms, byWeb: input.byWeb },
    }, now);
    return s.id;
  });
  return getSurvey(ctx, actor, id);
}

async function storeQuestions(trx: Transaction<DB>, surveyId: string, questions: SurveyInput['questions']) {
  await trx.deleteFrom('survey_questions').where('survey_id', '=', surveyId).execute();
  await trx.insertInto('survey_questions').values(questions.map((q, i) => ({
    survey_id: surveyId, seq: i + 1, kind: q.kind, text: q.text.trim(), options: JSON.stringify(q.kind === 'choice' ? (q.options ?? []).map((o) => o.trim()) : []),
  }))).execute();
}

/** Changes a draft (only a draft: once asked, the questions are what people answered). 409 on a stale version. */
export async function updateSurvey(ctx: AppContext, actor: Actor, id: string, input: SurveyInput & { version: number }): Promise<SurveyView> {
  const errors = check(ctx, input);
  if (errors.length) throw validationFailed(errors);
  const s = await loadSurvey(ctx.db, id);
  authorize(actor, 'survey.write', s.org_path);
  if (s.state !== 'draft') throw conflict('survey.state', '问卷已发出，不能再修改题目和对象');
  await checkAudience(ctx, actor, s.org_path, input.audience);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const r = await trx.updateTable('surveys').set({
      title: input.title.trim(), intro: (input.intro ?? '').trim(), by_sms: input.bySms, by_web: input.byWeb, audience: JSON.stringify(input.audience),
      closes_at: input.closesAt ? new Date(input.closesAt) : null, remind_after_hours: input.remindAfterHours ?? null, max_reminders: input.maxReminders ?? 0,
      notify_on_close: input.notifyOnClose ?? false, public_results: input.publicResults ?? false, updated_at: now, version: sql`version + 1`,
    }).where('id', '=', id).where('version', '=', input.version).where('state', '=', 'draft').executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) throw conflict('conflict.version', '问卷已被他人修改，请刷新后重试');
    await storeQuestions(trx, id, input.questions);
    await appendAudit(trx, {
      actorId: actor.accountId, actorName: actor.username, action: 'survey.update', entityType: 'survey', entityId: id, orgPath: s.org_path, ip: actor.ip,
      before: { title: s.title }, after: { title: input.title.trim(), questions: input.questions.length, audience: input.audience },
    }, now);
  });
  return getSurvey(ctx, actor, id);
}

/**
 * Opens a draft: it gets its reply extension and a job resolves the audience into invitations and asks them by SMS
 * (survey.write; for SMS also sms.send over the survey's organization, as the messages go out in its name).
 */
export async function openSurvey(ctx: AppContext, actor: Actor, id: string): Promise<SurveyView> {
  const s = await loadSurvey(ctx.db, id);
  authorize(actor, 'survey.write', s.org_path);
  if (s.by_sms) authorize(actor, 'sms.send', s.org_path);
  if (s.state !== 'draft') throw conflict('survey.state', s.state === 'open' ? '问卷已发出' : '问卷已结束，不能再次发出');
  if (s.closes_at && s.closes_at <= ctx.now()) throw validationFailed([{ field: 'closesAt', message: '截止时间已过，请先修改截止时间' }]);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const ext = await allocateReplyExt(trx);
    const r = await trx.updateTable('surveys').set({ state: 'open', opened_at: now, updated_at: now, reply_ext: ext, version: sql`version + 1` })
      .where('id', '=', id).where('state', '=', 'draft').executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) throw conflict('survey.state', '问卷已发出');
    await appendAudit(trx, {
      actorId: actor.accountId, actorName: actor.username, action: 'survey.open', entityType: 'survey', entityId: id, orgPath: s.org_path, ip: actor.ip,
      after: { replyExt: ext, bySms: s.by_sms, byWeb: s.by_web },
    }, now);
    await ctx.jobs.enqueue(INVITE_QUEUE, { surveyId: id, sender: senderOf(actor), scope: scopePaths(actor, 'survey.write') }, { db: trx, createdBy: actor.accountId });
  });
  return getSurvey(ctx, actor, id);
}

/** Closes an open survey (by hand; the schedule closes it at its closing time): replies after it are not taken. */
export async function closeSurvey(ctx: AppContext, actor: Actor | null, id: string): Promise<void> {
  const s = await loadSurvey(ctx.db, id);
  if (actor) authorize(actor, 'survey.write', s.org_path);
  if (s.state !== 'open') throw conflict('survey.state', s.state === 'draft' ? '问卷尚未发出' : '问卷已结束');
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('surveys').set({ state: 'closed', closed_at: now, updated_at: now, version: sql`version + 1` }).where('id', '=', id).where('state', '=', 'open').execute();
    await appendAudit(trx, {
      actorId: actor?.accountId ?? null, actorName: actor?.username ?? 'system', action: 'survey.close', entityType: 'survey', entityId: id, orgPath: s.org_path,
      ip: actor?.ip ?? null, after: { by: actor ? 'staff' : 'closing time' },
    }, now);
  });
}

/** Deletes a draft (nothing was asked yet). */
export async function deleteDraft(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  const s = await loadSurvey(ctx.db, id);
  authorize(actor, 'survey.write', s.org_path);
  if (s.state !== 'draft') throw conflict('survey.state', '只能删除尚未发出的问卷');
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('survey_categories').where('survey_id', '=', id).execute();
    await trx.deleteFrom('survey_words').where('survey_id', '=', id).execute();
    await trx.deleteFrom('survey_questions').where('survey_id', '=', id).execute();
    await trx.deleteFrom('surveys').where('id', '=', id).execute();
    await appendAudit(trx, {
      actorId: actor.accountId, actorName: actor.username, action: 'survey.delete', entityType: 'survey', entityId: id, orgPath: s.org_path, ip: actor.ip,
      before: { title: s.title },
    }, now);
  });
}
