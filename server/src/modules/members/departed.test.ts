/** A member who has left the rolls (已转出) refuses every write, whichever module offers it. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { demoFixtures, type DemoFixtures } from '../../../test/fixtures.js';

let t: TestApp;
let f: DemoFixtures;
let prov: string;
let departed: string;
beforeAll(async () => {
  t = await createTestApp();
  f = await demoFixtures(t.ctx);
  prov = await t.login('demo-province');
  // A Hangzhou member transferred out of the province, through the real transfer steps.
  const memberId = (await t.ctx.db.selectFrom('members').select('id').where('org_path', 'like', `${f.hangzhou.path}%`).where('migrant', '=', false).orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow()).id;
  const created = await t.call('POST', '/api/transfers', { cookie: prov, body: { memberId, outsideOrgName: '中共上海市浦东新区某街道党工委', outsideProvince: '上海市', outsideCity: '上海市', duesPaidTo: '2026-10', reason: '工作调动' } });
  expect(created.statusCode, created.body).toBe(201);
  expect((await t.call('POST', `/api/transfers/${created.json().id}/submit`, { cookie: prov, body: {} })).statusCode).toBe(200);
  expect((await t.call('POST', `/api/transfers/${created.json().id}/approve`, { cookie: prov, body: {} })).statusCode).toBe(200);
  departed = memberId;
  expect((await t.ctx.db.selectFrom('members').select('departed_on').where('id', '=', memberId).executeTakeFirstOrThrow()).departed_on).not.toBeNull();
});
afterAll(async () => { await t?.close(); });

describe('writes to a departed member', () => {
  const today = () => t.clock.now().toISOString().slice(0, 10);
  it.each([
    ['an out-flow', () => `/api/members/${departed}/flows`, () => ({ flowType: 'within_city', reason: 'work_business', destProvince: '浙江省', destCity: '杭州市', leftOn: today() })],
    ['organizational life', () => `/api/members/${departed}/activities`, () => ({ kind: 'life', onDate: today() })],
    ['dues', () => `/api/members/${departed}/activities`, () => ({ kind: 'dues', onDate: today() })],
    ['an online branch', () => `/api/members/${departed}/online-branch`, () => ({ orgId: f.hzBranch })],
  ])('refuses %s with 409 member.departed and writes nothing', async (_what, url, body) => {
    const before = await t.ctx.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const res = await t.call('POST', url(), { cookie: prov, body: body() });
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().code).toBe('member.departed');
    const after = await t.ctx.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('refuses an edit and a detach too', async () => {
    const detail = (await t.call('GET', `/api/members/${departed}`, { cookie: prov })).json();
    expect((await t.call('PATCH', `/api/members/${departed}`, { cookie: prov, body: { version: detail.version, job: '退休' } })).statusCode).toBe(409);
    expect((await t.call('DELETE', `/api/members/${departed}/online-branch`, { cookie: prov })).statusCode).toBe(409);
  });
});
