/**
 * The writes behind role and credential changes, shared by the direct path (the system
 * administrator acting alone) and the approved path (a change a second administrator approved),
 * so both apply the same rules and audit the same way. Each runs inside the caller's transaction.
 */
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { appendAudit } from '../../platform/audit.js';
import { badRequest } from '../../platform/errors.js';
import { revokeAllSessions } from '../../platform/sessions.js';

export interface By {
  actorId: string;
  actorName: string;
  ip: string;
  now: Date;
  /** Set when the change was requested by one administrator and approved by another (`by`). */
  approval?: { requestId: string; requestedBy: string };
}

export const separationRefused = () => badRequest('role.separation', '系统管理员、安全管理员、审计管理员须由不同人员担任（三员分立），同一账户不能兼任');

/** Inserts a grant; the database trigger (migration 20261129T0400) refuses a second administrator role. */
export async function applyGrant(trx: Transaction<DB>, by: By, accountId: string, role: string, org: { id: string; name: string; path: string }): Promise<void> {
  await trx.insertInto('role_grants').values({ account_id: accountId, role, org_id: org.id, granted_by: by.actorId }).execute()
    .catch((err: { code?: string }) => {
      throw err?.code === 'DJ001' ? separationRefused() : err;
    });
  // A new role changes what existing sessions may do: make the holder log in again.
  await revokeAllSessions(trx, accountId, by.now);
  await appendAudit(trx, { actorId: by.actorId, actorName: by.actorName, action: 'role.grant', entityType: 'account', entityId: accountId, orgPath: org.path, ip: by.ip, after: { role, orgId: org.id, orgName: org.name, ...by.approval } }, by.now);
}

export async function applyRevoke(trx: Transaction<DB>, by: By, accountId: string, grant: { grantId: string; role: string; orgId: string; orgName: string; orgPath: string }): Promise<void> {
  await trx.deleteFrom('role_grants').where('id', '=', grant.grantId).execute();
  await revokeAllSessions(trx, accountId, by.now);
  await appendAudit(trx, { actorId: by.actorId, actorName: by.actorName, action: 'role.revoke', entityType: 'account', entityId: accountId, orgPath: grant.orgPath, ip: by.ip, before: { role: grant.role, orgId: grant.orgId, orgName: grant.orgName }, after: by.approval }, by.now);
}

export async function applyPasswordReset(trx: Transaction<DB>, by: By, accountId: string, hash: string): Promise<void> {
  await trx.updateTable('accounts').set({ password_hash: hash, must_change_password: true, failed_attempts: 0, locked_until: null, password_changed_at: by.now }).where('id', '=', accountId).execute();
  await trx.insertInto('password_history').values({ account_id: accountId, password_hash: hash }).execute();
  await revokeAllSessions(trx, accountId, by.now);
  await appendAudit(trx, { actorId: by.actorId, actorName: by.actorName, action: 'account.reset_password', entityType: 'account', entityId: accountId, ip: by.ip, after: by.approval }, by.now);
}

export async function applyDisable(trx: Transaction<DB>, by: By, accountId: string, before: { displayName: string; status: string }): Promise<void> {
  await trx.updateTable('accounts').set({ status: 'disabled', updated_at: by.now }).where('id', '=', accountId).execute();
  await revokeAllSessions(trx, accountId, by.now);
  await appendAudit(trx, { actorId: by.actorId, actorName: by.actorName, action: 'account.update', entityType: 'account', entityId: accountId, ip: by.ip, before, after: { displayName: before.displayName, status: 'disabled', ...by.approval } }, by.now);
}
