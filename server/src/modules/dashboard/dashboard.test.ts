import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { demoFixtures, type DemoFixtures } from '../../../test/fixtures.js';
import { branchInput, memberInput } from '../../../test/factories.js';
import { cells, cellsDirect, sizeRuleCounts, yearsBefore } from './dashboard.repository.js';
import { chinaToday } from '../../platform/china-time.js';

let t: TestApp;
let f: DemoFixtures;
let prov: string;
beforeAll(async () => {
  t = await createTestApp();
  f = await demoFixtures(t.ctx);
  prov = await t.login('demo-province');
});
afterAll(async () => { await t?.close(); });

const today = () => chinaToday(t.clock.now());
const norm = (cs: { dim: string; key: string; n: number }[]) =>
  cs.filter((c) => c.n !== 0).map((c) => `${c.dim}|${c.key}|${c.n}`).sort();

/** Counters against fresh count(*): per-org rows, and every anchor's cells against a direct count of its subtree. */
async function expectCountersExact(anchorPaths: string[]) {
  const db = t.ctx.db;
  const drift = await sql<{ org_id: string }>`
    with fresh as (
      select org_id, count(*)::int as members, count(*) filter (where category = 'full')::int as full_members,
             count(*) filter (where category = 'probationary')::int as probationary, count(*) filter (where migrant)::int as migrants,
             count(*) filter (where lost_contact)::int as lost_contact
      from members group by org_id)
    select coalesce(f.org_id, c.org_id)::text as org_id from fresh f full join org_member_counts c on c.org_id = f.org_id
    where (coalesce(f.members, 0), coalesce(f.full_members, 0), coalesce(f.probationary, 0), coalesce(f.migrants, 0), coalesce(f.lost_contact, 0))
       is distinct from (coalesce(c.members, 0), coalesce(c.full_members, 0), coalesce(c.probationary, 0), coalesce(c.migrants, 0), coalesce(c.lost_contact, 0))`.execute(db);
  expect(drift.rows).toEqual([]);
  const missing = await sql<{ id: string }>`select id from orgs o where not exists (select 1 from org_member_counts c where c.org_id = o.id)`.execute(db);
  expect(missing.rows).toEqual([]);
  for (const p of anchorPaths) {
    expect(norm(await cells(db, p, today())), p).toEqual(norm(await cellsDirect(db, p, today())));
    const fresh = await sql<{ too_few: number; too_many: number }>`
      with b as (select (select count(*) from members m where m.org_id = o.id and m.category = 'full') as f, (select count(*) from members m where m.org_id = o.id) as t
                 from orgs o where o.path like ${`${p}%`} and o.status = 'active' and o.type in ('branch', 'joint_branch', 'temporary_branch'))
      select count(*) filter (where f < 3)::int as too_few, count(*) filter (where t > 50)::int as too_many from b`.execute(db);
    expect(await sizeRuleCounts(db, p), p).toEqual({ tooFewFullMembers: fresh.rows[0].too_few, tooManyMembers: fresh.rows[0].too_many });
  }
}

async function anchors(): Promise<string[]> {
  const r = await sql<{ path: string }>`select path from orgs where depth <= 2 order by path`.execute(t.ctx.db);
  return r.rows.map((x) => x.path);
}

describe('dashboard counters', () => {
  it('computes band cut-offs as PostgreSQL does, 29 February included', () => {
    expect(yearsBefore('2026-11-27', 31)).toBe('1995-11-27');
    expect(yearsBefore('2028-02-29', 31)).toBe('1997-02-28');
    expect(yearsBefore('2028-02-29', 4)).toBe('2024-02-29');
  });

  it('match fresh counts on the demo data, for the province, every city and every county', async () => {
    await expectCountersExact(await anchors());
  });

  it('stay exact through member create and update, subtree moves across cities, transfers, deletes and deactivation', async () => {
    const db = t.ctx.db;
    const county = async (name: string) => db.selectFrom('orgs').selectAll().where('name', '=', name).where('level', '=', 'county').executeTakeFirstOrThrow();
    const xihu = await county('西湖区委');
    const chunan = await county('淳安县委');
    const yinzhou = await county('鄞州区委');

    // a general branch with a branch and members, under 西湖
    const general = (await t.call('POST', '/api/orgs', { cookie: prov, body: branchInput(xihu.id, { type: 'general_branch', name: '计数党总支' }) })).json();
    const branch = (await t.call('POST', '/api/orgs', { cookie: prov, body: branchInput(general.id, { name: '计数党支部' }) })).json();
    const ids: string[] = [];
    for (const [i, o] of [{}, { category: 'probationary', fullOn: null, joinedOn: '2026-01-05' }, { ethnicity: '畲族', birthDate: '1950-02-28' }].entries()) {
      const res = await t.call('POST', '/api/members', { cookie: prov, body: memberInput(branch.id, { name: ['计数甲', '计数乙', '计数丙'][i], ...o }) });
      expect(res.statusCode, res.body).toBe(201);
      ids.push(res.json().id);
    }
    const m0 = (await t.call('GET', `/api/members/${ids[0]}`, { cookie: prov })).json();
    const upd = await t.call('PATCH', `/api/members/${ids[0]}`, { cookie: prov, body: { version: m0.version, category: 'probationary', fullOn: null, education: 'postgraduate' } });
    expect(upd.statusCode, upd.body).toBe(200);
    await expectCountersExact([xihu.path, f.hangzhou.path, '/' + xihu.path.split('/')[1] + '/']);

    // move the subtree within Hangzhou, then across cities to 鄞州 (Ningbo)
    expect((await t.call('POST', `/api/orgs/${general.id}/move`, { cookie: prov, body: { parentId: chunan.id } })).statusCode).toBe(200);
    const moved = await t.call('POST', `/api/orgs/${general.id}/move`, { cookie: prov, body: { parentId: yinzhou.id } });
    expect(moved.statusCode, moved.body).toBe(200);

    // a transfer: member leaves for another branch in another city (org_id and org_path in one update, as transfers do)
    await db.transaction().execute(async (trx) => {
      await sql`update members set org_id = ${f.hzBranch}, org_path = (select path from orgs where id = ${f.hzBranch}), migrant = true, migrant_province = '上海市'
                where id = ${ids[1]}`.execute(trx);
    });
    // a delete and a deactivated (emptied) branch
    await sql`delete from member_changes where member_id = ${ids[2]}`.execute(db);
    await sql`delete from members where id = ${ids[2]}`.execute(db);
    await sql`update orgs set status = 'inactive' where id = ${branch.id}`.execute(db);
    await expectCountersExact(await anchors());

    const direct = norm(await cellsDirect(db, f.ningbo.path, today()));
    expect(direct.some((c) => c.startsWith('org_type|general_branch|'))).toBe(true);
  });
});

describe('GET /api/dashboard', () => {
  it('returns the breakdowns and a child row per direct child whose totals add up', async () => {
    const res = await t.call('GET', '/api/dashboard', { cookie: prov });
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json();
    expect(d.org.name).toBe('浙江省委');
    expect(d.byPartyAge.map((b: { key: string }) => b.key).every((k: string) => ['<5', '5-10', '10-20', '20-30', '30-50', '>=50'].includes(k))).toBe(true);
    expect(d.byPartyAge.reduce((s: number, b: { count: number }) => s + b.count, 0)).toBe(d.totals.members);
    expect(d.byEthnicity.reduce((s: number, b: { count: number }) => s + b.count, 0)).toBe(d.totals.members);
    expect(d.byAgeBand.reduce((s: number, b: { count: number }) => s + b.count, 0)).toBe(d.totals.members);
    expect(d.children.length).toBe(11);
    const hz = d.children.find((c: { name: string }) => c.name === '杭州市委');
    const hzDash = (await t.call('GET', `/api/dashboard?orgId=${f.hangzhou.id}`, { cookie: prov })).json();
    const { members, full, probationary, migrants, lostContact, orgs, branches, stations } = hzDash.totals;
    expect(hz).toEqual({ id: f.hangzhou.id, name: '杭州市委', members, full, probationary, migrants, lostContact, orgs, branches, stations });
    // drill down below the counters: a county's children (townships) are counted directly and add up to the county
    const xihu = hzDash.children.find((c: { name: string }) => c.name === '西湖区委');
    const xd = (await t.call('GET', `/api/dashboard?orgId=${xihu.id}`, { cookie: prov })).json();
    const own = await sql<{ n: number }>`select count(*)::int as n from members where org_id = ${xihu.id}`.execute(t.ctx.db);
    expect(xd.children.reduce((s: number, c: { members: number }) => s + c.members, 0) + own.rows[0].n).toBe(xd.totals.members);
    const town = xd.children.find((c: { members: number }) => c.members > 0);
    const td = (await t.call('GET', `/api/dashboard?orgId=${town.id}`, { cookie: prov })).json();
    expect(td.totals.members).toBe(town.members);
    expect(td.totals.orgs).toBe(town.orgs);
    expect(td.totals.stations).toBe(town.stations);
  });

  it('keeps a city out of another city', async () => {
    const hz = await t.login('demo-hangzhou');
    expect((await t.call('GET', `/api/dashboard?orgId=${f.ningbo.id}`, { cookie: hz })).statusCode).toBe(403);
  });
});
