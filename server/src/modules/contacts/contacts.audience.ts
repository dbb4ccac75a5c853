/** PROVISIONAL (replaced by the contacts module at merge): members and migrants only. */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { escapeLike } from '../../platform/actor.js';

export type AudienceWho = 'secretaries' | 'committee' | 'village_officials' | 'members' | 'migrants' | 'group';
export interface AudienceSpec { orgIds: string[]; who: AudienceWho[]; groupIds: string[] }

export function audienceQuery(db: Kysely<DB> | Transaction<DB>, spec: AudienceSpec, scopePaths: string[]) {
  const migrantsOnly = !spec.who.includes('members');
  return db.selectFrom('members as m')
    .innerJoin('orgs as t', (j) => j.on('t.id', 'in', spec.orgIds.length ? spec.orgIds : ['0']))
    .where(sql<boolean>`m.org_path like t.path || '%'`)
    .where((eb) => eb.or(scopePaths.map((p) => eb('m.org_path', 'like', `${escapeLike(p)}%`))))
    .where('m.departed_on', 'is', null)
    .$if(migrantsOnly, (q) => q.where('m.migrant', '=', true))
    .select([
      sql<string>`'member'`.as('person_kind'), sql<string>`m.id::text`.as('person_id'), 'm.name', 'm.org_id',
      'm.mobile_enc as phone_enc', 'm.mobile_bidx as phone_bidx', 'm.mobile_masked as phone_masked', sql<boolean>`false`.as('opted_out'),
    ]);
}
