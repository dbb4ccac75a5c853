import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { demoFixtures, type DemoFixtures } from '../../../test/fixtures.js';
import { branchInput, memberInput } from '../../../test/factories.js';

let t: TestApp;
let f: DemoFixtures;
let hz: string;
beforeAll(async () => {
  t = await createTestApp();
  f = await demoFixtures(t.ctx);
  hz = await t.login('demo-hangzhou');
});
afterAll(async () => { await t?.close(); });

async function countyOf(cityPath: string, name: string) {
  return t.ctx.db.selectFrom('orgs').selectAll().where('path', 'like', `${cityPath}%`).where('name', '=', name).executeTakeFirstOrThrow();
}

describe('organization tree', () => {
  it('creates a branch under a county, with path, ancestors and a place among the children', async () => {
    const xihu = await countyOf(f.hangzhou.path, '西湖区委');
    const res = await t.call('POST', '/api/orgs', { cookie: hz, body: branchInput(xihu.id, { regionCode: '330106' }) });
    expect(res.statusCode, res.body).toBe(201);
    const org = res.json();
    expect(org.ancestors.map((a: { name: string }) => a.name)).toEqual(['浙江省委', '杭州市委', '西湖区委']);
    const row = await t.ctx.db.selectFrom('orgs').selectAll().where('id', '=', org.id).executeTakeFirstOrThrow();
    expect(row.path).toBe(`${xihu.path}${org.id}/`);
    expect(row.depth).toBe(xihu.depth + 1);
    const children = (await t.call('GET', `/api/orgs/${xihu.id}/children`, { cookie: hz })).json().items;
    expect(children.map((c: { id: string }) => c.id)).toContain(org.id);
    // A new branch without members carries the size warning.
    expect(org.warnings.map((w: { code: string }) => w.code)).toEqual(['org.too_few_full_members']);
  });

  it('validates input in Chinese and renames with optimistic locking', async () => {
    const bad = await t.call('POST', '/api/orgs', { cookie: hz, body: branchInput(f.hangzhou.id, { regionCode: '33A1', type: 'club' }) });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['regionCode', 'type']));

    const org = (await t.call('POST', '/api/orgs', { cookie: hz, body: branchInput(f.hangzhou.id) })).json();
    const renamed = await t.call('PATCH', `/api/orgs/${org.id}`, { cookie: hz, body: { version: org.version, name: '新名称党支部', secretaryName: '李红梅' } });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ name: '新名称党支部', secretaryName: '李红梅', version: org.version + 1 });
    const stale = await t.call('PATCH', `/api/orgs/${org.id}`, { cookie: hz, body: { version: org.version, name: '冲突' } });
    expect(stale.statusCode).toBe(409);
  });

  it('moves a subtree with its members, and refuses a move into itself', async () => {
    const xihu = await countyOf(f.hangzhou.path, '西湖区委');
    const chunan = await countyOf(f.hangzhou.path, '淳安县委');
    const general = (await t.call('POST', '/api/orgs', { cookie: hz, body: branchInput(xihu.id, { type: 'general_branch', name: '试点党总支' }) })).json();
    const branch = (await t.call('POST', '/api/orgs', { cookie: hz, body: branchInput(general.id) })).json();
    const member = (await t.call('POST', '/api/members', { cookie: hz, body: memberInput(branch.id) })).json();

    const into = await t.call('POST', `/api/orgs/${general.id}/move`, { cookie: hz, body: { parentId: branch.id } });
    expect(into.statusCode).toBe(400);
    expect(into.json().code).toBe('org.move_into_own_subtree');

    const moved = await t.call('POST', `/api/orgs/${general.id}/move`, { cookie: hz, body: { parentId: chunan.id } });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().ancestors.map((a: { name: string }) => a.name)).toEqual(['浙江省委', '杭州市委', '淳安县委']);
    const row = await t.ctx.db.selectFrom('members').select('org_path').where('id', '=', member.id).executeTakeFirstOrThrow();
    expect(row.org_path).toBe(`${chunan.path}${general.id}/${branch.id}/`);
    const inChunan = (await t.call('GET', `/api/members?orgId=${chunan.id}&limit=200`, { cookie: hz })).json();
    expect(inChunan.items.map((m: { id: string }) => m.id)).toContain(member.id);
    const inXihu = (await t.call('GET', `/api/members?orgId=${xihu.id}&limit=200`, { cookie: hz })).json();
    expect(inXihu.items.map((m: { id: string }) => m.id)).not.toContain(member.id);
    const audit = await t.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'org.move').where('entity_id', '=', general.id).executeTakeFirstOrThrow();
    expect(audit.before).toMatchObject({ parentName: '西湖区委' });
    expect(audit.after).toMatchObject({ parentName: '淳安县委' });
  });

  it('deactivates only an empty organization, and then accepts nothing new under it', async () => {
    const parent = (await t.call('POST', '/api/orgs', { cookie: hz, body: branchInput(f.hangzhou.id, { type: 'general_branch' }) })).json();
    const child = (await t.call('POST', '/api/orgs', { cookie: hz, body: branchInput(parent.id) })).json();
    await t.call('POST', '/api/members', { cookie: hz, body: memberInput(child.id) });

    const withChildren = await t.call('POST', `/api/orgs/${parent.id}/deactivate`, { cookie: hz });
    expect(withChildren.json().code).toBe('org.has_active_children');
    const withMembers = await t.call('POST', `/api/orgs/${child.id}/deactivate`, { cookie: hz });
    expect(withMembers.statusCode).toBe(400);
    expect(withMembers.json().title).toMatch(/仍有1名党员/);

    const empty = (await t.call('POST', '/api/orgs', { cookie: hz, body: branchInput(parent.id) })).json();
    const done = await t.call('POST', `/api/orgs/${empty.id}/deactivate`, { cookie: hz });
    expect(done.json().status).toBe('inactive');
    const under = await t.call('POST', '/api/orgs', { cookie: hz, body: branchInput(empty.id) });
    expect(under.json().code).toBe('org.parent_inactive');
    const member = await t.call('POST', '/api/members', { cookie: hz, body: memberInput(empty.id) });
    expect(member.statusCode).toBe(400);
  });

  it('warns about a branch with more than 50 members', async () => {
    const province = await t.login('demo-province');
    const big = await t.ctx.db.selectFrom('members').select(['org_id']).select((eb) => eb.fn.countAll<number>().as('n')).groupBy('org_id').having((eb) => eb.fn.countAll(), '>', 50).executeTakeFirstOrThrow();
    const org = (await t.call('GET', `/api/orgs/${big.org_id}`, { cookie: province })).json();
    expect(org.warnings.map((w: { code: string }) => w.code)).toContain('org.too_many_members');
    const dashboard = (await t.call('GET', '/api/dashboard', { cookie: province })).json();
    expect(dashboard.warnings.tooManyMembers).toBeGreaterThanOrEqual(1);
    expect(dashboard.warnings.tooFewFullMembers).toBeGreaterThanOrEqual(1);
  });

  it('finds organizations by name within the scope', async () => {
    const res = (await t.call('GET', `/api/orgs?q=${encodeURIComponent('西湖')}`, { cookie: hz })).json();
    expect(res.items[0].name).toBe('西湖区委');
  });
});

describe('tree rules (orgs.rules.ts, shared with the importer)', () => {
  let province: string;
  beforeAll(async () => { province = await t.login('demo-province'); });
  const version = async (id: string) => (await t.call('GET', `/api/orgs/${id}`, { cookie: province })).json().version as number;

  it('refuses a 党委 under a 党支部 and under a 党总支, and anything under a 党支部', async () => {
    const committee = await t.call('POST', '/api/orgs', { cookie: hz, body: branchInput(f.hzBranch, { type: 'committee', name: '支部下党委' }) });
    expect(committee.statusCode).toBe(400);
    expect(committee.json()).toMatchObject({ code: 'org.tree_rule', title: '党支部下不能再设党组织', errors: [{ field: 'type', message: '党支部下不能再设党组织' }] });
    expect((await t.call('POST', '/api/orgs', { cookie: hz, body: branchInput(f.hzBranch) })).statusCode).toBe(400);

    const general = await t.call('POST', '/api/orgs', { cookie: hz, body: branchInput(f.hangzhou.id, { type: 'general_branch', name: '规则测试党总支' }) });
    expect(general.statusCode, general.body).toBe(201);
    const underGeneral = await t.call('POST', '/api/orgs', { cookie: hz, body: branchInput(general.json().id, { type: 'committee' }) });
    expect(underGeneral.statusCode).toBe(400);
    expect(underGeneral.json().title).toBe('党总支下只能设立党支部，不能设立党委');
    expect((await t.call('POST', '/api/orgs', { cookie: hz, body: branchInput(general.json().id) })).statusCode).toBe(201);
  });

  it('refuses to retype a branch with members as a committee, or an organization with children as a branch', async () => {
    const withMembers = await t.call('PATCH', `/api/orgs/${f.hzBranch}`, { cookie: province, body: { version: await version(f.hzBranch), type: 'committee' } });
    expect(withMembers.statusCode).toBe(400);
    expect(withMembers.json()).toMatchObject({ code: 'org.tree_rule', title: '该组织已编入党员，不能改为党委；请先将党员转入党支部' });
    expect((await t.ctx.db.selectFrom('orgs').select('type').where('id', '=', f.hzBranch).executeTakeFirstOrThrow()).type).toBe('branch');

    const xihu = await countyOf(f.hangzhou.path, '西湖区委');
    const withChildren = await t.call('PATCH', `/api/orgs/${xihu.id}`, { cookie: province, body: { version: await version(xihu.id), type: 'branch' } });
    expect(withChildren.statusCode).toBe(400);
    expect(withChildren.json().code).toBe('org.tree_rule');
  });

  it('staff cannot rename or retype the organization their own role is held at; the level above can', async () => {
    const v = await version(f.hangzhou.id);
    for (const body of [{ name: '杭州市委（改）' }, { fullName: '中共杭州市委员会（改）' }, { type: 'working_committee' }]) {
      const res = await t.call('PATCH', `/api/orgs/${f.hangzhou.id}`, { cookie: hz, body: { version: v, ...body } });
      expect(res.statusCode, JSON.stringify(body)).toBe(403);
      expect(res.json()).toMatchObject({ code: 'org.own_organization', title: '不能更改本人任职所在组织的名称或类型，请由上级党组织办理' });
    }
    // Other details of their own organization remain theirs to keep, and an unchanged name is no rename.
    const contact = await t.call('PATCH', `/api/orgs/${f.hangzhou.id}`, { cookie: hz, body: { version: v, name: '杭州市委', contactPhone: '0571-87654321' } });
    expect(contact.statusCode, contact.body).toBe(200);
    const byProvince = await t.call('PATCH', `/api/orgs/${f.hangzhou.id}`, { cookie: province, body: { version: v + 1, fullName: '中共杭州市委员会' } });
    expect(byProvince.statusCode, byProvince.body).toBe(200);
  });
});
