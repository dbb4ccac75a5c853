/**
 * Foundation schema: organizations, members, accounts, roles, sessions, audit, security policy, stations.
 * Never edit after it lands; add a new migration instead.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
create table orgs (
  id bigint generated always as identity primary key,
  parent_id bigint references orgs(id),
  -- materialized path of ids, '/1/23/456/': a subtree is "path like prefix || '%'"
  path text not null,
  depth int not null,
  name text not null,
  full_name text not null,
  type text not null check (type in ('committee','working_committee','general_branch','branch','joint_branch','temporary_branch')),
  level text not null check (level in ('province','city','county','township','grassroots')),
  sector text not null check (sector in ('organ','rural','community','enterprise','institution','online','other')),
  region_code text check (region_code ~ '^[0-9]{6}([0-9]{3}([0-9]{3})?)?$'),
  secretary_name text,
  contact_phone text,
  founded_on date,
  is_online boolean not null default false,
  status text not null default 'active' check (status in ('active','inactive')),
  sort_order int not null default 0,
  version int not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index orgs_path_key on orgs (path text_pattern_ops);
create index orgs_parent_idx on orgs (parent_id, sort_order, id);
create index orgs_name_idx on orgs (name text_pattern_ops);

create table members (
  id bigint generated always as identity primary key,
  org_id bigint not null references orgs(id),
  -- copy of the branch's path, kept current on moves, so subtree filters need no join
  org_path text not null,
  name text not null,
  gender text not null check (gender in ('male','female')),
  ethnicity text not null,
  birth_date date not null,
  id_type text not null check (id_type in ('resident_id','passport','other')),
  id_number_enc bytea not null,
  id_number_bidx text not null,
  id_number_masked text not null,
  education text not null check (education in ('postgraduate','bachelor','college','secondary_vocational','high_school','middle_school','primary')),
  category text not null check (category in ('probationary','full')),
  joined_on date not null,
  full_on date,
  standing text not null default 'normal' check (standing in ('normal','suspended')),
  job text,
  mobile_enc bytea,
  mobile_bidx text,
  mobile_masked text,
  landline text,
  address text,
  lost_contact boolean not null default false,
  lost_contact_on date,
  migrant boolean not null default false,
  migrant_province text,
  migrant_city text,
  migrant_county text,
  version int not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index members_id_number_bidx_key on members (id_number_bidx);
create index members_org_path_idx on members (org_path text_pattern_ops, id);
create index members_org_idx on members (org_id);
create index members_mobile_bidx_idx on members (mobile_bidx);
create index members_name_idx on members (name text_pattern_ops);

create table member_changes (
  id bigint generated always as identity primary key,
  member_id bigint not null references members(id),
  at timestamptz not null default now(),
  actor_id bigint,
  actor_name text not null,
  action text not null,
  changes jsonb not null
);
create index member_changes_member_idx on member_changes (member_id, id desc);

create table stations (
  id bigint generated always as identity primary key,
  org_id bigint not null references orgs(id),
  org_path text not null,
  name text not null,
  type text not null check (type in ('township','village','enterprise','community','household')),
  address text,
  equipment text,
  status text not null default 'active' check (status in ('active','suspended','fault')),
  manager_name text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index stations_org_path_idx on stations (org_path text_pattern_ops);

create table accounts (
  id bigint generated always as identity primary key,
  username text not null,
  display_name text not null,
  kind text not null check (kind in ('staff','member','public')),
  member_id bigint references members(id),
  password_hash text not null,
  password_changed_at timestamptz not null default now(),
  must_change_password boolean not null default false,
  totp_secret_enc bytea,
  -- a secret being enrolled: the active one stays in force until the new one is confirmed
  totp_pending_enc bytea,
  totp_enabled boolean not null default false,
  totp_last_step bigint,
  failed_attempts int not null default 0,
  locked_until timestamptz,
  status text not null default 'active' check (status in ('active','disabled')),
  is_demo boolean not null default false,
  last_login_at timestamptz,
  version int not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index accounts_username_key on accounts (lower(username));

create table password_history (
  id bigint generated always as identity primary key,
  account_id bigint not null references accounts(id),
  password_hash text not null,
  created_at timestamptz not null default now()
);
create index password_history_account_idx on password_history (account_id, id desc);

create table role_grants (
  id bigint generated always as identity primary key,
  account_id bigint not null references accounts(id),
  role text not null check (role in ('org_admin','org_viewer','branch_secretary','member','sysadmin','secadmin','auditor')),
  org_id bigint not null references orgs(id),
  granted_by bigint references accounts(id),
  granted_at timestamptz not null default now()
);
create unique index role_grants_key on role_grants (account_id, role, org_id);

create table sessions (
  id bigint generated always as identity primary key,
  token_hash text not null,
  account_id bigint not null references accounts(id),
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null,
  mfa_passed boolean not null default false,
  ip text,
  user_agent text,
  revoked_at timestamptz
);
create unique index sessions_token_hash_key on sessions (token_hash);
create index sessions_account_idx on sessions (account_id);

create table security_policy (
  id int primary key check (id = 1),
  policy jsonb not null,
  updated_at timestamptz not null default now()
);

create table audit_log (
  id bigint generated always as identity primary key,
  at timestamptz not null,
  actor_id bigint,
  actor_name text not null,
  action text not null,
  entity_type text not null,
  entity_id text,
  org_path text,
  ip text,
  before jsonb,
  after jsonb,
  prev_hash text not null,
  hash text not null
);
create index audit_log_at_idx on audit_log (at);
create index audit_log_actor_idx on audit_log (actor_name, id);
create index audit_log_entity_idx on audit_log (entity_type, entity_id, id);
create index audit_log_action_idx on audit_log (action, id);
`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table audit_log, security_policy, sessions, role_grants, password_history, accounts, stations, member_changes, members, orgs`.execute(db);
}
