/**
 * Issue 3 scale: exact counters for dashboards and tree counts, and indexes for search.
 *
 * - `org_member_counts`: per organization (every one has a row, zero when empty), its *own* members (not the subtree): total, full,
 *   probationary, migrants, lost contact. A member's org_id changes only on a transfer, so subtree moves
 *   leave it alone. Used for size-rule warnings and counts of small subtrees.
 * - `subtree_counts`: per anchor path (the province, each city and each county: the first one, two or
 *   three components of a path), counts of everything below it by dimension and key (members by
 *   category, gender, education, ethnicity, migrant destination; organizations by type; stations by type
 *   and status). For the province and cities also members by birth date and by joining date, so age and
 *   party-age bands stay exact on any day.
 * Both are maintained by statement-level triggers with transition tables on members, orgs and stations, in
 * the same transaction as the change: an UPDATE subtracts the old rows and adds the new, so inserts,
 * edits, transfers (org_id/org_path change) and moveSubtree (org_path/path rewrite) all stay exact.
 * Counter rows are upserted in key order, so concurrent writers lock them in the same order (no deadlock between
 * two statements' upserts); the anchor rows are a serialisation point for concurrent writes under the same city.
 * dj_rebuild_counters() recomputes both from scratch (bulk loads with triggers off, repairs).
 * Never edit once it has landed.
 */
import { sql, type Kysely } from 'kysely';

const anchors = (p: string) => `cross join lateral (values
    (substring(${p} from '^/[0-9]+/'), true),
    (substring(${p} from '^/[0-9]+/[0-9]+/'), true),
    (substring(${p} from '^/[0-9]+/[0-9]+/[0-9]+/'), false)) a(anchor, dated)`;

const upsertCounts = `on conflict (anchor, dim, key) do update set n = subtree_counts.n + excluded.n`;

/** Deltas of member rows `m(s, …)` (s = +1 / -1) into both counter tables. */
const memberDelta = (rows: string) => `
  with m as (${rows}),
  oc as (
    insert into org_member_counts as c (org_id, members, full_members, probationary, migrants, lost_contact)
    select org_id, sum(s), coalesce(sum(s) filter (where category = 'full'), 0), coalesce(sum(s) filter (where category = 'probationary'), 0),
           coalesce(sum(s) filter (where migrant), 0), coalesce(sum(s) filter (where lost_contact), 0)
    from m group by org_id
    having sum(s) <> 0 or sum(s) filter (where category = 'full') <> 0 or sum(s) filter (where migrant) <> 0 or sum(s) filter (where lost_contact) <> 0
    order by org_id
    on conflict (org_id) do update set members = c.members + excluded.members, full_members = c.full_members + excluded.full_members,
      probationary = c.probationary + excluded.probationary, migrants = c.migrants + excluded.migrants, lost_contact = c.lost_contact + excluded.lost_contact
    returning 1)
  insert into subtree_counts (anchor, dim, key, n)
  select a.anchor, d.dim, d.key, sum(m.s) from m
  ${anchors('m.org_path')}
  cross join lateral (values
    ('total', '', false), ('category', m.category, false), ('gender', m.gender, false), ('education', m.education, false),
    ('ethnicity', m.ethnicity, false), ('migrant', case when m.migrant then coalesce(m.migrant_province, '未填写') end, false),
    ('lost_contact', case when m.lost_contact then 't' end, false),
    ('birth', m.birth_date::text, true), ('joined', m.joined_on::text, true)) d(dim, key, dated)
  where a.anchor is not null and d.key is not null and (a.dated or not d.dated)
  group by 1, 2, 3 having sum(m.s) <> 0
  order by 1, 2, 3
  ${upsertCounts}`;

const orgDelta = (rows: string) => `
  with zero as (insert into org_member_counts (org_id) select id from (${rows}) z where z.s > 0 on conflict (org_id) do nothing returning 1)
  insert into subtree_counts (anchor, dim, key, n)
  select a.anchor, 'org_type', o.type, sum(o.s) from (${rows}) o
  ${anchors('o.path')}
  where a.anchor is not null and o.status = 'active'
  group by 1, 2, 3 having sum(o.s) <> 0
  order by 1, 2, 3
  ${upsertCounts}`;

const stationDelta = (rows: string) => `
  insert into subtree_counts (anchor, dim, key, n)
  select a.anchor, d.dim, d.key, sum(t.s) from (${rows}) t
  ${anchors('t.org_path')}
  cross join lateral (values ('station_type', t.type), ('station_status', t.status)) d(dim, key)
  where a.anchor is not null
  group by 1, 2, 3 having sum(t.s) <> 0
  order by 1, 2, 3
  ${upsertCounts}`;

const triggerFn = (name: string, delta: (rows: string) => string) => `
create function ${name}() returns trigger language plpgsql as $fn$
begin
  if tg_op = 'INSERT' then
    ${delta('select 1 as s, * from new_rows')};
  elsif tg_op = 'DELETE' then
    ${delta('select -1 as s, * from old_rows')};
  else
    ${delta('select 1 as s, * from new_rows union all select -1 as s, * from old_rows')};
  end if;
  return null;
end
$fn$;
create trigger ${name}_ins after insert on ${name.replace('dj_count_', '')} referencing new table as new_rows for each statement execute function ${name}();
create trigger ${name}_upd after update on ${name.replace('dj_count_', '')} referencing old table as old_rows new table as new_rows for each statement execute function ${name}();
create trigger ${name}_del after delete on ${name.replace('dj_count_', '')} referencing old table as old_rows for each statement execute function ${name}();
`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`
create table org_member_counts (
  org_id bigint primary key references orgs(id) on delete cascade,
  members int not null default 0,
  full_members int not null default 0,
  probationary int not null default 0,
  migrants int not null default 0,
  lost_contact int not null default 0
);
create table subtree_counts (
  anchor text not null,
  dim text not null,
  key text not null,
  n bigint not null,
  primary key (anchor, dim, key)
);
${triggerFn('dj_count_members', memberDelta)}
${triggerFn('dj_count_orgs', orgDelta)}
${triggerFn('dj_count_stations', stationDelta)}
create function dj_rebuild_counters() returns void language plpgsql as $fn$
begin
  truncate org_member_counts, subtree_counts;
  ${memberDelta('select 1 as s, * from members')};
  ${orgDelta('select 1 as s, * from orgs')};
  ${stationDelta('select 1 as s, * from stations')};
end
$fn$;
select dj_rebuild_counters();

-- Size-rule warnings: the few per-org rows that break a rule (every org has a row, zero when it has no members).
create index org_member_counts_few_full_idx on org_member_counts (org_id) where full_members < 3;
create index org_member_counts_over_50_idx on org_member_counts (org_id) where members > 50;
-- Subtree scans that need only these columns become index-only scans.
create index orgs_path_cover_idx on orgs (path text_pattern_ops) include (id, type, status, depth);
create index members_org_path_dates_idx on members (org_path text_pattern_ops) include (birth_date, joined_on);
`).execute(db);
  // Substring name search (name like '%王芳%'): trigram GIN index where the extension exists.
  const trgm = await sql<{ n: number }>`select count(*)::int as n from pg_available_extensions where name = 'pg_trgm'`.execute(db);
  if (trgm.rows[0].n > 0) {
    await sql`create extension if not exists pg_trgm`.execute(db);
    await sql`create index members_name_trgm_idx on members using gin (name gin_trgm_ops)`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`
drop index if exists members_name_trgm_idx;
drop index if exists org_member_counts_few_full_idx; drop index if exists org_member_counts_over_50_idx;
drop index members_org_path_dates_idx;
drop index orgs_path_cover_idx;
drop trigger dj_count_members_ins on members; drop trigger dj_count_members_upd on members; drop trigger dj_count_members_del on members;
drop trigger dj_count_orgs_ins on orgs; drop trigger dj_count_orgs_upd on orgs; drop trigger dj_count_orgs_del on orgs;
drop trigger dj_count_stations_ins on stations; drop trigger dj_count_stations_upd on stations; drop trigger dj_count_stations_del on stations;
drop function dj_rebuild_counters(); drop function dj_count_members(); drop function dj_count_orgs(); drop function dj_count_stations();
drop table subtree_counts, org_member_counts;
`).execute(db);
}
