/**
 * 组织关系转接 (F-05): the sending side applies and reviews first, the receiving side reviews
 * second; the member's branch changes only on completion, in the same transaction as the
 * transfer, the member's change history and the audit rows.
 */
import type { Transaction } from 'kysely';
import { nextCursor } from '../../platform/paging.js';
import type { DB, OrgRow } from '../../db/schema.js';
import type { AppContext } from '../../platform/context.js';
import { can, scopePaths, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import { addDays, chinaToday, chinaYear } from '../../platform/china-time.js';
import { conflict, forbidden, notFound, validationFailed } from '../../platform/errors.js';
import { findOrg } from '../orgs/orgs.repository.js';
import { BRANCH_TYPES, isBranchType } from '../orgs/orgs.schema.js';
import { findMember, recordChange } from '../members/members.repository.js';
import * as memberCommands from '../members/members.commands.js';
import * as repo from './transfers.repository.js';
import { ACTIONS, type TransferAction, type DestinationQueryInput, type DestinationView, type TransferCreateInput, type TransferDetailView, type TransferListQueryInput, type TransferState, type TransferSubmitInput, type TransferSummaryView } from './transfers.schema.js';
import { renderLetter } from './transfers.letter.js';
import { findTransition, STATE_NAMES, transitionOrRefuse, type Side } from './transfers.rules.js';

const today = (ctx: AppContext) => chinaToday(ctx.now());

/** 浙组转〔2026〕000123 */
export const letterNumber = (year: number, n: number) => `浙组转〔${year}〕${String(n).padStart(6, '0')}`;

function sidesOf(actor: Actor, t: repo.TransferRow): Set<Side> {
  const sides = new Set<Side>();
  if (can(actor, 'transfer.write', t.from_org_path)) sides.add('sending');
  if (t.to_org_path && t.forwarded_at && can(actor, 'transfer.write', t.to_org_path)) sides.add('receiving');
  if (t.created_by === actor.accountId || (actor.memberId !== null && actor.memberId === t.member_id)) sides.add('applicant');
  return sides;
}

function canSee(actor: Actor, t: repo.TransferRow): boolean {
  return can(actor, 'transfer.read', t.from_org_path)
    || (!!t.to_org_path && !!t.forwarded_at && can(actor, 'transfer.read', t.to_org_path))
    || t.created_by === actor.accountId || (actor.memberId !== null && actor.memberId === t.member_id);
}

const notYours = () => forbidden('forbidden.scope', '该转接不在您的管辖范围内，无权访问');

/** Loads a transfer the actor may see: the sending side, the receiving side once forwarded, or the applicant. */
export async function loadTransfer(ctx: AppContext, actor: Actor, id: string): Promise<repo.TransferRow> {
  const t = await repo.findTransfer(ctx.db, id);
  if (!t) throw notFound('转接记录');
  if (!canSee(actor, t)) throw notYours();
  return t;
}

export function presentSummary(t: repo.TransferRow): TransferSummaryView {
  return {
    id: t.id, letterNo: t.letter_no, state: t.state as TransferState, stateName: STATE_NAMES[t.state as TransferState], memberId: t.member_id, memberName: t.member_name,
    fromOrgId: t.from_org_id, fromOrgName: t.from_org_name, destination: t.destination as 'platform' | 'outside', toOrgId: t.to_org_id, toOrgName: t.to_org_name,
    issuedOn: t.issued_on, expiresOn: t.expires_on, createdAt: t.created_at.toISOString(), updatedAt: t.updated_at.toISOString(),
  };
}

export async function getTransfer(ctx: AppContext, actor: Actor, id: string): Promise<TransferDetailView> {
  const t = await loadTransfer(ctx, actor, id);
  const steps = await repo.stepsOf(ctx.db, id);
  const sides = sidesOf(actor, t);
  const actions = ACTIONS.filter((a) => {
    const tr = findTransition(a, t.state as TransferState, t.destination === 'outside');
    return tr !== undefined && sides.has(tr.by);
  });
  return {
    ...presentSummary(t),
    memberIdNumber: t.member_id_masked, memberCategory: t.member_category, duesPaidTo: t.dues_paid_to, toProvince: t.to_province, toCity: t.to_city,
    validityDays: t.validity_days, reason: t.reason, note: t.note, returnReason: t.return_reason,
    createdByName: t.created_by_name, completedAt: t.completed_at?.toISOString() ?? null, version: t.version, actions,
    steps: steps.map((s) => ({ id: s.id, at: s.at.toISOString(), actorName: s.actor_name, action: s.action, fromState: s.from_state, toState: s.to_state, comment: s.comment })),
  };
}

export async function listTransfers(ctx: AppContext, actor: Actor, q: TransferListQueryInput) {
  const limit = q.limit ?? 20;
  const rows = await repo.listTransfers(ctx.db, {
    scope: scopePaths(actor, 'transfer.read'), direction: q.direction, state: q.state, nameContains: q.q?.trim() || undefined,
    pendingScope: q.pending ? scopePaths(actor, 'transfer.write') : undefined,
  }, q.cursor, limit);
  return { items: rows.map(presentSummary), nextCursor: nextCursor(rows, limit) };
}

/**
 * 转入党组织 picker: active branch-type organizations of the whole province by name, so that a
 * sending side can pick a receiving branch outside its own subtree. Names only (the ancestors'
 * too, to tell branches of the same name apart; the province root is left out).
 */
export async function searchDestinations(ctx: AppContext, q: DestinationQueryInput): Promise<{ items: DestinationView[] }> {
  const rows = await repo.searchDestinations(ctx.db, q.q.trim(), BRANCH_TYPES, q.limit ?? 20);
  const ancestorIds = (path: string) => path.split('/').filter(Boolean).slice(1, -1);
  const names = new Map((await repo.orgNames(ctx.db, [...new Set(rows.flatMap((r) => ancestorIds(r.path)))])).map((o) => [o.id, o.name]));
  return {
    items: rows.map((r) => ({ id: r.id, name: r.name, fullName: r.full_name || r.name, ancestors: ancestorIds(r.path).map((id) => names.get(id) ?? '').filter(Boolean) })),
  };
}

type Destination = Pick<repo.TransferRow, 'destination' | 'to_org_id' | 'to_org_name' | 'to_province' | 'to_city'>;

/** Resolves the receiving side: an active branch of the platform other than the current one, or a named organization outside it. */
async function resolveDestination(ctx: AppContext, input: Pick<TransferCreateInput, 'toOrgId' | 'outsideOrgName' | 'outsideProvince' | 'outsideCity'>, currentOrgId: string): Promise<Destination> {
  const outside = input.outsideOrgName !== undefined || input.outsideProvince !== undefined || input.outsideCity !== undefined;
  if (input.toOrgId && outside) throw validationFailed([{ field: 'toOrgId', message: '转入平台内党组织与转出平台外只能选择一种' }]);
  if (input.toOrgId) {
    const org: OrgRow | undefined = await findOrg(ctx.db, input.toOrgId);
    if (!org) throw validationFailed([{ field: 'toOrgId', message: '转入的党组织不存在' }]);
    if (!isBranchType(org.type)) throw validationFailed([{ field: 'toOrgId', message: '组织关系应转入党支部（或党总支），请选择基层党支部' }]);
    if (org.status !== 'active') throw validationFailed([{ field: 'toOrgId', message: '该党组织已撤销，不能转入' }]);
    if (org.id === currentOrgId) throw validationFailed([{ field: 'toOrgId', message: '转入的党组织与党员现所在党组织相同' }]);
    return { destination: 'platform', to_org_id: org.id, to_org_name: org.full_name || org.name, to_province: null, to_city: null };
  }
  if (!outside) throw validationFailed([{ field: 'toOrgId', message: '请选择转入的党组织，或填写平台外接收党组织' }]);
  const missing = (['outsideOrgName', 'outsideProvince', 'outsideCity'] as const).filter((k) => !input[k]?.trim());
  if (missing.length) throw validationFailed(missing.map((field) => ({ field, message: '转往平台外须填写接收党组织名称及所在省、市' })));
  return { destination: 'outside', to_org_id: null, to_org_name: input.outsideOrgName!.trim(), to_province: input.outsideProvince!.trim(), to_city: input.outsideCity!.trim() };
}

const auditOf = (t: repo.TransferRow) => ({
  letterNo: t.letter_no, state: t.state, memberId: t.member_id, memberName: t.member_name, fromOrgId: t.from_org_id, destination: t.destination,
  toOrgId: t.to_org_id, toOrgName: t.to_org_name, validityDays: t.validity_days, issuedOn: t.issued_on, expiresOn: t.expires_on, duesPaidTo: t.dues_paid_to,
});

async function writeStep(trx: Transaction<DB>, actor: Actor, before: repo.TransferRow | null, after: repo.TransferRow, action: 'create' | TransferAction, comment: string | null, now: Date) {
  await repo.insertStep(trx, { transferId: after.id, actorId: actor.accountId, actorName: actor.displayName, action, fromState: before?.state ?? null, toState: after.state, comment, at: now });
  await appendAudit(trx, {
    actorId: actor.accountId, actorName: actor.username, action: `transfer.${action}`, entityType: 'transfer', entityId: after.id, orgPath: after.from_org_path, ip: actor.ip,
    before: before ? auditOf(before) : undefined, after: auditOf(after),
  }, now);
}

/** The member is no longer where the transfer found them (moved or already departed): cancel and start again. */
const MEMBER_MOVED = () => conflict('transfer.member_moved', '该党员所在党组织已发生变化，请撤销本次转接后重新办理');
const OPEN_EXISTS = (letterNo: string) => conflict('transfer.open_exists', `该党员已有正在办理的组织关系转接（介绍信编号${letterNo}），不能重复发起`);

/** Applies for a transfer of a member of the actor's subtree; the state is `applied` until submitted. */
export async function createTransfer(ctx: AppContext, actor: Actor, input: TransferCreateInput): Promise<string> {
  const m = await findMember(ctx.db, input.memberId);
  if (!m) throw notFound('党员');
  if (!can(actor, 'member.write', m.org_path) || !can(actor, 'transfer.write', m.org_path)) throw forbidden('forbidden.scope', '该党员不在您的管辖范围内，无权办理转接');
  if (m.departed_on) throw conflict('member.departed', `该党员已于${m.departed_on}转出本省，不能再办理组织关系转接`);
  const dest = await resolveDestination(ctx, input, m.org_id);
  const open = await repo.openTransferOf(ctx.db, m.id);
  if (open) throw OPEN_EXISTS(open.letter_no);
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const year = chinaYear(now);
    const n = await repo.nextLetterNumber(trx, year);
    const t = await repo.insertTransfer(trx, {
      letter_no: letterNumber(year, n), member_id: m.id, member_name: m.name, member_id_masked: m.id_number_masked, member_category: m.category,
      dues_paid_to: input.duesPaidTo, from_org_id: m.org_id, from_org_name: m.org_name, ...dest,
      validity_days: input.validityDays ?? 30, reason: input.reason.trim(), note: input.note?.trim() || null,
      created_by: actor.accountId, created_by_name: actor.displayName, created_at: now, updated_at: now,
    }).catch(async (err: unknown) => {
      if ((err as { code?: string }).code === '23505') throw OPEN_EXISTS((await repo.openTransferOf(ctx.db, m.id))?.letter_no ?? '');
      throw err;
    });
    await writeStep(trx, actor, null, t, 'create', null, now);
    return t.id;
  });
}

export interface ActOptions { comment?: string | null; edits?: TransferSubmitInput }

/** Runs one action of the state machine on a locked row; the side doing it is checked against the transition table. */
export async function act(ctx: AppContext, actor: Actor, id: string, action: TransferAction, opts: ActOptions = {}): Promise<void> {
  const seen = await loadTransfer(ctx, actor, id);
  const edits = opts.edits ?? {};
  const dest = action === 'submit' && (edits.toOrgId || edits.outsideOrgName || edits.outsideProvince || edits.outsideCity)
    ? await resolveDestination(ctx, edits, seen.from_org_id) : undefined;
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const t = (await repo.lockTransfer(trx, id))!;
    const tr = transitionOrRefuse(action, t.state as TransferState, t.destination === 'outside');
    if (!sidesOf(actor, t).has(tr.by)) {
      const who = tr.by === 'sending' ? '转出方党组织' : tr.by === 'receiving' ? '转入方党组织' : '申请人本人';
      throw forbidden('transfer.wrong_side', `此步骤应由${who}办理，您无权执行此操作`);
    }
    const set: Parameters<typeof repo.updateTransfer>[2] = { state: tr.to, version: t.version + 1, updated_at: now };
    if (action === 'submit') {
      Object.assign(set, dest ?? {}, { return_reason: null });
      if (edits.validityDays !== undefined) set.validity_days = edits.validityDays;
      if (edits.duesPaidTo !== undefined) set.dues_paid_to = edits.duesPaidTo;
      if (edits.reason !== undefined) set.reason = edits.reason.trim();
      if (edits.note !== undefined) set.note = edits.note?.trim() || null;
    }
    if (action === 'return') Object.assign(set, { return_reason: opts.comment ?? null, issued_on: null, expires_on: null });
    if (action === 'approve' && t.state === 'out_review') {
      const issued = today(ctx);
      Object.assign(set, { issued_on: issued, expires_on: addDays(issued, t.validity_days) });
      if (tr.to === 'in_review' && !t.forwarded_at) set.forwarded_at = now;
    }
    // The receiving branch must still exist as an active branch when the letter is issued and when the member arrives.
    if (action === 'approve' && t.destination === 'platform' && t.to_org_status !== 'active') {
      throw conflict('transfer.destination_inactive', `转入的党组织（${t.to_org_name}）已撤销，不能办理转入；请退回转出方重新选择转入党组织`);
    }
    if (action === 'approve' && t.state === 'in_review' && t.expires_on && today(ctx) > t.expires_on) {
      throw conflict('transfer.expired', `介绍信已于${t.expires_on}过期，不能办理转入；请退回转出方重新开具介绍信`);
    }
    if (tr.to === 'completed') set.completed_at = now;
    const after = await repo.updateTransfer(trx, id, set);
    await writeStep(trx, actor, t, after, action, opts.comment ?? null, now);
    if (tr.to === 'completed') await completeMove(trx, actor, after, now, today(ctx));
  });
}

/** On completion: the member moves to the receiving branch (or is recorded as transferred out of the platform). */
async function completeMove(trx: Transaction<DB>, actor: Actor, t: repo.TransferRow, now: Date, on: string) {
  const base = { actorId: actor.accountId, actorName: actor.displayName, at: now };
  if (t.destination === 'outside') {
    // 已转出: the record stays (history, letters, audit) but leaves the rolls, lists and counters.
    if (!(await memberCommands.markTransferredOut(trx, t.member_id, t.from_org_id, on, now))) throw MEMBER_MOVED();
    const changes = [{ field: 'transferOut', from: t.from_org_name, to: `${t.to_province}${t.to_city} ${t.to_org_name}（${t.letter_no}）` }];
    await recordChange(trx, { ...base, memberId: t.member_id, action: 'member.transfer_out', changes });
    await appendAudit(trx, { actorId: actor.accountId, actorName: actor.username, action: 'member.transfer_out', entityType: 'member', entityId: t.member_id, orgPath: t.from_org_path, ip: actor.ip, after: { letterNo: t.letter_no, toOrgName: t.to_org_name } }, now);
    return;
  }
  const moved = await memberCommands.moveToBranch(trx, t.member_id, t.from_org_id, { id: t.to_org_id!, path: t.to_org_path! }, now);
  if (!moved) throw MEMBER_MOVED();
  const changes = [{ field: 'orgId', from: t.from_org_id, to: t.to_org_id }, { field: 'orgName', from: t.from_org_name, to: t.to_org_name }];
  await recordChange(trx, { ...base, memberId: t.member_id, action: 'member.transfer', changes });
  await appendAudit(trx, {
    actorId: actor.accountId, actorName: actor.username, action: 'member.transfer', entityType: 'member', entityId: t.member_id, orgPath: t.to_org_path, ip: actor.ip,
    before: { orgId: t.from_org_id, orgPath: t.from_org_path }, after: { orgId: t.to_org_id, orgPath: t.to_org_path, letterNo: t.letter_no },
  }, now);
}

/** The introduction letter, once the sending side has approved and issued it. */
export async function letter(ctx: AppContext, actor: Actor, id: string): Promise<string> {
  const t = await loadTransfer(ctx, actor, id);
  if (!t.issued_on || !['in_review', 'completed'].includes(t.state)) {
    throw conflict('transfer.letter_not_issued', `介绍信尚未开具（当前状态为「${STATE_NAMES[t.state as TransferState]}」），转出方审核通过后方可打印`);
  }
  return renderLetter(t);
}
