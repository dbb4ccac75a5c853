/**
 * Issue 10, item 3 (F-22): the follow-up engine's tables (the followups module's; other modules call its commands).
 *
 * An item follows up one record of another module (`source` names the module's kind of record, `source_id` its id):
 * one item per record. It is owned by one organization at a time (no path is copied: scope joins `orgs`), may be
 * assigned to an account, and is due on a China date counted in working days (calendar module). It ends as resolved
 * (已解决) or explained (已说明), each with a note; a closed item is never reopened. Every pass from one organization to
 * its child (down) or its parent (up) is a hop with its reason. Never edit once it has landed.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
create table followup_items (
  id bigint generated always as identity primary key,
  source text not null check (source ~ '^[a-z][a-z0-9_.]{0,39}$'),
  source_id text not null check (char_length(source_id) between 1 and 40),
  title text not null check (char_length(title) between 1 and 200),
  owner_org_id bigint not null references orgs(id),
  assignee_id bigint references accounts(id),
  due_on date not null,
  state text not null default 'open' check (state in ('open', 'resolved', 'explained')),
  closing_note text check (char_length(closing_note) between 1 and 2000),
  closed_by bigint references accounts(id),
  closed_at timestamptz,
  created_by bigint references accounts(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (source, source_id),
  check ((state = 'open') = (closing_note is null and closed_at is null))
)`.execute(db);
  // An organization's items by state; the open items by due date (the overdue query).
  await sql`create index followup_items_owner_idx on followup_items (owner_org_id, state, id desc)`.execute(db);
  await sql`create index followup_items_due_idx on followup_items (due_on, id) where state = 'open'`.execute(db);
  await sql`
create table followup_hops (
  id bigint generated always as identity primary key,
  item_id bigint not null references followup_items(id),
  direction text not null check (direction in ('down', 'up')),
  from_org_id bigint not null references orgs(id),
  to_org_id bigint not null references orgs(id),
  reason text not null check (char_length(reason) between 1 and 500),
  by_id bigint references accounts(id),
  at timestamptz not null default now()
)`.execute(db);
  await sql`create index followup_hops_item_idx on followup_hops (item_id, id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table followup_hops`.execute(db);
  await sql`drop table followup_items`.execute(db);
}
