/** Organization rules: creation under a parent, edits with optimistic locking, subtree moves, deactivation, size warnings. */
import { sql } from 'kysely';
import type { AppContext } from '../../platform/context.js';
import type { OrgRow } from '../../db/schema.js';
import { authorize, canFromAbove, scopePaths, type Actor } from '../../platform/actor.js';
import type { Permission } from '../../platform/roles.js';
import { appendAudit } from '../../platform/audit.js';
import { AppError, badRequest, forbidden, notFound, validationFailed, versionConflict } from '../../platform/errors.js';
import { chinaToday, datesAfterToday } from '../../platform/china-time.js';
import { treeLookupCache } from '../../platform/counts-version.js';
import { orgTreeProblem, type OrgTreeFacts } from './orgs.rules.js';
import * as repo from './orgs.repository.js';
import { isBranchType, type OrgCreateInput, type OrgDetailView, type OrgSummaryView, type OrgUpdateInput } from './orgs.schema.js';

export const MIN_FULL_MEMBERS = 3;

/** The tree rules of orgs.rules.ts, as a field error on the type. */
function checkTree(facts: OrgTreeFacts): void {
  const problem = orgTreeProblem(facts);
  if (problem) throw new AppError(400, 'org.tree_rule', problem, undefined, [{ field: 'type', message: problem }]);
}
function checkFoundedOn(ctx: AppContext, foundedOn: string | null | undefined): void {
  const errors = datesAfterToday([['foundedOn', foundedOn, '成立日期']], chinaToday(ctx.now()));
  if (errors.length) throw validationFailed(errors);
}
const OWN_ORGANIZATION = () => forbidden('org.own_organization', '不能更改本人任职所在组织的名称或类型，请由上级党组织办理');
export const MAX_BRANCH_MEMBERS = 50;

export function presentSummary(o: repo.OrgWithCounts): OrgSummaryView {
  return {
    id: o.id, parentId: o.parent_id, name: o.name, fullName: o.full_name, type: o.type, level: o.level, sector: o.sector,
    status: o.status, regionCode: o.region_code, childCount: o.child_count, memberCount: o.member_count,
  };
}

/** Size rules of the party constitution's working regulations: a branch needs 3 full members; over 50 it should split. */
export function sizeWarnings(type: string, counts: { total: number; full: number }): { code: string; message: string }[] {
  if (!isBranchType(type) || type === 'general_branch') return [];
  const out: { code: string; message: string }[] = [];
  if (counts.full < MIN_FULL_MEMBERS) out.push({ code: 'org.too_few_full_members', message: `正式党员${counts.full}人，不足${MIN_FULL_MEMBERS}人，不符合设立党支部的条件，建议与邻近支部联合组建` });
  if (counts.total > MAX_BRANCH_MEMBERS) out.push({ code: 'org.too_many_members', message: `党员${counts.total}人，超过${MAX_BRANCH_MEMBERS}人，建议设立党总支或分设党支部` });
  return out;
}

/** The detail view; with an actor, also the read check on the row it loads (one query, not two). */
export async function loadOrgDetail(ctx: AppContext, id: string, reader?: Actor): Promise<OrgDetailView> {
  const o = await repo.orgWithCounts(ctx.db, id);
  if (!o) throw notFound('组织');
  if (reader) authorize(reader, 'org.read', o.path);
  const counts = await repo.branchMemberCounts(ctx.db, id);
  return {
    ...presentSummary(o),
    secretaryName: o.secretary_name, contactPhone: o.contact_phone, foundedOn: o.founded_on, isOnline: o.is_online,
    version: o.version, createdAt: o.created_at.toISOString(), updatedAt: o.updated_at.toISOString(),
    ancestors: await repo.ancestorsOf(ctx.db, o.path),
    warnings: sizeWarnings(o.type, counts),
  };
}

const keptOrgs = treeLookupCache<OrgRow | undefined>(5_000);

/**
 * An organization's row for a read: kept under the counts version the request's session check read (an org's
 * every change bumps it), so the lists, searches and dashboards that start by resolving their \`orgId\` cost one query
 * less while nothing changes. Writes load the row themselves (\`loadAuthorized\`). The row is shared: do not change it.
 */
export function findOrgForRead(ctx: AppContext, id: string, actor: Actor): Promise<OrgRow | undefined> {
  if (actor.countsVersion === undefined) return repo.findOrg(ctx.db, id);
  return keptOrgs(ctx.db).get(id, actor.countsVersion, () => repo.findOrg(ctx.db, id));
}

/** Loads an org and checks the actor's permission on it in one step (404 before 403 leaks nothing: ids are sequential anyway). */
export async function loadAuthorized(ctx: AppContext, actor: Actor, id: string, perm: 'org.read' | 'org.write'): Promise<OrgRow> {
  const org = await repo.findOrg(ctx.db, id);
  if (!org) throw notFound('组织');
  authorize(actor, perm, org.path);
  return org;
}

function auditView(o: OrgRow) {
  return { name: o.name, fullName: o.full_name, type: o.type, level: o.level, sector: o.sector, regionCode: o.region_code, secretaryName: o.secretary_name, contactPhone: o.contact_phone, foundedOn: o.founded_on, isOnline: o.is_online, status: o.status, path: o.path };
}

/**
 * The subtree a list is narrowed to by an `orgId` filter: the organization's path once the actor is
 * checked to hold `perm` there, or undefined without a filter (the list then covers the whole scope).
 */
export async function authorizedSubtree(ctx: AppContext, actor: Actor, perm: Permission, orgId: string | undefined): Promise<string | undefined> {
  if (!orgId) return undefined;
  const org = await findOrgForRead(ctx, orgId, actor);
  if (!org) throw notFound('组织');
  authorize(actor, perm, org.path);
  return org.path;
}

export async function roots(ctx: AppContext, actor: Actor) {
  return (await repo.orgsByPaths(ctx.db, scopePaths(actor, 'org.read'))).map(presentSummary);
}

export async function createOrg(ctx: AppContext, actor: Actor, input: OrgCreateInput): Promise<string> {
  const parent = await loadAuthorized(ctx, actor, input.parentId, 'org.write');
  if (parent.status !== 'active') throw badRequest('org.parent_inactive', '上级组织已撤销，不能在其下新增组织');
  checkTree({ type: input.type, parentType: parent.type });
  checkFoundedOn(ctx, input.foundedOn);
  return ctx.db.transaction().execute(async (trx) => {
    const org = await repo.insertOrg(trx, parent, {
      parent_id: parent.id, name: input.name.trim(), full_name: input.fullName.trim(), type: input.type, level: input.level, sector: input.sector,
      region_code: input.regionCode ?? null, secretary_name: input.secretaryName ?? null, contact_phone: input.contactPhone ?? null,
      founded_on: input.foundedOn ?? null, is_online: input.isOnline ?? input.sector === 'online',
    });
    await appendAudit(trx, { actorId: actor.accountId, actorName: actor.username, action: 'org.create', entityType: 'org', entityId: org.id, orgPath: org.path, ip: actor.ip, after: auditView(org) }, ctx.now());
    return org.id;
  });
}

export async function updateOrg(ctx: AppContext, actor: Actor, id: string, input: OrgUpdateInput): Promise<void> {
  const org = await loadAuthorized(ctx, actor, id, 'org.write');
  if (org.version !== input.version) throw versionConflict();
  checkFoundedOn(ctx, input.foundedOn);
  const renamed = (input.name !== undefined && input.name.trim() !== org.name) || (input.fullName !== undefined && input.fullName.trim() !== org.full_name);
  const retyped = input.type !== undefined && input.type !== org.type;
  // Staff do not rename or retype the organization their own role is held at: that is for the level above.
  if ((renamed || retyped) && !canFromAbove(actor, 'org.write', org.path)) throw OWN_ORGANIZATION();
  if (retyped) {
    const parent = org.parent_id ? await repo.findOrg(ctx.db, org.parent_id) : undefined;
    checkTree({
      type: input.type!, parentType: parent?.type ?? null,
      childTypes: await repo.activeChildTypes(ctx.db, id), hasMembers: (await repo.branchMemberCounts(ctx.db, id)).total > 0,
    });
  }
  await ctx.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('orgs')
      .set({
        ...(input.name !== undefined && { name: input.name.trim() }),
        ...(input.fullName !== undefined && { full_name: input.fullName.trim() }),
        ...(input.type !== undefined && { type: input.type }),
        ...(input.level !== undefined && { level: input.level }),
        ...(input.sector !== undefined && { sector: input.sector }),
        ...(input.regionCode !== undefined && { region_code: input.regionCode }),
        ...(input.secretaryName !== undefined && { secretary_name: input.secretaryName }),
        ...(input.contactPhone !== undefined && { contact_phone: input.contactPhone }),
        ...(input.foundedOn !== undefined && { founded_on: input.foundedOn }),
        ...(input.isOnline !== undefined && { is_online: input.isOnline }),
        version: org.version + 1,
        updated_at: ctx.now(),
      })
      .where('id', '=', id)
      .where('version', '=', input.version)
      .returningAll()
      .executeTakeFirst();
    if (!updated) throw versionConflict();
    await appendAudit(trx, { actorId: actor.accountId, actorName: actor.username, action: 'org.update', entityType: 'org', entityId: id, orgPath: org.path, ip: actor.ip, before: auditView(org), after: auditView(updated) }, ctx.now());
  });
}

/** Arbitrary constant: the advisory lock that lets one subtree move at a time re-check the tree it changes. */
const ORG_MOVE_LOCK = 7_291_002;

/**
 * Moves a subtree under a new parent. What is checked outside the transaction (scope, the target's place) is checked
 * again inside it, under a lock that serializes moves and on rows read after taking it: two concurrent moves (A under
 * B, B under A) cannot both pass the cycle check on paths that the other is changing. `version`, when given, must be
 * the organization's current version (the screen the user decided on).
 */
export async function moveOrg(ctx: AppContext, actor: Actor, id: string, newParentId: string, version?: number): Promise<void> {
  const seen = await loadAuthorized(ctx, actor, id, 'org.write');
  if (version !== undefined && seen.version !== version) throw versionConflict();
  await ctx.db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${ORG_MOVE_LOCK})`.execute(trx);
    const org = await repo.lockOrg(trx, id);
    if (!org) throw notFound('组织');
    if (org.version !== seen.version) throw versionConflict();
    authorize(actor, 'org.write', org.path);
    if (!org.parent_id) throw badRequest('org.move_root', '最高层级组织不能移动');
    // Taking a subtree out of its parent is a write on the parent as well.
    const oldParent = await repo.lockOrg(trx, org.parent_id);
    const newParent = await repo.lockOrg(trx, newParentId);
    if (!oldParent || !newParent) throw notFound('组织');
    authorize(actor, 'org.write', oldParent.path);
    authorize(actor, 'org.write', newParent.path);
    if (newParent.path.startsWith(org.path)) throw badRequest('org.move_into_own_subtree', '不能将组织移动到其自身或其下级组织之下');
    if (newParent.id === oldParent.id) throw badRequest('org.move_same_parent', '新的上级组织与原上级组织相同');
    if (newParent.status !== 'active') throw badRequest('org.parent_inactive', '目标上级组织已撤销');
    const newPath = `${newParent.path}${org.id}/`;
    const moved = await trx.updateTable('orgs').set({ parent_id: newParent.id, version: org.version + 1 }).where('id', '=', id).where('version', '=', org.version).executeTakeFirst();
    if (Number(moved.numUpdatedRows) !== 1) throw versionConflict();
    await repo.moveSubtree(trx, org.path, newPath, newParent.depth + 1 - org.depth);
    await appendAudit(trx, {
      actorId: actor.accountId, actorName: actor.username, action: 'org.move', entityType: 'org', entityId: id, orgPath: newPath, ip: actor.ip,
      before: { parentId: oldParent.id, parentName: oldParent.name, path: org.path }, after: { parentId: newParent.id, parentName: newParent.name, path: newPath },
    }, ctx.now());
  });
}

export async function deactivateOrg(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  const org = await loadAuthorized(ctx, actor, id, 'org.write');
  if (org.status === 'inactive') throw badRequest('org.already_inactive', '该组织已撤销');
  if (!org.parent_id) throw badRequest('org.deactivate_root', '最高层级组织不能撤销');
  const children = await repo.countActiveChildren(ctx.db, id);
  if (children > 0) throw badRequest('org.has_active_children', `该组织下仍有${children}个正常状态的下级组织，请先撤销或移出`);
  const members = await repo.countSubtreeMembers(ctx.db, org.path);
  if (members > 0) throw badRequest('org.has_members', `该组织仍有${members}名党员，请先办理组织关系转接`);
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('orgs').set({ status: 'inactive', version: org.version + 1, updated_at: ctx.now() }).where('id', '=', id).execute();
    await appendAudit(trx, { actorId: actor.accountId, actorName: actor.username, action: 'org.deactivate', entityType: 'org', entityId: id, orgPath: org.path, ip: actor.ip, before: { status: 'active' }, after: { status: 'inactive' } }, ctx.now());
  });
}
