/**
 * Applies pending migrations to the bench database and times them; `--redo-scale` first undoes the scale migration
 * (to re-apply an edited, not yet landed version on an already loaded database).
 */
import { sql } from 'kysely';
import { openDatabase } from '../server/src/db/database.js';
import { migrateToLatest } from '../server/src/db/migrate.js';
import * as scale from '../server/src/db/migrations/20261127T0530-scale.js';

const d = await openDatabase({ url: process.env.BENCH_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/dj_bench' });
if (process.argv.includes('--redo-scale')) {
  await scale.down(d.db as never);
  await sql`delete from kysely_migration where name = '20261127T0530-scale'`.execute(d.db);
}
const t = performance.now();
const applied = await migrateToLatest(d.db);
console.log(JSON.stringify({ bench: 'migrate', applied, s: +((performance.now() - t) / 1000).toFixed(1) }));
await d.close();
