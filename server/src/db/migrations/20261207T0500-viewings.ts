/**
 * Issue 12 (F-72, 集中收看): group viewing sessions at distance-education receiving stations and their attendance.
 * Written by the viewings module only. No organization path is copied: scope joins stations.org_id → orgs.path.
 *
 * - `viewing_sessions`: one scheduled viewing at a station; `status` is stored as scheduled | closed | cancelled, the
 *   "open" phase (check-in from 30 minutes before the start until the end) is derived from the clock.
 *   `checkin_code` is the unguessable code behind the QR code (/viewing/checkin/<code>).
 * - `viewing_attendance`: who is present (ticked on the roll call or checked in by QR) or added as a guest from outside
 *   the station's subtree; at confirmation each present member's credit outcome is stored beside them.
 * - `viewing_station_years`: sessions held (confirmed) and attendances per station and China year, kept in the
 *   confirming transaction, so that a province's dashboard sums ≤ 46,500 small rows instead of counting attendance.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table viewing_sessions (
      id bigint generated always as identity primary key,
      station_id bigint not null references stations(id),
      title text not null check (char_length(title) between 1 and 120),
      lesson_id bigint,
      live_title text check (live_title is null or char_length(live_title) between 1 and 120),
      starts_at timestamptz not null,
      duration_minutes int not null check (duration_minutes between 10 and 480),
      organizer_name text not null check (char_length(organizer_name) between 1 and 30),
      notes text check (notes is null or char_length(notes) <= 500),
      status text not null default 'scheduled' check (status in ('scheduled', 'closed', 'cancelled')),
      checkin_code text not null unique,
      cancel_reason text,
      cancelled_at timestamptz,
      confirmed_at timestamptz,
      confirmed_by bigint references accounts(id),
      present_count int not null default 0,
      credited_count int not null default 0,
      created_by bigint not null references accounts(id),
      version int not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (status <> 'cancelled' or cancel_reason is not null)
    )`.execute(db);
  await sql`create index viewing_sessions_station on viewing_sessions (station_id, starts_at desc)`.execute(db);
  await sql`create index viewing_sessions_starts on viewing_sessions (starts_at, id)`.execute(db);

  await sql`
    create table viewing_attendance (
      session_id bigint not null references viewing_sessions(id),
      member_id bigint not null references members(id),
      present boolean not null default false,
      guest boolean not null default false,
      method text check (method in ('roll_call', 'qr')),
      checked_in_at timestamptz,
      marked_by bigint references accounts(id),
      credit_outcome text check (credit_outcome in ('awarded', 'capped', 'already_today', 'daily_cap', 'departed')),
      credit_minutes int,
      credit_id bigint,
      updated_at timestamptz not null default now(),
      primary key (session_id, member_id)
    )`.execute(db);
  await sql`create index viewing_attendance_member on viewing_attendance (member_id)`.execute(db);

  await sql`
    create table viewing_station_years (
      station_id bigint not null references stations(id),
      year int not null,
      sessions int not null default 0,
      attendances int not null default 0,
      primary key (year, station_id)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table viewing_station_years`.execute(db);
  await sql`drop table viewing_attendance`.execute(db);
  await sql`drop table viewing_sessions`.execute(db);
}
