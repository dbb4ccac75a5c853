/** Two-person approval of administrator changes (migration 20261129T0400-admin-approvals). */
import type { Selectable } from 'kysely';
import type { Id, IdRef, TimestampRequired } from '../schema.js';

export interface AdminRequestsTable {
  id: Id;
  action: 'role.grant' | 'role.revoke' | 'account.reset_password' | 'account.disable';
  account_id: IdRef;
  role: string | null;
  org_id: IdRef;
  grant_id: IdRef | null;
  password_hash: string | null;
  status: 'pending' | 'approved' | 'rejected' | 'cancelled' | 'expired';
  requested_by: IdRef;
  requested_at: TimestampRequired;
  expires_at: TimestampRequired;
  decided_by: IdRef | null;
  decided_at: Date | null;
}
export type AdminRequestRow = Selectable<AdminRequestsTable>;

export interface AdminRequestsTables {
  admin_requests: AdminRequestsTable;
}
