/**
 * Issue 11 (letters forwarded down five levels): each hop of a follow-up item may carry its own deadline.
 *
 * - `followup_hops.due_on`: the due date the receiving organization was given with a hop down (null: the item's
 *   due date stayed as it was).
 * - `followup_hops.prev_due_on`: the item's due date before that hop, so that when the item comes back up the
 *   level above gets its own deadline back.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table followup_hops add column due_on date, add column prev_due_on date`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table followup_hops drop column due_on, drop column prev_due_on`.execute(db);
}
