/**
 * Demo contacts (issue 9, item 1): a 书记 and a few committee members for every branch that has members, a 书记 for
 * every township committee, the officials of every demo village, two contact groups and a few SMS opt-outs.
 *
 * Villages: the demo tree marks a village by its organization — a rural grassroots organization directly under a
 * township (the 党支部, or the 党总支 of a large village split into sub-branches); `isVillageOrg` in
 * contacts.service.ts is the API's rule for where officials may be registered (any rural grassroots organization).
 * Officials who are party members (the village's party secretary serving as 村党组织书记) are linked to the member
 * record and share its phone; the others get mobiles of the 178 prefix, which demo members never use, so no phone is
 * shared by accident.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { FieldCrypto } from '../platform/crypto.js';
import { maskMobile } from '../platform/identity/mask.js';
import { randomPersonName } from './chinese-names.js';
import type { DemoTree, OrgNode } from './demo-orgs.js';
import { randomDate } from './demo-orgs.js';
import type { Random } from './random.js';

const COMMITTEE = ['deputy_secretary', 'organization_member', 'publicity_member', 'discipline_member', 'youth_member', 'committee_member'] as const;
const VILLAGE_TITLES = ['村委会主任', '村委会副主任', '村委委员', '村妇联主席', '村监委会主任', '村党组织委员'];

interface MemberLite { id: string; org_id: string; name: string; gender: 'male' | 'female'; mobile_enc: Buffer | null; mobile_bidx: string | null; mobile_masked: string | null }

export interface DemoContactsSummary { positions: number; officials: number; groups: number; optouts: number }

export async function insertDemoContacts(db: Kysely<DB>, fc: FieldCrypto, tree: DemoTree, rng: Random, today: string): Promise<DemoContactsSummary> {
  const members = await db.selectFrom('members').select(['id', 'org_id', 'name', 'gender', 'mobile_enc', 'mobile_bidx', 'mobile_masked'])
    .where('departed_on', 'is', null).orderBy('id').execute() as MemberLite[];
  const byOrg = new Map<string, MemberLite[]>();
  for (const m of members) (byOrg.get(m.org_id) ?? byOrg.set(m.org_id, []).get(m.org_id)!).push(m);
  const under = (o: OrgNode): MemberLite[] => [...(byOrg.get(o.id) ?? []), ...o.children.flatMap(under)];
  const termStart = () => {
    const d = randomDate(rng, 2021, 2024);
    return d < today ? d : '2021-07-01';
  };

  // ——— 书记 and committee members of every branch (and general branch) with members ———
  const positions: { member_id: string; org_id: string; position: string; started_on: string; ended_on: string | null }[] = [];
  const secretaryOf = new Map<string, MemberLite>();
  for (const o of tree.all) {
    if (o.type !== 'branch' && o.type !== 'general_branch') continue;
    const pool = rng.shuffle([...under(o)]);
    if (pool.length === 0) continue;
    const started = termStart();
    const secretary = pool[0];
    secretaryOf.set(o.id, secretary);
    positions.push({ member_id: secretary.id, org_id: o.id, position: 'secretary', started_on: started, ended_on: null });
    const committee = Math.min(pool.length - 1, pool.length >= 7 ? rng.int(2, 4) : 2);
    for (let i = 0; i < committee; i++) {
      positions.push({ member_id: pool[i + 1].id, org_id: o.id, position: COMMITTEE[i === 0 && rng.chance(0.5) ? 0 : Math.min(i + 1, COMMITTEE.length - 1)], started_on: started, ended_on: null });
    }
    // A former secretary for some branches, so the list of ended posts is not empty.
    if (pool.length > committee + 1 && rng.chance(0.15)) {
      positions.push({ member_id: pool[committee + 1].id, org_id: o.id, position: 'secretary', started_on: randomDate(rng, 2015, 2019), ended_on: started });
    }
  }
  // ——— the 书记 of every township (乡镇党委 / 街道党工委) with members below it ———
  // One of its members with a mobile who leads no branch, picked without the random stream (so adding them moved no
  // other demo record); the escalation of an emergency alert texts them about their silent villages.
  const leading = new Set([...secretaryOf.values()].map((m) => m.id));
  for (const t of tree.townships.values()) {
    const pool = under(t).filter((m) => m.mobile_bidx && !leading.has(m.id)).sort((a, b) => Number(a.id) - Number(b.id));
    if (!pool.length) continue;
    const m = pool[Math.floor(pool.length / 2)]!;
    leading.add(m.id);
    positions.push({ member_id: m.id, org_id: t.id, position: 'secretary', started_on: '2021-09-01', ended_on: null });
  }
  for (let i = 0; i < positions.length; i += 1000) await db.insertInto('party_positions').values(positions.slice(i, i + 1000)).execute();

  // ——— the officials of every village ———
  const villages = [...tree.townships.values()].flatMap((t) => t.children.filter((c) => c.sector === 'rural' && c.level === 'grassroots'));
  const used = new Set<string>();
  const phone = () => {
    let p: string;
    do p = `178${rng.digits(8)}`; while (used.has(p));
    used.add(p);
    return { phone_enc: fc.encrypt(p), phone_bidx: fc.blindIndex('mobile', p), phone_masked: maskMobile(p) };
  };
  const officials: Record<string, unknown>[] = [];
  for (const v of villages) {
    const started = termStart();
    const sec = secretaryOf.get(v.id) ?? secretaryOf.get(v.children[0]?.id ?? '');
    if (sec) {
      officials.push({
        org_id: v.id, name: sec.name, role: 'two_committees', title: rng.chance(0.8) ? '村党组织书记、村委会主任' : '村党组织书记', member_id: sec.id, gender: sec.gender,
        phone_enc: sec.mobile_enc, phone_bidx: sec.mobile_bidx, phone_masked: sec.mobile_masked, started_on: started,
      });
    }
    const n = rng.int(3, 5);
    for (let i = 0; i < n; i++) {
      const gender = i === 2 || rng.chance(0.3) ? 'female' : 'male';
      officials.push({
        org_id: v.id, name: randomPersonName(rng, gender, rng.int(1965, 1995)), role: 'two_committees', title: VILLAGE_TITLES[i % VILLAGE_TITLES.length],
        gender, ...phone(), started_on: started,
      });
    }
    if (rng.chance(0.35)) officials.push({ org_id: v.id, name: randomPersonName(rng, rng.chance(0.5) ? 'male' : 'female', rng.int(1996, 2001)), role: 'college_graduate', title: '村党组织书记助理', ...phone(), started_on: '2024-08-01' });
    if (rng.chance(0.25)) officials.push({ org_id: v.id, name: randomPersonName(rng, 'male', rng.int(1975, 1990)), role: 'first_secretary', title: '驻村第一书记', ...phone(), started_on: '2024-03-01', note: '县直机关选派' });
    // One former official, who left office at the last election.
    if (rng.chance(0.2)) officials.push({ org_id: v.id, name: randomPersonName(rng, 'male', rng.int(1955, 1970)), role: 'two_committees', title: '村委会主任', ...phone(), started_on: '2017-12-01', ended_on: started > '2017-12-01' ? started : null });
  }
  for (let i = 0; i < officials.length; i += 500) {
    await db.insertInto('village_officials').values(officials.slice(i, i + 500).map((o) => ({ gender: null, member_id: null, note: null, ended_on: null, ...o }) as never)).execute();
  }

  // ——— two contact groups and a few opt-outs ———
  const xihu = tree.counties.get('330106')!;
  const xiangshan = tree.counties.get('330225')!;
  const pathOf = new Map(tree.all.map((o) => [o.id, o.path]));
  // A group holds a person once: with few members, a 党总支's secretary is drawn from its sub-branches' members and
  // may be one of their secretaries too (DEMO_MEMBERS=500 once failed on contact_group_entries_member_key).
  const xihuSecretaries = [...new Map([...secretaryOf.entries()].filter(([orgId]) => pathOf.get(orgId)!.startsWith(xihu.path)).map(([, m]) => [m.id, m])).values()].slice(0, 12);
  const g1 = await db.insertInto('contact_groups').values({ org_id: xihu.id, name: '村（社区）党组织书记联络群', description: '西湖区村、社区党组织书记，用于工作通知' }).returning('id').executeTakeFirstOrThrow();
  const g1Entries = xihuSecretaries.map((m) => ({ group_id: g1.id, member_id: m.id }));
  const outside = [{ name: '陈立新', note: '区委组织部联络员' }, { name: '李晓燕', note: '街道党建指导员' }];
  if (g1Entries.length) await db.insertInto('contact_group_entries').values(g1Entries).execute();
  await db.insertInto('contact_group_entries').values(outside.map((o) => ({ group_id: g1.id, name: o.name, note: o.note, ...phone() }))).execute();
  const g2 = await db.insertInto('contact_groups').values({ org_id: xiangshan.id, name: '驻村第一书记', description: '象山县各村驻村第一书记' }).returning('id').executeTakeFirstOrThrow();
  const firstSecretaries = await db.selectFrom('village_officials as v').innerJoin('orgs as o', 'o.id', 'v.org_id').select('v.id')
    .where('o.path', 'like', `${xiangshan.path}%`).where('v.role', '=', 'first_secretary').orderBy('v.id').execute();
  if (firstSecretaries.length) await db.insertInto('contact_group_entries').values(firstSecretaries.map((v) => ({ group_id: g2.id, official_id: v.id }))).execute();

  const optouts = new Map<string, 'sms_keyword' | 'staff'>();
  for (const m of members.filter((x) => x.mobile_bidx).filter((_, i) => i % 97 === 13).slice(0, 6)) optouts.set(m.mobile_bidx!, 'sms_keyword');
  for (const o of officials.filter((x) => !x.member_id).filter((_, i) => i % 61 === 7).slice(0, 4)) optouts.set(o.phone_bidx as string, 'staff');
  const at = new Date(`${today}T09:00:00+08:00`);
  if (optouts.size) {
    await db.insertInto('contact_optouts').values([...optouts].map(([phone_bidx, via]) => ({
      phone_bidx, via, opted_out_at: at, note: via === 'staff' ? '本人电话告知不再接收短信' : '回复TD退订',
    }))).execute();
  }
  return { positions: positions.length, officials: officials.length, groups: 2, optouts: optouts.size };
}
