/**
 * Issue 7, item 6: an upload is kept only while its import runs, encrypted (platform/crypto.ts), and
 * removed when the import ends. `file` becomes nullable; uploads of imports that have already finished
 * (kept in clear until now) are removed here. The upload's format is recorded (xlsx · csv).
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table imports alter column file drop not null`.execute(db);
  await sql`alter table imports add column format text not null default 'xlsx' check (format in ('xlsx', 'csv'))`.execute(db);
  await sql`update imports set file = null where finished_at is not null`.execute(db);
  // The per-account upload limit counts an account's recent uploads; the cleanup finds finished imports by age.
  await sql`create index imports_actor_created_idx on imports (actor_id, created_at)`.execute(db);
  await sql`create index imports_finished_idx on imports (finished_at) where finished_at is not null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists imports_finished_idx`.execute(db);
  await sql`drop index if exists imports_actor_created_idx`.execute(db);
  await sql`alter table imports drop column if exists format`.execute(db);
}
