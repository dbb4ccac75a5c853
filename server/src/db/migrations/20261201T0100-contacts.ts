/**
 * Issue 9, item 1: contacts and rosters — who the province talks to by SMS (module `contacts`).
 *
 * - `party_positions`: party posts (书记, 副书记, 组织委员 …) held by members in an organization, with dates; a post is
 *   current while `ended_on` is null or after today (China time). At most one current 书记 per organization is the
 *   service's rule (checked under an advisory lock); the partial unique index is the backstop for open-ended rows.
 * - `village_officials`: the roster of village officials (村两委成员, 大学生村官, 驻村第一书记 …) per village organization;
 *   they need not be party members (`member_id` optional). Phones encrypted + blind index + masked like members.mobile_*.
 * - `contact_groups` / `contact_group_entries`: staff-made groups; an entry is exactly one of a member, an official or a
 *   person outside the rolls (name + phone, encrypted like the others).
 * - `contact_optouts`: SMS refusals keyed by the phone's blind index (the same 'mobile' index kind as members), so one
 *   refusal covers every roll the phone appears on.
 * No table copies an organization path: subtree filters join `orgs`.
 * Never edit once it has landed.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`
create table party_positions (
  id bigint generated always as identity primary key,
  member_id bigint not null references members(id),
  org_id bigint not null references orgs(id),
  position text not null check (position in ('secretary', 'deputy_secretary', 'organization_member', 'publicity_member',
    'discipline_member', 'youth_member', 'united_front_member', 'secrecy_member', 'committee_member')),
  started_on date not null,
  ended_on date,
  note text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (ended_on is null or ended_on >= started_on)
);
create index party_positions_org_idx on party_positions (org_id, position) include (member_id, started_on, ended_on);
create index party_positions_member_idx on party_positions (member_id);
create unique index party_positions_one_open_secretary on party_positions (org_id) where position = 'secretary' and ended_on is null;

create table village_officials (
  id bigint generated always as identity primary key,
  org_id bigint not null references orgs(id),
  name text not null,
  role text not null check (role in ('two_committees', 'college_graduate', 'first_secretary', 'reserve_cadre', 'grid_worker', 'other')),
  title text,
  member_id bigint references members(id),
  phone_enc bytea,
  phone_bidx text,
  phone_masked text,
  gender text check (gender in ('male', 'female')),
  started_on date not null,
  ended_on date,
  note text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (ended_on is null or ended_on >= started_on),
  check ((phone_enc is null) = (phone_bidx is null) and (phone_bidx is null) = (phone_masked is null))
);
create index village_officials_org_idx on village_officials (org_id, id);
create index village_officials_phone_bidx_idx on village_officials (phone_bidx);
create index village_officials_member_idx on village_officials (member_id) where member_id is not null;

create table contact_groups (
  id bigint generated always as identity primary key,
  org_id bigint not null references orgs(id),
  name text not null,
  description text,
  created_by bigint,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, name)
);

create table contact_group_entries (
  id bigint generated always as identity primary key,
  group_id bigint not null references contact_groups(id) on delete cascade,
  member_id bigint references members(id),
  official_id bigint references village_officials(id) on delete cascade,
  name text,
  phone_enc bytea,
  phone_bidx text,
  phone_masked text,
  note text,
  created_at timestamptz not null default now(),
  check (num_nonnulls(member_id, official_id, phone_bidx) = 1),
  check ((phone_bidx is null) = (name is null) and (phone_bidx is null) = (phone_enc is null) and (phone_bidx is null) = (phone_masked is null))
);
create index contact_group_entries_group_idx on contact_group_entries (group_id, id);
create unique index contact_group_entries_member_key on contact_group_entries (group_id, member_id) where member_id is not null;
create unique index contact_group_entries_official_key on contact_group_entries (group_id, official_id) where official_id is not null;
create unique index contact_group_entries_phone_key on contact_group_entries (group_id, phone_bidx) where phone_bidx is not null;
create index contact_group_entries_official_idx on contact_group_entries (official_id) where official_id is not null;

create table contact_optouts (
  phone_bidx text primary key,
  opted_out_at timestamptz not null,
  via text not null check (via in ('sms_keyword', 'staff')),
  note text
);

-- Audiences of migrant members (流动党员) by subtree, without reading the other 92% of the rolls.
create index members_current_migrant_path_idx on members (org_path text_pattern_ops) where migrant and departed_on is null;
`).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`
drop index if exists members_current_migrant_path_idx;
drop table if exists contact_optouts;
drop table if exists contact_group_entries;
drop table if exists contact_groups;
drop table if exists village_officials;
drop table if exists party_positions;
`).execute(db);
}
