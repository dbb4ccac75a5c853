/**
 * Issue 12 (F-70, F-71): courses and lessons of distance education, members' study of them, quizzes and reading.
 *
 * - `learning_topics`: the catalogue's topics (理论学习, 党章党规 …), edited by the province.
 * - `learning_courses`: a course published by an organization for its subtree (owner org_id; members see the courses
 *   of their organization's ancestors), its audiences (members, secretaries, village officials), draft → published →
 *   withdrawn. `learning_files`: covers and documents of lessons (bytes in the database, like disclosure attachments).
 * - `learning_lessons`: ordered lessons of a course (video | document | article | quiz). A video lesson carries
 *   media_asset_id (the media module's asset; its foreign key came with 20261208T0200-media-asset-refs) and/or a plain
 *   MP4 video_url.
 *   `learning_questions`: a quiz lesson's questions, answers kept on the server.
 * - `learning_streams`: one open study stream per account (the anti-gaming rule: one stream at a time), the sequence
 *   of the last signed heartbeat, the playhead and server time of the last heartbeat.
 * - `learning_progress`: per member and lesson, the covered seconds of the current pass as merged [start, end] pairs;
 *   a pass that reached the completion share is completed (and credited through awardCredit).
 * - `learning_quiz_attempts`, `learning_readings`: quiz submissions and article-reading sessions.
 * All written by the learning module only. No organization path is copied: scope joins orgs.path.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table learning_topics (
      id bigint generated always as identity primary key,
      name text not null unique,
      position int not null default 0,
      active boolean not null default true
    )`.execute(db);
  await sql`insert into learning_topics (name, position) values ('理论学习', 1), ('党章党规', 2), ('政策解读', 3), ('先进典型', 4), ('实用技术', 5)`.execute(db);

  await sql`
    create table learning_courses (
      id bigint generated always as identity primary key,
      org_id bigint not null references orgs(id),
      topic_id bigint not null references learning_topics(id),
      title text not null,
      description text not null default '',
      audiences text[] not null check (cardinality(audiences) > 0 and audiences <@ array['member', 'secretary', 'village_official']),
      status text not null default 'draft' check (status in ('draft', 'published', 'withdrawn')),
      cover_file_id bigint,
      version int not null default 1,
      created_by bigint not null references accounts(id),
      created_at timestamptz not null,
      updated_at timestamptz not null,
      published_at timestamptz
    )`.execute(db);
  await sql`create index learning_courses_org on learning_courses (org_id, id)`.execute(db);
  await sql`create index learning_courses_published on learning_courses (status, id)`.execute(db);

  await sql`
    create table learning_files (
      id bigint generated always as identity primary key,
      course_id bigint not null references learning_courses(id),
      file_name text not null,
      kind text not null,
      size_bytes int not null,
      sha256 text not null,
      data bytea not null,
      uploaded_by bigint not null references accounts(id),
      uploaded_at timestamptz not null
    )`.execute(db);
  await sql`create index learning_files_course on learning_files (course_id)`.execute(db);

  await sql`
    create table learning_lessons (
      id bigint generated always as identity primary key,
      course_id bigint not null references learning_courses(id),
      position int not null,
      kind text not null check (kind in ('video', 'document', 'article', 'quiz')),
      title text not null,
      media_asset_id bigint,
      video_url text,
      duration_seconds int check (duration_seconds between 1 and 86400),
      credit_minutes int check (credit_minutes between 1 and 600),
      body_html text,
      file_id bigint references learning_files(id),
      pass_percent int check (pass_percent between 1 and 100),
      created_at timestamptz not null,
      updated_at timestamptz not null,
      removed_at timestamptz,
      check (kind <> 'video' or (duration_seconds is not null and credit_minutes is not null))
    )`.execute(db);
  await sql`create index learning_lessons_course on learning_lessons (course_id, position)`.execute(db);

  await sql`
    create table learning_questions (
      id bigint generated always as identity primary key,
      lesson_id bigint not null references learning_lessons(id),
      position int not null,
      text text not null,
      multiple boolean not null,
      options jsonb not null,
      answer int[] not null check (cardinality(answer) > 0)
    )`.execute(db);
  await sql`create index learning_questions_lesson on learning_questions (lesson_id, position)`.execute(db);

  await sql`
    create table learning_streams (
      id bigint generated always as identity primary key,
      account_id bigint not null references accounts(id),
      member_id bigint not null references members(id),
      lesson_id bigint not null references learning_lessons(id),
      seq int not null default 0,
      position double precision not null default 0,
      last_at timestamptz not null,
      started_at timestamptz not null,
      ended_at timestamptz,
      ended_reason text
    )`.execute(db);
  await sql`create unique index learning_streams_one_open on learning_streams (account_id) where ended_at is null`.execute(db);

  await sql`
    create table learning_progress (
      member_id bigint not null references members(id),
      lesson_id bigint not null references learning_lessons(id),
      covered jsonb not null default '[]',
      covered_seconds int not null default 0,
      pass_completed_at timestamptz,
      completions int not null default 0,
      first_completed_at timestamptz,
      updated_at timestamptz not null,
      primary key (member_id, lesson_id)
    )`.execute(db);

  await sql`
    create table learning_quiz_attempts (
      id bigint generated always as identity primary key,
      member_id bigint not null references members(id),
      lesson_id bigint not null references learning_lessons(id),
      score int not null,
      passed boolean not null,
      answers jsonb not null,
      created_at timestamptz not null
    )`.execute(db);
  await sql`create index learning_quiz_attempts_member on learning_quiz_attempts (member_id, lesson_id, id)`.execute(db);

  await sql`
    create table learning_readings (
      id bigint generated always as identity primary key,
      account_id bigint not null references accounts(id),
      member_id bigint not null references members(id),
      source_type text not null check (source_type ~ '^[a-z_]+\.[a-z_]+$'),
      source_id bigint not null,
      title text not null,
      seq int not null default 0,
      read_seconds int not null default 0,
      last_at timestamptz not null,
      started_at timestamptz not null,
      credited_at timestamptz
    )`.execute(db);
  await sql`create index learning_readings_member on learning_readings (member_id, id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['learning_readings', 'learning_quiz_attempts', 'learning_progress', 'learning_streams', 'learning_questions', 'learning_lessons', 'learning_files', 'learning_courses', 'learning_topics']) {
    await sql`drop table ${sql.table(t)}`.execute(db);
  }
}
