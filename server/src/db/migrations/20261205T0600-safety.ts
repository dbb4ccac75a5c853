/**
 * Issue 11, item 4: safety of public input (safety module; nobody else writes these tables).
 *
 * - `safety_words`: the sensitive-word list the security administrator keeps (word as typed, its folded form unique);
 *   `safety_word_list` one row whose `version` every change bumps, so each instance rebuilds its automaton when it
 *   sees a new version.
 * - `moderation_items`: public text held for moderation (内容审核), one row per submission of a module's record
 *   (`kind`, `ref_id`), with the organization whose moderators decide, an excerpt, the reasons and the decision.
 * - `safety_captchas`: self-hosted captchas, the answer only as a keyed hash, one-time, with an expiry.
 * - `safety_submissions`: accepted public-form submissions by client address (and phone blind index), for the hourly
 *   limits and the "captcha after N" rule across instances.
 * - `safety_phone_codes`: SMS verification codes for the public (hash only), like auth_sms_codes.
 * - `sms_messages.purpose` gains 'verify_code' (its text holds the code: hidden like a sign-in code).
 * Never edit once it has landed.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
create table safety_words (
  id bigint generated always as identity primary key,
  word text not null check (char_length(word) between 1 and 50),
  folded text not null unique check (char_length(folded) between 1 and 50),
  note text check (char_length(note) <= 100),
  created_by bigint references accounts(id),
  created_at timestamptz not null default now()
)`.execute(db);
  await sql`create index safety_words_word_idx on safety_words (word)`.execute(db);
  await sql`create table safety_word_list (id integer primary key check (id = 1), version bigint not null default 0)`.execute(db);
  await sql`insert into safety_word_list (id, version) values (1, 0)`.execute(db);

  await sql`
create table moderation_items (
  id bigint generated always as identity primary key,
  kind text not null check (char_length(kind) between 1 and 40),
  ref_id text not null check (char_length(ref_id) between 1 and 64),
  org_id bigint not null references orgs(id),
  excerpt text not null check (char_length(excerpt) <= 500),
  reasons jsonb not null default '[]',
  state text not null default 'held' check (state in ('held', 'approved', 'rejected')),
  submitted_at timestamptz not null default now(),
  decided_by bigint references accounts(id),
  decided_at timestamptz,
  decision_reason text check (char_length(decision_reason) <= 500),
  check ((state = 'held') = (decided_at is null)),
  check (state <> 'rejected' or char_length(decision_reason) >= 2)
)`.execute(db);
  await sql`create unique index moderation_items_held_uq on moderation_items (kind, ref_id) where state = 'held'`.execute(db);
  await sql`create index moderation_items_state_idx on moderation_items (state, id)`.execute(db);
  await sql`create index moderation_items_org_idx on moderation_items (org_id, id)`.execute(db);

  await sql`
create table safety_captchas (
  id text primary key,
  answer_hash text not null,
  ip text,
  created_at timestamptz not null,
  expires_at timestamptz not null,
  used_at timestamptz
)`.execute(db);
  await sql`create index safety_captchas_created_idx on safety_captchas (created_at)`.execute(db);

  await sql`
create table safety_submissions (
  id bigint generated always as identity primary key,
  form text not null,
  ip text not null,
  phone_bidx text,
  created_at timestamptz not null
)`.execute(db);
  await sql`create index safety_submissions_ip_idx on safety_submissions (ip, created_at)`.execute(db);
  await sql`create index safety_submissions_phone_idx on safety_submissions (phone_bidx, created_at) where phone_bidx is not null`.execute(db);

  await sql`
create table safety_phone_codes (
  id bigint generated always as identity primary key,
  phone_bidx text not null,
  code_hash text not null,
  ip text,
  created_at timestamptz not null,
  expires_at timestamptz not null,
  attempts integer not null default 0,
  used_at timestamptz,
  voided_at timestamptz,
  message_id bigint
)`.execute(db);
  await sql`create index safety_phone_codes_phone_idx on safety_phone_codes (phone_bidx, id)`.execute(db);
  await sql`create index safety_phone_codes_ip_idx on safety_phone_codes (ip, created_at)`.execute(db);

  await sql`alter table sms_messages drop constraint sms_messages_purpose_check`.execute(db);
  await sql`alter table sms_messages add constraint sms_messages_purpose_check check (purpose in ('login_code', 'survey', 'emergency', 'notice', 'verify_code'))`.execute(db);
}

