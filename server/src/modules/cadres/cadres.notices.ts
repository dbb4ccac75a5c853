/**
 * 任前公示 (F-51; issue 11 item 3): staff publish a notice of one or more candidates with an objection period in
 * working days (default 5, by the working-day calendar: the period ends on `dueDate(publishedOn, n)`, China date,
 * inclusive). Publishing records the SHA-256 fingerprint of the canonical published text. Anyone lodges an objection
 * from a verified phone, optionally named; the identity is encrypted, listed masked to staff holding cadre.objections
 * over the notice's organization, and shown in full only by an audited reveal that passes the one reveal rule. Each objection is answered internally; the
 * appointment is confirmed only after the period has ended and with no objection held or unanswered.
 */
import { sql } from 'kysely';
import type { AppContext } from '../../platform/context.js';
import { authorize, escapeLike, can, scopePaths, subtreePatterns, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import { chinaToday, chineseDate } from '../../platform/china-time.js';
import { conflict, forbidden, notFound, validationFailed, type FieldError } from '../../platform/errors.js';
import { maskMobile, maskName } from '../../platform/identity/mask.js';
import { mayReveal } from '../../platform/reveal.js';
import { dueDate } from '../calendar/calendar.service.js';
import { reasonsFromMatches, submitModeration } from '../safety/safety.moderation.js';
import { screenFields } from '../safety/safety.words.js';
import { checkCandidate, noticeFingerprint, required, type CandidateInput, type CandidateT } from './cadres.rules.js';

export const OBJECTION_KIND = 'cadres.objection';
export const DEFAULT_WORKING_DAYS = 5;

export interface NoticeInput { orgId: string; title: string; candidates: CandidateInput[]; workingDays?: number; contact: string }

type NoticeRowT = { state: string; objection_ends_on: string };
const statusOf = (n: NoticeRowT, today: string) => (n.state === 'confirmed' ? 'confirmed' as const : n.state === 'withdrawn' ? 'withdrawn' as const
  : today <= n.objection_ends_on ? 'objection' as const : 'ended' as const);

/** The fields of a notice's text, checked whole (publishing and revising). */
function checkNotice(errors: FieldError[], input: Omit<NoticeInput, 'orgId'>, today: string) {
  const title = required(errors, 'title', input.title, '公示标题', 100);
  const contact = required(errors, 'contact', input.contact, '受理意见的联系方式（电话、地址）', 200);
  if (!input.candidates.length) errors.push({ field: 'candidates', message: '请至少填写一位公示人选' });
  const candidates = input.candidates.map((c, i) => checkCandidate(errors, c, i, today));
  const workingDays = input.workingDays ?? DEFAULT_WORKING_DAYS;
  if (!Number.isInteger(workingDays) || workingDays < 5 || workingDays > 30) errors.push({ field: 'workingDays', message: '公示期应为5至30个工作日' });
  return { title, contact, candidates, workingDays };
}

/** 发布任前公示: validated whole; the period's last day from the calendar; the fingerprint of the canonical text. */
export async function publishNotice(ctx: AppContext, actor: Actor, input: NoticeInput) {
  const org = await ctx.db.selectFrom('orgs').select(['id', 'path', 'status']).where('id', '=', input.orgId).executeTakeFirst();
  if (!org || org.status !== 'active') throw notFound('组织');
  authorize(actor, 'cadre.write', org.path);
  const today = chinaToday(ctx.now());
  const errors: FieldError[] = [];
  const { title, contact, candidates, workingDays } = checkNotice(errors, input, today);
  if (errors.length) throw validationFailed(errors);
  const { due } = await dueDate(ctx, today, workingDays);
  const published = { orgId: org.id, title, candidates, contact, publishedOn: today, workingDays, objectionEndsOn: due };
  const fingerprint = noticeFingerprint(published);
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx.insertInto('cadre_notices').values({
      org_id: org.id, title, candidates: JSON.stringify(candidates), contact, published_on: today, working_days: workingDays, objection_ends_on: due,
      fingerprint, published_at: now, published_by: actor.accountId, published_by_name: actor.displayName,
    }).returning('id').executeTakeFirstOrThrow();
    await trx.insertInto('cadre_notice_versions').values({
      notice_id: row.id, version: 1, title, candidates: JSON.stringify(candidates), contact, published_on: today, working_days: workingDays, objection_ends_on: due,
      fingerprint, published_at: now, published_by_name: actor.displayName,
    }).execute();
    await appendAudit(trx, {
      actorId: actor.accountId, actorName: actor.username, action: 'cadre.notice.publish', entityType: 'cadre_notice', entityId: row.id, orgPath: org.path, ip: actor.ip,
      after: { ...published, fingerprint },
    }, now);
    return { id: row.id };
  });
}

async function noticeRow(ctx: AppContext, id: string) {
  const n = await ctx.db.selectFrom('cadre_notices as n').innerJoin('orgs as o', 'o.id', 'n.org_id').selectAll('n').select(['o.name as org_name', 'o.path as org_path'])
    .where('n.id', '=', id).executeTakeFirst();
  if (!n) throw notFound('任前公示');
  return n;
}
type Notice = Awaited<ReturnType<typeof noticeRow>>;

const published = (n: Notice) => ({
  id: n.id, orgId: n.org_id, orgName: n.org_name, title: n.title, candidates: n.candidates as CandidateT[], contact: n.contact,
  publishedOn: n.published_on, workingDays: n.working_days, objectionEndsOn: n.objection_ends_on, fingerprint: n.fingerprint,
  version: n.version, withdrawnAt: n.withdrawn_at?.toISOString() ?? null, withdrawReason: n.withdraw_reason,
});

/** Every version of these notices but the current one, oldest first: what was published before an edit stays readable. */
async function earlierVersions(ctx: AppContext, notices: { id: string; version: number }[]) {
  const older = notices.filter((n) => n.version > 1);
  const rows = older.length ? await ctx.db.selectFrom('cadre_notice_versions').selectAll().where('notice_id', 'in', older.map((n) => n.id)).orderBy('notice_id').orderBy('version').execute() : [];
  const current = new Map(notices.map((n) => [n.id, n.version]));
  const by = new Map<string, ReturnType<typeof versionOut>[]>();
  for (const v of rows) if (v.version < current.get(v.notice_id)!) by.set(v.notice_id, [...(by.get(v.notice_id) ?? []), versionOut(v)]);
  return (id: string) => by.get(id) ?? [];
}
const versionOut = (v: { version: number; title: string; candidates: unknown; contact: string; published_on: string; working_days: number; objection_ends_on: string; fingerprint: string; published_at: Date }) => ({
  version: v.version, title: v.title, candidates: v.candidates as CandidateT[], contact: v.contact, publishedOn: v.published_on, workingDays: v.working_days,
  objectionEndsOn: v.objection_ends_on, fingerprint: v.fingerprint, publishedAt: v.published_at.toISOString(),
});

/** Objections lodged against a notice in any state: one is enough to stop an edit (it was lodged against this text). */
async function anyObjection(ctx: AppContext, noticeId: string): Promise<boolean> {
  return !!(await ctx.db.selectFrom('cadre_objections').select('id').where('notice_id', '=', noticeId).limit(1).executeTakeFirst());
}

/** Objections that stop a confirmation: waiting for moderation, or received and not yet answered. */
async function openObjections(ctx: AppContext, noticeId: string): Promise<number> {
  const r = await ctx.db.selectFrom('cadre_objections').select((eb) => eb.fn.countAll<string>().as('n')).where('notice_id', '=', noticeId)
    .where('state', 'in', ['held', 'received']).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** One notice for staff (cadre.read over its organization). Objections are not in it: they need cadre.objections. */
export async function getNotice(ctx: AppContext, actor: Actor, id: string) {
  const n = await noticeRow(ctx, id);
  authorize(actor, 'cadre.read', n.org_path);
  const today = chinaToday(ctx.now());
  const status = statusOf(n, today);
  const handles = can(actor, 'cadre.objections', n.org_path);
  const writes = can(actor, 'cadre.write', n.org_path);
  const earlier = await earlierVersions(ctx, [n]);
  return {
    ...published(n), status, publishedByName: n.published_by_name, publishedAt: n.published_at.toISOString(),
    withdrawnByName: n.withdrawn_by_name, earlierVersions: earlier(n.id),
    canEdit: writes && n.state === 'open' && today === n.published_on && !(await anyObjection(ctx, id)),
    canWithdraw: writes && n.state === 'open',
    confirmedAt: n.confirmed_at?.toISOString() ?? null, confirmedByName: n.confirmed_by_name, confirmNote: n.confirm_note,
    canHandleObjections: handles,
    canRevealObjectors: handles && mayReveal(actor, n.org_path),
    canConfirm: status === 'ended' && writes && handles && (await openObjections(ctx, id)) === 0,
  };
}

export async function listNotices(ctx: AppContext, actor: Actor, q: { orgId?: string; q?: string; cursor?: string; limit?: number }) {
  let paths = scopePaths(actor, 'cadre.read');
  if (q.orgId) {
    const org = await ctx.db.selectFrom('orgs').select('path').where('id', '=', q.orgId).executeTakeFirst();
    if (!org) throw notFound('组织');
    authorize(actor, 'cadre.read', org.path);
    paths = [org.path];
  }
  if (!paths.length) return { items: [], nextCursor: null };
  const limit = q.limit ?? 50;
  const words = q.q?.trim() ? `%${escapeLike(q.q.trim())}%` : null;
  const today = chinaToday(ctx.now());
  const rows = await ctx.db.selectFrom('cadre_notices as n').innerJoin('orgs as o', 'o.id', 'n.org_id')
    .select(['n.id', 'n.org_id', 'o.name as org_name', 'n.title', 'n.candidates', 'n.published_on', 'n.objection_ends_on', 'n.state', 'n.fingerprint'])
    .where(sql<boolean>`o.path like any(${subtreePatterns(paths)}::text[])`)
    .$if(!!words, (b) => b.where('n.title', 'like', words!))
    .$if(!!q.cursor, (b) => b.where('n.id', '<', q.cursor!))
    .orderBy('n.id', 'desc').limit(limit + 1).execute();
  const page = rows.slice(0, limit);
  return {
    items: page.map((r) => ({
      id: r.id, orgId: r.org_id, orgName: r.org_name, title: r.title, candidateNames: (r.candidates as CandidateT[]).map((c) => c.name),
      publishedOn: r.published_on, objectionEndsOn: r.objection_ends_on, status: statusOf(r, today), fingerprint: r.fingerprint,
    })),
    nextCursor: rows.length > limit ? page[page.length - 1]!.id : null,
  };
}

/**
 * The objections of a notice (cadre.objections over the notice's organization), each objector's identity MASKED:
 * the stored mask of the phone and of the name, never a decryption. A GET changes nothing and reveals nothing: no
 * audit row. The full identity is one objection at a time through revealObjector (a POST, the one reveal rule, audited).
 */
export async function listObjections(ctx: AppContext, actor: Actor, noticeId: string) {
  const n = await noticeRow(ctx, noticeId);
  authorize(actor, 'cadre.objections', n.org_path);
  const rows = await ctx.db.selectFrom('cadre_objections')
    .select(['id', 'candidate_index', 'body', 'phone_masked', 'name_masked', 'state', 'answer', 'answered_by_name', 'answered_at', 'created_at'])
    .select((eb) => eb('name_enc', 'is not', null).as('named'))
    .where('notice_id', '=', noticeId).orderBy('id').execute();
  const candidates = n.candidates as CandidateT[];
  return {
    items: rows.map((o) => ({
      id: o.id, candidateIndex: o.candidate_index, candidateName: o.candidate_index === null ? null : candidates[o.candidate_index]?.name ?? null, body: o.body,
      phone: o.phone_masked, named: Boolean(o.named), name: o.named ? o.name_masked ?? null : null, state: o.state,
      answer: o.answer, answeredByName: o.answered_by_name, answeredAt: o.answered_at?.toISOString() ?? null, createdAt: o.created_at.toISOString(),
    })),
  };
}

/**
 * 查看异议人身份: the phone and name of one objection in full. Allowed only to an actor who holds cadre.objections
 * over the notice's organization AND passes the one reveal rule (`mayReveal`) on that same organization, the home of
 * the notice; only then is anything decrypted, and the reveal is audited (which objection, the masked phone; never
 * the clear values). A refusal is 403 forbidden.reveal.
 */
export async function revealObjector(ctx: AppContext, actor: Actor, id: string) {
  const o = await ctx.db.selectFrom('cadre_objections as x').innerJoin('cadre_notices as n', 'n.id', 'x.notice_id').innerJoin('orgs as g', 'g.id', 'n.org_id')
    .select(['x.id', 'x.notice_id', 'x.phone_enc', 'x.phone_masked', 'x.name_enc', 'g.path']).where('x.id', '=', id).executeTakeFirst();
  if (!o) throw notFound('异议');
  authorize(actor, 'cadre.objections', o.path);
  if (!mayReveal(actor, o.path)) throw forbidden('forbidden.reveal', '您无权查看异议人的身份信息，如确需核实，请联系本级组织部门负责同志');
  const phone = ctx.crypto.decrypt(o.phone_enc);
  const name = o.name_enc ? ctx.crypto.decrypt(o.name_enc) : null;
  await ctx.db.transaction().execute((trx) => appendAudit(trx, {
    actorId: actor.accountId, actorName: actor.username, action: 'cadre.objection.reveal', entityType: 'cadre_objection', entityId: o.id, orgPath: o.path, ip: actor.ip,
    after: { noticeId: o.notice_id, fields: name === null ? ['phone'] : ['phone', 'name'], masked: o.phone_masked },
  }, ctx.now()));
  return { id: o.id, phone, name };
}

/** 答复异议: the internal note on how an objection was looked into (cadre.objections); once. */
export async function answerObjection(ctx: AppContext, actor: Actor, id: string, input: { note: string }) {
  const o = await ctx.db.selectFrom('cadre_objections as x').innerJoin('cadre_notices as n', 'n.id', 'x.notice_id').innerJoin('orgs as g', 'g.id', 'n.org_id')
    .select(['x.id', 'x.notice_id', 'x.state', 'x.phone_masked', 'n.state as notice_state', 'g.path']).where('x.id', '=', id).executeTakeFirst();
  if (!o) throw notFound('异议');
  authorize(actor, 'cadre.objections', o.path);
  const errors: FieldError[] = [];
  const note = required(errors, 'note', input.note, '核查处理情况', 1000);
  if (errors.length) throw validationFailed(errors);
  if (o.state === 'held') throw conflict('cadres.objection_held', '该异议含敏感词，正在内容审核中，审核通过后方可答复');
  if (o.state !== 'received') throw conflict('cadres.objection_state', o.state === 'answered' ? '该异议已答复' : '该异议未通过审核，无需答复');
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const r = await trx.updateTable('cadre_objections').set({ state: 'answered', answer: note, answered_by_name: actor.displayName, answered_at: now })
      .where('id', '=', id).where('state', '=', 'received').executeTakeFirst();
    if (!r.numUpdatedRows) throw conflict('cadres.objection_state', '该异议已答复');
    await appendAudit(trx, {
      actorId: actor.accountId, actorName: actor.username, action: 'cadre.objection.answer', entityType: 'cadre_objection', entityId: id, orgPath: o.path, ip: actor.ip,
      before: { state: 'received' }, after: { state: 'answered', noticeId: o.notice_id, objector: o.phone_masked, answer: note },
    }, now);
  });
  return { id };
}

/** 确认任用: after the objection period (China date) and with every objection answered or rejected by moderation. */
export async function confirmNotice(ctx: AppContext, actor: Actor, id: string, input: { note?: string }) {
  const n = await noticeRow(ctx, id);
  authorize(actor, 'cadre.write', n.org_path);
  authorize(actor, 'cadre.objections', n.org_path);
  if (n.state === 'confirmed') throw conflict('cadres.confirmed', '该公示人选已确认任用');
  if (n.state === 'withdrawn') throw conflict('cadres.withdrawn', '该公示已撤销，不能确认任用');
  const today = chinaToday(ctx.now());
  if (today <= n.objection_ends_on) throw conflict('cadres.objection_period', `公示期至${chineseDate(n.objection_ends_on)}结束，公示期满后方可确认任用`);
  const open = await openObjections(ctx, id);
  if (open) throw conflict('cadres.unanswered_objections', `尚有${open}条异议未答复（含待审核的），全部答复后方可确认任用`);
  const note = input.note?.trim() || null;
  if (note && [...note].length > 500) throw validationFailed([{ field: 'note', message: '说明不能超过500个字' }]);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const r = await trx.updateTable('cadre_notices').set({ state: 'confirmed', confirmed_at: now, confirmed_by_name: actor.displayName, confirm_note: note })
      .where('id', '=', id).where('state', '=', 'open').executeTakeFirst();
    if (!r.numUpdatedRows) throw conflict('cadres.confirmed', '该公示已确认任用或已撤销');
    // An objection lodged between the count and this write would be missed: count again inside the transaction.
    const again = await trx.selectFrom('cadre_objections').select('id').where('notice_id', '=', id).where('state', 'in', ['held', 'received']).limit(1).executeTakeFirst();
    if (again) throw conflict('cadres.unanswered_objections', '尚有异议未答复，全部答复后方可确认任用');
    await appendAudit(trx, {
      actorId: actor.accountId, actorName: actor.username, action: 'cadre.notice.confirm', entityType: 'cadre_notice', entityId: id, orgPath: n.org_path, ip: actor.ip,
      before: { state: 'open' }, after: { state: 'confirmed', note },
    }, now);
  });
  return getNotice(ctx, actor, id);
}

/** The public's notices: open (within the period) or the archive (ended or confirmed), newest first, with fingerprints. */
export async function publicNotices(ctx: AppContext, q: { archive?: boolean; cursor?: string }) {
  const today = chinaToday(ctx.now());
  const limit = 20;
  const rows = await ctx.db.selectFrom('cadre_notices as n').innerJoin('orgs as o', 'o.id', 'n.org_id').selectAll('n').select(['o.name as org_name', 'o.path as org_path'])
    .where((eb) => (q.archive
      ? eb.or([eb('n.objection_ends_on', '<', today), eb('n.state', '=', 'withdrawn')])
      : eb.and([eb('n.objection_ends_on', '>=', today), eb('n.state', '!=', 'withdrawn')])))
    .$if(!!q.cursor, (b) => b.where('n.id', '<', q.cursor!))
    .orderBy('n.id', 'desc').limit(limit + 1).execute();
  const page = rows.slice(0, limit);
  const earlier = await earlierVersions(ctx, page);
  return {
    items: page.map((n) => ({ ...published(n), open: isOpen(n, today), earlierVersions: earlier(n.id) })),
    nextCursor: rows.length > limit ? page[page.length - 1]!.id : null,
  };
}

export async function publicNotice(ctx: AppContext, id: string) {
  const n = await noticeRow(ctx, id);
  return { ...published(n), open: isOpen(n, chinaToday(ctx.now())), earlierVersions: (await earlierVersions(ctx, [n]))(n.id) };
}

/** Objections are taken: within the period (China date) and not withdrawn. */
const isOpen = (n: { state: string; objection_ends_on: string }, today: string) => n.state !== 'withdrawn' && today <= n.objection_ends_on;

export interface NoticeRevision { title: string; candidates: CandidateInput[]; workingDays?: number; contact: string; version: number }

/**
 * 修改任前公示 (cadre.write): only on the day of publication — the period's working days count from the next day —
 * and before any objection (objections are lodged against the text they read). The edit publishes at once a new
 * version with its own fingerprint; the earlier versions stay in cadre_notice_versions and public. The period keeps its
 * first day and is recomputed from the working days given. An edit names the version it was made on; a stale one is 409.
 */
export async function reviseNotice(ctx: AppContext, actor: Actor, id: string, input: NoticeRevision) {
  const n = await noticeRow(ctx, id);
  authorize(actor, 'cadre.write', n.org_path);
  const today = chinaToday(ctx.now());
  const errors: FieldError[] = [];
  const { title, contact, candidates, workingDays } = checkNotice(errors, input, today);
  if (errors.length) throw validationFailed(errors);
  const { due } = await dueDate(ctx, n.published_on, workingDays);
  const text = { orgId: n.org_id, title, candidates, contact, publishedOn: n.published_on, workingDays, objectionEndsOn: due };
  const fingerprint = noticeFingerprint(text);
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const cur = await trx.selectFrom('cadre_notices').selectAll().where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
    if (cur.state === 'confirmed') throw conflict('cadres.confirmed', '该公示人选已确认任用，不能修改');
    if (cur.state === 'withdrawn') throw conflict('cadres.withdrawn', '该公示已撤销，不能修改');
    if (cur.version !== input.version) throw conflict('cadres.stale', '该公示已被他人修改，请刷新后重新修改');
    if (today !== cur.published_on) throw conflict('cadres.notice_locked', '公示期已开始计算，不能再修改；如需更正，请撤销本公示后重新发布');
    if (await trx.selectFrom('cadre_objections').select('id').where('notice_id', '=', id).limit(1).executeTakeFirst()) {
      throw conflict('cadres.notice_locked', '该公示已收到异议，不能再修改；如需更正，请撤销本公示后重新发布');
    }
    if (fingerprint === cur.fingerprint) throw validationFailed([{ field: 'title', message: '公示内容未作修改' }]);
    const version = cur.version + 1;
    await trx.updateTable('cadre_notices').set({
      title, candidates: JSON.stringify(candidates), contact, working_days: workingDays, objection_ends_on: due, fingerprint, version,
    }).where('id', '=', id).execute();
    await trx.insertInto('cadre_notice_versions').values({
      notice_id: id, version, title, candidates: JSON.stringify(candidates), contact, published_on: n.published_on, working_days: workingDays, objection_ends_on: due,
      fingerprint, published_at: now, published_by_name: actor.displayName,
    }).execute();
    await appendAudit(trx, {
      actorId: actor.accountId, actorName: actor.username, action: 'cadre.notice.revise', entityType: 'cadre_notice', entityId: id, orgPath: n.org_path, ip: actor.ip,
      before: { version: cur.version, fingerprint: cur.fingerprint }, after: { version, ...text, fingerprint },
    }, now);
    return { id };
  });
}

/**
 * 撤销任前公示 (cadre.write) with a reason, at any time before the appointment is confirmed. The notice moves to the
 * public archive with its reason and every version; objections are no longer taken and it cannot be confirmed.
 */
export async function withdrawNotice(ctx: AppContext, actor: Actor, id: string, input: { reason: string }) {
  const n = await noticeRow(ctx, id);
  authorize(actor, 'cadre.write', n.org_path);
  const errors: FieldError[] = [];
  const reason = required(errors, 'reason', input.reason, '撤销原因', 200);
  if (errors.length) throw validationFailed(errors);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const cur = await trx.selectFrom('cadre_notices').select('state').where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
    if (cur.state === 'confirmed') throw conflict('cadres.confirmed', '该公示人选已确认任用，不能撤销');
    if (cur.state === 'withdrawn') throw conflict('cadres.withdrawn', '该公示已撤销');
    await trx.updateTable('cadre_notices').set({ state: 'withdrawn', withdrawn_at: now, withdrawn_by_name: actor.displayName, withdraw_reason: reason }).where('id', '=', id).execute();
    await appendAudit(trx, {
      actorId: actor.accountId, actorName: actor.username, action: 'cadre.notice.withdraw', entityType: 'cadre_notice', entityId: id, orgPath: n.org_path, ip: actor.ip,
      before: { state: 'open' }, after: { state: 'withdrawn', reason },
    }, now);
  });
  return getNotice(ctx, actor, id);
}

export interface ObjectionInput { candidateIndex?: number | null; body: string; name?: string | null }

/** 提出异议 from a verified phone within the period; screened (a match holds it for moderation). */
export async function lodgeObjection(ctx: AppContext, noticeId: string, phone: string, ip: string | null, input: ObjectionInput) {
  const n = await noticeRow(ctx, noticeId);
  if (n.state === 'withdrawn') throw conflict('cadres.withdrawn', '该公示已撤销，不再受理异议');
  if (chinaToday(ctx.now()) > n.objection_ends_on) throw conflict('cadres.objection_period_over', `公示期已于${chineseDate(n.objection_ends_on)}结束，不再受理异议`);
  const errors: FieldError[] = [];
  const candidates = n.candidates as CandidateT[];
  const ci = input.candidateIndex ?? null;
  if (ci !== null && (ci < 0 || ci >= candidates.length)) errors.push({ field: 'candidateIndex', message: '请选择公示中的人选' });
  const body = required(errors, 'body', input.body, '异议内容', 2000);
  const name = input.name?.trim() || null;
  if (name && [...name].length > 30) errors.push({ field: 'name', message: '姓名不能超过30个字' });
  if (errors.length) throw validationFailed(errors);
  const screen = await screenFields(ctx, { body, name });
  const state = screen.held ? 'held' as const : 'received' as const;
  const masked = maskMobile(phone);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    // The notice's row, shared: a withdrawal or an edit (which lock it for update) is either wholly before or after this.
    const cur = await trx.selectFrom('cadre_notices').select('state').where('id', '=', n.id).forShare().executeTakeFirstOrThrow();
    if (cur.state === 'withdrawn') throw conflict('cadres.withdrawn', '该公示已撤销，不再受理异议');
    const row = await trx.insertInto('cadre_objections').values({
      notice_id: n.id, candidate_index: ci, body, phone_enc: ctx.crypto.encrypt(phone), phone_bidx: ctx.crypto.blindIndex('mobile', phone), phone_masked: masked,
      name_enc: name ? ctx.crypto.encrypt(name) : null, name_masked: name ? maskName(name) : null, state, created_at: now,
    }).returning('id').executeTakeFirstOrThrow();
    if (screen.held) {
      // The moderator reads the text, never the identity (a masked phone in the audit row only).
      await submitModeration(ctx, trx, {
        kind: OBJECTION_KIND, refId: row.id, orgId: n.org_id, excerpt: body, reasons: reasonsFromMatches(screen.matches),
        by: { name: masked, ip },
      });
    }
    await appendAudit(trx, {
      actorId: null, actorName: masked, action: 'cadre.objection.submit', entityType: 'cadre_objection', entityId: row.id, orgPath: n.org_path, ip,
      after: { noticeId: n.id, candidateIndex: ci, state },
    }, now);
  });
  return { state };
}
