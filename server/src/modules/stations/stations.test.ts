import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { demoFixtures, type DemoFixtures } from '../../../test/fixtures.js';

let t: TestApp;
let f: DemoFixtures;
let hz: string;
let nb: string;
let secretary: string;
beforeAll(async () => {
  t = await createTestApp();
  f = await demoFixtures(t.ctx);
  [hz, nb, secretary] = [await t.login('demo-hangzhou'), await t.login('demo-ningbo'), await t.login('demo-secretary')];
});
afterAll(async () => { await t?.close(); });

const input = (orgId: string, o: Record<string, unknown> = {}) => ({ orgId, name: '转塘街道远程教育站点', type: 'township', address: '杭州市西湖区转塘街道', equipment: '液晶电视、机顶盒、电脑', managerName: '王建军', contactPhone: '0571 8765 4321', ...o });

describe('station names', () => {
  it('are unique within an organization, on create and on edit, as in the importer', async () => {
    const name = '龙坞镇党员远程教育站点';
    const first = await t.call('POST', '/api/stations', { cookie: hz, body: input(f.hzBranch, { name }) });
    expect(first.statusCode, first.body).toBe(201);
    const again = await t.call('POST', '/api/stations', { cookie: hz, body: input(f.hzBranch, { name: ` ${name} ` }) });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'station.duplicate_name', title: expect.stringContaining('已登记同名站点') });
    // Another organization may use the name.
    const elsewhere = await t.call('POST', '/api/stations', { cookie: nb, body: input(f.nbBranch, { name }) });
    expect(elsewhere.statusCode, elsewhere.body).toBe(201);
    // Renaming another station of the same organization to it is refused; keeping one's own name is not.
    const other = (await t.call('POST', '/api/stations', { cookie: hz, body: input(f.hzBranch, { name: '龙坞镇第二远程教育站点' }) })).json();
    const rename = await t.call('PATCH', `/api/stations/${other.id}`, { cookie: hz, body: { updatedAt: other.updatedAt, name } });
    expect(rename.statusCode).toBe(409);
    const same = await t.call('PATCH', `/api/stations/${first.json().id}`, { cookie: hz, body: { updatedAt: first.json().updatedAt, name, managerName: '陈立新' } });
    expect(same.statusCode, same.body).toBe(200);
  });
});

describe('stations registry', () => {
  it('creates, reads, edits with an updatedAt check, changes status, and audits each write', async () => {
    const created = await t.call('POST', '/api/stations', { cookie: hz, body: input(f.hzBranch) });
    expect(created.statusCode, created.body).toBe(201);
    const s = created.json();
    expect(s).toMatchObject({ orgId: f.hzBranch, name: '转塘街道远程教育站点', type: 'township', status: 'active', managerName: '王建军', contactPhone: '0571-87654321' });
    expect((await t.call('GET', `/api/stations/${s.id}`, { cookie: hz })).json()).toEqual(s);

    const edited = await t.call('PATCH', `/api/stations/${s.id}`, { cookie: hz, body: { updatedAt: s.updatedAt, name: '转塘街道党员远程教育站点', equipment: null } });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ name: '转塘街道党员远程教育站点', equipment: null });
    expect(edited.json().updatedAt).not.toBe(s.updatedAt);
    const badPhone = await t.call('PATCH', `/api/stations/${s.id}`, { cookie: hz, body: { updatedAt: edited.json().updatedAt, contactPhone: '12345' } });
    expect(badPhone.statusCode).toBe(400);
    expect(badPhone.json().errors).toEqual([{ field: 'contactPhone', message: expect.stringContaining('手机号码格式不正确') }]);
    const stale = await t.call('PATCH', `/api/stations/${s.id}`, { cookie: hz, body: { updatedAt: s.updatedAt, name: '过期的修改' } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().title).toBe('该记录已被他人修改，请刷新后重试');

    const fault = await t.call('POST', `/api/stations/${s.id}/status`, { cookie: hz, body: { status: 'fault', reason: '机顶盒损坏' } });
    expect(fault.statusCode, fault.body).toBe(200);
    expect(fault.json().status).toBe('fault');
    expect((await t.call('POST', `/api/stations/${s.id}/status`, { cookie: hz, body: { status: 'fault' } })).json().title).toBe('站点已是该状态');

    const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'after']).where('entity_type', '=', 'station').where('entity_id', '=', s.id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['station.create', 'station.update', 'station.status']);
    expect(audit[2].after).toMatchObject({ status: 'fault', reason: '机顶盒损坏' });
  });

  it('answers validation errors in Chinese', async () => {
    const res = await t.call('POST', '/api/stations', { cookie: hz, body: input(f.hzBranch, { name: '', type: 'satellite' }) });
    expect(res.statusCode).toBe(400);
    expect(res.json().title).toBe('提交的信息有误，请按提示修改');
    expect(res.json().errors).toEqual(expect.arrayContaining([{ field: 'name', message: '此项不能为空' }, { field: 'type', message: '取值不在允许的范围内' }]));
    const noOrg = await t.call('POST', '/api/stations', { cookie: hz, body: input('999999999') });
    expect(noOrg.json().errors).toEqual([{ field: 'orgId', message: '所属党组织不存在' }]);
  });

  it('filters and pages within the scope and refuses everything outside it', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let total: number;
    do {
      const res = await t.call('GET', `/api/stations?limit=25${cursor ? `&cursor=${cursor}` : ''}`, { cookie: hz });
      expect(res.statusCode).toBe(200);
      total = res.json().total;
      seen.push(...res.json().items.map((x: { id: string }) => x.id));
      cursor = res.json().nextCursor;
    } while (cursor);
    const inside = await t.ctx.db.selectFrom('stations').select('id').where('org_path', 'like', `${f.hangzhou.path}%`).orderBy('id').execute();
    expect(inside.length).toBeGreaterThan(5);
    expect(seen).toEqual(inside.map((r) => r.id));
    expect(total).toBe(inside.length);

    const village = (await t.call('GET', '/api/stations?type=village&status=active', { cookie: hz })).json();
    expect(village.items.every((x: { type: string; status: string }) => x.type === 'village' && x.status === 'active')).toBe(true);
    const one = inside[0].id;
    const name = (await t.ctx.db.selectFrom('stations').select('name').where('id', '=', one).executeTakeFirstOrThrow()).name;
    expect((await t.call('GET', `/api/stations?q=${encodeURIComponent(name)}`, { cookie: hz })).json().items.map((x: { id: string }) => x.id)).toContain(one);

    const outside = await t.ctx.db.selectFrom('stations').select('id').where('org_path', 'like', `${f.ningbo.path}%`).executeTakeFirstOrThrow();
    expect((await t.call('GET', `/api/stations/${outside.id}`, { cookie: hz })).statusCode).toBe(403);
    expect((await t.call('GET', `/api/stations?orgId=${f.ningbo.id}`, { cookie: hz })).statusCode).toBe(403);
    expect((await t.call('PATCH', `/api/stations/${one}`, { cookie: nb, body: { updatedAt: 'x', name: '越权' } })).statusCode).toBe(403);
    expect((await t.call('POST', '/api/stations', { cookie: nb, body: input(f.hzBranch) })).statusCode).toBe(403);
    // Moving a station to an organization outside the actor's scope is refused.
    const s = (await t.call('GET', `/api/stations/${one}`, { cookie: hz })).json();
    expect((await t.call('PATCH', `/api/stations/${one}`, { cookie: hz, body: { updatedAt: s.updatedAt, orgId: f.nbBranch } })).statusCode).toBe(403);
    // A branch secretary reads stations but does not register them.
    expect((await t.call('POST', '/api/stations', { cookie: secretary, body: input(f.hzBranch) })).statusCode).toBe(403);
  });
});
