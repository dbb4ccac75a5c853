/**
 * Issue 10, item 3: 工作日历 — the administrator's exceptions to the ordinary Monday–Friday week (the calendar module's
 * table), from which follow-up items' due dates are counted in working days (modules/calendar/calendar.days.ts).
 *
 * One row per date: `holiday` (休息日, e.g. 春节) or `workday` (调休上班: a Saturday or Sunday that is worked), with the
 * name the State Council's notice gives it. Province-wide (one calendar for every organization). `updated_by` is an
 * account (null for demo data). Never edit once it has landed.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
create table calendar_days (
  day date primary key,
  kind text not null check (kind in ('holiday', 'workday')),
  name text not null check (char_length(name) between 1 and 20),
  updated_by bigint references accounts(id),
  updated_at timestamptz not null default now(),
  check (kind = 'holiday' or extract(isodow from day) in (6, 7))
)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table calendar_days`.execute(db);
}
