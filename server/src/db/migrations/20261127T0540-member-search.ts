/**
 * Issue 3 scale: member name search of any length, scoped, on PostgreSQL and PGlite alike.
 *
 * pg_trgm extracts nothing from a one- or two-character query, and most Chinese names have two or three
 * characters, so `name like '%王芳%'` read every member. Instead every name is cut into its single
 * characters and its pairs of adjacent characters ("grams"), each prefixed with the member's *anchor*: the
 * first three components of `org_path` (the county, or the city/province for a member placed higher), so
 * one GIN entry answers "members under this county whose name contains 王芳":
 *
 *   dj_name_grams('王秀英', '/1/2/15/300/') = {/1/2/15/:王, /1/2/15/:王秀, /1/2/15/:秀, /1/2/15/:秀英, /1/2/15/:英}
 *
 * A query of one or two characters is one gram; a longer one is the AND of its pairs; `name like '%q%'` stays
 * as the exact check, so the semantics are unchanged (substring, case-sensitive). A search under a city or the
 * province asks for the gram under each anchor below it (`orgs_anchor_idx` lists them: the orgs of depth ≤ 2).
 * It is an expression index, so no column is added and a subtree move (org_path rewrite) re-indexes the rows.
 * It needs no extension, so the trigram index of 20261127T0530-scale (PostgreSQL only) is dropped.
 * The function is PARALLEL RESTRICTED on purpose: a search reads hundreds to a few thousand rows, and the planner's
 * estimate of an anchored key it has no statistics for is high enough to start two parallel workers, which on a busy
 * 2-core server took 15 ms where the search alone took 1 ms (dj_bench, 王芳 in 杭州市委).
 * The index keeps 10,000 most-common-element statistics (target 1000, not 100): there are ~190,000 distinct keys
 * (anchor × gram), and with only 1,000 the planner guessed 86,000 rows for 王芳 under the province's 102 anchors
 * (1,736 in fact), so the plan cost crossed jit_above_cost and JIT compilation took 190 of 226 ms; now it guesses
 * 6,500 and the search takes 9 ms.
 * Never edit once it has landed.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`
create function dj_name_grams(name text, org_path text) returns text[] language plpgsql immutable strict parallel restricted as $fn$
declare
  a text := coalesce(substring(org_path from '^/[0-9]+/[0-9]+/[0-9]+/'), org_path) || ':';
  n int := char_length(name);
  r text[] := '{}';
begin
  for i in 1..n loop
    r := r || (a || substr(name, i, 1));
    if i < n then r := r || (a || substr(name, i, 2)); end if;
  end loop;
  return r;
end
$fn$;
create index members_name_grams_idx on members using gin (dj_name_grams(name, org_path));
alter index members_name_grams_idx alter column 1 set statistics 1000;
create index orgs_anchor_idx on orgs (path text_pattern_ops) where depth <= 2;
drop index if exists members_name_trgm_idx;
`).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`
drop index orgs_anchor_idx;
drop index members_name_grams_idx;
drop function dj_name_grams(text, text);
`).execute(db);
  const trgm = await sql<{ n: number }>`select count(*)::int as n from pg_extension where extname = 'pg_trgm'`.execute(db);
  if (trgm.rows[0].n > 0) await sql`create index members_name_trgm_idx on members using gin (name gin_trgm_ops)`.execute(db);
}
