/**
 * Migrant members (流动党员, F-03): out-flows and returns kept as a history per member, with the member's
 * migrant flag and location following the open flow; attachment to an online branch (网络党支部, F-04);
 * organizational-life and dues records behind the six-month alert (自行脱党 rule).
 */
import type { Transaction } from 'kysely';
import { authorizedSubtree } from '../orgs/orgs.service.js';
import { nextCursor } from '../../platform/paging.js';
import type { DB } from '../../db/schema.js';
import type { AppContext } from '../../platform/context.js';
import { authorize, scopePaths, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import { addMonths, chinaToday, datesAfterToday, monthsBetween } from '../../platform/china-time.js';
import { badRequest, conflict, notFound, validationFailed, type FieldError } from '../../platform/errors.js';
import { LANDLINE_MESSAGE, MOBILE_MESSAGE, normalizeLandline, normalizeMobile, validateMobile } from '../../platform/identity/phone.js';
import { maskMobile } from '../../platform/identity/mask.js';
import { findOrg } from '../orgs/orgs.repository.js';
import { loadMember } from '../members/members.service.js';
import * as memberCommands from '../members/members.commands.js';
import * as memberRepo from '../members/members.repository.js';
import * as repo from './flows.repository.js';
import { HOME_PROVINCE, type FlowCreateInput, type FlowListQueryInput, type FlowView } from './flows.schema.js';

const today = (ctx: AppContext) => chinaToday(ctx.now());

export function presentFlow(f: repo.FlowWithMember): FlowView {
  return {
    id: f.id, memberId: f.member_id, memberName: f.member_name, orgId: f.org_id, orgName: f.org_name,
    flowType: f.flow_type, reason: f.reason, destProvince: f.dest_province, destCity: f.dest_city, destCounty: f.dest_county,
    workplace: f.workplace, contactName: f.contact_name, contactPhone: f.contact_phone_masked,
    leftOn: f.left_on, expectedReturnOn: f.expected_return_on, returnedOn: f.returned_on, open: f.returned_on === null,
    createdAt: f.created_at.toISOString(),
    onlineBranch: f.online_org_id && f.online_org_name ? { id: f.online_org_id, name: f.online_org_name } : null,
  };
}

/** A destination contact's phone: a mobile or a landline, normalized; null with an error message otherwise. */
function contactPhone(raw: string): { value: string | null; error: string | null } {
  const t = raw.trim();
  if (!t) return { value: null, error: null };
  if (!validateMobile(t)) return { value: normalizeMobile(t), error: null };
  const landline = normalizeLandline(t);
  if (landline) return { value: landline, error: null };
  return { value: null, error: /^[\s+＋0-9０-９]*1/.test(t) ? MOBILE_MESSAGE : `${MOBILE_MESSAGE}；${LANDLINE_MESSAGE}` };
}

/** Cross-field rules of an out-flow registration, messages in Chinese for the form. */
export function validateFlow(input: FlowCreateInput, todayIso: string): FieldError[] {
  const errors: FieldError[] = [];
  const province = input.destProvince.trim();
  if (input.flowType === 'out_of_province' && province === HOME_PROVINCE) errors.push({ field: 'destProvince', message: '跨省流动的流入地不能是浙江省' });
  if (input.flowType !== 'out_of_province' && province !== HOME_PROVINCE) errors.push({ field: 'destProvince', message: '市内或省内跨市流动的流入地应为浙江省' });
  errors.push(...datesAfterToday([['leftOn', input.leftOn, '外出日期']], todayIso));
  if (input.expectedReturnOn && input.expectedReturnOn < input.leftOn) errors.push({ field: 'expectedReturnOn', message: '预计返回日期不能早于外出日期' });
  if (input.contactPhone) {
    const p = contactPhone(input.contactPhone);
    if (p.error) errors.push({ field: 'contactPhone', message: p.error });
  }
  return errors;
}

const migrantView = (m: { migrant: boolean; migrant_province: string | null; migrant_city: string | null; migrant_county: string | null }) => ({
  migrant: m.migrant, migrantProvince: m.migrant_province, migrantCity: m.migrant_city, migrantCounty: m.migrant_county,
});

const flowAuditView = (f: { flow_type: string; reason: string; dest_province: string; dest_city: string | null; dest_county: string | null; workplace: string | null; contact_name: string | null; contact_phone_masked: string | null; left_on: string; expected_return_on: string | null; returned_on: string | null }) => ({
  flowType: f.flow_type, reason: f.reason, destProvince: f.dest_province, destCity: f.dest_city, destCounty: f.dest_county, workplace: f.workplace,
  contactName: f.contact_name, contactPhone: f.contact_phone_masked, leftOn: f.left_on, expectedReturnOn: f.expected_return_on, returnedOn: f.returned_on,
});

function changes(before: Record<string, unknown>, after: Record<string, unknown>) {
  return Object.keys(after).filter((k) => before[k] !== after[k]).map((k) => ({ field: k, from: before[k] === null ? null : String(before[k]), to: after[k] === null ? null : String(after[k]) }));
}

export async function memberFlows(ctx: AppContext, actor: Actor, memberId: string) {
  await loadMember(ctx, actor, memberId, 'member.read');
  return { items: (await repo.flowsOfMember(ctx.db, memberId)).map(presentFlow) };
}

export async function recordOutFlow(ctx: AppContext, actor: Actor, memberId: string, input: FlowCreateInput): Promise<string> {
  const m = await loadMember(ctx, actor, memberId, 'member.write');
  const errors = validateFlow(input, today(ctx));
  if (errors.length) throw validationFailed(errors);
  const phone = input.contactPhone ? contactPhone(input.contactPhone).value : null;
  const now = ctx.now();
  const OPEN = () => conflict('flow.already_open', '该党员已有未结束的外出流动登记，请先登记返回后再登记新的外出');
  if (await repo.openFlowOf(ctx.db, memberId)) throw OPEN();
  return ctx.db.transaction().execute(async (trx) => {
    const flow = await trx.insertInto('member_flows').values({
      member_id: memberId, flow_type: input.flowType, reason: input.reason, dest_province: input.destProvince.trim(), dest_city: input.destCity.trim(),
      dest_county: input.destCounty?.trim() || null, workplace: input.workplace?.trim() || null, contact_name: input.contactName?.trim() || null,
      contact_phone_enc: phone ? ctx.crypto.encrypt(phone) : null, contact_phone_masked: phone ? maskPhone(phone) : null,
      left_on: input.leftOn, expected_return_on: input.expectedReturnOn ?? null, created_by: actor.accountId, created_at: now, updated_at: now,
    }).returningAll().executeTakeFirstOrThrow().catch((err: unknown) => {
      if ((err as { code?: string }).code === '23505') throw OPEN();
      throw err;
    });
    const updated = await memberCommands.setMigrantDestination(trx, memberId, { province: flow.dest_province, city: flow.dest_city, county: flow.dest_county }, now);
    await followAudit(trx, actor, m, updated, 'member.flow_out', now);
    await appendAudit(trx, { actorId: actor.accountId, actorName: actor.username, action: 'flow.create', entityType: 'member_flow', entityId: flow.id, orgPath: m.org_path, ip: actor.ip, after: { memberId, memberName: m.name, ...flowAuditView(flow) } }, now);
    return flow.id;
  });
}

/** Masks a mobile as members' phones are; a landline keeps its area code and last four digits. */
function maskPhone(phone: string): string {
  if (/^1\d{10}$/.test(phone)) return maskMobile(phone);
  return phone.replace(/\d(?=\d{4})/g, (d, i: number) => (i < 4 ? d : '*'));
}

type MemberFlags = Parameters<typeof migrantView>[0] & { id: string; name: string; org_path: string };

async function followAudit(trx: Transaction<DB>, actor: Actor, before: MemberFlags, after: MemberFlags, action: string, now: Date) {
  const b = migrantView(before);
  const a = migrantView(after);
  await memberRepo.recordChange(trx, { memberId: before.id, actorId: actor.accountId, actorName: actor.displayName, action, changes: changes(b, a), at: now });
  await appendAudit(trx, { actorId: actor.accountId, actorName: actor.username, action, entityType: 'member', entityId: before.id, orgPath: before.org_path, ip: actor.ip, before: b, after: a }, now);
}

export async function recordReturn(ctx: AppContext, actor: Actor, flowId: string, returnedOn: string): Promise<void> {
  const flow = await repo.findFlow(ctx.db, flowId);
  if (!flow) throw notFound('流动登记');
  const m = await loadMember(ctx, actor, flow.member_id, 'member.write');
  if (flow.returned_on) throw badRequest('flow.already_returned', '该次外出已登记返回');
  const errors: FieldError[] = [];
  if (returnedOn < flow.left_on) errors.push({ field: 'returnedOn', message: '返回日期不能早于外出日期' });
  errors.push(...datesAfterToday([['returnedOn', returnedOn, '返回日期']], today(ctx)));
  if (errors.length) throw validationFailed(errors);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const done = await trx.updateTable('member_flows').set({ returned_on: returnedOn, updated_at: now }).where('id', '=', flowId).where('returned_on', 'is', null).returningAll().executeTakeFirst();
    if (!done) throw badRequest('flow.already_returned', '该次外出已登记返回');
    const updated = await memberCommands.setMigrantDestination(trx, m.id, null, now);
    await followAudit(trx, actor, m, updated, 'member.flow_return', now);
    await appendAudit(trx, { actorId: actor.accountId, actorName: actor.username, action: 'flow.return', entityType: 'member_flow', entityId: flowId, orgPath: m.org_path, ip: actor.ip, before: { returnedOn: null }, after: { memberId: m.id, memberName: m.name, returnedOn } }, now);
  });
}

export async function getFlow(ctx: AppContext, actor: Actor, flowId: string): Promise<FlowView> {
  const flow = await repo.findFlow(ctx.db, flowId);
  if (!flow) throw notFound('流动登记');
  await loadMember(ctx, actor, flow.member_id, 'member.read');
  return presentFlow(flow);
}

export async function listFlows(ctx: AppContext, actor: Actor, q: FlowListQueryInput) {
  const subtree = await authorizedSubtree(ctx, actor, 'member.read', q.orgId);
  const limit = q.limit ?? 20;
  const { rows, total } = await repo.listFlows(ctx.db, { scope: scopePaths(actor, 'member.read'), subtree, type: q.type, open: q.open }, q.cursor, limit);
  return { items: rows.map(presentFlow), nextCursor: nextCursor(rows, limit), total };
}

// ——— online branch (网络党支部) ———

export async function onlineBranchOf(ctx: AppContext, memberId: string) {
  const r = await ctx.db.selectFrom('member_online_branches as ob').innerJoin('orgs as o', 'o.id', 'ob.org_id').select(['o.id', 'o.name']).where('ob.member_id', '=', memberId).executeTakeFirst();
  return { memberId, orgId: r?.id ?? null, orgName: r?.name ?? null };
}

/** Attaches a migrant member to an online branch; the home branch stays theirs. Needs write on the member and on the online branch. */
export async function attachOnlineBranch(ctx: AppContext, actor: Actor, memberId: string, orgId: string): Promise<void> {
  const m = await loadMember(ctx, actor, memberId, 'member.write');
  const org = await findOrg(ctx.db, orgId);
  if (!org) throw validationFailed([{ field: 'orgId', message: '网络党支部不存在' }]);
  authorize(actor, 'member.write', org.path);
  if (!org.is_online) throw validationFailed([{ field: 'orgId', message: '所选组织不是网络党支部' }]);
  if (org.status !== 'active') throw validationFailed([{ field: 'orgId', message: '该网络党支部已撤销' }]);
  if (!m.migrant) throw badRequest('flow.not_migrant', '只有流动党员可以加入网络党支部，请先登记外出流动');
  const before = await onlineBranchOf(ctx, memberId);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto('member_online_branches').values({ member_id: memberId, org_id: orgId, attached_at: now, attached_by: actor.accountId })
      .onConflict((oc) => oc.column('member_id').doUpdateSet({ org_id: orgId, attached_at: now, attached_by: actor.accountId })).execute();
    await memberRepo.recordChange(trx, { memberId, actorId: actor.accountId, actorName: actor.displayName, action: 'member.online_branch', changes: [{ field: 'onlineBranch', from: before.orgName, to: org.name }], at: now });
    await appendAudit(trx, { actorId: actor.accountId, actorName: actor.username, action: 'member.online_branch.attach', entityType: 'member', entityId: memberId, orgPath: m.org_path, ip: actor.ip, before: { onlineOrgId: before.orgId, onlineOrgName: before.orgName }, after: { onlineOrgId: org.id, onlineOrgName: org.name, onlineOrgPath: org.path } }, now);
  });
}

export async function detachOnlineBranch(ctx: AppContext, actor: Actor, memberId: string): Promise<void> {
  const m = await loadMember(ctx, actor, memberId, 'member.write');
  const before = await onlineBranchOf(ctx, memberId);
  if (!before.orgId) throw badRequest('flow.no_online_branch', '该党员未加入网络党支部');
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('member_online_branches').where('member_id', '=', memberId).execute();
    await memberRepo.recordChange(trx, { memberId, actorId: actor.accountId, actorName: actor.displayName, action: 'member.online_branch', changes: [{ field: 'onlineBranch', from: before.orgName, to: null }], at: now });
    await appendAudit(trx, { actorId: actor.accountId, actorName: actor.username, action: 'member.online_branch.detach', entityType: 'member', entityId: memberId, orgPath: m.org_path, ip: actor.ip, before: { onlineOrgId: before.orgId, onlineOrgName: before.orgName }, after: { onlineOrgId: null } }, now);
  });
}

// ——— organizational life and dues; the six-month alert ———

export async function recordActivity(ctx: AppContext, actor: Actor, memberId: string, input: { kind: 'life' | 'dues'; onDate: string; note?: string | null }) {
  const m = await loadMember(ctx, actor, memberId, 'member.write');
  const future = datesAfterToday([['onDate', input.onDate, '日期']], today(ctx));
  if (future.length) throw validationFailed(future);
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const a = await trx.insertInto('member_activities').values({ member_id: memberId, kind: input.kind, on_date: input.onDate, note: input.note?.trim() || null, created_by: actor.accountId, created_at: now }).returningAll().executeTakeFirstOrThrow();
    await appendAudit(trx, { actorId: actor.accountId, actorName: actor.username, action: `member.activity.${input.kind}`, entityType: 'member', entityId: memberId, orgPath: m.org_path, ip: actor.ip, after: { activityId: a.id, kind: a.kind, onDate: a.on_date, note: a.note } }, now);
    return { id: a.id, memberId, kind: a.kind, onDate: a.on_date, note: a.note };
  });
}

export const ALERT_MONTHS = 6;

export { monthsBetween };
/** `iso` minus `months` calendar months (the day clamped to the month's last). */
export const monthsBefore = (iso: string, months: number): string => addMonths(iso, -months);

export async function inactiveMembers(ctx: AppContext, actor: Actor, orgId: string | undefined) {
  const subtree = await authorizedSubtree(ctx, actor, 'member.read', orgId);
  const now = today(ctx);
  const rows = await repo.inactiveMembers(ctx.db, scopePaths(actor, 'member.read'), subtree, monthsBefore(now, ALERT_MONTHS));
  return {
    items: rows.map((r) => ({
      memberId: r.id, name: r.name, orgId: r.org_id, orgName: r.org_name, lastLifeOn: r.last_life_on, lastDuesOn: r.last_dues_on,
      monthsWithoutLife: monthsBetween(r.last_life_on ?? r.joined_on, now), monthsWithoutDues: monthsBetween(r.last_dues_on ?? r.joined_on, now),
    })),
  };
}
