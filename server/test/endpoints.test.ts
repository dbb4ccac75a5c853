/**
 * Every API endpoint, three ways: 401 without a session, 403 for an actor outside its scope or
 * without the permission, and success for the right actor. The last test fails when a route is
 * added without a row here, so new endpoints cannot skip the check.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './test-app.js';
import { demoFixtures, type DemoFixtures } from './fixtures.js';

let t: TestApp;
let f: DemoFixtures;
const cookies: Record<string, string> = {};
const as = async (user: string) => (cookies[user] ??= await t.login(user));

beforeAll(async () => {
  t = await createTestApp();
  f = await demoFixtures(t.ctx);
});
afterAll(async () => { await t?.close(); });

interface Case {
  method: string;
  route: string;
  /** Concrete URL and body for the success call (run as `ok.actor`). */
  ok: { actor: string; url: () => string | Promise<string>; body?: () => unknown; status?: number };
  /** The 403 call, or why none applies (routes on the caller's own account). */
  forbidden: { actor: string; url: () => string | Promise<string>; body?: () => unknown } | { none: string };
  public?: boolean;
}

let counter = 0;
const newBranch = (parentId: string) => ({ parentId, name: `测试党支部${++counter}`, fullName: `中共测试第${counter}党支部委员会`, type: 'branch', level: 'grassroots', sector: 'other' });
async function createBranchIn(parentId: string): Promise<string> {
  const res = await t.call('POST', '/api/orgs', { cookie: await as('demo-province'), body: newBranch(parentId) });
  return res.json().id;
}
const versionOf = async (url: string) => (await t.call('GET', url, { cookie: await as('demo-province') })).json().version;

const cases: Case[] = [
  { method: 'POST', route: '/api/auth/login', public: true, ok: { actor: '', url: () => '/api/auth/login', body: () => ({ username: 'demo-ningbo', password: 'Demo#2026' }) }, forbidden: { none: 'login is public' } },
  { method: 'POST', route: '/api/auth/mfa', ok: { actor: 'skip', url: () => '' }, forbidden: { none: 'own session; success needs a TOTP code: auth.test.ts' } },
  { method: 'POST', route: '/api/auth/logout', ok: { actor: 'fresh', url: () => '/api/auth/logout', status: 204 }, forbidden: { none: 'own session' } },
  { method: 'POST', route: '/api/auth/revoke-all', ok: { actor: 'fresh', url: () => '/api/auth/revoke-all', status: 204 }, forbidden: { none: 'own sessions' } },
  { method: 'GET', route: '/api/me', ok: { actor: 'demo-hangzhou', url: () => '/api/me' }, forbidden: { none: 'own account' } },
  { method: 'POST', route: '/api/me/password', ok: { actor: 'skip', url: () => '' }, forbidden: { none: 'own account; success in auth.test.ts' } },
  { method: 'POST', route: '/api/me/totp/setup', ok: { actor: 'demo-hangzhou', url: () => '/api/me/totp/setup' }, forbidden: { none: 'own account' } },
  { method: 'POST', route: '/api/me/totp/confirm', ok: { actor: 'skip', url: () => '' }, forbidden: { none: 'own account; success in auth.test.ts' } },
  { method: 'GET', route: '/api/me/sessions', ok: { actor: 'demo-hangzhou', url: () => '/api/me/sessions' }, forbidden: { none: 'own account' } },
  { method: 'GET', route: '/api/me/member', ok: { actor: 'demo-member', url: () => '/api/me/member' }, forbidden: { none: 'own record' } },

  { method: 'GET', route: '/api/orgs/roots', ok: { actor: 'demo-hangzhou', url: () => '/api/orgs/roots' }, forbidden: { actor: 'demo-member', url: () => '/api/orgs/roots' } },
  { method: 'GET', route: '/api/orgs', ok: { actor: 'demo-hangzhou', url: () => '/api/orgs?q=%E8%A5%BF%E6%B9%96' }, forbidden: { actor: 'demo-member', url: () => '/api/orgs?q=%E8%A5%BF%E6%B9%96' } },
  { method: 'GET', route: '/api/orgs/:id', ok: { actor: 'demo-hangzhou', url: () => `/api/orgs/${f.hzBranch}` }, forbidden: { actor: 'demo-ningbo', url: () => `/api/orgs/${f.hzBranch}` } },
  { method: 'GET', route: '/api/orgs/:id/children', ok: { actor: 'demo-hangzhou', url: () => `/api/orgs/${f.hangzhou.id}/children` }, forbidden: { actor: 'demo-ningbo', url: () => `/api/orgs/${f.hangzhou.id}/children` } },
  { method: 'POST', route: '/api/orgs', ok: { actor: 'demo-hangzhou', url: () => '/api/orgs', body: () => newBranch(f.hangzhou.id), status: 201 }, forbidden: { actor: 'demo-ningbo', url: () => '/api/orgs', body: () => newBranch(f.hangzhou.id) } },
  { method: 'PATCH', route: '/api/orgs/:id', ok: { actor: 'demo-hangzhou', url: () => `/api/orgs/${f.hzBranch}`, body: async () => ({ version: await versionOf(`/api/orgs/${f.hzBranch}`), secretaryName: '张卫国' }) }, forbidden: { actor: 'demo-ningbo', url: () => `/api/orgs/${f.hzBranch}`, body: () => ({ version: 1, name: '越权' }) } },
  { method: 'POST', route: '/api/orgs/:id/move', ok: { actor: 'demo-hangzhou', url: async () => `/api/orgs/${await createBranchIn(f.hzBranch.length ? (await t.ctx.db.selectFrom('orgs').select('parent_id').where('id', '=', f.hzBranch).executeTakeFirstOrThrow()).parent_id! : '')}/move`, body: () => ({ parentId: f.hangzhou.id }) }, forbidden: { actor: 'demo-ningbo', url: () => `/api/orgs/${f.hzBranch}/move`, body: () => ({ parentId: f.ningbo.id }) } },
  { method: 'POST', route: '/api/orgs/:id/deactivate', ok: { actor: 'demo-hangzhou', url: async () => `/api/orgs/${await createBranchIn(f.hangzhou.id)}/deactivate` }, forbidden: { actor: 'demo-ningbo', url: async () => `/api/orgs/${await createBranchIn(f.hangzhou.id)}/deactivate` } },

  { method: 'GET', route: '/api/members', ok: { actor: 'demo-hangzhou', url: () => `/api/members?orgId=${f.hangzhou.id}` }, forbidden: { actor: 'demo-ningbo', url: () => `/api/members?orgId=${f.hangzhou.id}` } },
  { method: 'GET', route: '/api/members/:id', ok: { actor: 'demo-hangzhou', url: () => `/api/members/${f.hzMember}` }, forbidden: { actor: 'demo-ningbo', url: () => `/api/members/${f.hzMember}` } },
  { method: 'POST', route: '/api/members', ok: { actor: 'demo-hangzhou', url: () => '/api/members', body: () => memberBody(f.hzBranch), status: 201 }, forbidden: { actor: 'demo-ningbo', url: () => '/api/members', body: () => memberBody(f.hzBranch) } },
  { method: 'PATCH', route: '/api/members/:id', ok: { actor: 'demo-hangzhou', url: () => `/api/members/${f.hzMember}`, body: async () => ({ version: await versionOf(`/api/members/${f.hzMember}`), job: '村党支部委员' }) }, forbidden: { actor: 'demo-ningbo', url: () => `/api/members/${f.hzMember}`, body: () => ({ version: 1, job: '越权' }) } },
  { method: 'POST', route: '/api/members/:id/reveal', ok: { actor: 'demo-hangzhou', url: () => `/api/members/${f.hzMember}/reveal`, body: () => ({ field: 'mobile' }) }, forbidden: { actor: 'demo-ningbo', url: () => `/api/members/${f.hzMember}/reveal`, body: () => ({ field: 'mobile' }) } },
  { method: 'GET', route: '/api/members/:id/history', ok: { actor: 'demo-hangzhou', url: () => `/api/members/${f.hzMember}/history` }, forbidden: { actor: 'demo-ningbo', url: () => `/api/members/${f.hzMember}/history` } },

  { method: 'GET', route: '/api/dashboard', ok: { actor: 'demo-hangzhou', url: () => '/api/dashboard' }, forbidden: { actor: 'demo-ningbo', url: () => `/api/dashboard?orgId=${f.hangzhou.id}` } },

  { method: 'GET', route: '/api/roles', ok: { actor: 'demo-sysadmin', url: () => '/api/roles' }, forbidden: { actor: 'demo-hangzhou', url: () => '/api/roles' } },
  { method: 'GET', route: '/api/accounts', ok: { actor: 'demo-sysadmin', url: () => '/api/accounts' }, forbidden: { actor: 'demo-auditor', url: () => '/api/accounts' } },
  { method: 'GET', route: '/api/accounts/:id', ok: { actor: 'demo-sysadmin', url: () => `/api/accounts/${f.memberAccount}` }, forbidden: { actor: 'demo-hangzhou', url: () => `/api/accounts/${f.memberAccount}` } },
  { method: 'POST', route: '/api/accounts', ok: { actor: 'demo-sysadmin', url: () => '/api/accounts', body: () => ({ username: `staff${++counter}`, displayName: '测试工作人员', kind: 'staff', password: 'Zj!2026-Strong' }), status: 201 }, forbidden: { actor: 'demo-secadmin', url: () => '/api/accounts', body: () => ({ username: 'nobody1', displayName: '越权', kind: 'staff', password: 'Zj!2026-Strong' }) } },
  { method: 'PATCH', route: '/api/accounts/:id', ok: { actor: 'demo-sysadmin', url: () => `/api/accounts/${f.memberAccount}`, body: () => ({ displayName: '演示党员' }) }, forbidden: { actor: 'demo-hangzhou', url: () => `/api/accounts/${f.memberAccount}`, body: () => ({ displayName: '越权' }) } },
  { method: 'POST', route: '/api/accounts/:id/reset-password', ok: { actor: 'demo-sysadmin', url: () => `/api/accounts/${f.memberAccount}/reset-password`, body: () => ({ password: 'Reset#2026ok' }), status: 204 }, forbidden: { actor: 'demo-hangzhou', url: () => `/api/accounts/${f.memberAccount}/reset-password`, body: () => ({ password: 'Reset#2026ok' }) } },
  { method: 'POST', route: '/api/accounts/:id/unlock', ok: { actor: 'demo-sysadmin', url: () => `/api/accounts/${f.memberAccount}/unlock` }, forbidden: { actor: 'demo-auditor', url: () => `/api/accounts/${f.memberAccount}/unlock` } },
  { method: 'POST', route: '/api/accounts/:id/roles', ok: { actor: 'demo-sysadmin', url: () => `/api/accounts/${f.memberAccount}/roles`, body: () => ({ role: 'org_viewer', orgId: f.hzBranch }) }, forbidden: { actor: 'demo-hangzhou', url: () => `/api/accounts/${f.memberAccount}/roles`, body: () => ({ role: 'org_viewer', orgId: f.hzBranch }) } },
  { method: 'DELETE', route: '/api/accounts/:id/roles/:grantId', ok: { actor: 'demo-sysadmin', url: async () => `/api/accounts/${f.memberAccount}/roles/${await grantToRevoke()}` }, forbidden: { actor: 'demo-hangzhou', url: async () => `/api/accounts/${f.memberAccount}/roles/${await grantToRevoke()}` } },

  { method: 'GET', route: '/api/audit', ok: { actor: 'demo-auditor', url: () => '/api/audit' }, forbidden: { actor: 'demo-sysadmin', url: () => '/api/audit' } },
  { method: 'POST', route: '/api/audit/verify', ok: { actor: 'demo-auditor', url: () => '/api/audit/verify' }, forbidden: { actor: 'demo-province', url: () => '/api/audit/verify' } },
  { method: 'GET', route: '/api/security/policy', ok: { actor: 'demo-secadmin', url: () => '/api/security/policy' }, forbidden: { actor: 'demo-sysadmin', url: () => '/api/security/policy' } },
  { method: 'PUT', route: '/api/security/policy', ok: { actor: 'demo-secadmin', url: () => '/api/security/policy', body: async () => (await t.call('GET', '/api/security/policy', { cookie: await as('demo-secadmin') })).json() }, forbidden: { actor: 'demo-hangzhou', url: () => '/api/security/policy', body: () => ({}) } },
  { method: 'GET', route: '/api/public/overview', public: true, ok: { actor: '', url: () => '/api/public/overview' }, forbidden: { none: 'public' } },
];

let idSeq = 0;
function memberBody(orgId: string) {
  // A valid ID number with the GB 11643 check digit, unique per call.
  const first17 = `33010619850312${String(100 + (idSeq++ % 800)).padStart(3, '0')}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * w[i], 0);
  const idNumber = first17 + '10X98765432'[sum % 11];
  const gender = Number(first17[16]) % 2 === 1 ? 'male' : 'female';
  return { orgId, name: '周建国', gender, ethnicity: '汉族', birthDate: '1985-03-12', idType: 'resident_id', idNumber, education: 'bachelor', category: 'full', joinedOn: '2010-07-01', fullOn: '2011-07-01', mobile: `1395710${String(1000 + idSeq).slice(-4)}` };
}

async function grantToRevoke(): Promise<string> {
  const res = await t.call('POST', `/api/accounts/${f.memberAccount}/roles`, { cookie: await as('demo-sysadmin'), body: { role: 'org_viewer', orgId: f.hangzhou.id } });
  const grants = (res.statusCode === 200 ? res.json() : (await t.call('GET', `/api/accounts/${f.memberAccount}`, { cookie: await as('demo-sysadmin') })).json()).roles;
  return grants.find((g: { role: string; orgId: string }) => g.role === 'org_viewer' && g.orgId === f.hangzhou.id).grantId;
}

const call = async (method: string, url: string, cookie: string | undefined, body?: unknown) =>
  t.call(method as 'GET', url, { cookie, body });

describe.each(cases)('$method $route', (c) => {
  it.skipIf(c.public)('401 without a session', async () => {
    const url = c.ok.actor === 'skip' || !(await c.ok.url()) ? c.route.replace(/:(\w+)/g, '1') : await c.ok.url();
    const res = await call(c.method, url, undefined, c.ok.body ? await c.ok.body() : c.method === 'GET' || c.method === 'DELETE' ? undefined : {});
    // Body validation may run first for malformed bodies; with a valid body the session check answers.
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it.skipIf('none' in c.forbidden)('403 outside scope or without permission', async () => {
    const fb = c.forbidden as Exclude<Case['forbidden'], { none: string }>;
    const res = await call(c.method, await fb.url(), await as(fb.actor), fb.body ? await fb.body() : undefined);
    expect(res.statusCode, res.body).toBe(403);
    expect(res.json().title).toMatch(/无权|不在您的/);
  });

  it.skipIf(c.ok.actor === 'skip')('success for the right actor', async () => {
    const cookie = c.ok.actor === 'fresh' ? await t.login('demo-hangzhou') : c.ok.actor ? await as(c.ok.actor) : undefined;
    const res = await call(c.method, await c.ok.url(), cookie, c.ok.body ? await c.ok.body() : undefined);
    expect(res.statusCode, res.body).toBe(c.ok.status ?? 200);
  });
});

it('covers every API route', () => {
  const covered = new Set(cases.map((c) => `${c.method} ${c.route}`));
  const missing = t.app.apiRoutes.map((r) => `${r.method} ${r.url}`).filter((r) => !covered.has(r));
  expect(missing).toEqual([]);
});
