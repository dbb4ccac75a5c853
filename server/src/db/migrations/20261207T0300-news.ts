/**
 * Issue 12 (F-73): 新闻宣传 — the news module's tables (docs/news.md). Written by the news module only.
 *
 * - `news_categories`: the article categories (政策解读, 热点关注, 重大活动, 先进典型 to start); the province's
 *   administrator adds, renames and orders them.
 * - `news_articles`: an article of a province, city or county organization (org_id; scope joins `orgs`, no path copy)
 *   and its workflow state: draft → submitted → (returned → submitted …) → scheduled | published → withdrawn. The
 *   working copy (title, summary, body as sanitized HTML, source, tags) is what editors change; what the public reads
 *   is the latest row of `news_versions`. `flagged_words`: the sensitive words the submission's screening found,
 *   which the reviewer must confirm having read before approving. `search_terms`: jieba search-mode terms of the
 *   published text (GIN), as in disclosures.
 * - `news_versions`: every publication (version 1) and every correction (更正, version 2 …, with its note). Never
 *   updated or deleted.
 * - `news_images`: cover images (bytes in the row), checked by content on upload.
 * - `news_tv_episodes`: the party-building TV programme's schedule (党建电视节目单): air time, channel, episode title,
 *   description, and the episode's video: `media_asset_id` (the media module's asset, by id; its foreign key came
 *   with 20261208T0200-media-asset-refs) or an external address.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
create table news_categories (
  id bigint generated always as identity primary key,
  name text not null check (char_length(name) between 1 and 20),
  sort_order integer not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
)`.execute(db);
  await sql`create unique index news_categories_name_idx on news_categories (name)`.execute(db);
  await sql`insert into news_categories (name, sort_order) values ('政策解读', 10), ('热点关注', 20), ('重大活动', 30), ('先进典型', 40)`.execute(db);
  await sql`
create table news_images (
  id bigint generated always as identity primary key,
  kind text not null check (kind in ('jpg', 'png', 'webp')),
  size_bytes integer not null check (size_bytes between 1 and 5242880),
  sha256 text not null,
  data bytea not null,
  uploaded_by bigint references accounts(id),
  uploaded_at timestamptz not null default now()
)`.execute(db);
  await sql`
create table news_articles (
  id bigint generated always as identity primary key,
  org_id bigint not null references orgs(id),
  category_id bigint not null references news_categories(id),
  title text not null check (char_length(title) between 1 and 80),
  summary text not null default '' check (char_length(summary) <= 300),
  body_html text not null check (char_length(body_html) <= 200000),
  source text not null default '' check (char_length(source) <= 60),
  tags text[] not null default '{}',
  cover_image_id bigint references news_images(id),
  state text not null default 'draft' check (state in ('draft', 'submitted', 'returned', 'scheduled', 'published', 'withdrawn')),
  version integer not null default 0,
  publish_at timestamptz,
  published_at timestamptz,
  first_published_at timestamptz,
  withdrawn_at timestamptz,
  withdraw_reason text,
  return_reason text,
  flagged_words jsonb not null default '[]',
  search_terms text[] not null default '{}',
  created_by bigint references accounts(id),
  submitted_by bigint references accounts(id),
  reviewed_by bigint references accounts(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((state = 'scheduled') = (publish_at is not null) or state <> 'scheduled'),
  check (state not in ('published', 'withdrawn') or first_published_at is not null)
)`.execute(db);
  await sql`create index news_articles_org_idx on news_articles (org_id, state, id desc)`.execute(db);
  await sql`create index news_articles_state_idx on news_articles (state, id desc)`.execute(db);
  await sql`create index news_articles_public_idx on news_articles (published_at desc, id desc) where state = 'published'`.execute(db);
  await sql`create index news_articles_due_idx on news_articles (publish_at) where state = 'scheduled'`.execute(db);
  await sql`create index news_articles_search_idx on news_articles using gin (search_terms)`.execute(db);
  await sql`
create table news_versions (
  article_id bigint not null references news_articles(id),
  version integer not null check (version >= 1),
  title text not null,
  summary text not null,
  body_html text not null,
  correction_note text,
  published_at timestamptz not null,
  published_by_name text not null,
  primary key (article_id, version),
  check ((version = 1) = (correction_note is null))
)`.execute(db);
  await sql`
create table news_tv_episodes (
  id bigint generated always as identity primary key,
  org_id bigint not null references orgs(id),
  air_at timestamptz not null,
  duration_minutes integer not null default 30 check (duration_minutes between 1 and 600),
  channel text not null check (char_length(channel) between 1 and 40),
  title text not null check (char_length(title) between 1 and 80),
  description text not null default '' check (char_length(description) <= 1000),
  media_asset_id bigint,
  video_url text check (video_url is null or video_url ~ '^https://'),
  created_by bigint references accounts(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
)`.execute(db);
  await sql`create index news_tv_episodes_air_idx on news_tv_episodes (air_at, id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table news_tv_episodes, news_versions, news_articles, news_images, news_categories`.execute(db);
}
