/** Issue 3: the background job queue (platform/jobs.ts) and Excel imports (modules/imports). */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
create table jobs (
  id bigint generated always as identity primary key,
  queue text not null,
  payload jsonb not null default '{}'::jsonb,
  state text not null default 'queued' check (state in ('queued', 'running', 'succeeded', 'failed')),
  attempts integer not null default 0,
  max_attempts integer not null default 3,
  run_after timestamptz not null default now(),
  locked_by text,
  locked_until timestamptz,
  processed integer not null default 0,
  total integer,
  error_count integer not null default 0,
  result jsonb,
  last_error text,
  created_by bigint references accounts (id),
  created_at timestamptz not null default now(),
  started_at timestamptz,
  finished_at timestamptz
)`.execute(db);
  // The claim query: the oldest runnable job of the queues this instance handles.
  await sql`create index jobs_runnable_idx on jobs (queue, id) where state in ('queued', 'running')`.execute(db);

  await sql`
create table imports (
  id bigint generated always as identity primary key,
  job_id bigint not null references jobs (id),
  kind text not null check (kind in ('members', 'organizations')),
  mode text not null check (mode in ('all_or_nothing', 'valid_only')),
  actor_id bigint not null references accounts (id),
  actor_name text not null,
  ip text,
  file_name text,
  file bytea not null,
  rows_total integer,
  rows_valid integer,
  rows_written integer not null default 0,
  next_row integer not null default 0,
  outcome text,
  finished_at timestamptz,
  created_at timestamptz not null default now()
)`.execute(db);
  await sql`create index imports_actor_idx on imports (actor_id, id)`.execute(db);

  await sql`
create table import_errors (
  id bigint generated always as identity primary key,
  import_id bigint not null references imports (id) on delete cascade,
  row_no integer not null,
  column_name text not null,
  message text not null
)`.execute(db);
  await sql`create index import_errors_import_idx on import_errors (import_id, row_no, id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists import_errors`.execute(db);
  await sql`drop table if exists imports`.execute(db);
  await sql`drop table if exists jobs`.execute(db);
}
