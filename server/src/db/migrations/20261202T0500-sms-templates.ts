/**
 * Issue 9, item 4: 短信模板 — saved message texts staff compose broadcasts from (the SMS module's table).
 *
 * A template belongs to one organization; its staff (sms.send over it) write it, and the staff of its whole subtree
 * read it (a city sees the province's templates, never a sibling city's). No organization path is copied: lists join
 * `orgs`. Names are unique within an organization. `created_by` / `updated_by` are accounts (null for demo data).
 * Never edit once it has landed.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
create table sms_templates (
  id bigint generated always as identity primary key,
  org_id bigint not null references orgs(id),
  name text not null check (char_length(name) between 1 and 30),
  text text not null check (char_length(text) between 1 and 1000),
  created_by bigint references accounts(id),
  updated_by bigint references accounts(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, name)
)`.execute(db);
  // The library of a few organizations (the caller's and their ancestors'), newest first, paged by id.
  await sql`create index sms_templates_org_idx on sms_templates (org_id, id desc)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table sms_templates`.execute(db);
}
