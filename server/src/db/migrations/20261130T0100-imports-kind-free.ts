/**
 * Issue 8, item 3: the kinds of import are those of the importers that modules register with the Excel engine
 * (platform/excel), checked by the engine on upload; no database constraint lists module names.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table imports drop constraint if exists imports_kind_check`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table imports add constraint imports_kind_check check (kind in ('members', 'organizations', 'stations'))`.execute(db);
}
