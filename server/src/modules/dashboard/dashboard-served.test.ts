/**
 * Issue 13 items 2 and 3: the dashboards and tree levels staff are served (kept per organization until members, orgs or stations change)
 * stay exact. Each step changes members through the platform — create, a category edit, a transfer between cities,
 * a departure from the province, an Excel import — and every figure served for the province, a city, a county and
 * a township is then compared with a direct count of the subtree. The dashboards are read before each step, so a
 * kept copy exists whenever a change lands.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { demoFixtures, type DemoFixtures } from '../../../test/fixtures.js';
import { memberInput, validIdNumber, uniqueMobile } from '../../../test/factories.js';
import { memberRows } from '../members/members.excel.js';
import { XLSX_TYPE } from '../../platform/excel/schema.js';
import { chinaToday } from '../../platform/china-time.js';
import { cellsDirect, figures } from './dashboard.repository.js';

let t: TestApp;
let f: DemoFixtures;
let prov: string;
let watched: { id: string; path: string; name: string }[];
beforeAll(async () => {
  t = await createTestApp();
  f = await demoFixtures(t.ctx);
  prov = await t.login('demo-province');
  const one = (where: ReturnType<typeof sql>) => sql<{ id: string; path: string; name: string }>`select id::text, path, name from orgs where ${where} order by id limit 1`.execute(t.ctx.db);
  const county = (await one(sql`level = 'county' and path like ${`${f.hangzhou.path}%`} and exists (select 1 from members m where m.org_path like orgs.path || '%')`)).rows[0];
  const township = (await one(sql`parent_id = ${county.id} and exists (select 1 from members m where m.org_path like orgs.path || '%')`)).rows[0];
  const province = (await one(sql`parent_id is null`)).rows[0];
  watched = [province, { id: f.hangzhou.id, path: f.hangzhou.path, name: '杭州市委' }, county, township];
});
afterAll(async () => { await t?.close(); });

const served = async (orgId: string) => {
  const res = await t.call('GET', `/api/dashboard?orgId=${orgId}`, { cookie: prov });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

/** Every figure of a dashboard counted directly from members, orgs and stations. */
async function direct(org: { id: string; path: string }) {
  const db = t.ctx.db;
  const today = chinaToday(t.clock.now());
  const kids = await db.selectFrom('orgs').select(['id', 'name', 'path']).where('parent_id', '=', org.id).orderBy('sort_order').orderBy('id').execute();
  const children = [];
  for (const k of kids) children.push({ id: String(k.id), name: k.name, ...figures(await cellsDirect(db, k.path, today)).totals });
  const fresh = await sql<{ too_few: number; too_many: number }>`
    with b as (select (select count(*) from members m where m.org_id = o.id and m.category = 'full' and m.departed_on is null) as f,
                      (select count(*) from members m where m.org_id = o.id and m.departed_on is null) as t
               from orgs o where o.path like ${`${org.path}%`} and o.status = 'active' and o.type in ('branch', 'joint_branch', 'temporary_branch'))
    select count(*) filter (where f < 3)::int as too_few, count(*) filter (where t > 50)::int as too_many from b`.execute(db);
  return { ...figures(await cellsDirect(db, org.path, today)), warnings: { tooFewFullMembers: fresh.rows[0].too_few, tooManyMembers: fresh.rows[0].too_many }, children };
}

async function expectServedExact(step: string) {
  for (const org of watched) {
    const { org: head, ...figs } = await served(org.id);
    expect(head.id).toBe(org.id);
    expect(figs, `${step}: ${org.name}`).toEqual(await direct(org));
    // The tree's level below, kept the same way, with each child's current members counted directly.
    const kids = (await t.call('GET', `/api/orgs/${org.id}/children`, { cookie: prov })).json().items as { id: string; childCount: number; memberCount: number }[];
    const fresh = await sql<{ id: string; members: number; children: number }>`
      select o.id::text, (select count(*)::int from members m where m.org_path like o.path || '%' and m.departed_on is null) as members,
             (select count(*)::int from orgs c where c.parent_id = o.id) as children
      from orgs o where o.parent_id = ${org.id}`.execute(t.ctx.db);
    expect(kids.map((k) => [k.id, k.memberCount, k.childCount]).sort(), `${step}: ${org.name}'s children`).toEqual(fresh.rows.map((r) => [r.id, r.members, r.children]).sort());
  }
}

async function importRows(n: number, orgId: string) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('党员信息');
  ws.addRow(memberRows.columns.map((c) => c.header));
  for (let i = 0; i < n; i++) {
    const birth = `1990-0${i + 1}-15`;
    const row: Record<string, string> = {
      org: orgId, name: `导入党员${i}`, gender: '女', ethnicity: '回族', birthDate: birth, idType: '居民身份证', idNumber: validIdNumber(birth, 'female'),
      education: '研究生', category: '正式党员', joinedOn: '2015-07-01', fullOn: '2016-07-01', standing: '正常', job: '职员', mobile: uniqueMobile(),
      address: '杭州市', lostContact: '否', migrant: '否',
    };
    ws.addRow(memberRows.columns.map((c) => row[c.key] ?? null));
  }
  const res = await t.call('POST', '/api/imports?kind=members&mode=all_or_nothing', { cookie: prov, body: Buffer.from(await wb.xlsx.writeBuffer()), headers: { 'content-type': XLSX_TYPE } });
  expect(res.statusCode, res.body).toBe(202);
  await t.ctx.jobs.drain();
  const status = (await t.call('GET', `/api/imports/${res.json().id}?errorsLimit=100`, { cookie: prov })).json();
  expect(status.state, JSON.stringify(status)).toBe('succeeded');
}

describe('served dashboards', () => {
  it('stay exact through create, category edits, transfers, departures and imports', async () => {
    const branch = (await sql<{ id: string; name: string }>`select id::text, name from orgs where path like ${`${watched[3].path}%`} and type = 'branch' and status = 'active' order by id limit 1`.execute(t.ctx.db)).rows[0];
    await expectServedExact('at start');

    const created = await t.call('POST', '/api/members', { cookie: prov, body: memberInput(branch.id, { name: '统计新党员', ethnicity: '畲族', birthDate: '1979-03-01', education: 'postgraduate' }) });
    expect(created.statusCode, created.body).toBe(201);
    await expectServedExact('after a member is created');

    const m = (await t.call('GET', `/api/members/${created.json().id}`, { cookie: prov })).json();
    const edited = await t.call('PATCH', `/api/members/${m.id}`, { cookie: prov, body: { version: m.version, category: 'probationary', fullOn: null, migrant: true, migrantProvince: '上海市' } });
    expect(edited.statusCode, edited.body).toBe(200);
    await expectServedExact('after a category edit');

    const step = async (id: string, action: string) => expect((await t.call('POST', `/api/transfers/${id}/${action}`, { cookie: prov, body: {} })).statusCode).toBe(200);
    const apply = { duesPaidTo: '2026-10', reason: '工作调动' };
    const toNingbo = await t.call('POST', '/api/transfers', { cookie: prov, body: { memberId: m.id, toOrgId: f.nbBranch, ...apply } });
    expect(toNingbo.statusCode, toNingbo.body).toBe(201);
    for (const a of ['submit', 'approve', 'approve']) await step(toNingbo.json().id, a);
    await expectServedExact('after a transfer to Ningbo');

    const leaver = (await sql<{ id: string }>`select id::text from members where org_path like ${`${watched[3].path}%`} and departed_on is null order by id limit 1`.execute(t.ctx.db)).rows[0].id;
    const out = await t.call('POST', '/api/transfers', { cookie: prov, body: { memberId: leaver, outsideOrgName: '中共上海市浦东新区某街道党工委', outsideProvince: '上海市', outsideCity: '上海市', ...apply } });
    expect(out.statusCode, out.body).toBe(201);
    for (const a of ['submit', 'approve']) await step(out.json().id, a);
    await expectServedExact('after a departure from the province');

    await importRows(3, branch.id);
    await expectServedExact('after an import');
  });
});
