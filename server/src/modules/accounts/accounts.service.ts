/**
 * Account and role management by the system administrator (系统管理员), with the three-admin
 * separation (三员分立): no account holds two of sysadmin/secadmin/auditor (checked here, held by a
 * database trigger), nobody grants to themselves, and the system administrator's scope is the
 * subtree where that role is held. Changes that need a second administrator (grantNeedsApproval,
 * and revoking, resetting or disabling a security or audit administrator) are stored as requests
 * (approvals.service.ts) instead of applied; member-linked accounts follow member-accounts.service.ts.
 */
import { sql, type Transaction } from 'kysely';
import { nextCursor } from '../../platform/paging.js';
import type { AppContext } from '../../platform/context.js';
import type { AccountRow, DB } from '../../db/schema.js';
import { authorize, scopeFilter, scopePaths, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../platform/errors.js';
import { loadGrants, revokeAllSessions } from '../../platform/sessions.js';
import { grantNeedsApproval, isAdminRole, isRole, needsApproval } from '../../platform/roles.js';
import { findOrg } from '../orgs/orgs.repository.js';
import { newPasswordHash } from '../auth/auth.service.js';
import type { AccountCreateInput, AccountView } from './accounts.schema.js';
import { applyGrant, applyPasswordReset, applyRevoke, separationRefused, type By } from './account-effects.js';
import { createRequest } from './approvals.service.js';
import { authorizeMemberAccount } from './member-accounts.service.js';

/** What a change did: applied at once, or stored as a request awaiting a second administrator. */
export type ChangeOutcome = { applied: true } | { applied: false; requestId: string };
const APPLIED: ChangeOutcome = { applied: true };
const byActor = (ctx: AppContext, actor: Actor): By => ({ actorId: actor.accountId, actorName: actor.username, ip: actor.ip, now: ctx.now() });

/** The security or audit administrator grant an account holds, if any (changes to it need a second administrator). */
async function approvalGrant(ctx: AppContext, accountId: string) {
  return (await loadGrants(ctx.db, accountId)).find((g) => needsApproval(g.role)) ?? null;
}

export async function presentAccount(ctx: AppContext, a: AccountRow): Promise<AccountView> {
  const locked = !!a.locked_until && a.locked_until > ctx.now();
  return {
    id: a.id, username: a.username, displayName: a.display_name, kind: a.kind, status: a.status, locked,
    lockedUntil: locked ? a.locked_until!.toISOString() : null, mfaEnabled: a.totp_enabled,
    lastLoginAt: a.last_login_at?.toISOString() ?? null, createdAt: a.created_at.toISOString(), demo: a.is_demo,
    roles: await loadGrants(ctx.db, a.id),
  };
}

/**
 * Accounts the actor administers: those holding a role inside the actor's subtree, or none yet.
 * An account with a role outside the subtree belongs to someone else's administration.
 */
function manageable(ctx: AppContext, actor: Actor) {
  const scope = scopePaths(actor, 'account.read');
  return ctx.db.selectFrom('accounts as a').where((eb) =>
    eb.not(eb.exists(
      eb.selectFrom('role_grants as g').innerJoin('orgs as o', 'o.id', 'g.org_id').select(sql`1`.as('x'))
        .whereRef('g.account_id', '=', 'a.id').where((eb2) => eb2.not(scopeFilter(eb2, 'o.path', scope))),
    )),
  );
}

export async function listAccounts(ctx: AppContext, actor: Actor, q: { q?: string; cursor?: string; limit?: number }) {
  const limit = q.limit ?? 20;
  let query = manageable(ctx, actor).selectAll('a');
  if (q.q?.trim()) {
    const like = `%${q.q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) => eb.or([eb('a.username', 'ilike', like), eb('a.display_name', 'like', like)]));
  }
  if (q.cursor) query = query.where('a.id', '>', q.cursor);
  const rows = await query.orderBy('a.id').limit(limit).execute();
  return { items: await Promise.all(rows.map((r) => presentAccount(ctx, r))), nextCursor: nextCursor(rows, limit) };
}

export async function loadManaged(ctx: AppContext, actor: Actor, id: string): Promise<AccountRow> {
  const row = await manageable(ctx, actor).selectAll('a').where('a.id', '=', id).executeTakeFirst();
  if (row) return row;
  const exists = await ctx.db.selectFrom('accounts').select('id').where('id', '=', id).executeTakeFirst();
  if (exists) throw forbidden('forbidden.scope', '该账户不在您的管理范围内');
  throw notFound('账户');
}

function audit(ctx: AppContext, actor: Actor, action: string, target: AccountRow | { id: string }, before?: unknown, after?: unknown) {
  return (trx: Parameters<typeof appendAudit>[0]) =>
    appendAudit(trx, { actorId: actor.accountId, actorName: actor.username, action, entityType: 'account', entityId: target.id, ip: actor.ip, before, after }, ctx.now());
}

export const USERNAME_TAKEN = () => conflict('account.username_taken', '该用户名已被使用，请换一个');

export function requireDisplayName(raw: string): string {
  const name = raw.trim();
  if (!name) throw new AppError(400, 'validation_failed', '提交的信息有误，请按提示修改', undefined, [{ field: 'displayName', message: '此项不能为空' }]);
  return name;
}

/**
 * Creates a staff or public account. Accounts linked to a member record are made by that member's
 * organization's staff (member-accounts.service.ts), never here.
 */
export async function createAccount(ctx: AppContext, actor: Actor, input: AccountCreateInput): Promise<string> {
  await usernameFree(ctx, input.username);
  const displayName = requireDisplayName(input.displayName);
  const hash = await newPasswordHash(ctx, ctx.db, '0', input.username, input.password);
  return ctx.db.transaction().execute(async (trx) => {
    const row = await insertAccount(trx, { username: input.username, displayName, kind: input.kind, memberId: null, hash });
    await audit(ctx, actor, 'account.create', row, undefined, { username: row.username, displayName: row.display_name, kind: row.kind })(trx);
    return row.id;
  });
}

/** Inserts an account that must change its password at first login, with its password history. */
export async function insertAccount(trx: Transaction<DB>, a: { username: string; displayName: string; kind: 'staff' | 'member' | 'public'; memberId: string | null; hash: string }): Promise<AccountRow> {
  const row = await trx
    .insertInto('accounts')
    .values({ username: a.username, display_name: a.displayName, kind: a.kind, member_id: a.memberId, password_hash: a.hash, must_change_password: true })
    .returningAll()
    .executeTakeFirstOrThrow()
    // A check before the insert races with a concurrent create of the same name; the unique index decides.
    .catch((err: { code?: string }) => {
      throw err?.code === '23505' ? USERNAME_TAKEN() : err;
    });
  await trx.insertInto('password_history').values({ account_id: row.id, password_hash: a.hash }).execute();
  return row;
}

export async function usernameFree(ctx: AppContext, username: string): Promise<void> {
  const taken = await ctx.db.selectFrom('accounts').select('id').where((eb) => eb(eb.fn('lower', ['username']), '=', username.toLowerCase())).executeTakeFirst();
  if (taken) throw USERNAME_TAKEN();
}

export async function updateAccount(ctx: AppContext, actor: Actor, id: string, input: { displayName?: string; status?: 'active' | 'disabled' }): Promise<ChangeOutcome> {
  const a = await loadManaged(ctx, actor, id);
  if (input.status === 'disabled' && a.id === actor.accountId) throw badRequest('account.disable_self', '不能停用本人账户');
  const displayName = input.displayName === undefined ? undefined : requireDisplayName(input.displayName);
  // Disabling a security or audit administrator needs a second administrator; the name changes at once.
  const gated = input.status === 'disabled' && a.status !== 'disabled' ? await approvalGrant(ctx, id) : null;
  return ctx.db.transaction().execute(async (trx) => {
    const status = gated ? undefined : input.status;
    if (displayName !== undefined || status !== undefined) {
      await trx.updateTable('accounts').set({
        ...(displayName !== undefined && { display_name: displayName }),
        ...(status !== undefined && { status }),
        updated_at: ctx.now(),
      }).where('id', '=', id).execute();
      if (status === 'disabled') await revokeAllSessions(trx, id, ctx.now());
      await audit(ctx, actor, 'account.update', a, { displayName: a.display_name, status: a.status }, { displayName: displayName ?? a.display_name, status: status ?? a.status })(trx);
    }
    if (!gated) return APPLIED;
    const requestId = await createRequest(trx, ctx, actor, { action: 'account.disable', accountId: id, orgId: gated.orgId }, gated.orgPath);
    return { applied: false, requestId };
  });
}

export async function resetPassword(ctx: AppContext, actor: Actor, id: string, password: string): Promise<ChangeOutcome> {
  const a = await loadManaged(ctx, actor, id);
  // The password of an account linked to a member opens that member's record: only the staff of the
  // member's organization may set it, through the member accounts routes (one rule, one place).
  if (a.member_id) await authorizeMemberAccount(ctx, actor, a.member_id);
  const hash = await newPasswordHash(ctx, ctx.db, a.id, a.username, password);
  const gated = await approvalGrant(ctx, id);
  return ctx.db.transaction().execute(async (trx) => {
    if (!gated) {
      await applyPasswordReset(trx, byActor(ctx, actor), id, hash);
      return APPLIED;
    }
    const requestId = await createRequest(trx, ctx, actor, { action: 'account.reset_password', accountId: id, orgId: gated.orgId, passwordHash: hash }, gated.orgPath);
    return { applied: false, requestId };
  });
}

export async function unlockAccount(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  const a = await loadManaged(ctx, actor, id);
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('accounts').set({ failed_attempts: 0, locked_until: null }).where('id', '=', id).execute();
    await audit(ctx, actor, 'account.unlock', a, { lockedUntil: a.locked_until?.toISOString() ?? null }, { lockedUntil: null })(trx);
  });
}

export async function grantRole(ctx: AppContext, actor: Actor, id: string, role: string, orgId: string): Promise<ChangeOutcome> {
  if (!isRole(role)) throw new AppError(400, 'validation_failed', '角色不存在', undefined, [{ field: 'role', message: '请选择有效的角色' }]);
  const a = await loadManaged(ctx, actor, id);
  if (a.id === actor.accountId) throw forbidden('role.self_grant', '不能为本人账户授予角色');
  const org = await findOrg(ctx.db, orgId);
  if (!org) throw new AppError(400, 'validation_failed', '组织不存在', undefined, [{ field: 'orgId', message: '请选择有效的组织' }]);
  authorize(actor, 'account.write', org.path);
  const existing = await loadGrants(ctx.db, id);
  if (existing.some((g) => g.role === role && g.orgId === orgId)) throw conflict('role.exists', '该账户已在此组织拥有该角色');
  // Checked here for a clear answer; the database trigger holds it under concurrency.
  if (isAdminRole(role) && existing.some((g) => isAdminRole(g.role) && g.role !== role)) throw separationRefused();
  if (isAdminRole(role) && a.kind !== 'staff') throw badRequest('role.admin_staff_only', '管理员角色只能授予工作人员账户');
  if (role === 'member' && a.kind !== 'member') throw badRequest('role.member_only', '党员角色只能授予党员账户');
  return ctx.db.transaction().execute(async (trx) => {
    if (!grantNeedsApproval(role, org.path)) {
      await applyGrant(trx, byActor(ctx, actor), id, role, org).catch((err: { code?: string }) => {
        throw err?.code === '23505' ? conflict('role.exists', '该账户已在此组织拥有该角色') : err;
      });
      return APPLIED;
    }
    const requestId = await createRequest(trx, ctx, actor, { action: 'role.grant', accountId: id, orgId, role }, org.path);
    return { applied: false, requestId };
  });
}

export async function revokeRole(ctx: AppContext, actor: Actor, id: string, grantId: string): Promise<ChangeOutcome> {
  const a = await loadManaged(ctx, actor, id);
  const grant = (await loadGrants(ctx.db, id)).find((g) => g.grantId === grantId);
  if (!grant) throw notFound('角色授权');
  authorize(actor, 'account.write', grant.orgPath);
  if (a.id === actor.accountId && grant.role === 'sysadmin') throw forbidden('role.self_revoke', '不能撤销本人的系统管理员角色');
  return ctx.db.transaction().execute(async (trx) => {
    if (!needsApproval(grant.role)) {
      await applyRevoke(trx, byActor(ctx, actor), id, grant);
      return APPLIED;
    }
    const requestId = await createRequest(trx, ctx, actor, { action: 'role.revoke', accountId: id, orgId: grant.orgId, grantId }, grant.orgPath);
    return { applied: false, requestId };
  });
}
