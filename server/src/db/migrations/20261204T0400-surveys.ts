/**
 * Issue 10, items 1–2 (F-20, F-21): interactive surveys, the surveys module's tables (docs/surveys.md).
 *
 * - surveys: one per survey, owned by an organization; asked by SMS (its own reply extension) and/or a web form.
 * - survey_questions: in order; free text, a choice by number, or yes/no.
 * - survey_invitations: one per person asked (the audience resolved once, when the survey opens), with the
 *   question the person is on over SMS, the web form's token, when they replied, and the reminders sent.
 * - survey_replies: one per respondent and question — an invitee's SMS messages to one question are one reply
 *   (their texts joined), a web form's answer, or a row of an imported workbook (no invitee). It has one category
 *   (null: 其他) and any number of tags; `categorized_by` says whether rules or a person put it there.
 * - survey_categories: per survey, in order; a category or a tag, with rules (platform/text rule kinds).
 * - survey_reply_changes: every change of a reply's category, by rules re-run or by a person, with who and when.
 * - survey_words: the survey's user dictionary (words jieba should keep whole).
 * - survey_theme_runs: theme suggestions for the uncategorized, computed by a job.
 * No organization path is copied: scope joins orgs.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
create table surveys (
  id bigint generated always as identity primary key,
  org_id bigint not null references orgs(id),
  title text not null check (char_length(title) between 1 and 60),
  intro text not null default '' check (char_length(intro) <= 500),
  state text not null default 'draft' check (state in ('draft', 'open', 'closed')),
  by_sms boolean not null default true,
  by_web boolean not null default true,
  audience jsonb not null,
  opens_at timestamptz,
  closes_at timestamptz,
  remind_after_hours integer check (remind_after_hours between 1 and 720),
  max_reminders smallint not null default 0 check (max_reminders between 0 and 5),
  reminders_sent smallint not null default 0,
  notify_on_close boolean not null default false,
  public_results boolean not null default false,
  reply_ext text unique,
  invited integer not null default 0,
  invited_at timestamptz,
  broadcast_id bigint,
  rules_version integer not null default 0,
  created_by bigint references accounts(id),
  created_by_name text not null,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  opened_at timestamptz,
  closed_at timestamptz,
  version integer not null default 1
)`.execute(db);
  await sql`create index surveys_org_idx on surveys (org_id, id desc)`.execute(db);
  await sql`create index surveys_open_idx on surveys (state, id) where state = 'open'`.execute(db);
  await sql`
create table survey_questions (
  id bigint generated always as identity primary key,
  survey_id bigint not null references surveys(id) on delete cascade,
  seq smallint not null,
  kind text not null check (kind in ('text', 'choice', 'yesno')),
  text text not null check (char_length(text) between 1 and 300),
  options jsonb not null default '[]',
  unique (survey_id, seq)
)`.execute(db);
  await sql`
create table survey_invitations (
  id bigint generated always as identity primary key,
  survey_id bigint not null references surveys(id),
  person_kind text not null check (person_kind in ('member', 'official', 'contact')),
  person_id bigint not null,
  name text,
  org_id bigint not null references orgs(id),
  phone_enc bytea,
  phone_bidx text,
  phone_masked text,
  token text not null unique,
  current_seq smallint not null default 1,
  replied_at timestamptz,
  completed_at timestamptz,
  reminders smallint not null default 0,
  unique (survey_id, person_kind, person_id)
)`.execute(db);
  // Matching an incoming reply: the sender's invitations (by phone) in open surveys.
  await sql`create index survey_invitations_phone_idx on survey_invitations (phone_bidx, survey_id)`.execute(db);
  // Response rates per organization.
  await sql`create index survey_invitations_org_idx on survey_invitations (survey_id, org_id) include (replied_at)`.execute(db);
  await sql`
create table survey_categories (
  id bigint generated always as identity primary key,
  survey_id bigint not null references surveys(id),
  kind text not null default 'category' check (kind in ('category', 'tag')),
  seq smallint not null,
  name text not null check (char_length(name) between 1 and 40),
  rules jsonb not null default '[]',
  created_at timestamptz not null,
  deleted_at timestamptz
)`.execute(db);
  await sql`create unique index survey_categories_name_idx on survey_categories (survey_id, kind, name) where deleted_at is null`.execute(db);
  await sql`
create table survey_replies (
  id bigint generated always as identity primary key,
  survey_id bigint not null references surveys(id),
  question_id bigint not null references survey_questions(id),
  invitation_id bigint references survey_invitations(id),
  channel text not null check (channel in ('sms', 'web', 'import')),
  org_id bigint not null references orgs(id),
  text text not null,
  choice smallint,
  messages smallint not null default 1,
  category_id bigint references survey_categories(id),
  categorized_by text not null default 'rule' check (categorized_by in ('rule', 'staff')),
  tags text[] not null default '{}',
  terms text[] not null default '{}',
  received_at timestamptz not null,
  updated_at timestamptz not null,
  import_id bigint
)`.execute(db);
  await sql`create unique index survey_replies_invitation_idx on survey_replies (invitation_id, question_id) where invitation_id is not null`.execute(db);
  // The results: counts per organization and category (or choice) of one question, from the index alone.
  await sql`create index survey_replies_results_idx on survey_replies (question_id, org_id, category_id) include (choice)`.execute(db);
  await sql`create index survey_replies_list_idx on survey_replies (survey_id, id desc)`.execute(db);
  // A category's replies, newest first (the list filtered by category; examples per category).
  await sql`create index survey_replies_category_idx on survey_replies (question_id, category_id, id desc)`.execute(db);
  await sql`
create table survey_reply_changes (
  id bigint generated always as identity primary key,
  reply_id bigint not null references survey_replies(id),
  from_category_id bigint,
  to_category_id bigint,
  by_rules boolean not null,
  by_id bigint references accounts(id),
  by_name text not null,
  reason text,
  at timestamptz not null
)`.execute(db);
  await sql`create index survey_reply_changes_reply_idx on survey_reply_changes (reply_id, id)`.execute(db);
  await sql`
create table survey_words (
  survey_id bigint not null references surveys(id),
  word text not null check (char_length(word) between 1 and 30),
  freq integer,
  tag text,
  primary key (survey_id, word)
)`.execute(db);
  await sql`
create table survey_theme_runs (
  id bigint generated always as identity primary key,
  survey_id bigint not null references surveys(id),
  question_id bigint not null references survey_questions(id),
  job_id bigint,
  state text not null default 'running' check (state in ('running', 'done', 'failed')),
  replies integer not null default 0,
  themes jsonb,
  error text,
  created_by bigint references accounts(id),
  created_at timestamptz not null,
  finished_at timestamptz
)`.execute(db);
  await sql`create index survey_theme_runs_survey_idx on survey_theme_runs (survey_id, id desc)`.execute(db);
}
