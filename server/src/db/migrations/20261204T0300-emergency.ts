/**
 * Issue 10, item 4 (F-12): emergency mobilization (应急动员) — the emergency module's tables (docs/emergency.md).
 *
 * - `emergency_alerts`: one alert (应急预警): what was sent, to whom (the audience as chosen), its reply extension
 *   (扩展码, from the SMS module's sequence), its timing (reminders every `remind_after_minutes` after sending, at most
 *   `max_reminders`; escalation `escalate_after_minutes` after sending) and where that stands, and the sender (the
 *   account and its scope when it asked), which the jobs act for. No organization path is copied: scope joins `orgs`.
 * - `emergency_recipients`: who was asked, one row per phone, resolved once by the send job from the audience; the
 *   first confirmation (回复1) is recorded on the row. Reminders go to the rows still unconfirmed.
 * - `emergency_replies`: replies to the alert's extension that are not confirmations (村里两户需要转移), shown on the board.
 * - `emergency_sends`: the SMS broadcasts an alert made (the alert, each reminder, the escalation round).
 * - `emergency_escalations`: per alert and parent organization (上级组织), once: the silent organizations named to
 *   that parent's secretaries. `parent_org_id` null: silent organizations with no reachable secretary above them.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
create table emergency_alerts (
  id bigint generated always as identity primary key,
  org_id bigint not null references orgs(id),
  kind text not null check (kind in ('typhoon', 'flood', 'geological', 'epidemic', 'other')),
  title text not null check (char_length(title) between 1 and 60),
  text text not null check (char_length(text) between 1 and 1000),
  sms_text text not null,
  audience jsonb not null,
  ignore_opt_out boolean not null default false,
  remind_after_minutes integer not null check (remind_after_minutes between 10 and 720),
  max_reminders integer not null check (max_reminders between 0 and 5),
  escalate_after_minutes integer not null check (escalate_after_minutes between 10 and 1440),
  reply_ext text not null unique,
  state text not null default 'open' check (state in ('open', 'closed')),
  sender jsonb not null,
  created_by bigint references accounts(id),
  created_by_name text not null,
  created_at timestamptz not null default now(),
  sent_at timestamptz,
  broadcast_id bigint references sms_broadcasts(id),
  recipients integer not null default 0,
  skipped_no_phone integer not null default 0,
  skipped_opt_out integer not null default 0,
  reminders_sent integer not null default 0,
  next_reminder_at timestamptz,
  escalate_at timestamptz,
  escalated_at timestamptz,
  closed_at timestamptz,
  closed_by_name text,
  check ((state = 'closed') = (closed_at is not null))
)`.execute(db);
  // The scheduler's look-up: open alerts (few at any time).
  await sql`create index emergency_alerts_open_idx on emergency_alerts (id) where state = 'open'`.execute(db);
  await sql`create index emergency_alerts_org_idx on emergency_alerts (org_id, id desc)`.execute(db);
  await sql`
create table emergency_recipients (
  id bigint generated always as identity primary key,
  alert_id bigint not null references emergency_alerts(id),
  person_kind text not null check (person_kind in ('member', 'official', 'contact')),
  person_id bigint not null,
  name text not null,
  org_id bigint not null references orgs(id),
  phone_enc bytea not null,
  phone_bidx text not null,
  phone_masked text not null,
  confirmed_at timestamptz,
  confirm_inbound_id bigint,
  unique (alert_id, phone_bidx)
)`.execute(db);
  // A reply without extension: which alerts asked this phone.
  await sql`create index emergency_recipients_phone_idx on emergency_recipients (phone_bidx)`.execute(db);
  // The board's list of those who have not confirmed, paged by id.
  await sql`create index emergency_recipients_unconfirmed_idx on emergency_recipients (alert_id, id) where confirmed_at is null`.execute(db);
  await sql`
create table emergency_replies (
  id bigint generated always as identity primary key,
  alert_id bigint not null references emergency_alerts(id),
  inbound_id bigint not null unique,
  recipient_id bigint references emergency_recipients(id),
  org_id bigint references orgs(id),
  phone_masked text not null,
  text text not null,
  received_at timestamptz not null
)`.execute(db);
  await sql`create index emergency_replies_alert_idx on emergency_replies (alert_id, id desc)`.execute(db);
  await sql`
create table emergency_sends (
  id bigint generated always as identity primary key,
  alert_id bigint not null references emergency_alerts(id),
  kind text not null check (kind in ('alert', 'reminder', 'escalation')),
  seq integer not null,
  broadcast_id bigint references sms_broadcasts(id),
  recipients integer not null default 0,
  created_at timestamptz not null default now(),
  unique (alert_id, kind, seq)
)`.execute(db);
  await sql`
create table emergency_escalations (
  id bigint generated always as identity primary key,
  alert_id bigint not null references emergency_alerts(id),
  parent_org_id bigint references orgs(id),
  org_ids bigint[] not null,
  text text,
  recipients integer not null default 0,
  created_at timestamptz not null default now()
)`.execute(db);
  await sql`create unique index emergency_escalations_once on emergency_escalations (alert_id, coalesce(parent_org_id, 0))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['emergency_escalations', 'emergency_sends', 'emergency_replies', 'emergency_recipients', 'emergency_alerts']) await sql`drop table ${sql.raw(t)}`.execute(db);
}
