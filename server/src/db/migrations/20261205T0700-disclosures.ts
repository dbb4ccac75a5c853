/**
 * Issue 11, item 2 (F-40, F-41): 党务、村务、财务公开 — the disclosures module's tables (docs/disclosures.md).
 *
 * - `disclosure_items`: one item of a grassroots organization (kind, period, title), its working copy (the body as
 *   sanitized HTML, the finance table as JSON, fen integers) and its state (draft → published → withdrawn). A
 *   published item's public text is its latest row in `disclosure_versions`; `version` counts those rows.
 *   `search_terms`: the distinct jieba search-mode terms of the latest published version (platform/text/segmenter.ts)
 *   as a text array with a GIN index; a search asks for every word of the query (`@>`). Built-in on PGlite and
 *   PostgreSQL alike: no extension (pg_trgm, zhparser) and no text-search parser that would drop Chinese letters under
 *   the C locale. No organization path is copied: scope joins `orgs`.
 * - `disclosure_versions`: every publication of an item (公开版本): the text and table as published, their SHA-256
 *   fingerprint and the time. Never updated or deleted: the public sees them as 历史版本.
 * - `disclosure_attachments`: files of an item (the bytes in the row, as the follow-up engine keeps them).
 * - `disclosure_plans`: the disclosure calendar (公开计划): an organization sets, for the grassroots organizations in
 *   its subtree, what (kind, period) must be published by when (due date, China time).
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
create table disclosure_items (
  id bigint generated always as identity primary key,
  org_id bigint not null references orgs(id),
  kind text not null check (kind in ('party', 'village', 'finance')),
  period text not null check (period ~ '^[0-9]{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$'),
  title text not null check (char_length(title) between 1 and 100),
  body_html text not null check (char_length(body_html) <= 200000),
  finance jsonb,
  state text not null default 'draft' check (state in ('draft', 'published', 'withdrawn')),
  version integer not null default 0,
  fingerprint text,
  first_published_at timestamptz,
  published_at timestamptz,
  withdrawn_at timestamptz,
  search_terms text[] not null default '{}',
  created_by bigint references accounts(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((kind = 'finance') = (finance is not null)),
  check ((state = 'draft') = (first_published_at is null) or state = 'withdrawn')
)`.execute(db);
  await sql`create index disclosure_items_org_idx on disclosure_items (org_id, kind, period)`.execute(db);
  await sql`create index disclosure_items_public_idx on disclosure_items (published_at desc, id desc) where state = 'published'`.execute(db);
  await sql`create index disclosure_items_search_idx on disclosure_items using gin (search_terms)`.execute(db);
  await sql`
create table disclosure_versions (
  item_id bigint not null references disclosure_items(id),
  version integer not null check (version >= 1),
  title text not null,
  body_html text not null,
  finance jsonb,
  fingerprint text not null check (fingerprint ~ '^[0-9a-f]{64}$'),
  published_at timestamptz not null,
  published_by_name text not null,
  primary key (item_id, version)
)`.execute(db);
  await sql`
create table disclosure_attachments (
  id bigint generated always as identity primary key,
  item_id bigint not null references disclosure_items(id),
  file_name text not null check (char_length(file_name) between 1 and 200),
  kind text not null check (kind in ('pdf', 'jpg', 'png', 'docx', 'xlsx')),
  size_bytes integer not null check (size_bytes between 1 and 10485760),
  sha256 text not null,
  data bytea not null,
  uploaded_by bigint not null references accounts(id),
  uploaded_at timestamptz not null default now()
)`.execute(db);
  await sql`create index disclosure_attachments_item_idx on disclosure_attachments (item_id, id)`.execute(db);
  await sql`
create table disclosure_plans (
  id bigint generated always as identity primary key,
  org_id bigint not null references orgs(id),
  kind text not null check (kind in ('party', 'village', 'finance')),
  period text not null check (period ~ '^[0-9]{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$'),
  due_on date not null,
  created_by bigint references accounts(id),
  created_at timestamptz not null default now(),
  unique (org_id, kind, period)
)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table disclosure_plans`.execute(db);
  await sql`drop table disclosure_attachments`.execute(db);
  await sql`drop table disclosure_versions`.execute(db);
  await sql`drop table disclosure_items`.execute(db);
}
