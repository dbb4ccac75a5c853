/**
 * Lookups a list or search makes before its real work — the organization of its `orgId`, the anchors of a name
 * search — are kept under the counts version the session check reads (issue 13). Kept, they must still be exact:
 * a change through the platform is seen by the very next request.
 */
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

const search = async (q: string) => {
  const r = await t.call('POST', '/api/members/search', { cookie: hz, body: { orgId: f.hangzhou.id, q } });
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as { items: { name: string; orgName: string }[]; total: number };
};

describe('kept lookups stay exact', () => {
  it('a name search in a city finds a member of an organization created under the city a moment ago', async () => {
    expect(await search('欧阳新建')).toMatchObject({ items: [], total: 0 }); // the city's search anchors are now kept
    // A branch right under the city committee is a new anchor of the city's name index (depth 2).
    const branch = await t.call('POST', '/api/orgs', { cookie: hz, body: branchInput(f.hangzhou.id, { name: '市直机关试点党支部' }) });
    expect(branch.statusCode, branch.body).toBe(201);
    const member = await t.call('POST', '/api/members', { cookie: hz, body: memberInput(branch.json().id, { name: '欧阳新建' }) });
    expect(member.statusCode, member.body).toBe(201);
    expect(await search('欧阳新建')).toMatchObject({ items: [{ name: '欧阳新建', orgName: '市直机关试点党支部' }], total: 1 });
  });

  it('a dashboard and a tree level show an organization’s new name at once', async () => {
    const before = await t.call('GET', `/api/dashboard?orgId=${f.hzBranch}`, { cookie: hz });
    expect(before.statusCode, before.body).toBe(200);
    const detail = (await t.call('GET', `/api/orgs/${f.hzBranch}`, { cookie: hz })).json();
    const parentId = detail.parentId as string;
    await t.call('GET', `/api/orgs/${parentId}/children`, { cookie: hz });
    const renamed = await t.call('PATCH', `/api/orgs/${f.hzBranch}`, { cookie: hz, body: { version: detail.version, name: '更名后的试点党支部' } });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect((await t.call('GET', `/api/dashboard?orgId=${f.hzBranch}`, { cookie: hz })).json().org.name).toBe('更名后的试点党支部');
    const children = (await t.call('GET', `/api/orgs/${parentId}/children`, { cookie: hz })).json().items as { id: string; name: string }[];
    expect(children.find((c) => c.id === f.hzBranch)?.name).toBe('更名后的试点党支部');
  });

  it('an organization moved out of the city is no longer a filter the city may use', async () => {
    const branch = (await t.call('POST', '/api/orgs', { cookie: hz, body: branchInput(f.hangzhou.id) })).json();
    expect((await t.call('GET', `/api/members?orgId=${branch.id}`, { cookie: hz })).statusCode).toBe(200); // kept now
    const province = await t.login('demo-province');
    const moved = await t.call('POST', `/api/orgs/${branch.id}/move`, { cookie: province, body: { parentId: f.ningbo.id, version: branch.version } });
    expect(moved.statusCode, moved.body).toBe(200);
    expect((await t.call('GET', `/api/members?orgId=${branch.id}`, { cookie: hz })).statusCode).toBe(403);
  });
});
