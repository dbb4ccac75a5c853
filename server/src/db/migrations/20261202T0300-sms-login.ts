/**
 * Issue 9, item 5: sign-in by SMS one-time code, and the member centre's list of messages sent to a member.
 *
 * auth_sms_codes (the auth module's): one row per code request that was answered with "sent" — also for a phone
 * no account has (then account_id is null and the hash is of a code nobody knows), so that the limits and the
 * answers are the same whether an account exists or not. The code is never stored in clear: code_hash is a keyed
 * HMAC (the blind-index key) of a per-row salt and the code. Rows older than a day are deleted by maintenance.
 *
 * sms_messages.purpose (the SMS module's): null for broadcasts and staff replies; 'login_code' for a sign-in code
 * queued by another module through sms.commands.ts. Console lists never show the text of a login_code message,
 * and the member centre does not list them.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
create table auth_sms_codes (
  id bigint generated always as identity primary key,
  phone_bidx text not null,
  account_id bigint references accounts(id),
  code_hash text not null,
  ip text,
  created_at timestamptz not null,
  expires_at timestamptz not null,
  attempts smallint not null default 0,
  used_at timestamptz,
  voided_at timestamptz,
  message_id bigint references sms_messages(id)
)`.execute(db);
  // The per-phone limits and the live code of a phone: the phone's latest rows.
  await sql`create index auth_sms_codes_phone_idx on auth_sms_codes (phone_bidx, created_at desc)`.execute(db);
  // The per-address limit.
  await sql`create index auth_sms_codes_ip_idx on auth_sms_codes (ip, created_at desc)`.execute(db);
  await sql`create index auth_sms_codes_created_idx on auth_sms_codes (created_at)`.execute(db);

  await sql`alter table sms_messages add column purpose text check (purpose in ('login_code'))`.execute(db);
  // The member centre's list: a member's messages, newest first (keyset by id).
  await sql`create index sms_messages_member_idx on sms_messages (person_id, id desc) where person_kind = 'member'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index sms_messages_member_idx`.execute(db);
  await sql`alter table sms_messages drop column purpose`.execute(db);
  await sql`drop table auth_sms_codes`.execute(db);
}
