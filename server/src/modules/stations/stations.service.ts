/** Receiving stations of the remote-education network (远程教育终端站点, F-07): scoped and audited like organizations. */
import type { AppContext } from '../../platform/context.js';
import { authorizedSubtree } from '../orgs/orgs.service.js';
import { nextCursor } from '../../platform/paging.js';
import { authorize, scopePaths, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import { badRequest, conflict, notFound, validationFailed, versionConflict } from '../../platform/errors.js';
import { findOrg } from '../orgs/orgs.repository.js';
import { parseContactPhone } from '../../platform/identity/phone.js';
import * as repo from './stations.repository.js';
import type { StationCreateInput, StationListQueryInput, StationUpdateInput, StationView } from './stations.schema.js';

/** Reading needs station.read; registering and editing stations is organization work (org.write). */
const WRITE = 'org.write' as const;

export function present(s: repo.StationWithOrg): StationView {
  return {
    id: s.id, orgId: s.org_id, orgName: s.org_name, name: s.name, type: s.type, address: s.address, equipment: s.equipment,
    status: s.status, managerName: s.manager_name, contactPhone: s.contact_phone, createdAt: s.created_at.toISOString(), updatedAt: s.updated_at.toISOString(),
  };
}

const auditView = (s: { name: string; type: string; address: string | null; equipment: string | null; status: string; manager_name: string | null; contact_phone: string | null; org_id: string; org_path: string }) => ({
  name: s.name, type: s.type, address: s.address, equipment: s.equipment, status: s.status, managerName: s.manager_name, contactPhone: s.contact_phone, orgId: s.org_id, orgPath: s.org_path,
});

export async function loadAuthorized(ctx: AppContext, actor: Actor, id: string, perm: 'station.read' | typeof WRITE) {
  const s = await repo.findStation(ctx.db, id);
  if (!s) throw notFound('站点');
  authorize(actor, perm, s.org_path);
  return s;
}

async function loadOrgFor(ctx: AppContext, actor: Actor, orgId: string) {
  const org = await findOrg(ctx.db, orgId);
  if (!org) throw validationFailed([{ field: 'orgId', message: '所属党组织不存在' }]);
  authorize(actor, WRITE, org.path);
  if (org.status !== 'active') throw validationFailed([{ field: 'orgId', message: '该党组织已撤销，不能登记站点' }]);
  return org;
}

export async function listStations(ctx: AppContext, actor: Actor, q: StationListQueryInput) {
  const subtree = await authorizedSubtree(ctx, actor, 'station.read', q.orgId);
  const limit = q.limit ?? 20;
  const { rows, total } = await repo.listStations(ctx.db, {
    scope: scopePaths(actor, 'station.read'), subtree, type: q.type, status: q.status, nameContains: q.q?.trim() || undefined,
  }, q.cursor, limit);
  return { items: rows.map(present), nextCursor: nextCursor(rows, limit), total };
}

/** The contact phone normalized (mobile or landline), or a field error under contactPhone. */
function contactPhoneOf(raw: string | null | undefined): string | null {
  const p = parseContactPhone(raw ?? '');
  if (p.error) throw validationFailed([{ field: 'contactPhone', message: p.error }]);
  return p.value;
}

/** What is said of a station name already used in its organization (by the console, the API and the importer alike). */
export const stationNameTakenMessage = (orgName: string) => `“${orgName}”下已登记同名站点，请勿重复登记；如需修改该站点，请在远程教育站点中编辑`;

/** 409 when another station of the organization already has this name. */
async function checkNameFree(ctx: AppContext, org: { id: string; name: string }, name: string, exceptId?: string): Promise<void> {
  if ((await repo.takenStationNames(ctx.db, [org.id], [name], exceptId)).length > 0) throw conflict('station.duplicate_name', stationNameTakenMessage(org.name));
}

export async function createStation(ctx: AppContext, actor: Actor, input: StationCreateInput): Promise<string> {
  const org = await loadOrgFor(ctx, actor, input.orgId);
  await checkNameFree(ctx, org, input.name.trim());
  const contactPhone = contactPhoneOf(input.contactPhone);
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const s = await trx.insertInto('stations').values({
      org_id: org.id, org_path: org.path, name: input.name.trim(), type: input.type, address: input.address?.trim() || null,
      equipment: input.equipment?.trim() || null, manager_name: input.managerName?.trim() || null, contact_phone: contactPhone, created_at: now, updated_at: now,
    }).returningAll().executeTakeFirstOrThrow();
    await appendAudit(trx, { actorId: actor.accountId, actorName: actor.username, action: 'station.create', entityType: 'station', entityId: s.id, orgPath: s.org_path, ip: actor.ip, after: auditView(s) }, now);
    return s.id;
  });
}

export async function updateStation(ctx: AppContext, actor: Actor, id: string, input: StationUpdateInput): Promise<void> {
  const s = await loadAuthorized(ctx, actor, id, WRITE);
  const org = input.orgId !== undefined && input.orgId !== s.org_id ? await loadOrgFor(ctx, actor, input.orgId) : null;
  if (org || (input.name !== undefined && input.name.trim() !== s.name)) {
    await checkNameFree(ctx, org ?? { id: s.org_id, name: s.org_name }, input.name?.trim() ?? s.name, s.id);
  }
  const contactPhone = input.contactPhone !== undefined ? contactPhoneOf(input.contactPhone) : undefined;
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const locked = await repo.lockStation(trx, id);
    if (!locked) throw notFound('站点');
    if (locked.updated_at.toISOString() !== input.updatedAt) throw versionConflict();
    const updated = await trx.updateTable('stations').set({
      ...(input.name !== undefined && { name: input.name.trim() }),
      ...(input.type !== undefined && { type: input.type }),
      ...(input.address !== undefined && { address: input.address?.trim() || null }),
      ...(input.equipment !== undefined && { equipment: input.equipment?.trim() || null }),
      ...(input.managerName !== undefined && { manager_name: input.managerName?.trim() || null }),
      ...(contactPhone !== undefined && { contact_phone: contactPhone }),
      ...(org && { org_id: org.id, org_path: org.path }),
      // Strictly later than the previous value, so that two edits within one millisecond still differ.
      updated_at: new Date(Math.max(now.getTime(), locked.updated_at.getTime() + 1)),
    }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    await appendAudit(trx, { actorId: actor.accountId, actorName: actor.username, action: 'station.update', entityType: 'station', entityId: id, orgPath: updated.org_path, ip: actor.ip, before: auditView(locked), after: auditView(updated) }, now);
  });
}

export async function setStatus(ctx: AppContext, actor: Actor, id: string, status: string, reason: string | undefined): Promise<void> {
  const s = await loadAuthorized(ctx, actor, id, WRITE);
  if (s.status === status) throw badRequest('station.same_status', '站点已是该状态');
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const locked = await repo.lockStation(trx, id);
    if (!locked) throw notFound('站点');
    await trx.updateTable('stations').set({ status, updated_at: new Date(Math.max(now.getTime(), locked.updated_at.getTime() + 1)) }).where('id', '=', id).execute();
    await appendAudit(trx, { actorId: actor.accountId, actorName: actor.username, action: 'station.status', entityType: 'station', entityId: id, orgPath: s.org_path, ip: actor.ip, before: { status: locked.status }, after: { status, reason: reason?.trim() || null } }, now);
  });
}
