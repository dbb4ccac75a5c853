/**
 * 干部工作 (F-50, F-51; issue 11 item 3): vacant posts in batches with the public's recommendations, and
 * pre-appointment notices (任前公示) with confidential objections (docs/cadres.md).
 *
 * - `cadre_batches` / `cadre_posts`: a batch of vacant posts published by an organization, open for recommendations
 *   from `opens_on` to `closes_on` (China dates, both inclusive).
 * - `cadre_recommendations`: one per verified phone per post (unique `post_id, phone_bidx`). The phone is kept as
 *   every phone (encrypted, blind index, mask). States: held (a sensitive word, waiting for moderation) → received,
 *   or rejected by the moderator.
 * - `cadre_notices`: a published notice (its candidates as JSON), the objection period's last day, the canonical
 *   text's SHA-256 fingerprint, and the confirmation.
 * - `cadre_objections`: the objector's phone and optional name encrypted (read only with cadre.objections); the
 *   internal answer. States: held → received (→ answered), or rejected by the moderator.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
create table cadre_batches (
  id bigint generated always as identity primary key,
  org_id bigint not null references orgs(id),
  title text not null check (char_length(title) between 1 and 100),
  opens_on date not null,
  closes_on date not null check (closes_on >= opens_on),
  created_by bigint references accounts(id),
  created_by_name text not null,
  created_at timestamptz not null
)`.execute(db);
  await sql`create index cadre_batches_org_idx on cadre_batches (org_id, id desc)`.execute(db);
  await sql`create index cadre_batches_dates_idx on cadre_batches (closes_on, opens_on)`.execute(db);
  await sql`
create table cadre_posts (
  id bigint generated always as identity primary key,
  batch_id bigint not null references cadre_batches(id),
  sort integer not null,
  name text not null check (char_length(name) between 1 and 60),
  unit text not null check (char_length(unit) between 1 and 100),
  headcount integer not null check (headcount between 1 and 99),
  requirements text not null check (char_length(requirements) between 1 and 1000)
)`.execute(db);
  await sql`create index cadre_posts_batch_idx on cadre_posts (batch_id, sort)`.execute(db);
  await sql`
create table cadre_recommendations (
  id bigint generated always as identity primary key,
  post_id bigint not null references cadre_posts(id),
  candidate_name text not null check (char_length(candidate_name) between 1 and 30),
  candidate_unit text not null check (char_length(candidate_unit) between 1 and 100),
  reasons text not null check (char_length(reasons) between 1 and 1000),
  phone_enc bytea not null,
  phone_bidx text not null,
  phone_masked text not null,
  state text not null check (state in ('held', 'received', 'rejected')),
  created_at timestamptz not null,
  unique (post_id, phone_bidx)
)`.execute(db);
  await sql`
create table cadre_notices (
  id bigint generated always as identity primary key,
  org_id bigint not null references orgs(id),
  title text not null check (char_length(title) between 1 and 100),
  candidates jsonb not null,
  published_on date not null,
  working_days integer not null check (working_days between 1 and 30),
  objection_ends_on date not null,
  contact text not null,
  fingerprint text not null,
  published_at timestamptz not null,
  published_by bigint references accounts(id),
  published_by_name text not null,
  state text not null default 'open' check (state in ('open', 'confirmed')),
  confirmed_at timestamptz,
  confirmed_by_name text,
  confirm_note text
)`.execute(db);
  await sql`create index cadre_notices_org_idx on cadre_notices (org_id, id desc)`.execute(db);
  await sql`
create table cadre_objections (
  id bigint generated always as identity primary key,
  notice_id bigint not null references cadre_notices(id),
  candidate_index integer,
  body text not null check (char_length(body) between 1 and 2000),
  phone_enc bytea not null,
  phone_bidx text not null,
  phone_masked text not null,
  name_enc bytea,
  state text not null check (state in ('held', 'received', 'answered', 'rejected')),
  answer text,
  answered_by_name text,
  answered_at timestamptz,
  created_at timestamptz not null
)`.execute(db);
  await sql`create index cadre_objections_notice_idx on cadre_objections (notice_id, id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table cadre_objections`.execute(db);
  await sql`drop table cadre_notices`.execute(db);
  await sql`drop table cadre_recommendations`.execute(db);
  await sql`drop table cadre_posts`.execute(db);
  await sql`drop table cadre_batches`.execute(db);
}
