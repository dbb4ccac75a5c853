/** All SQL of the stations module; lists are filtered by the actor's subtrees on `stations.org_path`. */
import { sql, type Insertable, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { DB, StationsTable } from '../../db/schema.js';
import { escapeLike, scopeFilter } from '../../platform/actor.js';

type Db = Kysely<DB> | Transaction<DB>;

function withOrg(db: Db) {
  return db.selectFrom('stations as s').innerJoin('orgs as o', 'o.id', 's.org_id').selectAll('s').select('o.name as org_name');
}
export type StationWithOrg = Awaited<ReturnType<ReturnType<typeof withOrg>['executeTakeFirstOrThrow']>>;

export function findStation(db: Db, id: string): Promise<StationWithOrg | undefined> {
  return withOrg(db).where('s.id', '=', id).executeTakeFirst();
}

export interface StationFilter {
  scope: string[];
  subtree?: string;
  type?: Selectable<StationsTable>['type'];
  status?: Selectable<StationsTable>['status'];
  nameContains?: string;
}

export async function listStations(db: Db, f: StationFilter, afterId: string | undefined, limit: number) {
  const base = () => {
    let q = db.selectFrom('stations as s').where((eb) => scopeFilter(eb, 's.org_path', f.scope));
    if (f.subtree) q = q.where('s.org_path', 'like', `${escapeLike(f.subtree)}%`);
    if (f.type) q = q.where('s.type', '=', f.type);
    if (f.status) q = q.where('s.status', '=', f.status);
    if (f.nameContains) q = q.where('s.name', 'like', `%${escapeLike(f.nameContains)}%`);
    return q;
  };
  let page = base().innerJoin('orgs as o', 'o.id', 's.org_id').selectAll('s').select('o.name as org_name');
  if (afterId) page = page.where('s.id', '>', afterId);
  const [rows, count] = await Promise.all([
    page.orderBy('s.id').limit(limit).execute(),
    base().select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: count.n };
}

/** Locks the row for an optimistic-concurrency check inside the caller's transaction. */
export function lockStation(trx: Transaction<DB>, id: string) {
  return trx.selectFrom('stations').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/**
 * The (organization id, name) pairs among `orgIds` × `names` that are already taken by a station: the one rule of
 * station names (unique within an organization), asked by the service for one station and by the importer for a file.
 */
export async function takenStationNames(db: Db, orgIds: string[], names: string[], exceptId?: string): Promise<{ org_id: string; name: string }[]> {
  if (orgIds.length === 0 || names.length === 0) return [];
  let q = db.selectFrom('stations').select(['org_id', 'name']).where('org_id', 'in', orgIds).where('name', 'in', names);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return q.execute();
}

/** Registers stations in the caller's transaction (the importer's batches); their ids, organizations and names. */
export function insertStations(trx: Transaction<DB>, rows: Insertable<DB['stations']>[]) {
  return trx.insertInto('stations').values(rows).returning(['id', 'org_id', 'name']).execute();
}
