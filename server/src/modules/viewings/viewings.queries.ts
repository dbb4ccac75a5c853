/**
 * Read functions other modules call (the dashboard): sessions held and attendances (人次) in a subtree this China year,
 * from viewing_station_years (kept by confirmations), joined to the stations' current organizations.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { escapeLike } from '../../platform/actor.js';
import type { ViewingSummaryT } from './viewings.schema.js';

export async function viewingSummary(db: Kysely<DB>, orgPath: string, year: number): Promise<ViewingSummaryT> {
  const r = await db.selectFrom('viewing_station_years as y').innerJoin('stations as s', 's.id', 'y.station_id').innerJoin('orgs as o', 'o.id', 's.org_id')
    .select([sql<number>`coalesce(sum(y.sessions), 0)::int`.as('sessions'), sql<number>`coalesce(sum(y.attendances), 0)::int`.as('attendances')])
    .where('y.year', '=', year).where('o.path', 'like', `${escapeLike(orgPath)}%`).executeTakeFirstOrThrow();
  return { year, sessions: r.sessions, attendances: r.attendances };
}
