import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import { openDatabase, type Database } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import type { DB } from '../db/schema.js';
import { createFieldCrypto } from '../platform/crypto.js';
import { loadDemoData } from './demo-data.js';

const fieldCrypto = createFieldCrypto({ dataKey: Buffer.alloc(32, 7), indexKey: Buffer.alloc(32, 9) });
const TODAY = '2026-11-27';

/** Townships with a member below them who leads no branch, each with its current 书记s and whether all have a mobile and belong below it. */
async function townshipSecretaries(db: Kysely<DB>) {
  const r = await sql<{ id: string; secretaries: number; inside: boolean; mobile: boolean }>`
    select t.id, count(p.id)::int as secretaries, coalesce(bool_and(m.org_path like t.path || '%'), false) as inside,
      coalesce(bool_and(m.mobile_bidx is not null), false) as mobile
    from orgs t left join party_positions p on p.org_id = t.id and p.position = 'secretary' and p.ended_on is null
      left join members m on m.id = p.member_id
    where t.level = 'township' and exists (
      select 1 from members x where x.org_path like t.path || '%' and x.mobile_bidx is not null and x.departed_on is null
        and not exists (select 1 from party_positions y where y.member_id = x.id and y.position = 'secretary' and y.org_id <> t.id))
    group by t.id`.execute(db);
  return r.rows;
}

describe('demo contacts', () => {
  let a: Database;
  let db: Kysely<DB>;
  beforeAll(async () => {
    a = await openDatabase({});
    await migrateToLatest(a.db);
    db = a.db;
    await loadDemoData(db, fieldCrypto, { members: 300, seed: 42, today: TODAY });
  }, 60_000);
  afterAll(async () => { await a?.close(); });

  it('gives every branch with members exactly one current 书记, a member of it, and committee members', async () => {
    const r = await sql<{ id: string; secretaries: number; holders_inside: boolean }>`
      select o.id, (select count(*)::int from party_positions p where p.org_id = o.id and p.position = 'secretary' and p.ended_on is null) as secretaries,
        (select bool_and(m.org_path like o.path || '%') from party_positions p join members m on m.id = p.member_id where p.org_id = o.id) as holders_inside
      from orgs o where o.type in ('branch', 'general_branch')
        and exists (select 1 from members m where m.org_path like o.path || '%')`.execute(db);
    expect(r.rows.length).toBeGreaterThan(100);
    expect(r.rows.filter((x) => x.secretaries !== 1)).toEqual([]);
    expect(r.rows.every((x) => x.holders_inside)).toBe(true);
    // Branches of three or more members have committee members beside the secretary.
    const bare = await sql<{ id: string }>`select o.id from orgs o where o.type = 'branch'
      and (select count(*) from members m where m.org_id = o.id) >= 3
      and not exists (select 1 from party_positions p where p.org_id = o.id and p.position <> 'secretary')`.execute(db);
    expect(bare.rows).toEqual([]);
  });

  it('gives every village (rural organization under a township) its officials, with valid masked phones', async () => {
    const villages = await sql<{ id: string; officials: number }>`
      select o.id, (select count(*)::int from village_officials v where v.org_id = o.id and v.ended_on is null) as officials
      from orgs o join orgs t on t.id = o.parent_id where t.level = 'township' and o.sector = 'rural'`.execute(db);
    expect(villages.rows.length).toBeGreaterThan(100);
    expect(villages.rows.filter((v) => v.officials < 3)).toEqual([]);
    const sample = await db.selectFrom('village_officials').select(['phone_enc', 'phone_bidx', 'phone_masked']).where('phone_enc', 'is not', null).limit(50).execute();
    for (const s of sample) {
      const phone = fieldCrypto.decrypt(s.phone_enc!);
      expect(phone).toMatch(/^1[3-9]\d{9}$/);
      expect(s.phone_bidx).toBe(fieldCrypto.blindIndex('mobile', phone));
      expect(s.phone_masked).toBe(`${phone.slice(0, 3)}****${phone.slice(7)}`);
    }
    expect(Number((await db.selectFrom('contact_groups').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n)).toBe(2);
    expect(Number((await db.selectFrom('contact_optouts').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n)).toBeGreaterThan(0);
  });
});

describe('demo contacts with few members', () => {
  // With 500 or 1,000 members a 党总支's secretary is often one of its sub-branches' secretaries too: the contact group
  // of Xihu's secretaries holds that person once (the load failed on contact_group_entries_member_key).
  it.each([500, 1000])('loads with DEMO_MEMBERS=%i and the default seed, each person once in a group, a 书记 for the townships', async (members) => {
    const a = await openDatabase({});
    try {
      await migrateToLatest(a.db);
      await loadDemoData(a.db, fieldCrypto, { members, today: TODAY });
      const g = await a.db.selectFrom('contact_group_entries').select(['group_id', 'member_id']).where('member_id', 'is not', null).execute();
      expect(g.length).toBeGreaterThan(0);
      expect(new Set(g.map((x) => `${x.group_id}:${x.member_id}`)).size).toBe(g.length);
      // Every township with a member below it who leads no branch has one 书记 from among them, with a mobile (an
      // emergency alert's escalation texts them).
      const towns = await townshipSecretaries(a.db);
      expect(towns.length).toBeGreaterThan(members >= 1000 ? 10 : 0);
      expect(towns.filter((x) => x.secretaries !== 1 || !x.inside || !x.mobile)).toEqual([]);
    } finally {
      await a.close();
    }
  }, 120_000);
});
