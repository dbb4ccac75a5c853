/** The auth module's tables beyond the foundation's accounts and sessions (migration 20261202T0300-sms-login). */
import type { ColumnType } from 'kysely';
import type { Id, IdRef, TimestampRequired } from '../schema.js';

/** One answered request for an SMS sign-in code (also for a phone no account has: then account_id is null). */
export interface AuthSmsCodesTable {
  id: Id;
  phone_bidx: string;
  account_id: IdRef | null;
  /** salt ":" HMAC(blind-index key, salt ":" code) — never the code itself. */
  code_hash: string;
  ip: string | null;
  created_at: TimestampRequired;
  expires_at: TimestampRequired;
  attempts: ColumnType<number, number | undefined, number>;
  used_at: Date | null;
  voided_at: Date | null;
  message_id: IdRef | null;
}

export interface AuthTables {
  auth_sms_codes: AuthSmsCodesTable;
}
