/**
 * Issue 9: the SMS store. Every recipient message is a row before anything goes on the wire; its state only
 * moves forward (docs/sms.md, "Nothing lost, nothing doubled"):
 *
 *   held ─┐
 *   queued → claimed → submitting → submitted → delivered | failed | unknown
 *      ↑        │            └────────────────→ failed | unknown (in doubt: never sent again)
 *      └────────┘ (a dispatcher that dies before writing gives its claimed rows back)
 *
 * Phones are stored as everywhere else: encrypted, blind-indexed, masked. No organization path is copied: the
 * recipient's home organization is an id, joined to orgs when scope or per-organization counts need the path.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
create table sms_broadcasts (
  id bigint generated always as identity primary key,
  org_id bigint not null references orgs(id),
  created_by bigint references accounts(id),
  created_by_name text not null,
  lane text not null check (lane in ('emergency', 'bulk')),
  text text not null,
  audience jsonb not null,
  recipients integer not null default 0,
  skipped_opt_out integer not null default 0,
  skipped_no_phone integer not null default 0,
  state text not null check (state in ('resolving', 'awaiting_approval', 'scheduled', 'sending', 'paused', 'completed', 'cancelled', 'rejected')),
  send_at timestamptz,
  ignore_opt_out boolean not null default false,
  approval_required boolean not null default false,
  approved_by bigint references accounts(id),
  approved_by_name text,
  decided_at timestamptz,
  decision_note text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  completed_at timestamptz,
  version integer not null default 1
)`.execute(db);
  await sql`create index sms_broadcasts_org_idx on sms_broadcasts (org_id, id desc)`.execute(db);

  await sql`
create table sms_messages (
  id bigint generated always as identity primary key,
  broadcast_id bigint references sms_broadcasts(id),
  lane smallint not null check (lane between 0 and 2),
  person_kind text check (person_kind in ('member', 'official', 'contact')),
  person_id bigint,
  name text,
  org_id bigint not null references orgs(id),
  phone_enc bytea not null,
  phone_bidx text not null,
  phone_masked text not null,
  text text not null,
  state text not null check (state in ('held', 'queued', 'claimed', 'submitting', 'submitted', 'delivered', 'failed', 'unknown', 'cancelled')),
  attempts smallint not null default 0,
  not_before timestamptz not null default now(),
  claimed_by text,
  claimed_at timestamptz,
  segments smallint,
  link text,
  error_code text,
  error_reason text,
  submitted_at timestamptz,
  expires_at timestamptz,
  finished_at timestamptz,
  sent_by bigint references accounts(id),
  created_at timestamptz not null default now()
)`.execute(db);
  // The dispatchers' claim: the next runnable rows by lane (emergency, replies, bulk), then age.
  await sql`create index sms_messages_runnable_idx on sms_messages (lane, not_before, id) where state = 'queued'`.execute(db);
  // One message per phone in a broadcast, however many ways the audience names a person.
  await sql`create unique index sms_messages_recipient_idx on sms_messages (broadcast_id, phone_bidx) where broadcast_id is not null`.execute(db);
  await sql`create index sms_messages_broadcast_idx on sms_messages (broadcast_id, state)`.execute(db);
  await sql`create index sms_messages_claimed_idx on sms_messages (claimed_by) where state in ('claimed', 'submitting')`.execute(db);
  await sql`create index sms_messages_expiry_idx on sms_messages (expires_at) where state = 'submitted'`.execute(db);
  await sql`create index sms_messages_phone_idx on sms_messages (phone_bidx, id desc)`.execute(db);

  // One row per segment the carrier accepted: receipts come per segment, by the carrier's id.
  await sql`
create table sms_segments (
  message_id bigint not null references sms_messages(id),
  seq smallint not null,
  link text not null,
  carrier_id text not null,
  state text not null default 'submitted' check (state in ('submitted', 'delivered', 'expired', 'deleted', 'undeliverable', 'accepted', 'unknown', 'rejected', 'enroute')),
  stat text,
  error text,
  done_at timestamptz,
  primary key (message_id, seq)
)`.execute(db);
  await sql`create index sms_segments_carrier_idx on sms_segments (link, carrier_id)`.execute(db);

  // Receipts as they came, kept until applied: a receipt may arrive before its submit_sm_resp is recorded.
  await sql`
create table sms_receipts (
  id bigint generated always as identity primary key,
  link text not null,
  carrier_id text not null,
  carrier_id_alt text,
  state text not null,
  stat text not null,
  error text,
  done_at timestamptz,
  received_at timestamptz not null default now()
)`.execute(db);
  await sql`create index sms_receipts_carrier_idx on sms_receipts (link, carrier_id)`.execute(db);
  await sql`create index sms_receipts_alt_idx on sms_receipts (link, carrier_id_alt) where carrier_id_alt is not null`.execute(db);

  await sql`
create table sms_inbound (
  id bigint generated always as identity primary key,
  link text not null,
  carrier_id text,
  phone_enc bytea not null,
  phone_bidx text not null,
  phone_masked text not null,
  to_number text not null,
  text text not null,
  parts smallint not null default 1,
  missing_parts smallint not null default 0,
  received_at timestamptz not null,
  stored_at timestamptz not null default now(),
  person_kind text check (person_kind in ('member', 'official', 'contact')),
  person_id bigint,
  org_id bigint references orgs(id),
  keyword text check (keyword in ('opt_out', 'opt_in')),
  assigned_by bigint references accounts(id),
  assigned_at timestamptz
)`.execute(db);
  // A carrier's redelivery of what is already stored is dropped (same link, sender and carrier id).
  await sql`create unique index sms_inbound_carrier_idx on sms_inbound (link, phone_bidx, carrier_id) where carrier_id is not null`.execute(db);
  await sql`create index sms_inbound_org_idx on sms_inbound (org_id, id desc)`.execute(db);
  await sql`create index sms_inbound_unmatched_idx on sms_inbound (id desc) where org_id is null`.execute(db);
  await sql`create index sms_inbound_phone_idx on sms_inbound (phone_bidx, id desc)`.execute(db);

  // Segments of long incoming messages, stored (and acknowledged) one by one until the message is whole.
  await sql`
create table sms_inbound_parts (
  id bigint generated always as identity primary key,
  link text not null,
  phone_enc bytea not null,
  phone_bidx text not null,
  to_number text not null,
  ref integer not null,
  total smallint not null,
  seq smallint not null,
  carrier_id text,
  text text not null,
  received_at timestamptz not null,
  inbound_id bigint references sms_inbound(id)
)`.execute(db);
  await sql`create unique index sms_inbound_parts_open_idx on sms_inbound_parts (link, phone_bidx, ref, total, seq) where inbound_id is null`.execute(db);
  await sql`create unique index sms_inbound_parts_carrier_idx on sms_inbound_parts (link, phone_bidx, carrier_id) where carrier_id is not null`.execute(db);

  // Live dispatchers: each instance renews its row; the rows claimed by one that stopped renewing are recovered.
  await sql`
create table sms_dispatchers (
  instance text primary key,
  started_at timestamptz not null default now(),
  seen_at timestamptz not null default now()
)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['sms_dispatchers', 'sms_inbound_parts', 'sms_inbound', 'sms_receipts', 'sms_segments', 'sms_messages', 'sms_broadcasts']) {
    await sql`drop table if exists ${sql.table(t)}`.execute(db);
  }
}
