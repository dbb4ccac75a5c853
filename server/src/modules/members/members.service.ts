/**
 * Member records (F-02): personal data encrypted at rest with a blind index for exact lookup,
 * masked in every response; a reveal is a separate, audited request.
 */
import type { AppContext } from '../../platform/context.js';
import { authorizedSubtree } from '../orgs/orgs.service.js';
import { nextCursor } from '../../platform/paging.js';
import type { MemberRow, NewMember } from '../../db/schema.js';
import { authorize, can, scopePaths, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import { mayReveal } from '../../platform/reveal.js';
import { chinaToday } from '../../platform/china-time.js';
import { badRequest, conflict, forbidden, notFound, validationFailed, versionConflict } from '../../platform/errors.js';
import { normalizeIdNumber } from '../../platform/identity/id-number.js';
import { normalizeMobile } from '../../platform/identity/phone.js';
import { maskIdNumber, maskMobile } from '../../platform/identity/mask.js';
import { findOrg } from '../orgs/orgs.repository.js';
import { isBranchType } from '../orgs/orgs.schema.js';
import * as repo from './members.repository.js';
import { duplicateIdNumberError, registeredIdNumbers } from './members.duplicates.js';
import { validateMember, type MemberFacts } from './members.validation.js';
import type { MemberCreateInput, MemberDetailView, MemberListQueryInput, MemberSummaryView, MemberUpdateInput } from './members.schema.js';

const today = (ctx: AppContext) => chinaToday(ctx.now());

export function presentSummary(m: repo.MemberWithOrg): MemberSummaryView {
  return {
    id: m.id, name: m.name, gender: m.gender, birthDate: m.birth_date, category: m.category, standing: m.standing,
    orgId: m.org_id, orgName: m.org_name, idNumber: m.id_number_masked, mobile: m.mobile_masked, education: m.education,
    joinedOn: m.joined_on, migrant: m.migrant, lostContact: m.lost_contact, departedOn: m.departed_on, departure: m.departure,
  };
}

export function presentDetail(m: repo.MemberWithOrg, canReveal: boolean): MemberDetailView {
  return {
    ...presentSummary(m),
    ethnicity: m.ethnicity, idType: m.id_type, fullOn: m.full_on, job: m.job, landline: m.landline, address: m.address,
    lostContactOn: m.lost_contact_on, migrantProvince: m.migrant_province, migrantCity: m.migrant_city, migrantCounty: m.migrant_county,
    version: m.version, createdAt: m.created_at.toISOString(), updatedAt: m.updated_at.toISOString(), canReveal,
  };
}

/** The record as the audit log and change history keep it: personal data only in masked form. */
function auditView(m: MemberRow): Record<string, string | boolean | null> {
  return {
    name: m.name, gender: m.gender, ethnicity: m.ethnicity, birthDate: m.birth_date, idType: m.id_type, idNumber: m.id_number_masked,
    education: m.education, category: m.category, joinedOn: m.joined_on, fullOn: m.full_on, standing: m.standing, job: m.job,
    mobile: m.mobile_masked, landline: m.landline, address: m.address, lostContact: m.lost_contact, lostContactOn: m.lost_contact_on,
    migrant: m.migrant, migrantProvince: m.migrant_province, migrantCity: m.migrant_city, migrantCounty: m.migrant_county, orgId: m.org_id,
  };
}

function diff(before: Record<string, unknown> | null, after: Record<string, unknown>) {
  return Object.keys(after)
    .filter((k) => !before || before[k] !== after[k])
    .map((k) => ({ field: k, from: before && before[k] !== null ? String(before[k]) : null, to: after[k] === null ? null : String(after[k]) }));
}

export async function listMembers(ctx: AppContext, actor: Actor, q: MemberListQueryInput) {
  const subtree = await authorizedSubtree(ctx, actor, 'member.read', q.orgId);
  const limit = q.limit ?? 20;
  const { rows, total } = await repo.listMembers(ctx.db, {
    scope: scopePaths(actor, 'member.read'),
    subtree,
    nameContains: q.q?.trim() || undefined,
    mobileBidx: q.phone?.trim() ? ctx.crypto.blindIndex('mobile', normalizeMobile(q.phone)) : undefined,
    idNumberBidx: q.idNumber?.trim() ? ctx.crypto.blindIndex('id_number', normalizeIdNumber(q.idNumber)) : undefined,
    category: q.category, standing: q.standing, gender: q.gender, migrant: q.migrant, lostContact: q.lostContact, departedOnly: q.departed === true,
    countsVersion: actor.countsVersion,
  }, q.cursor, limit, { total: !q.cursor });
  return { items: rows.map(presentSummary), nextCursor: nextCursor(rows, limit), ...(q.cursor ? {} : { total }) };
}

export async function loadMember(ctx: AppContext, actor: Actor, id: string, perm: 'member.read' | 'member.write' | 'member.reveal') {
  const m = await repo.findMember(ctx.db, id);
  if (!m) throw notFound('党员');
  // Reading also reaches members attached to an online branch in the actor's scope; writes stay with the home branch.
  if (perm === 'member.read' && !can(actor, perm, m.org_path)) {
    const online = await repo.onlineBranchPath(ctx.db, id);
    if (online && can(actor, perm, online)) return m;
  }
  authorize(actor, perm, m.org_path);
  // 已转出: the record is kept as it was; no module may write to it any more (flows, activities, online branch, edits).
  if (perm === 'member.write' && m.departed_on) throw conflict('member.departed', `该党员已于${m.departed_on}转出本省，档案不能再修改`);
  return m;
}

export async function getMember(ctx: AppContext, actor: Actor, id: string): Promise<MemberDetailView> {
  const m = await loadMember(ctx, actor, id, 'member.read');
  return presentDetail(m, mayReveal(actor, m.org_path));
}

async function loadBranch(ctx: AppContext, actor: Actor, orgId: string) {
  const org = await findOrg(ctx.db, orgId);
  if (!org) throw validationFailed([{ field: 'orgId', message: '所属党组织不存在' }]);
  authorize(actor, 'member.write', org.path);
  if (!isBranchType(org.type)) throw validationFailed([{ field: 'orgId', message: '党员应编入党支部（或党总支），请选择基层党支部' }]);
  if (org.status !== 'active') throw validationFailed([{ field: 'orgId', message: '该党组织已撤销，不能编入党员' }]);
  return org;
}

/** Encrypted, indexed and masked columns for the two personal-data fields. */
function sensitiveColumns(ctx: AppContext, idNumber: string | undefined, mobile: string | null | undefined): Partial<NewMember> {
  const out: Partial<NewMember> = {};
  if (idNumber !== undefined) {
    out.id_number_enc = ctx.crypto.encrypt(idNumber);
    out.id_number_bidx = ctx.crypto.blindIndex('id_number', idNumber);
    out.id_number_masked = maskIdNumber(idNumber);
  }
  if (mobile !== undefined) {
    out.mobile_enc = mobile ? ctx.crypto.encrypt(mobile) : null;
    out.mobile_bidx = mobile ? ctx.crypto.blindIndex('mobile', mobile) : null;
    out.mobile_masked = mobile ? maskMobile(mobile) : null;
  }
  return out;
}

/**
 * Registering (or changing a record to) an ID number that is already registered: named only when the caller can read
 * the existing record, otherwise one neutral, audited refusal (members.duplicates.ts). `null` when the number is free.
 */
async function duplicateIdNumber(ctx: AppContext, actor: Actor, sensitive: Partial<NewMember>, org: { id: string; path: string }, via: 'create' | 'update', memberId?: string) {
  const existing = (await registeredIdNumbers(ctx.db, actor, [sensitive.id_number_bidx!])).get(sensitive.id_number_bidx!);
  if (!existing) return null;
  return duplicateIdNumberError(ctx.db, actor, existing, { idNumberMasked: sensitive.id_number_masked!, orgId: org.id, orgPath: org.path, via, memberId }, ctx.now());
}

export async function createMember(ctx: AppContext, actor: Actor, input: MemberCreateInput): Promise<string> {
  const org = await loadBranch(ctx, actor, input.orgId);
  const idNumber = input.idType === 'resident_id' ? normalizeIdNumber(input.idNumber) : input.idNumber.trim();
  const mobile = input.mobile ? normalizeMobile(input.mobile) : null;
  const facts: MemberFacts = {
    name: input.name, gender: input.gender, birthDate: input.birthDate, idType: input.idType, idNumber, category: input.category,
    joinedOn: input.joinedOn, fullOn: input.fullOn ?? null, mobile, landline: input.landline ?? null,
    lostContact: input.lostContact ?? false, lostContactOn: input.lostContactOn ?? null, migrant: input.migrant ?? false, migrantProvince: input.migrantProvince ?? null,
  };
  const errors = validateMember(facts, today(ctx));
  if (errors.length) throw validationFailed(errors);
  const sensitive = sensitiveColumns(ctx, idNumber, mobile);
  const duplicate = await duplicateIdNumber(ctx, actor, sensitive, org, 'create');
  if (duplicate) throw duplicate;
  const now = ctx.now();
  // A unique violation: registered by someone else between the check above and the insert (handled after the rollback).
  return ctx.db.transaction().execute(async (trx) => {
    const id = await repo.insertMember(trx, {
      org_id: org.id, org_path: org.path, name: input.name.trim(), gender: input.gender, ethnicity: input.ethnicity.trim(), birth_date: input.birthDate,
      id_type: input.idType, education: input.education, category: input.category, joined_on: input.joinedOn, full_on: input.fullOn ?? null,
      standing: input.standing ?? 'normal', job: input.job ?? null, landline: input.landline ?? null, address: input.address ?? null,
      lost_contact: facts.lostContact, lost_contact_on: facts.lostContact ? facts.lostContactOn : null,
      migrant: facts.migrant, migrant_province: facts.migrant ? input.migrantProvince ?? null : null,
      migrant_city: facts.migrant ? input.migrantCity ?? null : null, migrant_county: facts.migrant ? input.migrantCounty ?? null : null,
      created_at: now, updated_at: now,
      ...(sensitive as Required<Pick<NewMember, 'id_number_enc' | 'id_number_bidx' | 'id_number_masked'>>),
    });
    const row = (await repo.findMember(trx, id))!;
    const after = auditView(row);
    await repo.recordChange(trx, { memberId: id, actorId: actor.accountId, actorName: actor.displayName, action: 'member.create', changes: diff(null, after), at: now });
    await appendAudit(trx, { actorId: actor.accountId, actorName: actor.username, action: 'member.create', entityType: 'member', entityId: id, orgPath: org.path, ip: actor.ip, after }, now);
    return id;
  }).catch(async (err) => {
    if (isUniqueViolation(err)) throw (await duplicateIdNumber(ctx, actor, sensitive, org, 'create')) ?? err;
    throw err;
  });
}

const isUniqueViolation = (err: unknown) => (err as { code?: string }).code === '23505';

export async function updateMember(ctx: AppContext, actor: Actor, id: string, input: MemberUpdateInput): Promise<void> {
  const m = await loadMember(ctx, actor, id, 'member.write');
  if (m.version !== input.version) throw versionConflict();
  const idType = input.idType ?? m.id_type;
  const idNumber = input.idNumber === undefined ? undefined : idType === 'resident_id' ? normalizeIdNumber(input.idNumber) : input.idNumber.trim();
  const mobile = input.mobile === undefined ? undefined : input.mobile ? normalizeMobile(input.mobile) : null;
  const pick = <T>(v: T | undefined, old: T) => (v === undefined ? old : v);
  // Changing birth date, gender or ID type must re-check the stored ID number too.
  const recheckId = idNumber !== undefined || input.birthDate !== undefined || input.gender !== undefined || input.idType !== undefined;
  const facts: MemberFacts = {
    name: pick(input.name, m.name), gender: pick(input.gender, m.gender), birthDate: pick(input.birthDate, m.birth_date), idType,
    idNumber: recheckId ? idNumber ?? ctx.crypto.decrypt(m.id_number_enc) : null,
    category: pick(input.category, m.category), joinedOn: pick(input.joinedOn, m.joined_on), fullOn: pick(input.fullOn, m.full_on),
    mobile: mobile === undefined ? null : mobile, landline: pick(input.landline, m.landline),
    lostContact: pick(input.lostContact, m.lost_contact), lostContactOn: pick(input.lostContactOn, m.lost_contact_on),
    migrant: pick(input.migrant, m.migrant), migrantProvince: pick(input.migrantProvince, m.migrant_province),
  };
  const errors = validateMember(facts, today(ctx));
  if (errors.length) throw validationFailed(errors);
  const sensitive = sensitiveColumns(ctx, idNumber, mobile);
  if (sensitive.id_number_bidx && sensitive.id_number_bidx !== m.id_number_bidx) {
    const duplicate = await duplicateIdNumber(ctx, actor, sensitive, { id: m.org_id, path: m.org_path }, 'update', m.id);
    if (duplicate) throw duplicate;
  }
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('members')
      .set({
        ...(input.name !== undefined && { name: input.name.trim() }),
        ...(input.gender !== undefined && { gender: input.gender }),
        ...(input.ethnicity !== undefined && { ethnicity: input.ethnicity.trim() }),
        ...(input.birthDate !== undefined && { birth_date: input.birthDate }),
        ...(input.idType !== undefined && { id_type: input.idType }),
        ...(input.education !== undefined && { education: input.education }),
        ...(input.category !== undefined && { category: input.category }),
        ...(input.joinedOn !== undefined && { joined_on: input.joinedOn }),
        ...(input.fullOn !== undefined && { full_on: input.fullOn }),
        ...(input.standing !== undefined && { standing: input.standing }),
        ...(input.job !== undefined && { job: input.job }),
        ...(input.landline !== undefined && { landline: input.landline }),
        ...(input.address !== undefined && { address: input.address }),
        ...(input.lostContact !== undefined && { lost_contact: input.lostContact }),
        ...(input.lostContactOn !== undefined && { lost_contact_on: input.lostContactOn }),
        ...(input.migrant !== undefined && { migrant: input.migrant }),
        ...(input.migrantProvince !== undefined && { migrant_province: input.migrantProvince }),
        ...(input.migrantCity !== undefined && { migrant_city: input.migrantCity }),
        ...(input.migrantCounty !== undefined && { migrant_county: input.migrantCounty }),
        ...sensitive,
        version: m.version + 1,
        updated_at: now,
      })
      .where('id', '=', id)
      .where('version', '=', input.version)
      .returningAll()
      .executeTakeFirst();
    if (!updated) throw versionConflict();
    const before = auditView(m);
    const after = auditView(updated);
    const changes = diff(before, after);
    if (changes.length === 0) return;
    await repo.recordChange(trx, { memberId: id, actorId: actor.accountId, actorName: actor.displayName, action: 'member.update', changes, at: now });
    await appendAudit(trx, { actorId: actor.accountId, actorName: actor.username, action: 'member.update', entityType: 'member', entityId: id, orgPath: m.org_path, ip: actor.ip, before, after }, now);
  }).catch(async (err) => {
    if (isUniqueViolation(err) && sensitive.id_number_bidx) throw (await duplicateIdNumber(ctx, actor, sensitive, { id: m.org_id, path: m.org_path }, 'update', m.id)) ?? err;
    throw err;
  });
}

/** Decrypts one personal-data field for an actor allowed to see it, and records that they did. */
export async function revealField(ctx: AppContext, actor: Actor, id: string, field: 'idNumber' | 'mobile'): Promise<string> {
  const m = await loadMember(ctx, actor, id, 'member.read');
  if (!mayReveal(actor, m.org_path)) throw forbidden('forbidden.reveal', '您无权查看该党员的完整身份证号和手机号');
  const enc = field === 'idNumber' ? m.id_number_enc : m.mobile_enc;
  if (!enc) throw badRequest('member.no_value', '该党员未登记此项信息');
  const value = ctx.crypto.decrypt(enc);
  await ctx.db.transaction().execute((trx) =>
    appendAudit(trx, {
      actorId: actor.accountId, actorName: actor.username, action: 'member.reveal', entityType: 'member', entityId: id, orgPath: m.org_path, ip: actor.ip,
      after: { field, memberName: m.name, masked: field === 'idNumber' ? m.id_number_masked : m.mobile_masked },
    }, ctx.now()),
  );
  return value;
}

export async function history(ctx: AppContext, actor: Actor, id: string) {
  await loadMember(ctx, actor, id, 'member.read');
  const rows = await repo.memberHistory(ctx.db, id);
  return {
    items: rows.map((r) => ({ id: r.id, at: r.at.toISOString(), actorName: r.actor_name, action: r.action, changes: r.changes as { field: string; from: string | null; to: string | null }[] })),
  };
}


/** A member account's own record, masked like everywhere else. */
export async function ownRecord(ctx: AppContext, actor: Actor): Promise<MemberDetailView> {
  if (!actor.memberId) throw notFound('本人党员信息');
  const m = await repo.findMember(ctx.db, actor.memberId);
  if (!m) throw notFound('本人党员信息');
  return presentDetail(m, false);
}
