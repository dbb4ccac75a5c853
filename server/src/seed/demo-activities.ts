/**
 * Organizational life and dues records for the demo members, so that the six-month alert
 * (自行脱党预警) picks out a few members, as it would in a real branch, instead of everyone.
 *
 * Most members attended a meeting (mid-month) and paid dues (on the 5th) in each of the last
 * three months. A deterministic few (by id) are overdue: about 3% without organizational life
 * for seven months, about 2% without dues for seven months; members out of contact have no
 * records at all. Dates before a member joined are not recorded.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

export async function insertDemoActivities(db: Kysely<DB>, today: string): Promise<number> {
  // bucket: a stable 0–99 per member; 0–2 life overdue, 3–4 dues overdue.
  const res = await sql`
    with m as (
      select id, joined_on, (id * 7919) % 100 as bucket
      from members where not lost_contact
    ),
    recent as (
      select (date_trunc('month', ${today}::date) - make_interval(months => k))::date as month_start
      from generate_series(1, 3) as k
    ),
    rows as (
      select m.id, 'life' as kind, (r.month_start + 14) as on_date, m.joined_on from m cross join recent r where m.bucket >= 3
      union all
      select m.id, 'dues', (r.month_start + 4), m.joined_on from m cross join recent r where m.bucket < 3 or m.bucket >= 5
      union all
      select m.id, 'life', (date_trunc('month', ${today}::date) - interval '7 months')::date + 14, m.joined_on from m where m.bucket < 3
      union all
      select m.id, 'dues', (date_trunc('month', ${today}::date) - interval '7 months')::date + 4, m.joined_on from m where m.bucket between 3 and 4
    )
    insert into member_activities (member_id, kind, on_date, note)
    select id, kind, on_date, case kind when 'life' then '参加支部党员大会' else '按月交纳党费' end
    from rows where on_date >= joined_on and on_date <= ${today}::date
  `.execute(db);
  return Number(res.numAffectedRows ?? 0);
}
