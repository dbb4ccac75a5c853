/**
 * Who an SMS broadcast reaches (issue 9, items 1 and 4): the one query the SMS module calls to resolve an audience.
 * It returns a query, not rows, so that the caller can `insertInto(...).expression(audienceQuery(...))` a million
 * recipients inside the database (INSERT … SELECT) or count them, with no per-row work in the application.
 *
 * Subtrees: the organizations of `spec.orgIds` intersected with the caller's `scopePaths` give a handful of path
 * prefixes (nested ones removed); each kind of person is joined to them by a range on an indexed path
 * (`path ~>=~ prefix and path ~<~ upper`, which `text_pattern_ops` indexes serve, unlike a `like` whose pattern is
 * not a constant): members by `members.org_path` (the partial index of current members, or of current migrants),
 * officials and positions by `orgs.path` of their organization.
 * Opt-outs are a left join on the phone's blind index (`contact_optouts`), reported in `opted_out`; the caller
 * decides (official emergency notices go to everyone).
 */
import { sql, type Kysely, type RawBuilder, type SelectQueryBuilder, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { chinaToday } from '../../platform/china-time.js';

export type AudienceWho = 'secretaries' | 'committee' | 'village_officials' | 'members' | 'migrants' | 'group';
export interface AudienceSpec { orgIds: string[]; who: AudienceWho[]; groupIds: string[] }

/** One person an audience reaches, as each row of `audienceQuery` yields it. */
export interface AudienceRow {
  person_kind: 'member' | 'official' | 'contact';
  /** members.id, village_officials.id or contact_group_entries.id (for people outside the rolls) */
  person_id: string;
  name: string;
  /** the person's home organization (the member's branch, the official's village, the group's owner for outside people) */
  org_id: string;
  phone_enc: Buffer | null;
  phone_bidx: string | null;
  phone_masked: string | null;
  opted_out: boolean;
}

type Db = Kysely<DB> | Transaction<DB>;
const ID = /^[0-9]{1,18}$/;

/**
 * The audience as a query (not executed) yielding `AudienceRow`s: only people whose home organization lies in the
 * subtree of one of `spec.orgIds` and in one of `scopePaths` (the caller's subtrees); for `group`, only groups whose
 * owner organization lies in `scopePaths`. The union may repeat a person or a phone (a member in two groups, a
 * secretary who is also a member); the caller dedupes by `phone_bidx`. Departed members (已转出) are never in it.
 * "Current" positions and officials are those started on or before `opts.today` (China today by default) and not
 * ended before or on it.
 */
export function audienceQuery(db: Db, spec: AudienceSpec, scopePaths: string[], opts: { today?: string } = {}): SelectQueryBuilder<DB & { aud: AudienceRow }, 'aud', AudienceRow> {
  const today = opts.today ?? chinaToday(new Date());
  const orgIds = [...new Set(spec.orgIds.filter((id) => ID.test(id)))];
  const groupIds = [...new Set(spec.groupIds.filter((id) => ID.test(id)))];
  const scope = [...new Set(scopePaths.filter((p) => /^\/([0-9]+\/)+$/.test(p)))];
  const who = new Set(spec.who);

  // The subtree prefixes: each chosen organization cut to the caller's scope, nested prefixes dropped.
  const prefixes = sql<{ prefix: string; upper: string }>`(
    select q.prefix, left(q.prefix, -1) || '0' as upper
    from (select coalesce(array_agg(distinct case when starts_with(o.path, s.p) then o.path else s.p end), '{}') as ps
          from orgs o cross join unnest(cast(${scope} as text[])) as s(p)
          where o.id = any(cast(${orgIds} as bigint[])) and (starts_with(o.path, s.p) or starts_with(s.p, o.path))) a
    cross join lateral unnest(a.ps) as q(prefix)
    where not exists (select 1 from unnest(a.ps) as r(x) where r.x <> q.prefix and starts_with(q.prefix, r.x)))`;
  const within = (path: string) => sql.raw(`${path} ~>=~ p.prefix and ${path} ~<~ p.upper`);
  const current = (t: string) => sql`${sql.raw(t)}.started_on <= ${today} and (${sql.raw(t)}.ended_on is null or ${sql.raw(t)}.ended_on > ${today})`;

  const arms: RawBuilder<AudienceRow>[] = [];
  const memberCols = sql`'member'::text as person_kind, m.id::text as person_id, m.name, m.org_id::text as org_id,
    m.mobile_enc as phone_enc, m.mobile_bidx as phone_bidx, m.mobile_masked as phone_masked, (x.phone_bidx is not null) as opted_out`;
  const optout = (bidx: string) => sql.raw(`left join contact_optouts x on x.phone_bidx = ${bidx}`);

  if (orgIds.length > 0 && scope.length > 0) {
    if (who.has('members')) {
      arms.push(sql`select ${memberCols} from ${prefixes} p join members m on ${within('m.org_path')} ${optout('m.mobile_bidx')}
        where m.departed_on is null`);
    }
    if (who.has('migrants')) {
      arms.push(sql`select ${memberCols} from ${prefixes} p join members m on ${within('m.org_path')} ${optout('m.mobile_bidx')}
        where m.migrant and m.departed_on is null`);
    }
    for (const kind of ['secretaries', 'committee'] as const) {
      if (!who.has(kind)) continue;
      // The post is held in an organization of the subtree, and the holder's home branch is in it too.
      arms.push(sql`select ${memberCols} from ${prefixes} p
        join orgs po on ${within('po.path')}
        join party_positions pp on pp.org_id = po.id
        join members m on m.id = pp.member_id and ${within('m.org_path')} ${optout('m.mobile_bidx')}
        where m.departed_on is null and ${current('pp')}${kind === 'secretaries' ? sql` and pp.position = 'secretary'` : sql``}`);
    }
    if (who.has('village_officials')) {
      arms.push(sql`select 'official'::text as person_kind, v.id::text as person_id, v.name, v.org_id::text as org_id,
          v.phone_enc, v.phone_bidx, v.phone_masked, (x.phone_bidx is not null) as opted_out
        from ${prefixes} p join orgs vo on ${within('vo.path')} join village_officials v on v.org_id = vo.id ${optout('v.phone_bidx')}
        where ${current('v')}`);
    }
    if (who.has('group') && groupIds.length > 0) {
      // Groups the caller may see (owner organization in scope); each entry's home organization within the subtree.
      const groups = sql`(select g.id, g.org_id, go.path from contact_groups g join orgs go on go.id = g.org_id
        where g.id = any(cast(${groupIds} as bigint[])) and exists (select 1 from unnest(cast(${scope} as text[])) as s(p) where starts_with(go.path, s.p)))`;
      arms.push(sql`select ${memberCols} from ${groups} g join contact_group_entries e on e.group_id = g.id
        join members m on m.id = e.member_id join ${prefixes} p on ${within('m.org_path')} ${optout('m.mobile_bidx')}
        where m.departed_on is null`);
      arms.push(sql`select 'official'::text as person_kind, v.id::text as person_id, v.name, v.org_id::text as org_id,
          v.phone_enc, v.phone_bidx, v.phone_masked, (x.phone_bidx is not null) as opted_out
        from ${groups} g join contact_group_entries e on e.group_id = g.id join village_officials v on v.id = e.official_id
        join orgs vo on vo.id = v.org_id join ${prefixes} p on ${within('vo.path')} ${optout('v.phone_bidx')}`);
      arms.push(sql`select 'contact'::text as person_kind, e.id::text as person_id, e.name, g.org_id::text as org_id,
          e.phone_enc, e.phone_bidx, e.phone_masked, (x.phone_bidx is not null) as opted_out
        from ${groups} g join contact_group_entries e on e.group_id = g.id and e.phone_bidx is not null
        join ${prefixes} p on ${within('g.path')} ${optout('e.phone_bidx')}`);
    }
  }
  if (arms.length === 0) {
    arms.push(sql`select null::text as person_kind, null::text as person_id, null::text as name, null::text as org_id,
      null::bytea as phone_enc, null::text as phone_bidx, null::text as phone_masked, false as opted_out where false`);
  }
  const union = sql<AudienceRow>`(${sql.join(arms.map((a) => sql`(${a})`), sql` union all `)})`;
  return (db as Kysely<DB>).selectFrom(union.as('aud')).selectAll('aud') as unknown as SelectQueryBuilder<DB & { aud: AudienceRow }, 'aud', AudienceRow>;
}
