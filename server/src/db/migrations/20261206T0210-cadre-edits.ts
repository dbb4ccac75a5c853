/**
 * 干部工作: editing and withdrawing (docs/cadres.md, "Editing and withdrawing").
 *
 * - `cadre_batches`: withdrawn early with a reason (`withdrawn_at`, `withdrawn_by_name`, `withdraw_reason`) and the time
 *   of the last edit (`updated_at`).
 * - `cadre_notices`: the current `version`, and 撤销 with a reason that stays public in the archive (state `withdrawn`).
 * - `cadre_notice_versions`: every published version of a notice with its own fingerprint, never updated or deleted
 *   (the disclosures' pattern). The notices already published become their version 1.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
alter table cadre_batches
  add column withdrawn_at timestamptz,
  add column withdrawn_by_name text,
  add column withdraw_reason text check (withdraw_reason is null or char_length(withdraw_reason) between 1 and 200),
  add column updated_at timestamptz`.execute(db);
  await sql`
alter table cadre_notices
  add column version integer not null default 1 check (version >= 1),
  add column withdrawn_at timestamptz,
  add column withdrawn_by_name text,
  add column withdraw_reason text check (withdraw_reason is null or char_length(withdraw_reason) between 1 and 200)`.execute(db);
  await sql`alter table cadre_notices drop constraint cadre_notices_state_check`.execute(db);
  await sql`alter table cadre_notices add constraint cadre_notices_state_check check (state in ('open', 'confirmed', 'withdrawn'))`.execute(db);
  await sql`
create table cadre_notice_versions (
  id bigint generated always as identity primary key,
  notice_id bigint not null references cadre_notices(id),
  version integer not null check (version >= 1),
  title text not null,
  candidates jsonb not null,
  contact text not null,
  published_on date not null,
  working_days integer not null,
  objection_ends_on date not null,
  fingerprint text not null,
  published_at timestamptz not null,
  published_by_name text not null,
  unique (notice_id, version)
)`.execute(db);
  await sql`
insert into cadre_notice_versions (notice_id, version, title, candidates, contact, published_on, working_days, objection_ends_on, fingerprint, published_at, published_by_name)
select id, 1, title, candidates, contact, published_on, working_days, objection_ends_on, fingerprint, published_at, published_by_name from cadre_notices`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table cadre_notice_versions`.execute(db);
  await sql`delete from cadre_notices where state = 'withdrawn'`.execute(db);
  await sql`alter table cadre_notices drop constraint cadre_notices_state_check`.execute(db);
  await sql`alter table cadre_notices add constraint cadre_notices_state_check check (state in ('open', 'confirmed'))`.execute(db);
  await sql`alter table cadre_notices drop column version, drop column withdrawn_at, drop column withdrawn_by_name, drop column withdraw_reason`.execute(db);
  await sql`alter table cadre_batches drop column withdrawn_at, drop column withdrawn_by_name, drop column withdraw_reason, drop column updated_at`.execute(db);
}
