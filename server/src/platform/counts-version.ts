/**
 * The change counter of members, orgs and stations (migration 20261206T0010-counts-version): bumped by statement
 * triggers in the writer's transaction. Read it BEFORE computing something from those tables and keep the result
 * under it (platform/versioned-cache.ts): the data read after it is at least as new as the value, so the kept result
 * is exact for as long as the value holds. Dashboards and the organization tree's counts use it.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.js';

export async function countsVersion(db: Kysely<DB> | Transaction<DB>): Promise<string> {
  const r = await db.selectFrom('counts_version').select('v').where('id', '=', 1).executeTakeFirst();
  return String(r?.v ?? '0');
}
