/**
 * 部长信箱, the staff side (F-31; issue 11 item 1): the letters of the mailboxes in one's scope; triage — accept (a
 * follow-up item, source `mailbox.letter`, owned by the mailbox's organization: forwarding down the hierarchy with a
 * deadline per hop, escalation when overdue, all by the follow-up engine) or decline (duplicate, not ours, invalid,
 * with a reason the writer is told by SMS); the answer drafted by one member of staff and approved by another, which
 * closes the item and tells the writer. Lists and pages show the writer's phone and name masked.
 */
import { sql } from 'kysely';
import type { AppContext } from '../../platform/context.js';
import { authorize, can, scopePaths, subtreePatterns, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import { conflict, forbidden, notFound, validationFailed, type FieldError } from '../../platform/errors.js';
import { iso } from '../../platform/schemas.js';
import { closeItem, openItem } from '../followups/followups.commands.js';
import { pokeDispatcher, queueTransactional } from '../sms/sms.commands.js';
import { CATEGORY_ZH, LETTER_CATEGORIES, LETTER_SOURCE } from './mailbox.letters.js';
import type { DeclineKind, LetterCategory, LetterState } from '../../db/tables/mailbox.js';

const DECLINE_ZH: Record<DeclineKind, string> = { duplicate: '重复来信', not_ours: '不属于本信箱受理范围', invalid: '内容无效' };

async function letterRow(db: AppContext['db'], id: string) {
  const r = await db.selectFrom('mailbox_letters as l').innerJoin('orgs as o', 'o.id', 'l.mailbox_org_id')
    .leftJoin('followup_items as f', 'f.id', 'l.followup_item_id').leftJoin('orgs as fo', 'fo.id', 'f.owner_org_id')
    .leftJoin('accounts as d', 'd.id', 'l.drafted_by').leftJoin('accounts as a', 'a.id', 'l.approved_by')
    .selectAll('l').select(['o.name as org_name', 'o.path as org_path', 'f.state as item_state', 'f.due_on as item_due_on', 'f.owner_org_id as item_owner_id',
      'fo.name as item_owner_name', 'fo.path as item_owner_path', 'd.display_name as drafted_by_name', 'a.display_name as approved_by_name'])
    .where('l.id', '=', id).executeTakeFirst();
  if (!r) throw notFound('来信');
  return r;
}
type LetterRow = Awaited<ReturnType<typeof letterRow>>;

function present(r: LetterRow) {
  return {
    id: r.id, trackingCode: r.tracking_code, mailboxOrgId: r.mailbox_org_id, mailboxName: `${r.org_name}组织部部长信箱`,
    category: r.category, categoryName: CATEGORY_ZH[r.category as LetterCategory], title: r.title, body: r.body,
    name: r.writer_name_masked, phone: r.phone_masked, consentPublish: r.consent_publish, state: r.state,
    declineKind: r.decline_kind, declineNote: r.decline_note, duplicateOf: r.duplicate_of,
    followup: r.followup_item_id ? { id: r.followup_item_id, state: r.item_state!, dueOn: r.item_due_on!, ownerOrgId: r.item_owner_id!, ownerOrgName: r.item_owner_name! } : null,
    answerDraft: r.answer_draft, draftedByName: r.drafted_by_name, draftedAt: iso(r.drafted_at),
    answer: r.answer, approvedByName: r.approved_by_name, answeredAt: iso(r.answered_at),
    // What is (or was) published: the fingerprint and when; withdrawnAt once taken down (publishing again clears it).
    publication: r.published_at ? { publishedAt: r.published_at.toISOString(), fingerprint: r.fingerprint!, withdrawnAt: iso(r.unpublished_at) } : null,
    createdAt: r.created_at.toISOString(), updatedAt: r.updated_at.toISOString(),
  };
}

/**
 * One letter: staff of the mailbox's organization (mailbox.read over it), or of the organization now handling its
 * follow-up item (followup.read over the owner) — a county a letter was forwarded to reads what it must answer.
 */
export async function getLetter(ctx: AppContext, actor: Actor, id: string) {
  const r = await letterRow(ctx.db, id);
  const mine = can(actor, 'mailbox.read', r.org_path);
  const handling = !!r.item_owner_path && can(actor, 'followup.read', r.item_owner_path);
  if (!mine && !handling) throw forbidden('forbidden.scope', '该来信不在您的管辖范围内，无权访问');
  return { ...present(r), canTriage: r.state === 'received' && can(actor, 'mailbox.write', r.org_path),
    canDraft: r.state === 'handling' && can(actor, 'mailbox.write', r.org_path),
    canApprove: r.state === 'handling' && !!r.answer_draft && r.drafted_by !== actor.accountId && can(actor, 'mailbox.approve', r.org_path),
    canPublish: r.state === 'answered' && r.consent_publish && can(actor, 'mailbox.write', r.org_path) };
}

/** The letters of the mailboxes in the caller's scope, newest first, keyset paged; filters state, category, mailbox, words. */
export async function listLetters(ctx: AppContext, actor: Actor, q: { state?: LetterState; category?: LetterCategory; orgId?: string; q?: string; cursor?: string; limit?: number }) {
  let paths = scopePaths(actor, 'mailbox.read');
  if (q.orgId) {
    const org = await ctx.db.selectFrom('orgs').select('path').where('id', '=', q.orgId).executeTakeFirst();
    if (!org) throw notFound('组织');
    authorize(actor, 'mailbox.read', org.path);
    paths = [org.path];
  }
  const limit = Math.min(Math.max(q.limit ?? 50, 1), 100);
  if (!paths.length) return { items: [], nextCursor: null };
  const words = q.q?.trim() ? `%${q.q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const rows = await ctx.db.selectFrom('mailbox_letters as l').innerJoin('orgs as o', 'o.id', 'l.mailbox_org_id')
    .leftJoin('followup_items as f', 'f.id', 'l.followup_item_id').leftJoin('orgs as fo', 'fo.id', 'f.owner_org_id')
    .select(['l.id', 'l.tracking_code', 'l.mailbox_org_id', 'o.name as org_name', 'l.category', 'l.title', 'l.phone_masked', 'l.writer_name_masked', 'l.state',
      'l.created_at', 'f.due_on as item_due_on', 'fo.name as item_owner_name', 'f.state as item_state'])
    .where(sql<boolean>`o.path like any(${subtreePatterns(paths)}::text[])`)
    .$if(!!q.state, (b) => b.where('l.state', '=', q.state!))
    .$if(!!q.category, (b) => b.where('l.category', '=', q.category!))
    .$if(!!words, (b) => b.where((eb) => eb.or([eb('l.title', 'like', words!), eb('l.tracking_code', '=', q.q!.trim().toUpperCase())])))
    .$if(!!q.cursor, (b) => b.where('l.id', '<', q.cursor!))
    .orderBy('l.id', 'desc').limit(limit + 1).execute();
  const page = rows.slice(0, limit);
  return {
    items: page.map((r) => ({
      id: r.id, trackingCode: r.tracking_code, mailboxOrgId: r.mailbox_org_id, mailboxName: `${r.org_name}组织部部长信箱`, category: r.category,
      categoryName: CATEGORY_ZH[r.category as LetterCategory], title: r.title, phone: r.phone_masked, name: r.writer_name_masked, state: r.state,
      handlingOrgName: r.item_state === 'open' ? r.item_owner_name : null, dueOn: r.item_state === 'open' ? r.item_due_on : null, createdAt: r.created_at.toISOString(),
    })),
    nextCursor: rows.length > limit ? page[page.length - 1]!.id : null,
  };
}

/** The letter for a write by `perm` over its mailbox's organization, in the given states (409 otherwise). */
async function forWrite(ctx: AppContext, actor: Actor, id: string, perm: 'mailbox.write' | 'mailbox.approve', states: LetterState[]) {
  const r = await letterRow(ctx.db, id);
  authorize(actor, perm, r.org_path);
  if (!states.includes(r.state as LetterState)) throw conflict('mailbox.state', `该来信当前为“${STATE_ZH[r.state as LetterState]}”，不能进行此操作`);
  return r;
}
const STATE_ZH: Record<LetterState, string> = { held: '待审核', received: '待受理', handling: '办理中', declined: '不予受理', answered: '已答复' };

async function tellWriter(ctx: AppContext, trx: Parameters<typeof queueTransactional>[2], r: LetterRow, actor: Actor, text: string) {
  await queueTransactional(ctx, {
    phone: ctx.crypto.decrypt(r.phone_enc), purpose: 'notice', orgId: r.mailbox_org_id, actor: { id: actor.accountId, name: actor.username, ip: actor.ip }, text,
  }, trx);
}

/**
 * 受理: the letter becomes a follow-up item owned by the mailbox's organization, due in `dueInWorkingDays` working days
 * (default 15); its category may be corrected. The item is then forwarded, noted and escalated as any follow-up item.
 */
export async function acceptLetter(ctx: AppContext, actor: Actor, id: string, input: { dueInWorkingDays?: number; category?: string }) {
  const r = await forWrite(ctx, actor, id, 'mailbox.write', ['received']);
  if (input.category !== undefined && !(LETTER_CATEGORIES as readonly string[]).includes(input.category)) throw validationFailed([{ field: 'category', message: '请选择来信类别' }]);
  // One item per letter: if an earlier accept opened it but did not get to mark the letter, that item is taken.
  const existing = await ctx.db.selectFrom('followup_items').select('id').where('source', '=', LETTER_SOURCE).where('source_id', '=', id).executeTakeFirst();
  const itemId = existing?.id ?? (await openItem(ctx, actor, {
    source: LETTER_SOURCE, sourceId: id, title: `【${CATEGORY_ZH[(input.category ?? r.category) as LetterCategory]}】${r.title}`, ownerOrgId: r.mailbox_org_id,
    dueInWorkingDays: input.dueInWorkingDays ?? 15,
  })).id;
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('mailbox_letters').set({ state: 'handling', followup_item_id: itemId, category: input.category ?? r.category, updated_at: now })
      .where('id', '=', id).where('state', '=', 'received').execute();
    await appendAudit(trx, {
      actorId: actor.accountId, actorName: actor.username, action: 'mailbox.letter.accept', entityType: 'mailbox_letter', entityId: id, orgPath: r.org_path, ip: actor.ip,
      before: { state: r.state, category: r.category }, after: { state: 'handling', followupItemId: itemId, category: input.category ?? r.category },
    }, now);
  });
  return getLetter(ctx, actor, id);
}

/** 不予受理: duplicate (of another letter of the same mailbox), not ours, or invalid, with a note the writer is sent. */
export async function declineLetter(ctx: AppContext, actor: Actor, id: string, input: { kind: DeclineKind; note: string; duplicateOf?: string | null }) {
  const r = await forWrite(ctx, actor, id, 'mailbox.write', ['received']);
  const note = input.note.trim();
  const errors: FieldError[] = [];
  if (!note) errors.push({ field: 'note', message: '请填写不予受理的理由，将以短信告知来信人' });
  else if ([...note].length > 300) errors.push({ field: 'note', message: '理由不能超过300个字' });
  let dup: string | null = null;
  if (input.kind === 'duplicate') {
    const other = input.duplicateOf ? await ctx.db.selectFrom('mailbox_letters').select(['id', 'mailbox_org_id']).where('id', '=', input.duplicateOf).executeTakeFirst() : undefined;
    if (!input.duplicateOf) errors.push({ field: 'duplicateOf', message: '请填写与之重复的来信编号' });
    else if (!other || other.mailbox_org_id !== r.mailbox_org_id || other.id === id) errors.push({ field: 'duplicateOf', message: '本信箱没有该编号的其他来信' });
    else dup = other.id;
  }
  if (errors.length) throw validationFailed(errors);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const n = await trx.updateTable('mailbox_letters').set({ state: 'declined', decline_kind: input.kind, decline_note: note, duplicate_of: dup, updated_at: now })
      .where('id', '=', id).where('state', '=', 'received').executeTakeFirst();
    if (!n.numUpdatedRows) throw conflict('mailbox.state', '该来信已被处理，请刷新后查看');
    await appendAudit(trx, {
      actorId: actor.accountId, actorName: actor.username, action: 'mailbox.letter.decline', entityType: 'mailbox_letter', entityId: id, orgPath: r.org_path, ip: actor.ip,
      before: { state: r.state }, after: { state: 'declined', kind: input.kind, note, duplicateOf: dup },
    }, now);
    await tellWriter(ctx, trx, r, actor, `您的来信（查询码${r.tracking_code}）经审核不予受理（${DECLINE_ZH[input.kind]}）：${note}`);
  });
  pokeDispatcher();
  return getLetter(ctx, actor, id);
}

/** 起草答复: the answer to the writer, while the letter is being handled; drafting again replaces the draft. */
export async function draftAnswer(ctx: AppContext, actor: Actor, id: string, input: { text: string }) {
  const r = await forWrite(ctx, actor, id, 'mailbox.write', ['handling']);
  const text = input.text.trim();
  if (!text) throw validationFailed([{ field: 'text', message: '请填写答复内容' }]);
  if ([...text].length > 3000) throw validationFailed([{ field: 'text', message: '答复内容不能超过3000个字' }]);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('mailbox_letters').set({ answer_draft: text, drafted_by: actor.accountId, drafted_at: now, updated_at: now }).where('id', '=', id).execute();
    await appendAudit(trx, {
      actorId: actor.accountId, actorName: actor.username, action: 'mailbox.answer.draft', entityType: 'mailbox_letter', entityId: id, orgPath: r.org_path, ip: actor.ip,
      before: { draft: r.answer_draft }, after: { draft: text },
    }, now);
  });
  return getLetter(ctx, actor, id);
}

/**
 * 审核答复: a second member of staff approves the draft (not its drafter): the letter is answered, its follow-up
 * item closed (resolved, or explained when the answer explains rather than solves), and the writer told by SMS.
 */
export async function approveAnswer(ctx: AppContext, actor: Actor, id: string, input: { outcome: 'resolved' | 'explained' }) {
  const r = await forWrite(ctx, actor, id, 'mailbox.approve', ['handling']);
  if (!r.answer_draft) throw conflict('mailbox.no_draft', '尚未起草答复，不能审核');
  if (r.drafted_by === actor.accountId) throw forbidden('mailbox.own_draft', '答复须由起草人以外的工作人员审核');
  if (r.followup_item_id && r.item_state === 'open') await closeItem(ctx, actor, r.followup_item_id, { outcome: input.outcome, note: r.answer_draft });
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const n = await trx.updateTable('mailbox_letters').set({ state: 'answered', answer: r.answer_draft, approved_by: actor.accountId, answered_at: now, updated_at: now })
      .where('id', '=', id).where('state', '=', 'handling').executeTakeFirst();
    if (!n.numUpdatedRows) throw conflict('mailbox.state', '该来信已被处理，请刷新后查看');
    await appendAudit(trx, {
      actorId: actor.accountId, actorName: actor.username, action: 'mailbox.answer.approve', entityType: 'mailbox_letter', entityId: id, orgPath: r.org_path, ip: actor.ip,
      before: { state: 'handling' }, after: { state: 'answered', outcome: input.outcome, answer: r.answer_draft },
    }, now);
    await tellWriter(ctx, trx, r, actor, `您写给${r.org_name}组织部部长信箱的来信（查询码${r.tracking_code}）已答复，请凭查询码在网站查看答复内容。`);
  });
  pokeDispatcher();
  return getLetter(ctx, actor, id);
}
