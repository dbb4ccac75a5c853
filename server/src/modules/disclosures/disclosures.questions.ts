/**
 * Questions from the public under a published disclosure, and the organization's answers (F-41, second half; issue 11
 * item 2; docs/disclosures.md, "Questions from the public"). Table written here, by nobody else: disclosure_questions.
 *
 * - A question comes from a phone the asker verified by SMS code (safety module), through a public form (rate limits,
 *   captcha after repeated use). Every question is held for moderation (kind `disclosures.question`) with the word
 *   filter's reasons, or "always reviewed" when no listed word matched: approved, it is published under the item;
 *   rejected, it is never public and the asker is told the reason by SMS.
 * - Staff with disclosure.write over the item's organization answer a published question. The answer is screened by
 *   the word filter: clean, it is published at once (the organization's own statement, like the disclosure itself,
 *   audited); with a listed word it is held for moderation (kind `disclosures.answer`) and published when approved;
 *   a rejected answer goes back to the staff with the reason and may be replaced. Every published answer is a version
 *   in disclosure_answer_versions (never updated or deleted), like an item's versions: the organization may correct
 *   a published answer, the correction is screened and moderated like the answer, and once published it is the next
 *   version while the earlier ones stay public as 原答复. The asker is told by SMS when an answer or a correction is
 *   published.
 * - The public sees published questions (the text, the masked name or nothing, the time) and published answers (the
 *   organization's name, the time); never a phone.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AppContext } from '../../platform/context.js';
import { authorize, can, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import { conflict, notFound, validationFailed, type FieldError } from '../../platform/errors.js';
import { maskMobile } from '../../platform/identity/mask.js';
import { iso } from '../../platform/schemas.js';
import { pokeDispatcher, queueTransactional } from '../sms/sms.commands.js';
import { reasonsFromMatches, submitModeration, type DecidedModerationItem, type ModerationReason } from '../safety/safety.moderation.js';
import { screenFields } from '../safety/safety.words.js';

export const QUESTION_KIND = 'disclosures.question';
export const ANSWER_KIND = 'disclosures.answer';
export const QUESTION_FORM = 'disclosures.question';
export const MAX_QUESTION = 500;
export const MAX_ANSWER = 2000;
export const MAX_NAME = 20;

/** A name as the public and the console show it: the first character and a star per other one (王建国 → 王**). */
export const maskName = (name: string) => { const c = [...name]; return c.length <= 1 ? '*' : c[0] + '*'.repeat(c.length - 1); };
const len = (s: string) => [...s].length;

/** The published item a question is asked under, or 404 (a draft or withdrawn item takes no questions). */
async function publishedItem(db: Kysely<DB>, itemId: string) {
  const it = await db.selectFrom('disclosure_items as i').innerJoin('orgs as o', 'o.id', 'i.org_id')
    .select(['i.id', 'i.title', 'i.state', 'o.id as org_id', 'o.name as org_name', 'o.path']).where('i.id', '=', itemId).executeTakeFirst();
  if (!it || it.state !== 'published') throw notFound('公开事项');
  return it;
}

export interface QuestionInput { body: string; name?: string | null }

/**
 * A question from a verified `phone` under a published item: stored held and submitted for moderation in one
 * transaction; the answer says it will be published after review.
 */
export async function askQuestion(ctx: AppContext, itemId: string, phone: string, ip: string | null, input: QuestionInput): Promise<{ id: string; state: 'held' }> {
  const it = await publishedItem(ctx.db, itemId);
  const body = input.body.trim();
  const name = input.name?.trim() || null;
  const errors: FieldError[] = [];
  if (!body) errors.push({ field: 'body', message: '请填写提问内容' });
  else if (len(body) > MAX_QUESTION) errors.push({ field: 'body', message: `提问内容不能超过${MAX_QUESTION}个字（现为${len(body)}个字）` });
  if (name && len(name) > MAX_NAME) errors.push({ field: 'name', message: `称呼不能超过${MAX_NAME}个字` });
  if (errors.length) throw validationFailed(errors);
  const screen = await screenFields(ctx, { body, name });
  const reasons: ModerationReason[] = screen.held ? reasonsFromMatches(screen.matches) : [{ type: 'review', note: '群众提问经审核后公开' }];
  const now = ctx.now();
  const masked = maskMobile(phone);
  const id = await ctx.db.transaction().execute(async (trx) => {
    const row = await trx.insertInto('disclosure_questions').values({
      item_id: it.id, body, asker_name_enc: name ? ctx.crypto.encrypt(name) : null, asker_name_masked: name ? maskName(name) : null,
      phone_enc: ctx.crypto.encrypt(phone), phone_bidx: ctx.crypto.blindIndex('mobile', phone), phone_masked: masked,
      state: 'held', created_at: now, updated_at: now,
    }).returning('id').executeTakeFirstOrThrow();
    await submitModeration(ctx, trx, { kind: QUESTION_KIND, refId: row.id, orgId: it.org_id, excerpt: body, reasons, by: { name: masked, ip } });
    await appendAudit(trx, {
      actorId: null, actorName: masked, action: 'disclosure.question.ask', entityType: 'disclosure_question', entityId: row.id, orgPath: it.path, ip,
      after: { itemId: it.id, body, named: !!name, state: 'held', reasons: reasons.map((r) => r.word ?? r.type) },
    }, now);
    return row.id;
  });
  return { id, state: 'held' };
}

// ——— moderation's decisions ———

async function lockQuestion(trx: Transaction<DB>, id: string) {
  return trx.selectFrom('disclosure_questions as q').innerJoin('disclosure_items as i', 'i.id', 'q.item_id').innerJoin('orgs as o', 'o.id', 'i.org_id')
    .select(['q.id', 'q.state', 'q.answer', 'q.answer_state', 'q.answer_version', 'q.answered_by_name', 'q.phone_enc', 'q.body', 'i.id as item_id', 'i.title', 'o.id as org_id', 'o.name as org_name', 'o.path'])
    .where('q.id', '=', id).forUpdate('q').executeTakeFirst();
}

/** Publishes the question's submitted answer as its next version (in the caller's transaction, the question locked). */
async function publishAnswer(trx: Transaction<DB>, q: { id: string; answer_version: number }, text: string, byName: string, now: Date): Promise<number> {
  const version = q.answer_version + 1;
  await trx.insertInto('disclosure_answer_versions').values({ question_id: q.id, version, text, answered_by_name: byName, published_at: now }).execute();
  await trx.updateTable('disclosure_questions').set({ answer_version: version, answer_state: 'published', answer_published_at: now, updated_at: now }).where('id', '=', q.id).execute();
  return version;
}

const shortTitle = (title: string) => (len(title) > 20 ? `${[...title].slice(0, 20).join('')}…` : title);

/** A held question decided: published, or rejected (never public; the asker told the reason). */
export async function onQuestionModerated(ctx: AppContext, trx: Transaction<DB>, item: DecidedModerationItem): Promise<void> {
  const q = await lockQuestion(trx, item.refId);
  if (!q || q.state !== 'held') return;
  const approved = item.decision === 'approved';
  await trx.updateTable('disclosure_questions').set(approved
    ? { state: 'published', published_at: item.decidedAt, updated_at: item.decidedAt }
    : { state: 'rejected', reject_reason: item.reason ?? '内容不符合要求', updated_at: item.decidedAt }).where('id', '=', q.id).execute();
  await appendAudit(trx, {
    actorId: item.decidedById, actorName: 'moderation', action: 'disclosure.question.moderated', entityType: 'disclosure_question', entityId: q.id, orgPath: q.path,
    before: { state: 'held' }, after: { state: approved ? 'published' : 'rejected', reason: item.reason },
  }, item.decidedAt);
  if (!approved) {
    await queueTransactional(ctx, {
      phone: ctx.crypto.decrypt(q.phone_enc), purpose: 'notice', orgId: q.org_id, actor: { id: item.decidedById, name: 'moderation', ip: null },
      text: `您在${q.org_name}公开事项“${shortTitle(q.title)}”下的提问未通过审核，不予公开：${item.reason ?? '内容不符合要求'}`,
    }, trx);
  }
}

async function tellAnswered(ctx: AppContext, trx: Transaction<DB>, q: NonNullable<Awaited<ReturnType<typeof lockQuestion>>>, actor: { id: string | null; name: string; ip: string | null }, corrected: boolean) {
  await queueTransactional(ctx, {
    phone: ctx.crypto.decrypt(q.phone_enc), purpose: 'notice', orgId: q.org_id, actor,
    text: corrected
      ? `您在${q.org_name}公开事项“${shortTitle(q.title)}”下的提问，答复已更正，请在党务公开网页该事项下查看。`
      : `您在${q.org_name}公开事项“${shortTitle(q.title)}”下的提问已答复，请在党务公开网页该事项下查看。`,
  }, trx);
}

/** A held answer decided: published (the asker told), or rejected back to the staff with the reason. */
export async function onAnswerModerated(ctx: AppContext, trx: Transaction<DB>, item: DecidedModerationItem): Promise<void> {
  const q = await lockQuestion(trx, item.refId);
  if (!q || q.answer_state !== 'held') return;
  const approved = item.decision === 'approved';
  const corrected = q.answer_version > 0;
  let version: number | null = null;
  if (approved) version = await publishAnswer(trx, q, q.answer!, q.answered_by_name ?? '', item.decidedAt);
  else {
    await trx.updateTable('disclosure_questions').set({ answer_state: 'rejected', answer_reject_reason: item.reason ?? '内容不符合要求', updated_at: item.decidedAt }).where('id', '=', q.id).execute();
  }
  await appendAudit(trx, {
    actorId: item.decidedById, actorName: 'moderation', action: 'disclosure.answer.moderated', entityType: 'disclosure_question', entityId: q.id, orgPath: q.path,
    before: { answerState: 'held', answerVersion: q.answer_version }, after: { answerState: approved ? 'published' : 'rejected', reason: item.reason, ...(version ? { answerVersion: version } : {}), correction: corrected },
  }, item.decidedAt);
  if (approved) await tellAnswered(ctx, trx, q, { id: item.decidedById, name: 'moderation', ip: null }, corrected);
}

// ——— staff ———

const STAFF_COLS = [
  'q.id', 'q.item_id', 'q.body', 'q.asker_name_masked', 'q.phone_masked', 'q.state', 'q.reject_reason', 'q.published_at', 'q.answer', 'q.answer_state',
  'q.answer_reject_reason', 'q.answered_by_name', 'q.answered_at', 'q.answer_published_at', 'q.answer_version', 'q.created_at',
] as const;
interface QRow {
  id: string; item_id: string; body: string; asker_name_masked: string | null; phone_masked: string; state: 'held' | 'published' | 'rejected'; reject_reason: string | null;
  published_at: Date | null; answer: string | null; answer_state: 'held' | 'published' | 'rejected' | null; answer_reject_reason: string | null;
  answered_by_name: string | null; answered_at: Date | null; answer_published_at: Date | null; answer_version: number; created_at: Date;
}
interface AnswerVersion { version: number; text: string; byName: string; publishedAt: string }

/** The published versions of the answers of these questions, newest first. */
async function answerVersions(db: Kysely<DB>, questionIds: string[]): Promise<Map<string, AnswerVersion[]>> {
  const out = new Map<string, AnswerVersion[]>();
  if (!questionIds.length) return out;
  const rows = await db.selectFrom('disclosure_answer_versions').select(['question_id', 'version', 'text', 'answered_by_name', 'published_at'])
    .where('question_id', 'in', questionIds).orderBy('question_id').orderBy('version', 'desc').execute();
  for (const r of rows) {
    const list = out.get(r.question_id) ?? [];
    list.push({ version: r.version, text: r.text, byName: r.answered_by_name, publishedAt: r.published_at.toISOString() });
    out.set(r.question_id, list);
  }
  return out;
}

function staffView(s: QRow, canWrite: boolean, versions: AnswerVersion[]) {
  const open = canWrite && s.state === 'published';
  return {
    id: s.id, itemId: s.item_id, body: s.body, name: s.asker_name_masked, phone: s.phone_masked, state: s.state, rejectReason: s.reject_reason,
    createdAt: s.created_at.toISOString(), publishedAt: iso(s.published_at),
    answer: s.answer, answerState: s.answer_state, answerRejectReason: s.answer_reject_reason, answeredByName: s.answered_by_name,
    answeredAt: iso(s.answered_at), answerPublishedAt: iso(s.answer_published_at),
    answerVersions: versions,
    canAnswer: open && s.answer_version === 0,
    canCorrect: open && s.answer_version > 0,
  };
}
export type QuestionView = ReturnType<typeof staffView>;

/** The questions of an item, for staff who read it: every state, the asker's name and phone masked; newest first. */
export async function listQuestions(db: Kysely<DB>, actor: Actor, itemId: string, q: { state?: 'held' | 'published' | 'rejected'; cursor?: string; limit?: number }) {
  const it = await db.selectFrom('disclosure_items as i').innerJoin('orgs as o', 'o.id', 'i.org_id').select(['i.id', 'o.path']).where('i.id', '=', itemId).executeTakeFirst();
  if (!it) throw notFound('公开事项');
  authorize(actor, 'disclosure.read', it.path);
  const limit = q.limit ?? 20;
  const rows = await db.selectFrom('disclosure_questions as q').select(STAFF_COLS).where('q.item_id', '=', itemId)
    .$if(!!q.state, (qb) => qb.where('q.state', '=', q.state!))
    .$if(!!q.cursor, (qb) => qb.where('q.id', '<', q.cursor!))
    .orderBy('q.id', 'desc').limit(limit + 1).execute();
  const counts = await db.selectFrom('disclosure_questions').where('item_id', '=', itemId)
    .select((eb) => [
      eb.fn.countAll<string>().filterWhere('state', '=', 'held').as('held'),
      eb.fn.countAll<string>().filterWhere('state', '=', 'published').as('published'),
      eb.fn.countAll<string>().filterWhere('state', '=', 'rejected').as('rejected'),
      eb.fn.countAll<string>().filterWhere((w) => w.and([w('state', '=', 'published'), w('answer_version', '=', 0), w.or([w('answer_state', 'is', null), w('answer_state', '=', 'rejected')])])).as('unanswered'),
    ]).executeTakeFirstOrThrow();
  const canWrite = can(actor, 'disclosure.write', it.path);
  const page = rows.slice(0, limit);
  const versions = await answerVersions(db, page.map((r) => r.id));
  return {
    items: page.map((r) => staffView(r, canWrite, versions.get(r.id) ?? [])),
    counts: { held: Number(counts.held), published: Number(counts.published), rejected: Number(counts.rejected), unanswered: Number(counts.unanswered) },
    nextCursor: rows.length > limit ? page[page.length - 1]!.id : null,
  };
}

/** One question and the item it is under (the moderation queue links here). */
export async function getQuestion(db: Kysely<DB>, actor: Actor, id: string): Promise<QuestionView> {
  const r = await db.selectFrom('disclosure_questions as q').innerJoin('disclosure_items as i', 'i.id', 'q.item_id').innerJoin('orgs as o', 'o.id', 'i.org_id')
    .select(STAFF_COLS).select('o.path').where('q.id', '=', id).executeTakeFirst();
  if (!r) throw notFound('群众提问');
  authorize(actor, 'disclosure.read', r.path);
  return staffView(r, can(actor, 'disclosure.write', r.path), (await answerVersions(db, [r.id])).get(r.id) ?? []);
}

/**
 * The organization's answer to a published question (disclosure.write over the item's organization), or its
 * correction of the published answer. Screened by the word filter: published at once as the answer's next version when
 * clean, else held for moderation (the public keeps reading the published version meanwhile). A held or rejected
 * answer or correction may be replaced.
 */
export async function answerQuestion(ctx: AppContext, actor: Actor, id: string, rawText: string): Promise<QuestionView> {
  const text = rawText.trim();
  if (!text) throw validationFailed([{ field: 'text', message: '请填写答复内容' }]);
  if (len(text) > MAX_ANSWER) throw validationFailed([{ field: 'text', message: `答复内容不能超过${MAX_ANSWER}个字（现为${len(text)}个字）` }]);
  const pre = await ctx.db.selectFrom('disclosure_questions as q').innerJoin('disclosure_items as i', 'i.id', 'q.item_id').innerJoin('orgs as o', 'o.id', 'i.org_id')
    .select('o.path').where('q.id', '=', id).executeTakeFirst();
  if (!pre) throw notFound('群众提问');
  authorize(actor, 'disclosure.write', pre.path);
  const screen = await screenFields(ctx, { answer: text });
  const now = ctx.now();
  let told = false;
  await ctx.db.transaction().execute(async (trx) => {
    const q = await lockQuestion(trx, id);
    if (!q) throw notFound('群众提问');
    authorize(actor, 'disclosure.write', q.path);
    if (q.state !== 'published') throw conflict('disclosure.question_state', q.state === 'held' ? '该提问尚在审核中，审核通过公开后方可答复' : '该提问未通过审核，不予答复');
    const correction = q.answer_version > 0;
    if (correction) {
      const last = await trx.selectFrom('disclosure_answer_versions').select('text').where('question_id', '=', q.id).where('version', '=', q.answer_version).executeTakeFirstOrThrow();
      if (last.text === text) throw validationFailed([{ field: 'text', message: '更正后的答复与已公开的答复相同，请修改后再提交' }]);
    }
    const answerState = screen.held ? 'held' as const : 'published' as const;
    await trx.updateTable('disclosure_questions').set({
      answer: text, answer_state: 'held', answer_reject_reason: null, answered_by: actor.accountId, answered_by_name: actor.displayName, answered_at: now, updated_at: now,
    }).where('id', '=', q.id).execute();
    let version: number | null = null;
    if (!screen.held) version = await publishAnswer(trx, q, text, actor.displayName, now);
    if (screen.held) {
      await submitModeration(ctx, trx, {
        kind: ANSWER_KIND, refId: q.id, orgId: q.org_id, excerpt: text, reasons: reasonsFromMatches(screen.matches),
        by: { accountId: actor.accountId, name: actor.username, ip: actor.ip },
      });
    } else {
      await tellAnswered(ctx, trx, q, { id: actor.accountId, name: actor.username, ip: actor.ip }, correction);
      told = true;
    }
    await appendAudit(trx, {
      actorId: actor.accountId, actorName: actor.username, action: correction ? 'disclosure.answer.correct' : 'disclosure.answer', entityType: 'disclosure_question', entityId: q.id,
      orgPath: q.path, ip: actor.ip,
      before: { answer: q.answer, answerState: q.answer_state, answerVersion: q.answer_version }, after: { answer: text, answerState, ...(version ? { answerVersion: version } : {}) },
    }, now);
  });
  if (told) pokeDispatcher();
  return getQuestion(ctx.db, actor, id);
}

/** For the console's list: published questions of each item still waiting for a (published or held) answer. */
export async function unansweredCounts(db: Kysely<DB>, itemIds: string[]): Promise<Map<string, number>> {
  if (!itemIds.length) return new Map();
  const rows = await db.selectFrom('disclosure_questions').select(['item_id', (eb) => eb.fn.countAll<string>().as('n')])
    .where('item_id', 'in', itemIds).where('state', '=', 'published').where('answer_version', '=', 0).where((w) => w.or([w('answer_state', 'is', null), w('answer_state', '=', 'rejected')]))
    .groupBy('item_id').execute();
  return new Map(rows.map((r) => [r.item_id, Number(r.n)]));
}

// ——— public ———

/**
 * Published questions under a published item, newest first, with their published answers: the latest version, and the
 * earlier ones (原答复) when it was corrected; no phone, the name masked, never the member of staff.
 */
export async function publicQuestions(db: Kysely<DB>, itemId: string, q: { cursor?: string; limit?: number }) {
  const it = await publishedItem(db, itemId);
  const limit = q.limit ?? 10;
  const rows = await db.selectFrom('disclosure_questions').select(['id', 'body', 'asker_name_masked', 'published_at', 'created_at'])
    .where('item_id', '=', itemId).where('state', '=', 'published')
    .$if(!!q.cursor, (qb) => qb.where('id', '<', q.cursor!))
    .orderBy('id', 'desc').limit(limit + 1).execute();
  const page = rows.slice(0, limit);
  const versions = await answerVersions(db, page.map((r) => r.id));
  return {
    items: page.map((r) => {
      const [latest, ...earlier] = versions.get(r.id) ?? [];
      return {
        id: r.id, body: r.body, name: r.asker_name_masked, askedAt: r.created_at.toISOString(),
        answer: latest ? {
          text: latest.text, by: it.org_name, at: latest.publishedAt, version: latest.version,
          previous: earlier.map((v) => ({ version: v.version, text: v.text, at: v.publishedAt })),
        } : null,
      };
    }),
    nextCursor: rows.length > limit ? page[page.length - 1]!.id : null,
  };
}
