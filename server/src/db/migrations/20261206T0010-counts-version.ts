/**
 * Issue 13 (dashboards for many staff at once): one change counter for everything a dashboard shows.
 *
 * `counts_version` has a single row whose `v` goes up by one in every statement that writes members, orgs or stations
 * (statement-level triggers, in the writer's transaction). A dashboard computed after reading `v` is kept under that
 * value (modules/dashboard/dashboard.cache.ts) and served while `v` is unchanged: because the row is updated in the
 * same transaction as the data, a reader that sees the new `v` also sees the new data, so a kept dashboard is never
 * older than the last committed change. The row is written by these triggers only.
 *
 * The row lock adds no new serialisation for inserts, transfers and departures, which already update the province's
 * counter rows; edits that change no counted field now take it too, for the length of their transaction.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table counts_version (id int primary key check (id = 1), v bigint not null default 0)`.execute(db);
  await sql`insert into counts_version (id, v) values (1, 0)`.execute(db);
  await sql`
    create function dj_bump_counts_version() returns trigger language plpgsql as $$
    begin
      update counts_version set v = v + 1 where id = 1;
      return null;
    end $$`.execute(db);
  for (const table of ['members', 'orgs', 'stations']) {
    await sql.raw(`create trigger ${table}_counts_version after insert or update or delete or truncate on ${table}
      for each statement execute function dj_bump_counts_version()`).execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['members', 'orgs', 'stations']) await sql.raw(`drop trigger ${table}_counts_version on ${table}`).execute(db);
  await sql`drop function dj_bump_counts_version()`.execute(db);
  await sql`drop table counts_version`.execute(db);
}
