/**
 * Issue 10, item 3 (F-22), the rest of the follow-up engine (followups module; nobody else writes these tables):
 *
 * - Escalation (督办升级): an open item past its due date is escalated one level above its owner organization, and
 *   again one level higher every N working days it stays open, up to the province. The item keeps its owner; the
 *   columns on `followup_items` hold the current level (0: not escalated), the organization it is escalated to and
 *   the China day it was; `followup_escalations` keeps every step (one row per item and level, so a second run the
 *   same day cannot escalate twice).
 * - Notes (办理备注), watchers (关注) and attachments (附件, the file's bytes in the row: at most 10 a item of 10 MB).
 * Never edit once it has landed.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table followup_items
    add column escalated_level integer not null default 0 check (escalated_level >= 0),
    add column escalated_org_id bigint references orgs(id),
    add column escalated_on date,
    add constraint followup_items_escalated_check check ((escalated_level = 0) = (escalated_org_id is null and escalated_on is null))`.execute(db);
  await sql`create index followup_items_escalated_idx on followup_items (escalated_on, id) where escalated_level > 0`.execute(db);
  await sql`create index followup_items_assignee_idx on followup_items (assignee_id) where assignee_id is not null`.execute(db);
  await sql`
create table followup_escalations (
  id bigint generated always as identity primary key,
  item_id bigint not null references followup_items(id),
  level integer not null check (level >= 1),
  owner_org_id bigint not null references orgs(id),
  to_org_id bigint not null references orgs(id),
  on_date date not null,
  working_days_overdue integer not null,
  at timestamptz not null default now(),
  unique (item_id, level)
)`.execute(db);
  await sql`
create table followup_notes (
  id bigint generated always as identity primary key,
  item_id bigint not null references followup_items(id),
  text text not null check (char_length(text) between 1 and 2000),
  by_id bigint not null references accounts(id),
  at timestamptz not null default now()
)`.execute(db);
  await sql`create index followup_notes_item_idx on followup_notes (item_id, id)`.execute(db);
  await sql`
create table followup_watchers (
  item_id bigint not null references followup_items(id),
  account_id bigint not null references accounts(id),
  since timestamptz not null default now(),
  primary key (item_id, account_id)
)`.execute(db);
  await sql`create index followup_watchers_account_idx on followup_watchers (account_id, item_id)`.execute(db);
  await sql`
create table followup_attachments (
  id bigint generated always as identity primary key,
  item_id bigint not null references followup_items(id),
  file_name text not null check (char_length(file_name) between 1 and 200),
  kind text not null check (kind in ('pdf', 'jpg', 'png', 'docx', 'xlsx')),
  size_bytes integer not null check (size_bytes between 1 and 10485760),
  sha256 text not null,
  data bytea not null,
  uploaded_by bigint not null references accounts(id),
  uploaded_at timestamptz not null default now()
)`.execute(db);
  await sql`create index followup_attachments_item_idx on followup_attachments (item_id, id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table followup_attachments`.execute(db);
  await sql`drop table followup_watchers`.execute(db);
  await sql`drop table followup_notes`.execute(db);
  await sql`drop table followup_escalations`.execute(db);
  await sql`alter table followup_items drop constraint followup_items_escalated_check, drop column escalated_on, drop column escalated_org_id, drop column escalated_level`.execute(db);
}
