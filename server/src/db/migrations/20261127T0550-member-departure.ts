/**
 * Members who have left the province's rolls (已转出: a completed transfer to an organization outside
 * the platform) stay on record for their history, letters and audit trail, but are no longer members
 * here: `departed_on`/`departure` mark them, lists and searches leave them out, and the counters stop
 * counting them.
 *
 * The members counter trigger of 20261127T0530-scale is replaced by the same function with one change:
 * rows with `departed_on` set contribute nothing, so the departure UPDATE subtracts the member
 * everywhere (and an undo would add them back). The body is copied, not imported, because a landed
 * migration is a frozen snapshot. dj_rebuild_counters() is replaced to match.
 *
 * Also widens imports.kind to 'stations' and gives stations the manager's contact phone (F-07).
 * Never edit once it has landed.
 */
import { sql, type Kysely } from 'kysely';

const anchors = (p: string) => `cross join lateral (values
    (substring(${p} from '^/[0-9]+/'), true),
    (substring(${p} from '^/[0-9]+/[0-9]+/'), true),
    (substring(${p} from '^/[0-9]+/[0-9]+/[0-9]+/'), false)) a(anchor, dated)`;

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
  on conflict (anchor, dim, key) do update set n = subtree_counts.n + excluded.n`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`
alter table members add column departed_on date, add column departure text check (departure in ('transferred_out'));
alter table members add constraint members_departure_both check ((departed_on is null) = (departure is null));

create or replace function dj_count_members() returns trigger language plpgsql as $fn$
begin
  if tg_op = 'INSERT' then
    ${memberDelta('select 1 as s, * from new_rows where departed_on is null')};
  elsif tg_op = 'DELETE' then
    ${memberDelta('select -1 as s, * from old_rows where departed_on is null')};
  else
    ${memberDelta('select 1 as s, * from new_rows where departed_on is null union all select -1 as s, * from old_rows where departed_on is null')};
  end if;
  return null;
end
$fn$;

-- Subtree scans of current members stay index-only (dashboards of small subtrees, age bands).
create index members_current_path_dates_idx on members (org_path text_pattern_ops) include (birth_date, joined_on) where departed_on is null;
drop index members_org_path_dates_idx;

alter table imports drop constraint if exists imports_kind_check;
alter table imports add constraint imports_kind_check check (kind in ('members', 'organizations', 'stations'));
-- the station manager's work phone (like orgs.contact_phone, a work contact shown as is)
alter table stations add column contact_phone text;
`).execute(db);
  // The rebuild counts members from scratch; it must skip departed members as the trigger does.
  const { rows } = await sql<{ def: string }>`select pg_get_functiondef('dj_rebuild_counters'::regproc) as def`.execute(db);
  const def = rows[0].def;
  const patched = def.replace(/from members(?![a-z_])/g, 'from (select * from members where departed_on is null) members');
  if (patched === def) throw new Error('dj_rebuild_counters: expected to find "from members"');
  await sql.raw(patched).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // Back to the functions without the departed filter, before the column goes.
  for (const fn of ['dj_count_members', 'dj_rebuild_counters']) {
    const { rows } = await sql<{ def: string }>`select pg_get_functiondef(${fn}::regproc) as def`.execute(db);
    const restored = rows[0].def.replaceAll(' where departed_on is null', '').replaceAll('(select * from members) members', 'members');
    await sql.raw(restored).execute(db);
  }
  await sql.raw(`
alter table stations drop column contact_phone;
alter table imports drop constraint if exists imports_kind_check;
alter table imports add constraint imports_kind_check check (kind in ('members', 'organizations'));
create index members_org_path_dates_idx on members (org_path text_pattern_ops) include (birth_date, joined_on);
drop index members_current_path_dates_idx;
alter table members drop constraint members_departure_both;
alter table members drop column departure, drop column departed_on;
`).execute(db);
}
