import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Kysely } from 'kysely';
import { openDatabase, type Database } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import type { DB } from '../db/schema.js';
import { createFieldCrypto } from '../platform/crypto.js';
import { verifyPassword } from '../platform/passwords.js';
import { validateIdNumber } from '../platform/identity/id-number.js';
import { maskIdNumber, maskMobile } from '../platform/identity/mask.js';
import { validateMobile } from '../platform/identity/phone.js';
import { DEMO_PASSWORD, loadDemoData, type DemoSummary } from './demo-data.js';
import { loadZhejiangDivisions } from './divisions.js';
import { inactiveMembers } from '../modules/flows/flows.repository.js';

const fieldCrypto = createFieldCrypto({ dataKey: Buffer.alloc(32, 7), indexKey: Buffer.alloc(32, 9) });
const TODAY = '2026-11-27';

async function freshDatabase(): Promise<Database> {
  const database = await openDatabase({});
  await migrateToLatest(database.db);
  return database;
}

describe('loadDemoData', () => {
  let a: Database;
  let b: Database;
  let db: Kysely<DB>;
  let summary: DemoSummary;

  beforeAll(async () => {
    [a, b] = await Promise.all([freshDatabase(), freshDatabase()]);
    db = a.db;
    summary = await loadDemoData(db, fieldCrypto, { members: 300, seed: 42, today: TODAY });
  }, 60_000);

  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('builds the real province, its 11 cities and 90 counties', async () => {
    const orgs = await db.selectFrom('orgs').selectAll().execute();
    expect(summary.orgs).toBe(orgs.length);
    const root = orgs.find((o) => o.parent_id === null)!;
    expect(root).toMatchObject({ id: summary.root, name: '浙江省委', full_name: '中共浙江省委员会', region_code: '330000', type: 'committee', level: 'province', path: `/${summary.root}/` });
    const cities = orgs.filter((o) => o.level === 'city');
    const counties = orgs.filter((o) => o.level === 'county');
    expect(cities).toHaveLength(11);
    expect(counties).toHaveLength(90);
    expect(cities.every((c) => c.parent_id === root.id && /^33\d{2}00$/.test(c.region_code!))).toBe(true);
    const byId = new Map(orgs.map((o) => [o.id, o]));
    for (const c of counties) {
      expect(byId.get(c.parent_id!)!.region_code).toBe(`${c.region_code!.slice(0, 4)}00`);
    }
    const hangzhou = cities.find((c) => c.region_code === '330100')!;
    expect(hangzhou).toMatchObject({ id: summary.hangzhou, name: '杭州市委', full_name: '中共杭州市委员会' });
    expect(cities.find((c) => c.region_code === '330200')!.id).toBe(summary.ningbo);
    expect(counties.find((c) => c.region_code === '330106')).toMatchObject({ name: '西湖区委', full_name: '中共杭州市西湖区委员会', parent_id: hangzhou.id });
    expect(counties.find((c) => c.region_code === '330127')).toMatchObject({ name: '淳安县委', full_name: '中共淳安县委员会' });
    expect(counties.find((c) => c.region_code === '331127')).toMatchObject({ name: '景宁县委', full_name: '中共景宁畲族自治县委员会' });
    // every county has at least one branch below it
    for (const c of counties) {
      expect(orgs.some((o) => o.type === 'branch' && o.path.startsWith(c.path)), c.name).toBe(true);
    }
  });

  it('details 西湖区 and 象山县 down to every real township and village', async () => {
    const div = loadZhejiangDivisions(['330106', '330225']);
    for (const county of ['330106', '330225']) {
      const towns = div.townshipsByCounty.get(county)!;
      const villages = towns.flatMap((t) => div.villagesByTownship.get(t.code) ?? []);
      const townOrgs = await db.selectFrom('orgs').select(['region_code', 'type', 'name']).where('level', '=', 'township').where('region_code', 'like', `${county}%`).execute();
      expect(townOrgs.map((t) => t.region_code).sort()).toEqual(towns.map((t) => t.code));
      for (const t of townOrgs) expect(t.type).toBe(t.name.endsWith('党工委') ? 'working_committee' : 'committee');
      const villageCodes = await db.selectFrom('orgs').select('region_code').distinct().where('region_code', 'like', `${county}______`).where('region_code', '~', '^[0-9]{12}$').execute();
      expect(villageCodes.map((v) => v.region_code).sort()).toEqual(villages.map((v) => v.code));
    }
    const general = await db.selectFrom('orgs').select(['id', 'name']).where('type', '=', 'general_branch').execute();
    expect(general.length).toBeGreaterThan(0);
    const subs = await db.selectFrom('orgs').select(['parent_id', 'name']).where('parent_id', 'in', general.map((g) => g.id)).execute();
    expect(subs.every((s) => /第[一二三]党支部$/.test(s.name))).toBe(true);
    const online = await db.selectFrom('orgs').selectAll().where('is_online', '=', true).execute();
    expect(online).toHaveLength(1);
    expect(online[0]).toMatchObject({ sector: 'online', name: '象山县流动党员网络党支部' });
  });

  it('keeps every path equal to the parent path plus the id', async () => {
    const orgs = await db.selectFrom('orgs').select(['id', 'parent_id', 'path', 'depth']).execute();
    const byId = new Map(orgs.map((o) => [o.id, o]));
    for (const o of orgs) {
      const parent = o.parent_id ? byId.get(o.parent_id)! : null;
      expect(o.path).toBe(`${parent ? parent.path : '/'}${o.id}/`);
      expect(o.depth).toBe(parent ? parent.depth + 1 : 0);
    }
  });

  it('puts members in branches with the branch path', async () => {
    const rows = await db
      .selectFrom('members as m')
      .innerJoin('orgs as o', 'o.id', 'm.org_id')
      .select(['m.org_path', 'o.path', 'o.type'])
      .execute();
    expect(rows).toHaveLength(300);
    expect(summary.members).toBe(300);
    for (const r of rows) {
      expect(r.org_path).toBe(r.path);
      expect(r.type).toBe('branch');
    }
  });

  it('stores valid ID numbers and mobiles, encrypted, indexed and masked', async () => {
    const rows = await db.selectFrom('members').selectAll().execute();
    const mobiles = new Set<string>();
    for (const m of rows) {
      const id = fieldCrypto.decrypt(m.id_number_enc);
      expect(validateIdNumber(id, { birthDate: m.birth_date, gender: m.gender as 'male' | 'female' })).toBeNull();
      expect(m.id_number_bidx).toBe(fieldCrypto.blindIndex('id_number', id));
      expect(m.id_number_masked).toBe(maskIdNumber(id));
      if (m.mobile_enc) {
        const mobile = fieldCrypto.decrypt(m.mobile_enc);
        expect(validateMobile(mobile)).toBeNull();
        expect(m.mobile_bidx).toBe(fieldCrypto.blindIndex('mobile', mobile));
        expect(m.mobile_masked).toBe(maskMobile(mobile));
        expect(mobiles.has(mobile)).toBe(false);
        mobiles.add(mobile);
      }
      if (m.category === 'full') expect(m.full_on! > m.joined_on).toBe(true);
      else expect(m.full_on).toBeNull();
      expect(m.joined_on <= TODAY).toBe(true);
      if (m.migrant) expect(m.migrant_province).toBeTruthy();
    }
  });

  it('is deterministic for a seed', async () => {
    await loadDemoData(b.db, fieldCrypto, { members: 300, seed: 42, today: TODAY });
    const list = (d: Kysely<DB>) =>
      d.selectFrom('members').select(['name', 'id_number_masked', 'mobile_masked', 'id_number_bidx', 'org_path']).orderBy('id').execute();
    expect(await list(b.db)).toEqual(await list(db));
    const orgNames = (d: Kysely<DB>) => d.selectFrom('orgs').select(['id', 'name', 'secretary_name']).orderBy('id').execute();
    expect(await orgNames(b.db)).toEqual(await orgNames(db));
  }, 30_000);

  it('has data for the branch-size warnings', async () => {
    const sizes = await db
      .selectFrom('orgs as o')
      .leftJoin('members as m', 'm.org_id', 'o.id')
      .select((eb) => [
        'o.id',
        eb.fn.count<string>('m.id').as('total'),
        eb.fn.count<string>('m.id').filterWhere('m.category', '=', 'full').as('full'),
      ])
      .where('o.type', '=', 'branch')
      .groupBy('o.id')
      .execute();
    expect(sizes.some((s) => Number(s.total) > 0 && Number(s.full) < 3)).toBe(true);
    expect(sizes.some((s) => Number(s.total) > 50)).toBe(true);
  });

  it('records meetings and dues so that the six-month alert lists a few members, not all', async () => {
    const root = await db.selectFrom('orgs').select('path').where('parent_id', 'is', null).executeTakeFirstOrThrow();
    const total = Number((await db.selectFrom('members').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
    const flagged = await inactiveMembers(db, [root.path], undefined, '2026-05-27');
    expect(flagged.length / total).toBeGreaterThan(0.02);
    expect(flagged.length / total).toBeLessThan(0.15);
    // Nothing is recorded in the future or before the member joined.
    const bad = await db.selectFrom('member_activities as a').innerJoin('members as m', 'm.id', 'a.member_id')
      .select('a.id').where((eb) => eb.or([eb('a.on_date', '>', TODAY as never), eb('a.on_date', '<', eb.ref('m.joined_on'))])).execute();
    expect(bad).toEqual([]);
  });

  it('records one open out-flow for every migrant, to the destination on the member record', async () => {
    const migrants = await db.selectFrom('members').select(['id', 'migrant_province', 'migrant_city']).where('migrant', '=', true).where('migrant_province', 'is not', null).execute();
    const flows = await db.selectFrom('member_flows').select(['member_id', 'flow_type', 'dest_province', 'dest_city', 'left_on', 'returned_on']).execute();
    expect(migrants.length).toBeGreaterThan(0);
    expect(flows.length).toBe(migrants.length);
    const byMember = new Map(flows.map((f) => [f.member_id, f]));
    for (const m of migrants) {
      const f = byMember.get(m.id)!;
      expect(f).toMatchObject({ dest_province: m.migrant_province, dest_city: m.migrant_city, returned_on: null });
      expect(f.flow_type).toEqual(m.migrant_province === '浙江省' ? expect.stringMatching(/^within_/) : 'out_of_province');
    }
    expect(new Set(flows.map((f) => f.flow_type)).size).toBeGreaterThan(1);
  });

  it('creates the demo accounts and stations', async () => {
    expect(summary.accounts).toEqual(['demo-province', 'demo-hangzhou', 'demo-ningbo', 'demo-secretary', 'demo-member', 'demo-sysadmin', 'demo-secadmin', 'demo-auditor']);
    const accounts = await db
      .selectFrom('accounts as a')
      .innerJoin('role_grants as r', 'r.account_id', 'a.id')
      .select(['a.id', 'a.username', 'a.kind', 'a.member_id', 'a.is_demo', 'a.password_hash', 'a.display_name', 'r.role', 'r.org_id'])
      .execute();
    const by = new Map(accounts.map((x) => [x.username, x]));
    expect(accounts.every((x) => x.is_demo)).toBe(true);
    expect(by.get('demo-province')).toMatchObject({ role: 'org_admin', org_id: summary.root });
    expect(by.get('demo-hangzhou')).toMatchObject({ role: 'org_admin', org_id: summary.hangzhou });
    expect(by.get('demo-ningbo')).toMatchObject({ role: 'org_admin', org_id: summary.ningbo });
    expect(by.get('demo-secretary')).toMatchObject({ role: 'branch_secretary', org_id: summary.secretaryBranch });
    expect(by.get('demo-auditor')).toMatchObject({ role: 'auditor', org_id: summary.root });
    const member = by.get('demo-member')!;
    expect(member).toMatchObject({ kind: 'member', role: 'member', org_id: summary.secretaryBranch });
    const record = await db.selectFrom('members').select(['org_id', 'name']).where('id', '=', member.member_id!).executeTakeFirstOrThrow();
    expect(record).toEqual({ org_id: summary.secretaryBranch, name: member.display_name });
    const branch = await db.selectFrom('orgs').select(['secretary_name', 'region_code']).where('id', '=', summary.secretaryBranch).executeTakeFirstOrThrow();
    expect(branch.secretary_name).toBe(by.get('demo-secretary')!.display_name);
    expect(branch.region_code!.startsWith('330106')).toBe(true);
    expect(await verifyPassword(member.password_hash, DEMO_PASSWORD)).toBe(true);
    const history = await db.selectFrom('password_history').select('account_id').execute();
    expect(history).toHaveLength(8);

    const stations = await db.selectFrom('stations as s').innerJoin('orgs as o', 'o.id', 's.org_id').select(['s.org_path', 'o.path', 's.type', 's.status']).execute();
    expect(stations.length).toBeGreaterThanOrEqual(180);
    expect(stations.length).toBe(summary.stations);
    expect(stations.every((s) => s.org_path === s.path)).toBe(true);
    expect(new Set(stations.map((s) => s.type))).toEqual(new Set(['township', 'village', 'enterprise', 'community', 'household']));
  });

  it("asks Hangzhou's village secretaries the article's survey, most of them replying, the replies categorized by its rules", async () => {
    const s = await db.selectFrom('surveys').selectAll().executeTakeFirstOrThrow();
    expect(s).toMatchObject({ title: '村级组织建设意见征集', state: 'closed', org_id: summary.root });
    const inv = await db.selectFrom('survey_invitations as i').innerJoin('orgs as o', 'o.id', 'i.org_id')
      .select(['i.id', 'i.replied_at', 'o.path', 'i.phone_bidx']).where('i.survey_id', '=', s.id).execute();
    const hz = await db.selectFrom('orgs').select('path').where('id', '=', summary.hangzhou).executeTakeFirstOrThrow();
    expect(inv.length).toBe(s.invited);
    expect(inv.length).toBeGreaterThan(10);
    expect(inv.every((i) => i.path.startsWith(hz.path) && i.phone_bidx)).toBe(true);
    const replies = await db.selectFrom('survey_replies as r').leftJoin('survey_categories as c', 'c.id', 'r.category_id')
      .select(['r.invitation_id', 'r.text', 'r.received_at', 'c.name']).where('r.survey_id', '=', s.id).execute();
    expect(replies.length).toBe(inv.filter((i) => i.replied_at).length);
    expect(replies.length / inv.length).toBeGreaterThan(0.6);
    // Every reply is where its words put it, and every reply came between opening and closing.
    for (const r of replies) {
      const want = /阵地|活动场所|村级组织|议事|村务/.test(r.text) ? '村级组织建设' : /发展党员|年轻党员|党员教育|流动党员|老党员/.test(r.text) ? '党员队伍建设' : /换届|选举|候选人/.test(r.text) ? '村级换届选举' : null;
      expect(r.name ?? null).toBe(want);
      expect(r.received_at >= s.opened_at! && r.received_at <= s.closed_at!).toBe(true);
    }
  });

  it('refuses a database that already has organizations', async () => {
    await expect(loadDemoData(db, fieldCrypto, { members: 10 })).rejects.toThrow(/empty database/);
  });
});
