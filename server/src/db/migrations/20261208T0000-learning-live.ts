/**
 * Issue 12 (F-70): live lessons (直播课堂). Written by the learning module only; scope joins orgs.path (no path copy).
 *
 * - `learning_live_events`: a scheduled live lesson of an organization for its subtree (audiences like courses), the
 *   HLS source (an encoder's playlist URL or a media asset), planned start and end, status scheduled → live → ended
 *   (or cancelled with a reason), an optional course it belongs to and, once attached, the recording's lesson.
 * - `learning_live_messages`: chat; shown at once when the sensitive-word screening finds nothing, held otherwise;
 *   moderators approve (shown) or hide with a reason. `seq` (from learning_live_messages_seq) is taken again whenever a
 *   message is shown or a shown one hidden: members' pages poll "after seq", so a late approval and a removal reach
 *   them too.
 * - `learning_live_presence`: one row per event, member and China day: when the member's page last said it was
 *   watching, the seconds counted while live, and whether the attendance was credited. The viewer count is the rows
 *   of the event seen in the last 60 s (index on event_id, last_seen_at).
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table learning_live_events (
      id bigint generated always as identity primary key,
      org_id bigint not null references orgs(id),
      course_id bigint references learning_courses(id),
      title text not null check (char_length(title) between 1 and 80),
      description text not null default '',
      audiences text[] not null check (cardinality(audiences) > 0 and audiences <@ array['member', 'secretary', 'village_official']),
      source_url text check (source_url is null or source_url ~ '^https?://'),
      source_asset_id bigint,
      starts_at timestamptz not null,
      ends_at timestamptz not null,
      credit_minutes int not null check (credit_minutes between 1 and 600),
      status text not null default 'scheduled' check (status in ('scheduled', 'live', 'ended', 'cancelled')),
      cancel_reason text,
      started_at timestamptz,
      ended_at timestamptz,
      recording_lesson_id bigint references learning_lessons(id),
      version int not null default 1,
      created_by bigint not null references accounts(id),
      created_at timestamptz not null,
      updated_at timestamptz not null,
      check (ends_at > starts_at),
      check ((source_url is null) <> (source_asset_id is null))
    )`.execute(db);
  await sql`create index learning_live_events_org on learning_live_events (org_id, id)`.execute(db);
  await sql`create index learning_live_events_open on learning_live_events (starts_at, id) where status in ('scheduled', 'live')`.execute(db);

  await sql`
    create table learning_live_messages (
      id bigint generated always as identity primary key,
      event_id bigint not null references learning_live_events(id),
      member_id bigint not null references members(id),
      account_id bigint not null references accounts(id),
      text text not null check (char_length(text) between 1 and 200),
      state text not null check (state in ('shown', 'held', 'hidden')),
      seq bigint,
      matches jsonb not null default '[]',
      created_at timestamptz not null,
      moderated_by bigint references accounts(id),
      moderated_at timestamptz,
      reason text
    )`.execute(db);
  await sql`create index learning_live_messages_event on learning_live_messages (event_id, state, id)`.execute(db);
  await sql`create sequence learning_live_messages_seq`.execute(db);
  await sql`create index learning_live_messages_feed on learning_live_messages (event_id, seq) where seq is not null`.execute(db);
  await sql`create index learning_live_messages_member on learning_live_messages (member_id, created_at)`.execute(db);

  await sql`
    create table learning_live_presence (
      event_id bigint not null references learning_live_events(id),
      member_id bigint not null references members(id),
      day date not null,
      first_seen_at timestamptz not null,
      last_seen_at timestamptz not null,
      watched_seconds int not null default 0,
      credited_at timestamptz,
      primary key (event_id, member_id, day)
    )`.execute(db);
  await sql`create index learning_live_presence_recent on learning_live_presence (event_id, last_seen_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['learning_live_presence', 'learning_live_messages', 'learning_live_events']) await sql`drop table ${sql.table(t)}`.execute(db);
  await sql`drop sequence learning_live_messages_seq`.execute(db);
}
