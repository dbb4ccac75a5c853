/**
 * Retention of finished jobs: succeeded ones are deleted after `succeededDays`, failed ones (the dead
 * letters, kept for a look at what went wrong) after `failedDays`, by their `finished_at` (database time).
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

const DAY_MS = 86_400_000;
const BATCH = 1000;

/**
 * The columns of other tables that refer to jobs (found by their foreign keys, so a new module's table is
 * covered without being listed here). A job such a row refers to is that row's record, e.g. an import's
 * status is its job: it stays as long as the row does.
 */
async function referencingColumns(db: Kysely<DB>): Promise<{ schema: string; table: string; column: string }[]> {
  const r = await sql<{ schema: string; table: string; column: string }>`
    select n.nspname as schema, cl.relname as table, a.attname as column
    from pg_constraint c
    join pg_class cl on cl.oid = c.conrelid
    join pg_namespace n on n.oid = cl.relnamespace
    join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
    where c.contype = 'f' and c.confrelid = 'jobs'::regclass and cardinality(c.conkey) = 1`.execute(db);
  return r.rows;
}

/** Deletes jobs past retention in batches (each a short statement: the embedded database has one connection). */
export async function purgeJobs(db: Kysely<DB>, retention: { succeededDays: number; failedDays: number }): Promise<number> {
  const refs = await referencingColumns(db);
  const kept = refs.map((r) => sql`and not exists (select 1 from ${sql.id(r.schema, r.table)} r where r.${sql.id(r.column)} = j.id)`);
  let deleted = 0;
  for (;;) {
    const r = await sql`
      delete from jobs where id in (
        select j.id from jobs j
        where ((j.state = 'succeeded' and j.finished_at < now() - ${`${retention.succeededDays * DAY_MS} milliseconds`}::interval)
            or (j.state = 'failed' and j.finished_at < now() - ${`${retention.failedDays * DAY_MS} milliseconds`}::interval))
          ${kept.length ? sql.join(kept, sql` `) : sql``}
        limit ${BATCH}
      )`.execute(db);
    const n = Number(r.numAffectedRows ?? 0);
    deleted += n;
    if (n < BATCH) return deleted;
  }
}
