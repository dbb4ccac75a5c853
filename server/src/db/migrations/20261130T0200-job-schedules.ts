/**
 * Issue 8, item 5: singleton jobs, recurring schedules persisted in the database, and the index the
 * retention of finished jobs deletes by (platform/jobs/).
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table jobs add column singleton_key text`.execute(db);
  // At most one queued or running job per (queue, key): a second enqueue finds this one instead.
  await sql`
create unique index jobs_singleton_idx on jobs (queue, singleton_key)
  where singleton_key is not null and state in ('queued', 'running')`.execute(db);
  // Retention deletes finished jobs by age.
  await sql`create index jobs_finished_idx on jobs (finished_at) where state in ('succeeded', 'failed')`.execute(db);

  // One row per recurring schedule. `next_run_at` is the slot due next; the instance that moves it on
  // (a compare-and-set on the old value) is the one that enqueues that slot's job, so a slot fires once
  // however many instances run.
  await sql`
create table job_schedules (
  name text primary key,
  queue text not null,
  payload jsonb not null default '{}'::jsonb,
  every_ms bigint check (every_ms > 0),
  cron text,
  next_run_at timestamptz not null,
  last_run_at timestamptz,
  last_job_id bigint,
  check ((every_ms is null) <> (cron is null))
)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists job_schedules`.execute(db);
  await sql`drop index if exists jobs_finished_idx`.execute(db);
  await sql`drop index if exists jobs_singleton_idx`.execute(db);
  await sql`alter table jobs drop column if exists singleton_key`.execute(db);
}
