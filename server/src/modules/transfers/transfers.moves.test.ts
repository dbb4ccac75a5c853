/**
 * A transfer follows its organizations where they are now: moving the receiving branch to another city mid-transfer
 * changes who decides the next step and where the member lands; a deactivated receiving branch takes no one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { demoFixtures, type DemoFixtures } from '../../../test/fixtures.js';

let t: TestApp;
let f: DemoFixtures;
let hz: string;
let nb: string;
let prov: string;
let hzMembers: string[];
beforeAll(async () => {
  t = await createTestApp();
  f = await demoFixtures(t.ctx);
  [hz, nb, prov] = [await t.login('demo-hangzhou'), await t.login('demo-ningbo'), await t.login('demo-province')];
  const secretaryBranch = (await t.ctx.db.selectFrom('accounts as a').innerJoin('role_grants as g', 'g.account_id', 'a.id').select('g.org_id').where('a.username', '=', 'demo-secretary').executeTakeFirstOrThrow()).org_id;
  hzMembers = (await t.ctx.db.selectFrom('members').select('id').where('org_path', 'like', `${f.hangzhou.path}%`).where('org_id', '!=', secretaryBranch).orderBy('id').limit(10).execute()).map((m) => m.id);
});
afterAll(async () => { await t?.close(); });

const post = (cookie: string, url: string, body: unknown = {}) => t.call('POST', url, { cookie, body });
const org = (id: string) => t.ctx.db.selectFrom('orgs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

/** A new, empty branch under a Ningbo county, made by the province. */
async function newNingboBranch(name: string): Promise<string> {
  const county = (await t.ctx.db.selectFrom('orgs').select('id').where('parent_id', '=', f.ningbo.id).where('type', '=', 'committee').where('status', '=', 'active').orderBy('id').limit(1).executeTakeFirstOrThrow()).id;
  const res = await post(prov, '/api/orgs', { parentId: county, name, fullName: `中共${name}`, type: 'branch', level: 'grassroots', sector: 'rural' });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

/** A Hangzhou member's transfer to `toOrgId`, approved by Hangzhou (now waiting for the receiving side). */
async function forwarded(memberId: string, toOrgId: string): Promise<string> {
  const created = await post(hz, '/api/transfers', { memberId, toOrgId, duesPaidTo: '2026-10', reason: '工作调动' });
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().id;
  expect((await post(hz, `/api/transfers/${id}/submit`)).statusCode).toBe(200);
  expect((await post(hz, `/api/transfers/${id}/approve`)).statusCode).toBe(200);
  return id;
}

describe('a receiving branch moved mid-transfer', () => {
  it('passes the receiving step to the new owner, and the member lands on the branch\'s current path', async () => {
    const branch = await newNingboBranch('梅山村党支部');
    const memberId = hzMembers[0];
    const id = await forwarded(memberId, branch);
    expect((await t.call('GET', `/api/transfers/${id}`, { cookie: nb })).json().actions).toContain('approve');

    // The province moves the branch from Ningbo into Hangzhou.
    const moved = await post(prov, `/api/orgs/${branch}/move`, { parentId: f.hangzhou.id });
    expect(moved.statusCode, moved.body).toBe(200);
    const now = await org(branch);
    expect(now.path.startsWith(f.hangzhou.path)).toBe(true);

    // Ningbo no longer sees or decides it; Hangzhou does.
    expect((await t.call('GET', `/api/transfers/${id}`, { cookie: nb })).statusCode).toBe(403);
    const refused = await post(nb, `/api/transfers/${id}/approve`);
    expect(refused.statusCode).toBe(403);
    const incoming = (await t.call('GET', '/api/transfers?direction=incoming', { cookie: nb })).json().items.map((x: { id: string }) => x.id);
    expect(incoming).not.toContain(id);
    expect((await t.call('GET', `/api/transfers/${id}`, { cookie: hz })).json().actions).toContain('approve');
    const done = await post(hz, `/api/transfers/${id}/approve`);
    expect(done.statusCode, done.body).toBe(200);

    const member = await t.ctx.db.selectFrom('members').select(['org_id', 'org_path']).where('id', '=', memberId).executeTakeFirstOrThrow();
    expect(member).toEqual({ org_id: branch, org_path: now.path });
    // Readable by the new owner, not by the old one.
    expect((await t.call('GET', `/api/members/${memberId}`, { cookie: hz })).statusCode).toBe(200);
    expect((await t.call('GET', `/api/members/${memberId}`, { cookie: nb })).statusCode).toBe(403);
  });

  it('refuses to approve into a branch that has been deactivated meanwhile', async () => {
    const branch = await newNingboBranch('东岙村党支部');
    const id = await forwarded(hzMembers[1], branch);
    expect((await post(prov, `/api/orgs/${branch}/deactivate`)).statusCode).toBe(200);
    const res = await post(nb, `/api/transfers/${id}/approve`);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'transfer.destination_inactive' });
    expect(res.json().title).toContain('已撤销');
    // The member stayed home.
    const member = await t.ctx.db.selectFrom('members').select('org_path').where('id', '=', hzMembers[1]).executeTakeFirstOrThrow();
    expect(member.org_path.startsWith(f.hangzhou.path)).toBe(true);
  });

  it('refuses the sending side\'s approval when the chosen branch was deactivated before the letter was issued', async () => {
    const branch = await newNingboBranch('西沪村党支部');
    const created = await post(hz, '/api/transfers', { memberId: hzMembers[2], toOrgId: branch, duesPaidTo: '2026-10', reason: '工作调动' });
    const id = created.json().id;
    expect((await post(hz, `/api/transfers/${id}/submit`)).statusCode).toBe(200);
    expect((await post(prov, `/api/orgs/${branch}/deactivate`)).statusCode).toBe(200);
    const res = await post(hz, `/api/transfers/${id}/approve`);
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('transfer.destination_inactive');
  });
});
