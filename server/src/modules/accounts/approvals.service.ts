/**
 * Two-person approval (双人审批) of changes to the security and audit administrators, and of grants
 * that reach the whole province or reveal personal data.
 *
 * The system administrator may request: granting or revoking the secadmin/auditor role, resetting
 * the password of an account that holds one, disabling such an account, and granting any role at
 * the root organization or one that holds member.reveal (grantNeedsApproval in platform/roles.ts). The request is stored and
 * nothing changes until a different administrator holding `account.approve` (the security
 * administrator) approves it within APPROVAL_TTL_HOURS. Nobody approves their own request or a
 * request about their own account. Approval re-checks everything against the rows as they are then
 * (the requester still administers that organization, the grant still exists, the separation rule)
 * and applies the change through the same writes as a direct change (account-effects.ts). Every
 * step is audited in the transaction that makes it.
 */
import type { Transaction } from 'kysely';
import type { AppContext } from '../../platform/context.js';
import type { DB } from '../../db/schema.js';
import type { AdminRequestRow } from '../../db/tables/admin-requests.js';
import { can, scopeFilter, scopePaths, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import { conflict, forbidden, notFound } from '../../platform/errors.js';
import { loadGrants } from '../../platform/sessions.js';
import { isAdminRole } from '../../platform/roles.js';
import { nextCursor } from '../../platform/paging.js';
import { applyDisable, applyGrant, applyPasswordReset, applyRevoke, type By } from './account-effects.js';

/** How long a request waits for its second administrator. */
export const APPROVAL_TTL_HOURS = 24;

export type ApprovalAction = AdminRequestRow['action'];

export interface ApprovalRequestInput {
  action: ApprovalAction;
  accountId: string;
  orgId: string;
  role?: string;
  grantId?: string;
  passwordHash?: string;
}

/** Stores a request (in the caller's transaction) and audits it. Returns its id. */
export async function createRequest(trx: Transaction<DB>, ctx: AppContext, actor: Actor, input: ApprovalRequestInput, orgPath: string): Promise<string> {
  const now = ctx.now();
  const row = await trx.insertInto('admin_requests').values({
    action: input.action, account_id: input.accountId, org_id: input.orgId, role: input.role ?? null, grant_id: input.grantId ?? null,
    password_hash: input.passwordHash ?? null, status: 'pending', requested_by: actor.accountId, requested_at: now,
    expires_at: new Date(now.getTime() + APPROVAL_TTL_HOURS * 3600_000),
  }).returning('id').executeTakeFirstOrThrow();
  await appendAudit(trx, { actorId: actor.accountId, actorName: actor.username, action: 'approval.request', entityType: 'admin_request', entityId: row.id, orgPath, ip: actor.ip, after: { action: input.action, accountId: input.accountId, role: input.role ?? null, orgId: input.orgId, grantId: input.grantId ?? null } }, now);
  return row.id;
}

/** The organizations whose requests the actor may see: where they request or approve. */
function visiblePaths(actor: Actor): string[] {
  return [...scopePaths(actor, 'account.read'), ...scopePaths(actor, 'account.approve')];
}

function baseQuery(ctx: AppContext) {
  return ctx.db.selectFrom('admin_requests as r')
    .innerJoin('orgs as o', 'o.id', 'r.org_id')
    .innerJoin('accounts as t', 't.id', 'r.account_id')
    .innerJoin('accounts as q', 'q.id', 'r.requested_by')
    .leftJoin('accounts as d', 'd.id', 'r.decided_by')
    .select([
      'r.id', 'r.action', 'r.account_id', 'r.role', 'r.org_id', 'r.grant_id', 'r.status', 'r.requested_by', 'r.requested_at', 'r.expires_at', 'r.decided_by', 'r.decided_at',
      'o.name as org_name', 'o.path as org_path', 't.username as account_username', 't.display_name as account_display_name',
      'q.username as requester_username', 'q.display_name as requester_display_name', 'd.username as decider_username', 'd.display_name as decider_display_name',
    ]);
}
type RequestJoined = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

export interface ApprovalView {
  id: string;
  action: ApprovalAction;
  status: AdminRequestRow['status'];
  account: { id: string; username: string; displayName: string };
  role: string | null;
  org: { id: string; name: string };
  requestedBy: { id: string; username: string; displayName: string };
  requestedAt: string;
  expiresAt: string;
  decidedBy: { id: string; username: string; displayName: string } | null;
  decidedAt: string | null;
  canApprove: boolean;
  canCancel: boolean;
}

function present(ctx: AppContext, actor: Actor, r: RequestJoined): ApprovalView {
  const expired = r.status === 'pending' && r.expires_at <= ctx.now();
  const status = expired ? 'expired' : r.status;
  const pending = status === 'pending';
  return {
    id: r.id, action: r.action, status,
    account: { id: r.account_id, username: r.account_username, displayName: r.account_display_name },
    role: r.role, org: { id: r.org_id, name: r.org_name },
    requestedBy: { id: r.requested_by, username: r.requester_username, displayName: r.requester_display_name },
    requestedAt: r.requested_at.toISOString(), expiresAt: r.expires_at.toISOString(),
    decidedBy: r.decided_by ? { id: r.decided_by, username: r.decider_username!, displayName: r.decider_display_name! } : null,
    decidedAt: r.decided_at?.toISOString() ?? null,
    canApprove: pending && can(actor, 'account.approve', r.org_path) && r.requested_by !== actor.accountId && r.account_id !== actor.accountId,
    canCancel: pending && r.requested_by === actor.accountId,
  };
}

const NO_ACCESS = () => forbidden('forbidden.permission', '您的角色无权执行此操作');

export async function listRequests(ctx: AppContext, actor: Actor, q: { status?: 'pending' | 'all'; cursor?: string; limit?: number }) {
  const paths = visiblePaths(actor);
  if (!paths.length) throw NO_ACCESS();
  const limit = q.limit ?? 20;
  let query = baseQuery(ctx).where((eb) => scopeFilter(eb, 'o.path', paths));
  if ((q.status ?? 'pending') === 'pending') query = query.where('r.status', '=', 'pending').where('r.expires_at', '>', ctx.now());
  if (q.cursor) query = query.where('r.id', '<', q.cursor);
  const rows = await query.orderBy('r.id', 'desc').limit(limit).execute();
  return { items: rows.map((r) => present(ctx, actor, r)), nextCursor: nextCursor(rows, limit) };
}

export async function loadRequest(ctx: AppContext, actor: Actor, id: string): Promise<ApprovalView> {
  const r = await baseQuery(ctx).where('r.id', '=', id).executeTakeFirst();
  if (!r) throw notFound('审批申请');
  if (!visiblePaths(actor).some((p) => r.org_path.startsWith(p))) throw forbidden('forbidden.scope', '该审批申请不在您的管理范围内');
  return present(ctx, actor, r);
}

const NOT_PENDING = () => conflict('approval.not_pending', '该申请已处理或已撤回，请刷新后查看');
const EXPIRED = () => conflict('approval.expired', `该申请已超过${APPROVAL_TTL_HOURS}小时未审批，已失效，请重新提交`);

/** Locks a request row and checks it is still pending; marks and audits it expired when its time is up. */
async function lockPending(trx: Transaction<DB>, ctx: AppContext, actor: Actor, id: string): Promise<{ r: AdminRequestRow; orgPath: string; orgName: string } | 'expired'> {
  const r = await trx.selectFrom('admin_requests').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!r) throw notFound('审批申请');
  const org = await trx.selectFrom('orgs').select(['path', 'name']).where('id', '=', r.org_id).executeTakeFirstOrThrow();
  if (!visiblePaths(actor).some((p) => org.path.startsWith(p))) throw forbidden('forbidden.scope', '该审批申请不在您的管理范围内');
  if (r.status !== 'pending') throw NOT_PENDING();
  const now = ctx.now();
  if (r.expires_at <= now) {
    await trx.updateTable('admin_requests').set({ status: 'expired', password_hash: null }).where('id', '=', id).execute();
    await appendAudit(trx, { actorId: actor.accountId, actorName: actor.username, action: 'approval.expire', entityType: 'admin_request', entityId: id, orgPath: org.path, ip: actor.ip, after: { expiresAt: r.expires_at.toISOString() } }, now);
    return 'expired';
  }
  return { r, orgPath: org.path, orgName: org.name };
}

/** Runs `fn` in a transaction; an expiry found on the way is committed before the refusal is thrown. */
async function decide(ctx: AppContext, actor: Actor, id: string, fn: (trx: Transaction<DB>, p: { r: AdminRequestRow; orgPath: string; orgName: string }) => Promise<void>): Promise<ApprovalView> {
  const outcome = await ctx.db.transaction().execute(async (trx) => {
    const p = await lockPending(trx, ctx, actor, id);
    if (p === 'expired') return 'expired' as const;
    await fn(trx, p);
    return 'done' as const;
  });
  if (outcome === 'expired') throw EXPIRED();
  return loadRequest(ctx, actor, id);
}

export async function approveRequest(ctx: AppContext, actor: Actor, id: string): Promise<ApprovalView> {
  return decide(ctx, actor, id, async (trx, { r, orgPath, orgName }) => {
    if (!can(actor, 'account.approve', orgPath)) throw forbidden('forbidden.scope', '该审批申请不在您的管理范围内');
    if (r.requested_by === actor.accountId) throw forbidden('approval.own_request', '不能审批本人提交的申请，须由另一名管理员审批');
    if (r.account_id === actor.accountId) throw forbidden('approval.own_account', '不能审批涉及本人账户的申请');
    // The requester must still administer that organization: a revoked system administrator's
    // pending requests die with the role.
    const requester = await trx.selectFrom('accounts').select(['status']).where('id', '=', r.requested_by).executeTakeFirstOrThrow();
    const requesterActor = { grants: await loadGrants(trx, r.requested_by) } as Actor;
    if (requester.status !== 'active' || !can(requesterActor, 'account.write', orgPath)) {
      throw conflict('approval.requester_lost', '申请人已不再具有该组织的账户管理权限，申请不能生效');
    }
    const now = ctx.now();
    const by: By = { actorId: actor.accountId, actorName: actor.username, ip: actor.ip, now, approval: { requestId: r.id, requestedBy: r.requested_by } };
    const target = await trx.selectFrom('accounts').select(['id', 'display_name', 'status', 'kind']).where('id', '=', r.account_id).forUpdate().executeTakeFirstOrThrow();
    switch (r.action) {
      case 'role.grant': {
        if (isAdminRole(r.role!) && target.kind !== 'staff') throw conflict('approval.stale', '该申请涉及的账户已发生变化，申请不能生效，请重新提交');
        await applyGrant(trx, by, r.account_id, r.role!, { id: r.org_id, name: orgName, path: orgPath })
          .catch((err: { code?: string }) => {
            throw err?.code === '23505' ? conflict('role.exists', '该账户已在此组织拥有该角色') : err;
          });
        break;
      }
      case 'role.revoke': {
        const grant = (await loadGrants(trx, r.account_id)).find((g) => g.grantId === r.grant_id);
        if (!grant) throw conflict('approval.stale', '该申请涉及的角色授权已不存在，申请不能生效');
        await applyRevoke(trx, by, r.account_id, grant);
        break;
      }
      case 'account.reset_password':
        await applyPasswordReset(trx, by, r.account_id, r.password_hash!);
        break;
      case 'account.disable':
        if (target.status === 'disabled') throw conflict('approval.stale', '该账户已停用，申请不能生效');
        await applyDisable(trx, by, r.account_id, { displayName: target.display_name, status: target.status });
        break;
    }
    await trx.updateTable('admin_requests').set({ status: 'approved', decided_by: actor.accountId, decided_at: now, password_hash: null }).where('id', '=', r.id).execute();
    await appendAudit(trx, { actorId: actor.accountId, actorName: actor.username, action: 'approval.approve', entityType: 'admin_request', entityId: r.id, orgPath, ip: actor.ip, after: { action: r.action, accountId: r.account_id, role: r.role, requestedBy: r.requested_by } }, now);
  });
}

export async function rejectRequest(ctx: AppContext, actor: Actor, id: string): Promise<ApprovalView> {
  return decide(ctx, actor, id, async (trx, { r, orgPath }) => {
    if (!can(actor, 'account.approve', orgPath)) throw forbidden('forbidden.scope', '该审批申请不在您的管理范围内');
    if (r.account_id === actor.accountId) throw forbidden('approval.own_account', '不能审批涉及本人账户的申请');
    const now = ctx.now();
    await trx.updateTable('admin_requests').set({ status: 'rejected', decided_by: actor.accountId, decided_at: now, password_hash: null }).where('id', '=', r.id).execute();
    await appendAudit(trx, { actorId: actor.accountId, actorName: actor.username, action: 'approval.reject', entityType: 'admin_request', entityId: r.id, orgPath, ip: actor.ip, after: { action: r.action, accountId: r.account_id, role: r.role, requestedBy: r.requested_by } }, now);
  });
}

export async function cancelRequest(ctx: AppContext, actor: Actor, id: string): Promise<ApprovalView> {
  return decide(ctx, actor, id, async (trx, { r, orgPath }) => {
    if (r.requested_by !== actor.accountId) throw forbidden('approval.not_requester', '只有申请人可以撤回申请');
    const now = ctx.now();
    await trx.updateTable('admin_requests').set({ status: 'cancelled', decided_at: now, password_hash: null }).where('id', '=', r.id).execute();
    await appendAudit(trx, { actorId: actor.accountId, actorName: actor.username, action: 'approval.cancel', entityType: 'admin_request', entityId: r.id, orgPath, ip: actor.ip, after: { action: r.action, accountId: r.account_id, role: r.role } }, now);
  });
}

