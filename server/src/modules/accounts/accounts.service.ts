/**
 * Account and role management by the system administrator (系统管理员), with the three-admin
 * separation (三员分立): no account holds two of sysadmin/secadmin/auditor, nobody grants to
 * themselves, and the system administrator's scope is the subtree where that role is held.
 */
import { sql } from 'kysely';
import { nextCursor } from '../../platform/paging.js';
import type { AppContext } from '../../platform/context.js';
import type { AccountRow } from '../../db/schema.js';
import { authorize, scopeFilter, scopePaths, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../platform/errors.js';
import { loadGrants, revokeAllSessions } from '../../platform/sessions.js';
import { isAdminRole, isRole } from '../../platform/roles.js';
import { findOrg } from '../orgs/orgs.repository.js';
import { newPasswordHash } from '../auth/auth.service.js';
import type { AccountCreateInput, AccountView } from './accounts.schema.js';

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

const USERNAME_TAKEN = () => conflict('account.username_taken', '该用户名已被使用，请换一个');

function requireDisplayName(raw: string): string {
  const name = raw.trim();
  if (!name) throw new AppError(400, 'validation_failed', '提交的信息有误，请按提示修改', undefined, [{ field: 'displayName', message: '此项不能为空' }]);
  return name;
}

export async function createAccount(ctx: AppContext, actor: Actor, input: AccountCreateInput): Promise<string> {
  const taken = await ctx.db.selectFrom('accounts').select('id').where((eb) => eb(eb.fn('lower', ['username']), '=', input.username.toLowerCase())).executeTakeFirst();
  if (taken) throw USERNAME_TAKEN();
  const displayName = requireDisplayName(input.displayName);
  if (input.kind === 'member' && !input.memberId) throw new AppError(400, 'validation_failed', '党员账户须关联党员信息', undefined, [{ field: 'memberId', message: '请选择对应的党员' }]);
  if (input.memberId && !(await ctx.db.selectFrom('members').select('id').where('id', '=', input.memberId).executeTakeFirst())) {
    throw new AppError(400, 'validation_failed', '关联的党员不存在', undefined, [{ field: 'memberId', message: '请选择对应的党员' }]);
  }
  const hash = await newPasswordHash(ctx, ctx.db, '0', input.username, input.password);
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('accounts')
      .values({ username: input.username, display_name: displayName, kind: input.kind, member_id: input.memberId ?? null, password_hash: hash, must_change_password: true })
      .returningAll()
      .executeTakeFirstOrThrow()
      // The check above races with a concurrent create of the same name; the unique index decides.
      .catch((err: { code?: string }) => {
        throw err?.code === '23505' ? USERNAME_TAKEN() : err;
      });
    await trx.insertInto('password_history').values({ account_id: row.id, password_hash: hash }).execute();
    await audit(ctx, actor, 'account.create', row, undefined, { username: row.username, displayName: row.display_name, kind: row.kind })(trx);
    return row.id;
  });
}

export async function updateAccount(ctx: AppContext, actor: Actor, id: string, input: { displayName?: string; status?: 'active' | 'disabled' }): Promise<void> {
  const a = await loadManaged(ctx, actor, id);
  if (input.status === 'disabled' && a.id === actor.accountId) throw badRequest('account.disable_self', '不能停用本人账户');
  const displayName = input.displayName === undefined ? undefined : requireDisplayName(input.displayName);
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('accounts').set({
      ...(displayName !== undefined && { display_name: displayName }),
      ...(input.status !== undefined && { status: input.status }),
      updated_at: ctx.now(),
    }).where('id', '=', id).execute();
    if (input.status === 'disabled') await revokeAllSessions(trx, id, ctx.now());
    await audit(ctx, actor, 'account.update', a, { displayName: a.display_name, status: a.status }, { displayName: displayName ?? a.display_name, status: input.status ?? a.status })(trx);
  });
}

export async function resetPassword(ctx: AppContext, actor: Actor, id: string, password: string): Promise<void> {
  const a = await loadManaged(ctx, actor, id);
  const hash = await newPasswordHash(ctx, ctx.db, a.id, a.username, password);
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('accounts').set({ password_hash: hash, must_change_password: true, failed_attempts: 0, locked_until: null, password_changed_at: ctx.now() }).where('id', '=', id).execute();
    await trx.insertInto('password_history').values({ account_id: id, password_hash: hash }).execute();
    await revokeAllSessions(trx, id, ctx.now());
    await audit(ctx, actor, 'account.reset_password', a)(trx);
  });
}

export async function unlockAccount(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  const a = await loadManaged(ctx, actor, id);
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('accounts').set({ failed_attempts: 0, locked_until: null }).where('id', '=', id).execute();
    await audit(ctx, actor, 'account.unlock', a, { lockedUntil: a.locked_until?.toISOString() ?? null }, { lockedUntil: null })(trx);
  });
}

export async function grantRole(ctx: AppContext, actor: Actor, id: string, role: string, orgId: string): Promise<void> {
  if (!isRole(role)) throw new AppError(400, 'validation_failed', '角色不存在', undefined, [{ field: 'role', message: '请选择有效的角色' }]);
  const a = await loadManaged(ctx, actor, id);
  if (a.id === actor.accountId) throw forbidden('role.self_grant', '不能为本人账户授予角色');
  const org = await findOrg(ctx.db, orgId);
  if (!org) throw new AppError(400, 'validation_failed', '组织不存在', undefined, [{ field: 'orgId', message: '请选择有效的组织' }]);
  authorize(actor, 'account.write', org.path);
  const existing = await loadGrants(ctx.db, id);
  if (existing.some((g) => g.role === role && g.orgId === orgId)) throw conflict('role.exists', '该账户已在此组织拥有该角色');
  if (isAdminRole(role) && existing.some((g) => isAdminRole(g.role) && g.role !== role)) {
    throw badRequest('role.separation', '系统管理员、安全管理员、审计管理员须由不同人员担任（三员分立），同一账户不能兼任');
  }
  if (isAdminRole(role) && a.kind !== 'staff') throw badRequest('role.admin_staff_only', '管理员角色只能授予工作人员账户');
  if (role === 'member' && a.kind !== 'member') throw badRequest('role.member_only', '党员角色只能授予党员账户');
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto('role_grants').values({ account_id: id, role, org_id: orgId, granted_by: actor.accountId }).execute();
    // A new role changes what existing sessions may do: make the holder log in again.
    await revokeAllSessions(trx, id, ctx.now());
    await appendAudit(trx, { actorId: actor.accountId, actorName: actor.username, action: 'role.grant', entityType: 'account', entityId: id, orgPath: org.path, ip: actor.ip, after: { role, orgId, orgName: org.name } }, ctx.now());
  });
}

export async function revokeRole(ctx: AppContext, actor: Actor, id: string, grantId: string): Promise<void> {
  const a = await loadManaged(ctx, actor, id);
  const grant = (await loadGrants(ctx.db, id)).find((g) => g.grantId === grantId);
  if (!grant) throw notFound('角色授权');
  authorize(actor, 'account.write', grant.orgPath);
  if (a.id === actor.accountId && grant.role === 'sysadmin') throw forbidden('role.self_revoke', '不能撤销本人的系统管理员角色');
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('role_grants').where('id', '=', grantId).execute();
    await revokeAllSessions(trx, id, ctx.now());
    await appendAudit(trx, { actorId: actor.accountId, actorName: actor.username, action: 'role.revoke', entityType: 'account', entityId: id, orgPath: grant.orgPath, ip: actor.ip, before: { role: grant.role, orgId: grant.orgId, orgName: grant.orgName } }, ctx.now());
  });
}

