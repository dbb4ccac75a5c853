/**
 * 组织关系转接 (F-05): transfers of membership between branches or out of the platform,
 * their step history, and the per-year sequence of introduction-letter numbers.
 * Never edit once it has landed; add a new migration instead.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
create table transfer_letter_seq (
  year int primary key,
  last_no int not null
);

create table transfers (
  id bigint generated always as identity primary key,
  -- 介绍信编号, e.g. 浙组转〔2026〕000123
  letter_no text not null,
  member_id bigint not null references members(id),
  -- the member as they stood when the transfer was applied for (the letter keeps these)
  member_name text not null,
  member_id_masked text not null,
  member_category text not null check (member_category in ('probationary','full')),
  dues_paid_to text not null check (dues_paid_to ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  from_org_id bigint not null references orgs(id),
  from_org_path text not null,
  from_org_name text not null,
  destination text not null check (destination in ('platform','outside')),
  to_org_id bigint references orgs(id),
  to_org_path text,
  to_org_name text not null,
  to_province text,
  to_city text,
  validity_days int not null check (validity_days between 1 and 90),
  -- set when the sending side approves (the letter is issued); the letter is valid through expires_on
  issued_on date,
  expires_on date,
  reason text not null,
  note text,
  state text not null default 'applied' check (state in ('applied','out_review','in_review','completed','returned','withdrawn','cancelled')),
  return_reason text,
  -- first time the transfer reached the receiving side: from then on that side sees it
  forwarded_at timestamptz,
  completed_at timestamptz,
  created_by bigint not null references accounts(id),
  created_by_name text not null,
  version int not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((destination = 'platform') = (to_org_id is not null and to_org_path is not null)),
  check (destination = 'platform' or (to_province is not null and to_city is not null))
);
create unique index transfers_letter_no_key on transfers (letter_no);
-- one open transfer per member
create unique index transfers_open_member_key on transfers (member_id) where state in ('applied','out_review','in_review','returned');
create index transfers_from_path_idx on transfers (from_org_path text_pattern_ops, id);
create index transfers_to_path_idx on transfers (to_org_path text_pattern_ops, id);
create index transfers_member_idx on transfers (member_id, id);

create table transfer_steps (
  id bigint generated always as identity primary key,
  transfer_id bigint not null references transfers(id),
  at timestamptz not null default now(),
  actor_id bigint,
  actor_name text not null,
  action text not null,
  from_state text,
  to_state text not null,
  comment text
);
create index transfer_steps_transfer_idx on transfer_steps (transfer_id, id);
`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table transfer_steps, transfers, transfer_letter_seq`.execute(db);
}
