import { Migrator, type Kysely, type Migration } from 'kysely';
import { migrations } from './migrations/index.js';

/**
 * A migration module may also export `afterCommit`: work that must see the migration committed and so cannot run in
 * the Migrator's transaction — an ANALYZE after a statistics target change, for one (the backend that changed a
 * target inside a transaction still analyzes with the old one until it commits).
 */
type MigrationModule = Migration & { afterCommit?: (db: Kysely<unknown>) => Promise<void> };

/** Runs every pending migration, then the `afterCommit` of each that ran; throws with the failing migration's name. */
export async function migrateToLatest<Schema>(db: Kysely<Schema>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw new Error(`migration ${failed ?? '?'} failed: ${String((error as Error).message ?? error)}`, { cause: error });
  }
  const ran = (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
  for (const name of ran) await (migrations[name] as MigrationModule).afterCommit?.(db as Kysely<unknown>);
  return ran;
}
