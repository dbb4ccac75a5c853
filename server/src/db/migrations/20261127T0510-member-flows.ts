/**
 * Issue 3: migrant members' flows (流动党员, F-03), attachment to an online branch (网络党支部, F-04),
 * and organizational-life / dues records behind the six-month alert. Never edit once it has landed.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
create table member_flows (
  id bigint generated always as identity primary key,
  member_id bigint not null references members(id),
  flow_type text not null check (flow_type in ('within_city','within_province','out_of_province')),
  reason text not null check (reason in ('work_business','study','follow_family','other')),
  dest_province text not null,
  dest_city text,
  dest_county text,
  workplace text,
  contact_name text,
  -- the destination contact's phone, kept like member phones: ciphertext + masked form
  contact_phone_enc bytea,
  contact_phone_masked text,
  left_on date not null,
  expected_return_on date,
  returned_on date,
  created_by bigint,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (returned_on is null or returned_on >= left_on)
);
create index member_flows_member_idx on member_flows (member_id, id desc);
-- at most one open (not yet returned) flow per member
create unique index member_flows_open_key on member_flows (member_id) where returned_on is null;

-- a member's home branch stays members.org_id; this row adds the online branch (orgs.is_online) they also belong to
create table member_online_branches (
  member_id bigint primary key references members(id),
  org_id bigint not null references orgs(id),
  attached_at timestamptz not null default now(),
  attached_by bigint
);
create index member_online_branches_org_idx on member_online_branches (org_id);

create table member_activities (
  id bigint generated always as identity primary key,
  member_id bigint not null references members(id),
  kind text not null check (kind in ('life','dues')),
  on_date date not null,
  note text,
  created_by bigint,
  created_at timestamptz not null default now()
);
create index member_activities_member_idx on member_activities (member_id, kind, on_date desc);
`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table member_activities, member_online_branches, member_flows`.execute(db);
}
