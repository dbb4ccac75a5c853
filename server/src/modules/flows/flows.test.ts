import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { demoFixtures, type DemoFixtures } from '../../../test/fixtures.js';
import { monthsBefore, monthsBetween } from './flows.service.js';
import { addDays, chinaToday } from '../../platform/china-time.js';

let t: TestApp;
let f: DemoFixtures;
let nb: string;
let hz: string;
let sys: string;
let online: { id: string; path: string };
const PASSWORD = 'Viewer#2026-ok';

beforeAll(async () => {
  t = await createTestApp();
  f = await demoFixtures(t.ctx);
  [nb, hz, sys] = [await t.login('demo-ningbo'), await t.login('demo-hangzhou'), await t.login('demo-sysadmin')];
  online = await t.ctx.db.selectFrom('orgs').select(['id', 'path']).where('is_online', '=', true).where('full_name', '=', '中共象山县流动党员网络党支部').executeTakeFirstOrThrow();
});
afterAll(async () => { await t?.close(); });

const today = () => chinaToday(t.clock.now());
const daysAgo = (n: number) => addDays(today(), -n);

/** A staff account holding `role` at `orgId`, logged in (the forced first password change is skipped in the database). */
async function staffAt(username: string, role: string, orgId: string): Promise<string> {
  const res = await t.call('POST', '/api/accounts', { cookie: sys, body: { username, displayName: `${username} 测试`, kind: 'staff', password: PASSWORD } });
  expect(res.statusCode, res.body).toBe(201);
  const g = await t.call('POST', `/api/accounts/${res.json().id}/roles`, { cookie: sys, body: { role, orgId } });
  expect(g.statusCode, g.body).toBe(200);
  await t.ctx.db.updateTable('accounts').set({ must_change_password: false }).where('username', '=', username).execute();
  return t.login(username, PASSWORD);
}

/** Ningbo members that are not migrants yet, lowest ids first. */
async function ningboMembers(n: number, offset = 0): Promise<string[]> {
  const rows = await t.ctx.db.selectFrom('members').select('id').where('org_path', 'like', `${f.ningbo.path}%`).where('migrant', '=', false).orderBy('id').offset(offset).limit(n).execute();
  return rows.map((r) => r.id);
}

const outFlow = (overrides: Record<string, unknown> = {}) => ({
  flowType: 'out_of_province', reason: 'work_business', destProvince: '广东省', destCity: '深圳市', destCounty: '南山区',
  workplace: '深圳市南山区某科技公司', contactName: '李建华', contactPhone: '+86 138-0013-8000', leftOn: daysAgo(30), expectedReturnOn: daysAgo(-300),
  ...overrides,
});

describe('out-flow and return', () => {
  it('records an out-flow, the member flags follow the open flow, the history is kept and both are audited', async () => {
    const [id] = await ningboMembers(1);
    const res = await t.call('POST', `/api/members/${id}/flows`, { cookie: nb, body: outFlow() });
    expect(res.statusCode, res.body).toBe(201);
    const flow = res.json();
    expect(flow).toMatchObject({ memberId: id, flowType: 'out_of_province', destProvince: '广东省', contactPhone: '138****8000', open: true, returnedOn: null });
    expect(res.body).not.toContain('13800138000');
    const row = await t.ctx.db.selectFrom('member_flows').selectAll().where('id', '=', flow.id).executeTakeFirstOrThrow();
    expect(t.ctx.crypto.decrypt(row.contact_phone_enc!)).toBe('13800138000');

    let m = (await t.call('GET', `/api/members/${id}`, { cookie: nb })).json();
    expect(m).toMatchObject({ migrant: true, migrantProvince: '广东省', migrantCity: '深圳市', migrantCounty: '南山区' });

    // A second out-flow while one is open is refused.
    const again = await t.call('POST', `/api/members/${id}/flows`, { cookie: nb, body: outFlow() });
    expect(again.statusCode).toBe(409);
    expect(again.json().title).toContain('未结束的外出流动');

    const ret = await t.call('POST', `/api/flows/${flow.id}/return`, { cookie: nb, body: { returnedOn: today() } });
    expect(ret.statusCode, ret.body).toBe(200);
    expect(ret.json()).toMatchObject({ open: false, returnedOn: today() });
    m = (await t.call('GET', `/api/members/${id}`, { cookie: nb })).json();
    expect(m).toMatchObject({ migrant: false, migrantProvince: null, migrantCity: null, migrantCounty: null });
    const twice = await t.call('POST', `/api/flows/${flow.id}/return`, { cookie: nb, body: { returnedOn: today() } });
    expect(twice.statusCode).toBe(400);

    // A new flow after the return: both kept, newest first.
    const second = await t.call('POST', `/api/members/${id}/flows`, { cookie: nb, body: outFlow({ flowType: 'within_province', destProvince: '浙江省', destCity: '杭州市', destCounty: '余杭区', contactPhone: '0571-87654321', leftOn: today() }) });
    expect(second.statusCode, second.body).toBe(201);
    expect(second.json().contactPhone).toBe('0571-****4321');
    const history = (await t.call('GET', `/api/members/${id}/flows`, { cookie: nb })).json().items;
    expect(history.map((x: { id: string }) => x.id)).toEqual([second.json().id, flow.id]);
    expect((await t.call('GET', `/api/members/${id}`, { cookie: nb })).json()).toMatchObject({ migrant: true, migrantCity: '杭州市' });

    const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'entity_type', 'entity_id', 'after']).where((eb) => eb.or([eb('entity_id', '=', id), eb('entity_id', '=', flow.id)])).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['flow.create', 'member.flow_out', 'flow.return', 'member.flow_return']));
    expect(JSON.stringify(audit)).not.toContain('13800138000');
    const changes = (await t.call('GET', `/api/members/${id}/history`, { cookie: nb })).json().items;
    expect(changes.map((c: { action: string }) => c.action)).toEqual(['member.flow_out', 'member.flow_return', 'member.flow_out']);
  });

  it('answers validation errors in Chinese', async () => {
    const [id] = await ningboMembers(1, 5);
    const bad = await t.call('POST', `/api/members/${id}/flows`, { cookie: nb, body: outFlow({ destProvince: '浙江省', contactPhone: '12345', leftOn: daysAgo(-3), expectedReturnOn: daysAgo(40) }) });
    expect(bad.statusCode).toBe(400);
    const errors = Object.fromEntries(bad.json().errors.map((e: { field: string; message: string }) => [e.field, e.message]));
    expect(errors).toMatchObject({ destProvince: '跨省流动的流入地不能是浙江省', leftOn: '外出日期不能晚于今天', expectedReturnOn: '预计返回日期不能早于外出日期' });
    expect(errors.contactPhone).toContain('手机号码格式不正确');
    const schema = await t.call('POST', `/api/members/${id}/flows`, { cookie: nb, body: outFlow({ flowType: 'abroad', destCity: '' }) });
    expect(schema.statusCode).toBe(400);
    expect(schema.json().errors).toEqual(expect.arrayContaining([{ field: 'destCity', message: '此项不能为空' }]));
    expect((await t.ctx.db.selectFrom('member_flows').select('id').where('member_id', '=', id).execute()).length).toBe(0);
    const flow = (await t.call('POST', `/api/members/${id}/flows`, { cookie: nb, body: outFlow() })).json();
    const early = await t.call('POST', `/api/flows/${flow.id}/return`, { cookie: nb, body: { returnedOn: daysAgo(60) } });
    expect(early.json().errors).toEqual([{ field: 'returnedOn', message: '返回日期不能早于外出日期' }]);
  });

  it('lists open migrants per subtree with where they are, with keyset paging, and nothing outside the scope', async () => {
    const ids = await ningboMembers(3, 10);
    for (const id of ids) expect((await t.call('POST', `/api/members/${id}/flows`, { cookie: nb, body: outFlow({ flowType: 'within_city', destProvince: '浙江省', destCity: '宁波市' }) })).statusCode).toBe(201);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await t.call('GET', `/api/flows?orgId=${f.ningbo.id}&type=within_city&open=true&limit=2${cursor ? `&cursor=${cursor}` : ''}`, { cookie: nb });
      expect(res.statusCode, res.body).toBe(200);
      seen.push(...res.json().items.map((x: { memberId: string; destCity: string }) => (expect(x.destCity).toBe('宁波市'), x.memberId)));
      cursor = res.json().nextCursor;
    } while (cursor);
    // Every open within-city flow of Ningbo (the demo data has some too), once each, in flow order, ours last.
    const expected = await t.ctx.db.selectFrom('member_flows as fl').innerJoin('members as m', 'm.id', 'fl.member_id').select('fl.member_id')
      .where('m.org_path', 'like', `${f.ningbo.path}%`).where('fl.flow_type', '=', 'within_city').where('fl.returned_on', 'is', null).orderBy('fl.id').execute();
    expect(seen).toEqual(expected.map((r) => r.member_id));
    expect(seen.slice(-3)).toEqual(ids);
    expect((await t.call('GET', `/api/flows?orgId=${f.ningbo.id}`, { cookie: hz })).statusCode).toBe(403);
    const hzList = (await t.call('GET', '/api/flows', { cookie: hz })).json();
    expect(hzList.items.every((x: { memberId: string }) => !ids.includes(x.memberId))).toBe(true);
    expect((await t.call('GET', `/api/members/${ids[0]}/flows`, { cookie: hz })).statusCode).toBe(403);
    expect((await t.call('POST', `/api/members/${ids[0]}/flows`, { cookie: hz, body: { nonsense: true } })).statusCode).toBe(403);
  });
});

describe('online branch (网络党支部)', () => {
  it('lets a viewer at the online branch read attached Ningbo migrants and no other Ningbo member; Hangzhou still sees nothing', async () => {
    const [migrant, other] = await ningboMembers(2, 20);
    const home = await t.ctx.db.selectFrom('members').select(['org_id', 'org_path']).where('id', '=', migrant).executeTakeFirstOrThrow();
    expect(home.org_path.startsWith(online.path)).toBe(false);
    // Only migrants may join.
    const notMigrant = await t.call('POST', `/api/members/${migrant}/online-branch`, { cookie: nb, body: { orgId: online.id } });
    expect(notMigrant.statusCode).toBe(400);
    expect(notMigrant.json().title).toContain('流动党员');
    expect((await t.call('POST', `/api/members/${migrant}/flows`, { cookie: nb, body: outFlow() })).statusCode).toBe(201);
    const notOnline = await t.call('POST', `/api/members/${migrant}/online-branch`, { cookie: nb, body: { orgId: f.nbBranch } });
    expect(notOnline.json().errors).toEqual([{ field: 'orgId', message: '所选组织不是网络党支部' }]);

    const viewer = await staffAt('xs-online-viewer', 'org_viewer', online.id);
    expect((await t.call('GET', `/api/members/${migrant}`, { cookie: viewer })).statusCode).toBe(403);

    const attach = await t.call('POST', `/api/members/${migrant}/online-branch`, { cookie: nb, body: { orgId: online.id } });
    expect(attach.statusCode, attach.body).toBe(200);
    expect(attach.json()).toMatchObject({ orgId: online.id, orgName: '象山县流动党员网络党支部' });
    expect((await t.ctx.db.selectFrom('members').select('org_id').where('id', '=', migrant).executeTakeFirstOrThrow()).org_id).toBe(home.org_id);
    // The migrant list names the online branch on the member's row.
    const flows = (await t.call('GET', `/api/flows?orgId=${home.org_id}&open=true`, { cookie: nb })).json();
    expect(flows.items.find((x: { memberId: string }) => x.memberId === migrant)?.onlineBranch).toEqual({ id: online.id, name: '象山县流动党员网络党支部' });

    const list = (await t.call('GET', `/api/members?orgId=${online.id}`, { cookie: viewer })).json();
    expect(list.items.map((m: { id: string }) => m.id)).toContain(migrant);
    expect(list.items.map((m: { id: string }) => m.id)).not.toContain(other);
    const all = (await t.call('GET', '/api/members?limit=200', { cookie: viewer })).json();
    expect(all.items.map((m: { id: string }) => m.id)).toContain(migrant);
    expect(all.items.every((m: { id: string; orgId: string }) => m.id === migrant || m.orgId === online.id)).toBe(true);
    const detail = await t.call('GET', `/api/members/${migrant}`, { cookie: viewer });
    expect(detail.statusCode).toBe(200);
    expect(detail.json()).toMatchObject({ orgId: home.org_id, migrant: true, canReveal: false });
    expect((await t.call('GET', `/api/members/${migrant}/flows`, { cookie: viewer })).statusCode).toBe(200);
    expect((await t.call('GET', `/api/members/${other}`, { cookie: viewer })).statusCode).toBe(403);
    // Reading only: no edits through the online branch.
    expect((await t.call('PATCH', `/api/members/${migrant}`, { cookie: viewer, body: { version: 1, job: '越权' } })).statusCode).toBe(403);
    // The home side keeps the member.
    expect((await t.call('GET', `/api/members?orgId=${home.org_id}`, { cookie: nb })).json().items.map((m: { id: string }) => m.id)).toContain(migrant);
    // Hangzhou sees nothing of it.
    expect((await t.call('GET', `/api/members/${migrant}`, { cookie: hz })).statusCode).toBe(403);
    expect((await t.call('GET', `/api/members?orgId=${online.id}`, { cookie: hz })).statusCode).toBe(403);
    expect((await t.call('GET', '/api/members?limit=200', { cookie: hz })).body).not.toContain(`"id":"${migrant}"`);

    const detach = await t.call('DELETE', `/api/members/${migrant}/online-branch`, { cookie: nb });
    expect(detach.json()).toMatchObject({ orgId: null });
    expect((await t.call('GET', `/api/members/${migrant}`, { cookie: viewer })).statusCode).toBe(403);
    const actions = (await t.ctx.db.selectFrom('audit_log').select('action').where('entity_id', '=', migrant).execute()).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['member.online_branch.attach', 'member.online_branch.detach']));
  });
});

describe('six-month alert (自行脱党 rule)', () => {
  it('counts whole months', () => {
    expect(monthsBefore('2026-08-31', 6)).toBe('2026-02-28');
    expect(monthsBetween('2026-05-27', '2026-11-27')).toBe(6);
    expect(monthsBetween('2026-05-28', '2026-11-27')).toBe(5);
  });

  it('lists a member whose last organizational life was 7 months ago, not one at 5 months, to the branch and the level above', async () => {
    const [stale, recent] = await ningboMembers(2, 30);
    // The demo data records recent meetings and dues for most members; start these two from none.
    await t.ctx.db.deleteFrom('member_activities').where('member_id', 'in', [stale, recent]).execute();
    const now = today();
    const record = (id: string, kind: string, onDate: string) => t.call('POST', `/api/members/${id}/activities`, { cookie: nb, body: { kind, onDate } });
    for (const [id, lifeMonths] of [[stale, 7], [recent, 5]] as const) {
      const r = await record(id, 'life', monthsBefore(now, lifeMonths));
      expect(r.statusCode, r.body).toBe(201);
      expect((await record(id, 'dues', monthsBefore(now, 1))).statusCode).toBe(201);
    }
    const future = await record(stale, 'life', daysAgo(-2));
    expect(future.json().errors).toEqual([{ field: 'onDate', message: '日期不能晚于今天' }]);

    const branch = await t.ctx.db.selectFrom('members as m').innerJoin('orgs as o', 'o.id', 'm.org_id').select(['o.id', 'o.parent_id']).where('m.id', '=', stale).executeTakeFirstOrThrow();
    const parentViewer = await staffAt('nb-parent-viewer', 'org_viewer', branch.parent_id!);
    for (const cookie of [nb, parentViewer]) {
      const res = await t.call('GET', `/api/alerts/inactive-members?orgId=${branch.id}`, { cookie });
      expect(res.statusCode, res.body).toBe(200);
      const items = res.json().items;
      const hit = items.find((x: { memberId: string }) => x.memberId === stale);
      expect(hit).toMatchObject({ monthsWithoutLife: 7, monthsWithoutDues: 1, lastLifeOn: monthsBefore(now, 7) });
      expect(items.some((x: { memberId: string }) => x.memberId === recent)).toBe(false);
    }
    expect((await t.call('GET', `/api/alerts/inactive-members?orgId=${branch.id}`, { cookie: hz })).statusCode).toBe(403);
    expect((await t.call('GET', '/api/alerts/inactive-members', { cookie: hz })).body).not.toContain(`"memberId":"${stale}"`);
  });
});
