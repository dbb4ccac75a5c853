/**
 * Contacts and rosters (issue 9, item 1): party posts, the village officials' roster, contact groups and SMS opt-outs.
 * Scoped like organizations (contact.read / contact.write over the row's organization), every write audited, phones
 * encrypted + blind-indexed + masked like members.mobile_*, and shown in clear only through platform/reveal.ts by the
 * row's home organization.
 */
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AppContext } from '../../platform/context.js';
import { authorize, scopePaths, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import { chinaToday } from '../../platform/china-time.js';
import { badRequest, conflict, forbidden, notFound, validationFailed, versionConflict, type FieldError } from '../../platform/errors.js';
import { maskMobile } from '../../platform/identity/mask.js';
import { nextCursor } from '../../platform/paging.js';
import { mayReveal } from '../../platform/reveal.js';
import { findOrg } from '../orgs/orgs.repository.js';
import { authorizedSubtree } from '../orgs/orgs.service.js';
import { findMember } from '../members/members.repository.js';
import { setOptOut } from './contacts.commands.js';
import { isCurrent, parseSmsMobile, termErrors } from './contacts.rules.js';
import * as repo from './contacts.repository.js';
import type {
  ContactGroupViewT, GroupCreateInput, GroupEntryInput, GroupListQueryInput, GroupUpdateInput, OfficialCreateInput, OfficialListQueryInput,
  OfficialUpdateInput, OptOutInput, PartyPositionViewT, PeopleQueryInput, PositionCreateInput, PositionListQueryInput, PositionUpdateInput,
  VillageOfficialViewT,
} from './contacts.schema.js';

const READ = 'contact.read' as const;
const WRITE = 'contact.write' as const;
type Perm = typeof READ | typeof WRITE;

export const today = (ctx: AppContext) => chinaToday(ctx.now());
const later = (now: Date, prev: Date) => new Date(Math.max(now.getTime(), prev.getTime() + 1));
const trimOrNull = (s: string | null | undefined) => (s?.trim() ? s.trim() : null);
const bool = (s: 'true' | 'false' | undefined) => (s === undefined ? undefined : s === 'true');

/** Chinese words of the enumerations (screens, errors, spreadsheets). */
export const POSITION_LABELS: Record<string, string> = {
  secretary: '书记', deputy_secretary: '副书记', organization_member: '组织委员', publicity_member: '宣传委员', discipline_member: '纪检委员',
  youth_member: '青年委员', united_front_member: '统战委员', secrecy_member: '保密委员', committee_member: '委员',
};
export const OFFICIAL_ROLE_LABELS: Record<string, string> = {
  two_committees: '村两委成员', college_graduate: '大学生村官', first_secretary: '驻村第一书记', reserve_cadre: '村级后备干部', grid_worker: '网格员', other: '其他',
};

export function phoneColumns(ctx: AppContext, mobile: string | null) {
  return {
    phone_enc: mobile ? ctx.crypto.encrypt(mobile) : null,
    phone_bidx: mobile ? ctx.crypto.blindIndex('mobile', mobile) : null,
    phone_masked: mobile ? maskMobile(mobile) : null,
  };
}

async function loadOrgFor(ctx: AppContext, actor: Actor, orgId: string, field = 'orgId') {
  const org = await findOrg(ctx.db, orgId);
  if (!org) throw validationFailed([{ field, message: '党组织不存在' }]);
  authorize(actor, WRITE, org.path);
  if (org.status !== 'active') throw validationFailed([{ field, message: '该党组织已撤销，不能登记' }]);
  return org;
}

function audit(trx: Transaction<DB>, actor: Actor, e: { action: string; entityType: string; entityId: string; orgPath: string; before?: unknown; after?: unknown }, now: Date) {
  return appendAudit(trx, { actorId: actor.accountId, actorName: actor.username, ip: actor.ip, ...e }, now);
}

// ——— party positions (党内职务) ———

export function presentPosition(r: repo.PositionRow, day: string): PartyPositionViewT {
  return {
    id: r.id, memberId: r.member_id, memberName: r.member_name, memberOrgId: r.member_org_id, memberOrgName: r.member_org_name,
    mobile: r.mobile_masked, optedOut: r.opted_out, departed: r.departed_on !== null, orgId: r.org_id, orgName: r.org_name,
    position: r.position, startedOn: r.started_on, endedOn: r.ended_on, current: isCurrent(r, day), note: r.note, updatedAt: r.updated_at.toISOString(),
  };
}
const positionAudit = (r: { member_id: string; org_id: string; position: string; started_on: string; ended_on: string | null; note: string | null }, memberName?: string) => ({
  memberId: r.member_id, memberName, orgId: r.org_id, position: r.position, startedOn: r.started_on, endedOn: r.ended_on, note: r.note,
});

export async function listPositions(ctx: AppContext, actor: Actor, q: PositionListQueryInput) {
  const subtree = await authorizedSubtree(ctx, actor, READ, q.orgId);
  const limit = q.limit ?? 20;
  const day = today(ctx);
  const { rows, total } = await repo.listPositions(ctx.db, {
    scope: scopePaths(actor, READ), subtree, position: q.position, status: q.status ?? 'current', today: day, optedOut: bool(q.optedOut), nameContains: q.q?.trim() || undefined,
  }, q.cursor, limit);
  return { items: rows.map((r) => presentPosition(r, day)), nextCursor: nextCursor(rows, limit), total };
}

export async function loadPosition(ctx: AppContext, actor: Actor, id: string, perm: Perm) {
  const p = await repo.findPosition(ctx.db, id);
  if (!p) throw notFound('任职记录');
  authorize(actor, perm, p.org_path);
  return p;
}

/** The rules of a post beside its cells: the member belongs to the organization (or below it), dates sane. */
async function positionMember(ctx: AppContext, memberId: string, org: { path: string; name: string }) {
  const m = await findMember(ctx.db, memberId);
  if (!m) throw validationFailed([{ field: 'memberId', message: '党员不存在' }]);
  if (m.departed_on) throw validationFailed([{ field: 'memberId', message: `该党员已于${m.departed_on}转出本省，不能登记任职` }]);
  if (!m.org_path.startsWith(org.path)) throw validationFailed([{ field: 'memberId', message: `该党员不是“${org.name}”或其下级党组织的党员，不能在此任职` }]);
  return m;
}

export const secretaryTakenMessage = (orgName: string, holder: string) => `“${orgName}”已有现任书记${holder}，一个党组织只能有一名现任书记；请先为其填写离任时间`;

/** The one-secretary and no-duplicate rules, under the organization's lock, in the writing transaction. */
async function checkPositionRules(trx: Transaction<DB>, p: { memberId: string; orgId: string; orgName: string; position: string; startedOn: string; endedOn: string | null }, day: string, exceptId?: string) {
  await repo.lockOrgPositions(trx, p.orgId);
  if (!isCurrent({ started_on: p.startedOn, ended_on: p.endedOn }, day)) return;
  if (p.position === 'secretary') {
    const others = await repo.currentSecretaries(trx, p.orgId, day, exceptId);
    if (others.length > 0) throw conflict('contact.secretary_taken', secretaryTakenMessage(p.orgName, others[0].name));
  }
  if ((await repo.samePositions(trx, p.memberId, p.orgId, p.position, day, exceptId)).length > 0) {
    throw conflict('contact.position_duplicate', `该党员已在“${p.orgName}”担任${POSITION_LABELS[p.position]}，请勿重复登记`);
  }
}

export async function createPosition(ctx: AppContext, actor: Actor, input: PositionCreateInput): Promise<string> {
  const org = await loadOrgFor(ctx, actor, input.orgId);
  const m = await positionMember(ctx, input.memberId, org);
  const day = today(ctx);
  const endedOn = input.endedOn ?? null;
  const errors = termErrors(input.startedOn, endedOn, day);
  if (errors.length) throw validationFailed(errors);
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    await checkPositionRules(trx, { memberId: m.id, orgId: org.id, orgName: org.name, position: input.position, startedOn: input.startedOn, endedOn }, day);
    const row = await trx.insertInto('party_positions').values({
      member_id: m.id, org_id: org.id, position: input.position, started_on: input.startedOn, ended_on: endedOn, note: trimOrNull(input.note), created_at: now, updated_at: now,
    }).returningAll().executeTakeFirstOrThrow();
    await audit(trx, actor, { action: 'contact.position.create', entityType: 'party_position', entityId: row.id, orgPath: org.path, after: positionAudit(row, m.name) }, now);
    return row.id;
  });
}

export async function updatePosition(ctx: AppContext, actor: Actor, id: string, input: PositionUpdateInput): Promise<void> {
  const p = await loadPosition(ctx, actor, id, WRITE);
  const day = today(ctx);
  const next = {
    position: input.position ?? p.position, startedOn: input.startedOn ?? p.started_on,
    endedOn: input.endedOn !== undefined ? input.endedOn : p.ended_on, note: input.note !== undefined ? trimOrNull(input.note) : p.note,
  };
  const errors = termErrors(next.startedOn, next.endedOn, day);
  if (errors.length) throw validationFailed(errors);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    await checkPositionRules(trx, { memberId: p.member_id, orgId: p.org_id, orgName: p.org_name, ...next }, day, id);
    const locked = await trx.selectFrom('party_positions').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!locked) throw notFound('任职记录');
    if (locked.updated_at.toISOString() !== input.updatedAt) throw versionConflict();
    const updated = await trx.updateTable('party_positions').set({
      position: next.position, started_on: next.startedOn, ended_on: next.endedOn, note: next.note, updated_at: later(now, locked.updated_at),
    }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    await audit(trx, actor, { action: 'contact.position.update', entityType: 'party_position', entityId: id, orgPath: p.org_path, before: positionAudit(locked, p.member_name), after: positionAudit(updated, p.member_name) }, now);
  });
}

/** Removes a post recorded by mistake (a post that ended is given its end date instead). */
export async function deletePosition(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  const p = await loadPosition(ctx, actor, id, WRITE);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const gone = await trx.deleteFrom('party_positions').where('id', '=', id).returningAll().executeTakeFirst();
    if (!gone) throw notFound('任职记录');
    await audit(trx, actor, { action: 'contact.position.delete', entityType: 'party_position', entityId: id, orgPath: p.org_path, before: positionAudit(gone, p.member_name) }, now);
  });
}

// ——— village officials (村干部名册) ———

export function presentOfficial(r: repo.OfficialRow, day: string, canReveal: boolean): VillageOfficialViewT {
  return {
    id: r.id, orgId: r.org_id, orgName: r.org_name, name: r.name, role: r.role, title: r.title, memberId: r.member_id, phone: r.phone_masked,
    optedOut: r.opted_out, gender: r.gender, startedOn: r.started_on, endedOn: r.ended_on, current: isCurrent(r, day), note: r.note, canReveal,
    updatedAt: r.updated_at.toISOString(),
  };
}
const officialAudit = (r: { org_id: string; name: string; role: string; title: string | null; member_id: string | null; phone_masked: string | null; gender: string | null; started_on: string; ended_on: string | null; note: string | null }) => ({
  orgId: r.org_id, name: r.name, role: r.role, title: r.title, memberId: r.member_id, phone: r.phone_masked, gender: r.gender, startedOn: r.started_on, endedOn: r.ended_on, note: r.note,
});

export async function listOfficials(ctx: AppContext, actor: Actor, q: OfficialListQueryInput) {
  const subtree = await authorizedSubtree(ctx, actor, READ, q.orgId);
  const limit = q.limit ?? 20;
  const day = today(ctx);
  const { rows, total } = await repo.listOfficials(ctx.db, {
    scope: scopePaths(actor, READ), subtree, role: q.role, status: q.status ?? 'current', today: day, optedOut: bool(q.optedOut), nameContains: q.q?.trim() || undefined,
  }, q.cursor, limit);
  return { items: rows.map((r) => presentOfficial(r, day, mayReveal(actor, r.org_path))), nextCursor: nextCursor(rows, limit), total };
}

export async function loadOfficial(ctx: AppContext, actor: Actor, id: string, perm: Perm) {
  const v = await repo.findOfficial(ctx.db, id);
  if (!v) throw notFound('村干部');
  authorize(actor, perm, v.org_path);
  return v;
}

/** 村干部 are registered under a village's organization: a rural grassroots organization. */
export const VILLAGE_ORG_MESSAGE = '村干部应登记在村级党组织（农村基层党组织）下，请选择所在村的党组织';
export const isVillageOrg = (o: { level: string; sector: string }) => o.level === 'grassroots' && o.sector === 'rural';

async function officialMember(ctx: AppContext, actor: Actor, memberId: string | null | undefined) {
  if (!memberId) return null;
  const m = await findMember(ctx.db, memberId);
  if (!m) throw validationFailed([{ field: 'memberId', message: '党员不存在' }]);
  authorize(actor, READ, m.org_path);
  if (m.departed_on) throw validationFailed([{ field: 'memberId', message: `该党员已于${m.departed_on}转出本省` }]);
  return m;
}

export async function createOfficial(ctx: AppContext, actor: Actor, input: OfficialCreateInput): Promise<string> {
  const org = await loadOrgFor(ctx, actor, input.orgId);
  if (!isVillageOrg(org)) throw validationFailed([{ field: 'orgId', message: VILLAGE_ORG_MESSAGE }]);
  const member = await officialMember(ctx, actor, input.memberId);
  const day = today(ctx);
  const phone = parseSmsMobile(input.phone ?? '');
  const errors = [...termErrors(input.startedOn, input.endedOn ?? null, day), ...(phone.error ? [phone.error] : [])];
  if (errors.length) throw validationFailed(errors);
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx.insertInto('village_officials').values({
      org_id: org.id, name: input.name.trim(), role: input.role, title: trimOrNull(input.title), member_id: member?.id ?? null, ...phoneColumns(ctx, phone.value),
      gender: input.gender ?? null, started_on: input.startedOn, ended_on: input.endedOn ?? null, note: trimOrNull(input.note), created_at: now, updated_at: now,
    }).returningAll().executeTakeFirstOrThrow();
    await audit(trx, actor, { action: 'contact.official.create', entityType: 'village_official', entityId: row.id, orgPath: org.path, after: officialAudit(row) }, now);
    return row.id;
  });
}

export async function updateOfficial(ctx: AppContext, actor: Actor, id: string, input: OfficialUpdateInput): Promise<void> {
  const v = await loadOfficial(ctx, actor, id, WRITE);
  const member = input.memberId !== undefined ? await officialMember(ctx, actor, input.memberId) : undefined;
  const day = today(ctx);
  const phone = input.phone !== undefined ? parseSmsMobile(input.phone ?? '') : undefined;
  const startedOn = input.startedOn ?? v.started_on;
  const endedOn = input.endedOn !== undefined ? input.endedOn : v.ended_on;
  const errors = [...termErrors(startedOn, endedOn, day), ...(phone?.error ? [phone.error] : [])];
  if (errors.length) throw validationFailed(errors);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const locked = await trx.selectFrom('village_officials').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!locked) throw notFound('村干部');
    if (locked.updated_at.toISOString() !== input.updatedAt) throw versionConflict();
    const updated = await trx.updateTable('village_officials').set({
      ...(input.name !== undefined && { name: input.name.trim() }),
      ...(input.role !== undefined && { role: input.role }),
      ...(input.title !== undefined && { title: trimOrNull(input.title) }),
      ...(member !== undefined && { member_id: member?.id ?? null }),
      ...(phone !== undefined && phoneColumns(ctx, phone.value)),
      ...(input.gender !== undefined && { gender: input.gender }),
      ...(input.note !== undefined && { note: trimOrNull(input.note) }),
      started_on: startedOn, ended_on: endedOn, updated_at: later(now, locked.updated_at),
    }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    await audit(trx, actor, { action: 'contact.official.update', entityType: 'village_official', entityId: id, orgPath: v.org_path, before: officialAudit(locked), after: officialAudit(updated) }, now);
  });
}

/** Removes an official recorded by mistake (with their group entries); one who left office is given an end date instead. */
export async function deleteOfficial(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  const v = await loadOfficial(ctx, actor, id, WRITE);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const gone = await trx.deleteFrom('village_officials').where('id', '=', id).returningAll().executeTakeFirst();
    if (!gone) throw notFound('村干部');
    await audit(trx, actor, { action: 'contact.official.delete', entityType: 'village_official', entityId: id, orgPath: v.org_path, before: officialAudit(gone) }, now);
  });
}

/** The phone in clear for an actor the reveal rule allows over the row's home organization (the village); audited. */
async function revealPhone(ctx: AppContext, actor: Actor, row: { enc: Buffer | null; masked: string | null; homePath: string; entityType: string; entityId: string; name: string }): Promise<string> {
  if (!mayReveal(actor, row.homePath)) throw forbidden('forbidden.reveal', '您无权查看该联系人的完整手机号码');
  if (!row.enc) throw badRequest('contact.no_phone', '该联系人未登记手机号码');
  const phone = ctx.crypto.decrypt(row.enc);
  await ctx.db.transaction().execute((trx) => audit(trx, actor, {
    action: 'contact.reveal', entityType: row.entityType, entityId: row.entityId, orgPath: row.homePath, after: { field: 'phone', name: row.name, masked: row.masked },
  }, ctx.now()));
  return phone;
}

export async function revealOfficialPhone(ctx: AppContext, actor: Actor, id: string): Promise<string> {
  const v = await loadOfficial(ctx, actor, id, READ);
  return revealPhone(ctx, actor, { enc: v.phone_enc, masked: v.phone_masked, homePath: v.org_path, entityType: 'village_official', entityId: v.id, name: v.name });
}

// ——— contact groups (联系人分组) ———

export function presentGroup(g: repo.GroupRow): ContactGroupViewT {
  return { id: g.id, orgId: g.org_id, orgName: g.org_name, name: g.name, description: g.description, entries: g.entries, updatedAt: g.updated_at.toISOString() };
}

export async function listGroups(ctx: AppContext, actor: Actor, q: GroupListQueryInput) {
  const subtree = await authorizedSubtree(ctx, actor, READ, q.orgId);
  const limit = q.limit ?? 20;
  const { rows, total } = await repo.listGroups(ctx.db, { scope: scopePaths(actor, READ), subtree, nameContains: q.q?.trim() || undefined }, q.cursor, limit);
  return { items: rows.map(presentGroup), nextCursor: nextCursor(rows, limit), total };
}

export async function loadGroup(ctx: AppContext, actor: Actor, id: string, perm: Perm) {
  const g = await repo.findGroup(ctx.db, id);
  if (!g) throw notFound('联系人分组');
  authorize(actor, perm, g.org_path);
  return g;
}

const groupNameTaken = (orgName: string) => conflict('contact.group_duplicate_name', `“${orgName}”下已有同名分组，请换一个名称`);
const isUniqueViolation = (err: unknown) => (err as { code?: string }).code === '23505';

export async function createGroup(ctx: AppContext, actor: Actor, input: GroupCreateInput): Promise<string> {
  const org = await loadOrgFor(ctx, actor, input.orgId);
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const g = await trx.insertInto('contact_groups').values({
      org_id: org.id, name: input.name.trim(), description: trimOrNull(input.description), created_by: actor.accountId, created_at: now, updated_at: now,
    }).returningAll().executeTakeFirstOrThrow();
    await audit(trx, actor, { action: 'contact.group.create', entityType: 'contact_group', entityId: g.id, orgPath: org.path, after: { name: g.name, description: g.description, orgId: org.id } }, now);
    return g.id;
  }).catch((err) => { throw isUniqueViolation(err) ? groupNameTaken(org.name) : err; });
}

export async function updateGroup(ctx: AppContext, actor: Actor, id: string, input: GroupUpdateInput): Promise<void> {
  const g = await loadGroup(ctx, actor, id, WRITE);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const locked = await trx.selectFrom('contact_groups').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!locked) throw notFound('联系人分组');
    if (locked.updated_at.toISOString() !== input.updatedAt) throw versionConflict();
    const updated = await trx.updateTable('contact_groups').set({
      ...(input.name !== undefined && { name: input.name.trim() }),
      ...(input.description !== undefined && { description: trimOrNull(input.description) }),
      updated_at: later(now, locked.updated_at),
    }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    await audit(trx, actor, { action: 'contact.group.update', entityType: 'contact_group', entityId: id, orgPath: g.org_path, before: { name: locked.name, description: locked.description }, after: { name: updated.name, description: updated.description } }, now);
  }).catch((err) => { throw isUniqueViolation(err) ? groupNameTaken(g.org_name) : err; });
}

export async function deleteGroup(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  const g = await loadGroup(ctx, actor, id, WRITE);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const gone = await trx.deleteFrom('contact_groups').where('id', '=', id).returningAll().executeTakeFirst();
    if (!gone) throw notFound('联系人分组');
    await audit(trx, actor, { action: 'contact.group.delete', entityType: 'contact_group', entityId: id, orgPath: g.org_path, before: { name: gone.name, description: gone.description, entries: g.entries } }, now);
  });
}

export function presentEntry(e: repo.EntryRow) {
  return {
    id: e.id, kind: e.member_id ? 'member' as const : e.official_id ? 'official' as const : 'contact' as const, memberId: e.member_id, officialId: e.official_id,
    name: e.name, orgId: e.home_org_id, orgName: e.home_org_name, phone: e.phone_masked, optedOut: e.opted_out, inactive: e.inactive, note: e.note,
  };
}

export async function listEntries(ctx: AppContext, actor: Actor, groupId: string, q: { cursor?: string; limit?: number }) {
  await loadGroup(ctx, actor, groupId, READ);
  const limit = q.limit ?? 20;
  const { rows, total } = await repo.listEntries(ctx.db, groupId, today(ctx), q.cursor, limit);
  return { items: rows.map(presentEntry), nextCursor: nextCursor(rows, limit), total };
}

export async function addEntry(ctx: AppContext, actor: Actor, groupId: string, input: GroupEntryInput): Promise<string> {
  const g = await loadGroup(ctx, actor, groupId, WRITE);
  const given = [input.memberId !== undefined, input.officialId !== undefined, input.name !== undefined || input.phone !== undefined].filter(Boolean).length;
  if (given !== 1) throw validationFailed([{ field: 'memberId', message: '请选择一名党员或村干部，或填写姓名和手机号码（三者选其一）' }]);
  const outside = `不属于“${g.org_name}”及其下级党组织，不能加入该分组`;
  let values: { member_id?: string; official_id?: string; name?: string; phone_enc?: Buffer | null; phone_bidx?: string | null; phone_masked?: string | null };
  let label: string;
  if (input.memberId !== undefined) {
    const m = await findMember(ctx.db, input.memberId);
    if (!m) throw validationFailed([{ field: 'memberId', message: '党员不存在' }]);
    if (m.departed_on) throw validationFailed([{ field: 'memberId', message: `该党员已于${m.departed_on}转出本省` }]);
    if (!m.org_path.startsWith(g.org_path)) throw validationFailed([{ field: 'memberId', message: `该党员${outside}` }]);
    values = { member_id: m.id };
    label = m.name;
  } else if (input.officialId !== undefined) {
    const v = await repo.findOfficial(ctx.db, input.officialId);
    if (!v) throw validationFailed([{ field: 'officialId', message: '村干部不存在' }]);
    if (!v.org_path.startsWith(g.org_path)) throw validationFailed([{ field: 'officialId', message: `该村干部${outside}` }]);
    values = { official_id: v.id };
    label = v.name;
  } else {
    const errors: FieldError[] = [];
    if (!input.name?.trim()) errors.push({ field: 'name', message: '请填写姓名' });
    const phone = parseSmsMobile(input.phone ?? '');
    if (phone.error) errors.push(phone.error);
    else if (!phone.value) errors.push({ field: 'phone', message: '请填写手机号码' });
    if (errors.length) throw validationFailed(errors);
    values = { name: input.name!.trim(), ...phoneColumns(ctx, phone.value) };
    label = input.name!.trim();
  }
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const e = await trx.insertInto('contact_group_entries').values({ group_id: g.id, ...values, note: trimOrNull(input.note), created_at: now }).returning('id').executeTakeFirstOrThrow();
    await trx.updateTable('contact_groups').set({ updated_at: later(now, g.updated_at) }).where('id', '=', g.id).execute();
    await audit(trx, actor, {
      action: 'contact.group.entry_add', entityType: 'contact_group', entityId: g.id, orgPath: g.org_path,
      after: { entryId: e.id, memberId: values.member_id ?? null, officialId: values.official_id ?? null, name: label, phone: values.phone_masked ?? null },
    }, now);
    return e.id;
  }).catch((err) => { throw isUniqueViolation(err) ? conflict('contact.entry_duplicate', `${label}已在该分组中`) : err; });
}

export async function removeEntry(ctx: AppContext, actor: Actor, groupId: string, entryId: string): Promise<void> {
  const g = await loadGroup(ctx, actor, groupId, WRITE);
  const e = await repo.findEntry(ctx.db, groupId, entryId, today(ctx));
  if (!e) throw notFound('分组成员');
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('contact_group_entries').where('id', '=', entryId).where('group_id', '=', groupId).execute();
    await trx.updateTable('contact_groups').set({ updated_at: later(now, g.updated_at) }).where('id', '=', g.id).execute();
    await audit(trx, actor, { action: 'contact.group.entry_remove', entityType: 'contact_group', entityId: g.id, orgPath: g.org_path, before: { entryId, name: e.name, phone: e.phone_masked } }, now);
  });
}

/** An entry's phone in clear: a person outside the rolls belongs to the group's owner organization (their home). */
export async function revealEntryPhone(ctx: AppContext, actor: Actor, groupId: string, entryId: string): Promise<string> {
  await loadGroup(ctx, actor, groupId, READ);
  const e = await repo.findEntry(ctx.db, groupId, entryId, today(ctx));
  if (!e) throw notFound('分组成员');
  if (e.member_id) {
    const m = await findMember(ctx.db, e.member_id);
    return revealPhone(ctx, actor, { enc: m?.mobile_enc ?? null, masked: e.phone_masked, homePath: e.home_org_path, entityType: 'member', entityId: e.member_id, name: e.name });
  }
  if (e.official_id) {
    const v = await repo.findOfficial(ctx.db, e.official_id);
    return revealPhone(ctx, actor, { enc: v?.phone_enc ?? null, masked: e.phone_masked, homePath: e.home_org_path, entityType: 'village_official', entityId: e.official_id, name: e.name });
  }
  return revealPhone(ctx, actor, { enc: e.phone_enc, masked: e.phone_masked, homePath: e.home_org_path, entityType: 'contact_group', entityId: groupId, name: e.name });
}

// ——— the people picker and opt-out ———

export async function searchPeople(ctx: AppContext, actor: Actor, q: PeopleQueryInput) {
  const subtree = await authorizedSubtree(ctx, actor, READ, q.orgId);
  const limit = q.limit ?? 20;
  const { members, officials } = await repo.searchPeople(ctx.db, { scope: scopePaths(actor, READ), subtree, q: q.q.trim(), kind: q.kind, limit, today: today(ctx) });
  return {
    items: [
      ...members.map((m) => ({ kind: 'member' as const, id: m.id, name: m.name, orgId: m.org_id, orgName: m.org_name, phone: m.phone, optedOut: m.opted_out })),
      ...officials.map((v) => ({ kind: 'official' as const, id: v.id, name: v.name, orgId: v.org_id, orgName: v.org_name, phone: v.phone_masked, optedOut: v.opted_out })),
    ].slice(0, limit),
  };
}

/** Staff set or clear a person's SMS refusal (by the person's phone), with the reason; contact.write over their home organization. */
export async function setOptOutByStaff(ctx: AppContext, actor: Actor, input: OptOutInput): Promise<{ optedOut: boolean; changed: boolean }> {
  let person: { bidx: string | null; masked: string | null; path: string };
  if (input.kind === 'member') {
    const m = await findMember(ctx.db, input.id);
    if (!m) throw notFound('党员');
    person = { bidx: m.mobile_bidx, masked: m.mobile_masked, path: m.org_path };
  } else if (input.kind === 'official') {
    const v = await repo.findOfficial(ctx.db, input.id);
    if (!v) throw notFound('村干部');
    person = { bidx: v.phone_bidx, masked: v.phone_masked, path: v.org_path };
  } else {
    const e = await ctx.db.selectFrom('contact_group_entries as e').innerJoin('contact_groups as g', 'g.id', 'e.group_id').innerJoin('orgs as o', 'o.id', 'g.org_id')
      .select(['e.phone_bidx', 'e.phone_masked', 'o.path']).where('e.id', '=', input.id).executeTakeFirst();
    if (!e) throw notFound('联系人');
    person = { bidx: e.phone_bidx, masked: e.phone_masked, path: e.path };
  }
  authorize(actor, WRITE, person.path);
  if (!person.bidx) throw badRequest('contact.no_phone', '该联系人未登记手机号码');
  const { changed } = await setOptOut(ctx, { phoneBidx: person.bidx, optedOut: input.optedOut, via: 'staff', actor, note: input.reason, phoneMasked: person.masked, orgPath: person.path });
  return { optedOut: input.optedOut, changed };
}
