/**
 * Out-flow records (流动党员登记) for the demo members flagged as migrants, so the migrant list
 * agrees with the dashboard's 流动党员 figure: one open flow per migrant, its destination the
 * member's recorded one, its type from where that lies (same city, elsewhere in Zhejiang, another
 * province), a reason and a departure date drawn deterministically from the member's id.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

export async function insertDemoFlows(db: Kysely<DB>, today: string): Promise<number> {
  const res = await sql`
    insert into member_flows (member_id, flow_type, reason, dest_province, dest_city, dest_county, left_on)
    select m.id,
           case when m.migrant_province <> '浙江省' then 'out_of_province'
                when c.name = m.migrant_city || '委' then 'within_city'
                else 'within_province' end,
           case when (m.id * 131) % 20 < 14 then 'work_business' when (m.id * 131) % 20 < 16 then 'study'
                when (m.id * 131) % 20 < 19 then 'follow_family' else 'other' end,
           m.migrant_province, m.migrant_city, m.migrant_county,
           greatest(m.joined_on, ${today}::date - (30 + (m.id * 37) % 900)::int)
    from members m
    left join orgs c on c.id = nullif(split_part(m.org_path, '/', 3), '')::bigint
    where m.migrant and m.migrant_province is not null
  `.execute(db);
  return Number(res.numAffectedRows ?? 0);
}
