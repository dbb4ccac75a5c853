/**
 * The change counter of members, orgs and stations (migration 20261206T0010-counts-version): bumped by statement
 * triggers in the writer's transaction. Read it BEFORE computing something from those tables and keep the result
 * under it (platform/versioned-cache.ts): the data read after it is at least as new as the value, so the kept result
 * is exact for as long as the value holds. Dashboards and the organization tree's counts use it.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Actor } from './actor.js';
import { VersionedCache } from './versioned-cache.js';

export async function countsVersion(db: Kysely<DB> | Transaction<DB>, actor?: Actor): Promise<string> {
  if (actor?.countsVersion !== undefined) return actor.countsVersion; // read by the request's session check
  const r = await db.selectFrom('counts_version').select('v').where('id', '=', 1).executeTakeFirst();
  return String(r?.v ?? '0');
}

/**
 * A VersionedCache per database (tests run several databases in one process) for small lookups of the tree that a
 * request makes before its real work (an organization's path, a subtree's anchors): kept under the counts version,
 * so they are exact, and free while nothing in members, orgs or stations changes.
 */
export function treeLookupCache<V>(maxEntries: number): (db: Kysely<DB>) => VersionedCache<V> {
  const caches = new WeakMap<Kysely<DB>, VersionedCache<V>>();
  return (db) => {
    let c = caches.get(db);
    if (!c) caches.set(db, c = new VersionedCache<V>({ maxEntries, maxAgeMs: 60_000 }));
    return c;
  };
}
