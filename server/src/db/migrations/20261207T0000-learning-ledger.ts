/**
 * Issue 12 (F-71, 学分制管理): the credit ledger of distance education and the province's rules.
 *
 * `learning_credits` is a ledger: one row per credited piece of study (a lesson completed, an article read, a quiz
 * passed, a group viewing at a station, a live lesson watched), never a bare total. At most one row per member, source
 * and China day (the same lesson counts once a day); the minutes are what the daily cap of its kind left.
 * `learning_member_years` keeps each member's year total in the same transaction as the ledger row (and serialises
 * concurrent awards to one member, so a daily cap holds under concurrency). Both are written by the learning module
 * only (learning.commands.ts, awardCredit). No organization path is copied: reports join members' current rows.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table learning_rules (
      id int primary key check (id = 1),
      completion_percent int not null default 90 check (completion_percent between 50 and 100),
      article_min_seconds int not null default 60 check (article_min_seconds between 10 and 3600),
      article_minutes int not null default 5 check (article_minutes between 1 and 120),
      quiz_minutes int not null default 10 check (quiz_minutes between 1 and 120),
      cap_lesson_minutes int not null default 240 check (cap_lesson_minutes between 1 and 1440),
      cap_article_minutes int not null default 30 check (cap_article_minutes between 1 and 1440),
      cap_quiz_minutes int not null default 30 check (cap_quiz_minutes between 1 and 1440),
      cap_group_viewing_minutes int not null default 480 check (cap_group_viewing_minutes between 1 and 1440),
      cap_live_minutes int not null default 240 check (cap_live_minutes between 1 and 1440),
      duty_hours_member int not null default 32 check (duty_hours_member between 1 and 500),
      duty_hours_cadre int not null default 56 check (duty_hours_cadre between 1 and 500),
      version int not null default 1,
      updated_by bigint references accounts(id),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`insert into learning_rules (id) values (1)`.execute(db);

  await sql`
    create table learning_credits (
      id bigint generated always as identity primary key,
      member_id bigint not null references members(id),
      year int not null,
      day date not null,
      kind text not null check (kind in ('lesson', 'article', 'quiz', 'group_viewing', 'live')),
      source_type text not null check (source_type ~ '^[a-z_]+\.[a-z_]+$'),
      source_id bigint not null,
      minutes int not null check (minutes > 0),
      asked_minutes int not null check (asked_minutes >= minutes),
      title text not null,
      created_at timestamptz not null default now(),
      unique (member_id, source_type, source_id, day)
    )`.execute(db);
  await sql`create index learning_credits_member_year on learning_credits (member_id, year, id)`.execute(db);
  await sql`create index learning_credits_member_day on learning_credits (member_id, day, kind)`.execute(db);

  await sql`
    create table learning_member_years (
      member_id bigint not null references members(id),
      year int not null,
      minutes int not null default 0 check (minutes >= 0),
      credits int not null default 0 check (credits >= 0),
      updated_at timestamptz not null default now(),
      primary key (member_id, year)
    )`.execute(db);
  await sql`create index learning_member_years_year on learning_member_years (year, member_id) include (minutes)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table learning_member_years`.execute(db);
  await sql`drop table learning_credits`.execute(db);
  await sql`drop table learning_rules`.execute(db);
}
