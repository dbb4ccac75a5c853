/**
 * Two-person approval of changes to the security and audit administrators: the system
 * administrator's request changes nothing until a different administrator (the security
 * administrator) approves it; requests expire; every step is audited. And the one-administrator-
 * role-per-account rule holds when grants race.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DEMO_PASSWORD, type TestApp } from '../../../test/test-app.js';

const PASSWORD = 'Qiantang#2026';
const HOUR = 3600_000;

let t: TestApp;
let sys: string;
let sec: string;
let root: string;
let hangzhou: string;
beforeAll(async () => {
  t = await createTestApp();
  sys = await t.login('demo-sysadmin');
  sec = await t.login('demo-secadmin');
  const byName = async (name: string) => (await t.ctx.db.selectFrom('orgs').select('id').where('name', '=', name).orderBy('depth').executeTakeFirstOrThrow()).id;
  root = await byName('浙江省委');
  hangzhou = await byName('杭州市委');
});
afterAll(async () => { await t?.close(); });

const idOf = async (username: string) => (await t.ctx.db.selectFrom('accounts').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
async function staff(username: string): Promise<string> {
  const res = await t.call('POST', '/api/accounts', { cookie: sys, body: { username, displayName: `${username} 测试`, kind: 'staff', password: PASSWORD } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}
const grant = (id: string, role: string, orgId = root, cookie = sys) => t.call('POST', `/api/accounts/${id}/roles`, { cookie, body: { role, orgId } });
const decide = (requestId: string, verb: 'approve' | 'reject' | 'cancel', cookie: string) => t.call('POST', `/api/admin-requests/${requestId}/${verb}`, { cookie });
const rolesOf = async (id: string) => (await t.ctx.db.selectFrom('role_grants').select('role').where('account_id', '=', id).orderBy('role').execute()).map((r) => r.role);
const login = (username: string, password: string) => t.call('POST', '/api/auth/login', { body: { username, password } });
const auditActions = async (entityType: string, entityId: string) =>
  (await t.ctx.db.selectFrom('audit_log').select(['action', 'actor_name', 'after']).where('entity_type', '=', entityType).where('entity_id', '=', entityId).orderBy('id').execute());

describe('granting the security or audit administrator role', () => {
  it('waits for the security administrator: nothing changes until a different administrator approves, then the role is held', async () => {
    const id = await staff('audit-candidate');
    const res = await grant(id, 'auditor');
    expect(res.statusCode, res.body).toBe(202);
    const request = res.json().request;
    expect(res.json()).toMatchObject({ approvalRequired: true, request: { action: 'role.grant', status: 'pending', role: 'auditor', account: { id }, requestedBy: { username: 'demo-sysadmin' }, canApprove: false, canCancel: true } });
    expect(new Date(request.expiresAt).getTime() - new Date(request.requestedAt).getTime()).toBe(24 * HOUR);
    expect(await rolesOf(id)).toEqual([]);

    // The requester cannot approve (the system administrator holds no approval permission at all).
    const self = await decide(request.id, 'approve', sys);
    expect(self.statusCode).toBe(403);
    // The security administrator sees it as theirs to decide.
    const list = (await t.call('GET', '/api/admin-requests', { cookie: sec })).json().items;
    expect(list.find((r: { id: string }) => r.id === request.id)).toMatchObject({ canApprove: true, canCancel: false });
    // Staff of a city and the auditor see no requests.
    expect((await t.call('GET', '/api/admin-requests', { cookie: await t.login('demo-hangzhou') })).statusCode).toBe(403);

    const ok = await decide(request.id, 'approve', sec);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'approved', decidedBy: { username: 'demo-secadmin' }, canApprove: false });
    expect(await rolesOf(id)).toEqual(['auditor']);
    expect((await decide(request.id, 'approve', sec)).json().code).toBe('approval.not_pending');

    const requestAudit = await auditActions('admin_request', request.id);
    expect(requestAudit.map((a) => [a.action, a.actor_name])).toEqual([['approval.request', 'demo-sysadmin'], ['approval.approve', 'demo-secadmin']]);
    const grantAudit = (await auditActions('account', id)).find((a) => a.action === 'role.grant');
    expect(grantAudit).toMatchObject({ actor_name: 'demo-secadmin', after: { role: 'auditor', requestId: request.id, requestedBy: await idOf('demo-sysadmin') } });
    expect((await t.ctx.audit.verify()).ok).toBe(true);
  });

  it('applies other roles at once and revokes the secadmin/auditor roles only after approval', async () => {
    const id = await staff('viewer-then-auditor');
    expect((await grant(id, 'org_viewer', hangzhou)).statusCode).toBe(200);
    const req = (await grant(id, 'auditor')).json().request;
    await decide(req.id, 'approve', sec);
    const grantId = (await t.call('GET', `/api/accounts/${id}`, { cookie: sys })).json().roles.find((g: { role: string }) => g.role === 'auditor').grantId;
    const revoke = await t.call('DELETE', `/api/accounts/${id}/roles/${grantId}`, { cookie: sys });
    expect(revoke.statusCode).toBe(202);
    expect(revoke.json().request).toMatchObject({ action: 'role.revoke', role: null, account: { id } });
    expect(await rolesOf(id)).toEqual(['auditor', 'org_viewer']);
    expect((await decide(revoke.json().request.id, 'approve', sec)).statusCode).toBe(200);
    expect(await rolesOf(id)).toEqual(['org_viewer']);
  });
});

describe('roles that reach the province or reveal personal data', () => {
  it('are requested, not granted, by the system administrator: an account of their making cannot read the province or reveal ID numbers', async () => {
    const id = await staff('crony');
    for (const [role, orgId] of [['org_admin', root], ['org_viewer', root], ['org_admin', hangzhou], ['sysadmin', root]] as const) {
      const res = await grant(id, role, orgId);
      expect(res.statusCode, `${role}@${orgId}`).toBe(202);
      expect(res.json().request).toMatchObject({ action: 'role.grant', role, org: { id: orgId } });
    }
    expect(await rolesOf(id)).toEqual([]);
    // Roles of one city without reveal take effect at once.
    expect((await grant(id, 'org_viewer', hangzhou)).statusCode).toBe(200);
    expect((await grant(id, 'branch_secretary', hangzhou)).statusCode).toBe(200);
    // Approved, the grant lands (and its holder must enrol a second factor: auth.test.ts).
    const pending = (await t.call('GET', '/api/admin-requests', { cookie: sec })).json().items.find((r: { account: { id: string }; role: string; org: { id: string } }) => r.account.id === id && r.role === 'org_admin' && r.org.id === hangzhou);
    expect((await decide(pending.id, 'approve', sec)).statusCode).toBe(200);
    expect(await rolesOf(id)).toEqual(['branch_secretary', 'org_admin', 'org_viewer']);
  });
});

describe('the audit and security administrators\' passwords and status', () => {
  it('a password reset of the audit administrator takes effect only once approved', async () => {
    const auditor = await idOf('demo-auditor');
    const res = await t.call('POST', `/api/accounts/${auditor}/reset-password`, { cookie: sys, body: { password: 'Seized#Audit2026' } });
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json().request).toMatchObject({ action: 'account.reset_password', role: null, account: { username: 'demo-auditor' } });
    // No password or hash leaves the server with the request.
    expect(res.body).not.toMatch(/argon2|Seized/);
    expect((await login('demo-auditor', 'Seized#Audit2026')).statusCode).toBe(401);
    expect((await login('demo-auditor', DEMO_PASSWORD)).statusCode).toBe(200);

    expect((await decide(res.json().request.id, 'approve', sec)).statusCode).toBe(200);
    expect((await login('demo-auditor', DEMO_PASSWORD)).statusCode).toBe(401);
    const after = await login('demo-auditor', 'Seized#Audit2026');
    expect(after.statusCode).toBe(200);
    expect(after.json().me.mustChangePassword).toBe(true);
    const stored = await t.ctx.db.selectFrom('admin_requests').select('password_hash').where('id', '=', res.json().request.id).executeTakeFirstOrThrow();
    expect(stored.password_hash).toBeNull();
  });

  it('disabling the security administrator needs approval, and nobody approves a request about their own account', async () => {
    const secId = await idOf('demo-secadmin');
    const res = await t.call('PATCH', `/api/accounts/${secId}`, { cookie: sys, body: { status: 'disabled', displayName: '安全管理员 演示用户（改）' } });
    expect(res.statusCode, res.body).toBe(202);
    const account = await t.ctx.db.selectFrom('accounts').select(['status', 'display_name']).where('id', '=', secId).executeTakeFirstOrThrow();
    expect(account).toEqual({ status: 'active', display_name: '安全管理员 演示用户（改）' });
    const own = await decide(res.json().request.id, 'approve', sec);
    expect(own.statusCode).toBe(403);
    expect(own.json()).toMatchObject({ code: 'approval.own_account', title: '不能审批涉及本人账户的申请' });

    // A second security administrator (itself approved by the first) decides it.
    const second = await staff('second-secadmin');
    const appoint = (await grant(second, 'secadmin')).json().request;
    expect((await decide(appoint.id, 'approve', sec)).statusCode).toBe(200);
    await t.ctx.db.updateTable('accounts').set({ is_demo: true }).where('id', '=', second).execute(); // skip TOTP enrolment in the test
    const sec2 = await t.login('second-secadmin', PASSWORD);
    await t.call('POST', '/api/me/password', { cookie: sec2, body: { currentPassword: PASSWORD, newPassword: 'Second#Sec2026' } });
    const ok = await decide(res.json().request.id, 'approve', sec2);
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await t.ctx.db.selectFrom('accounts').select('status').where('id', '=', secId).executeTakeFirstOrThrow()).status).toBe('disabled');
    expect((await t.call('GET', '/api/me', { cookie: sec })).statusCode).toBe(401);
    // Enable again for the tests below (enabling needs no approval).
    expect((await t.call('PATCH', `/api/accounts/${secId}`, { cookie: sys, body: { status: 'active' } })).statusCode).toBe(200);
    sec = await t.login('demo-secadmin');
  });

  it('refuses a request made by the approver themselves', async () => {
    const target = await staff('self-approved');
    const secId = await idOf('demo-secadmin');
    // Only the system administrator can make requests through the API; a row made by the security
    // administrator (as a future route might) must still not be approvable by them.
    const { id } = await t.ctx.db.insertInto('admin_requests').values({ action: 'role.grant', account_id: target, role: 'auditor', org_id: root, status: 'pending', requested_by: secId, requested_at: t.clock.now(), expires_at: new Date(t.clock.now().getTime() + HOUR) }).returning('id').executeTakeFirstOrThrow();
    const res = await decide(id, 'approve', sec);
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'approval.own_request', title: '不能审批本人提交的申请，须由另一名管理员审批' });
    expect(await rolesOf(target)).toEqual([]);
  });
});

describe('request life cycle', () => {
  it('expires after 24 hours: approval is refused, the expiry audited, and the pending list drops it', async () => {
    const id = await staff('slow-approval');
    const req = (await grant(id, 'auditor')).json().request;
    t.clock.advance(24 * HOUR + 1000);
    // Sessions last 12 hours at most: both administrators log in again the next day.
    sys = await t.login('demo-sysadmin');
    sec = await t.login('demo-secadmin');
    const pending = (await t.call('GET', '/api/admin-requests', { cookie: sec })).json().items;
    expect(pending.map((r: { id: string }) => r.id)).not.toContain(req.id);
    const all = (await t.call('GET', '/api/admin-requests?status=all', { cookie: sec })).json().items;
    expect(all.find((r: { id: string }) => r.id === req.id)).toMatchObject({ status: 'expired', canApprove: false });
    const late = await decide(req.id, 'approve', sec);
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('approval.expired');
    expect(await rolesOf(id)).toEqual([]);
    expect((await auditActions('admin_request', req.id)).map((a) => a.action)).toEqual(['approval.request', 'approval.expire']);
    expect((await decide(req.id, 'approve', sec)).json().code).toBe('approval.not_pending');
  });

  it('is rejected by the approver or withdrawn by the requester, both audited', async () => {
    const id = await staff('rejected-one');
    const r1 = (await grant(id, 'auditor')).json().request;
    const rejected = await decide(r1.id, 'reject', sec);
    expect(rejected.json()).toMatchObject({ status: 'rejected', decidedBy: { username: 'demo-secadmin' } });
    const r2 = (await grant(id, 'secadmin')).json().request;
    expect((await decide(r2.id, 'cancel', sec)).statusCode).toBe(403);
    expect((await decide(r2.id, 'cancel', sys)).json()).toMatchObject({ status: 'cancelled' });
    expect((await decide(r2.id, 'approve', sec)).json().code).toBe('approval.not_pending');
    expect(await rolesOf(id)).toEqual([]);
    expect((await auditActions('admin_request', r1.id)).map((a) => a.action)).toEqual(['approval.request', 'approval.reject']);
    expect((await auditActions('admin_request', r2.id)).map((a) => a.action)).toEqual(['approval.request', 'approval.cancel']);
  });

  it('does not take effect once the requester has lost the system administrator role', async () => {
    const ops = await staff('ops-sys-2');
    expect((await grant(ops, 'sysadmin', hangzhou)).statusCode).toBe(200);
    await t.ctx.db.updateTable('accounts').set({ is_demo: true }).where('id', '=', ops).execute(); // skip TOTP enrolment in the test
    const opsCookie = await t.login('ops-sys-2', PASSWORD);
    await t.call('POST', '/api/me/password', { cookie: opsCookie, body: { currentPassword: PASSWORD, newPassword: 'Ops#Second2026' } });
    const target = await staff('orphan-target');
    const req = (await grant(target, 'auditor', hangzhou, opsCookie)).json().request;
    const sysGrant = (await t.call('GET', `/api/accounts/${ops}`, { cookie: sys })).json().roles[0].grantId;
    expect((await t.call('DELETE', `/api/accounts/${ops}/roles/${sysGrant}`, { cookie: sys })).statusCode).toBe(200);
    const res = await decide(req.id, 'approve', sec);
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('approval.requester_lost');
    expect(await rolesOf(target)).toEqual([]);
  });
});

describe('scope of approvals', () => {
  it('a security administrator held at a city neither sees nor decides requests about the province', async () => {
    const hzSec = await staff('hz-secadmin');
    expect((await decide((await grant(hzSec, 'secadmin', hangzhou)).json().request.id, 'approve', sec)).statusCode).toBe(200);
    await t.ctx.db.updateTable('accounts').set({ is_demo: true }).where('id', '=', hzSec).execute(); // skip TOTP enrolment in the test
    const cookie = await t.login('hz-secadmin', PASSWORD);
    await t.call('POST', '/api/me/password', { cookie, body: { currentPassword: PASSWORD, newPassword: 'City#Sec2026' } });
    const provincial = (await grant(await staff('province-auditor'), 'auditor', root)).json().request;
    const local = (await grant(await staff('city-auditor'), 'auditor', hangzhou)).json().request;
    const seen = (await t.call('GET', '/api/admin-requests', { cookie })).json().items.map((r: { id: string }) => r.id);
    expect(seen).toContain(local.id);
    expect(seen).not.toContain(provincial.id);
    expect((await decide(provincial.id, 'approve', cookie)).statusCode).toBe(403);
    expect((await decide(local.id, 'approve', cookie)).statusCode).toBe(200);
  });
});

describe('one administrator role per account, under concurrency', () => {
  it('of two approvals and a direct grant racing for one account, exactly one administrator role lands', async () => {
    for (let round = 0; round < 3; round++) {
      const id = await staff(`race-${round}`);
      const a = (await grant(id, 'auditor')).json().request;
      const b = (await grant(id, 'secadmin')).json().request;
      // A system administrator of one city is granted at once: the third contender takes the direct path.
      const results = await Promise.all([decide(a.id, 'approve', sec), decide(b.id, 'approve', sec), grant(id, 'sysadmin', hangzhou)]);
      const codes = results.map((r) => r.statusCode);
      expect(codes.filter((c) => c === 200), `round ${round}: ${results.map((r) => r.body).join(' | ')}`).toHaveLength(1);
      for (const r of results.filter((x) => x.statusCode !== 200)) expect(r.json().code).toBe('role.separation');
      expect(await rolesOf(id)).toHaveLength(1);
    }
  });

  it('the database refuses a second administrator role even when two transactions insert at once', async () => {
    const id = await staff('race-db');
    const insert = (role: string) => t.ctx.db.transaction().execute(async (trx) => {
      await trx.insertInto('role_grants').values({ account_id: id, role, org_id: root }).execute();
    }).then(() => 'ok', (err: { code?: string }) => err.code);
    const outcomes = await Promise.all([insert('secadmin'), insert('auditor')]);
    expect(outcomes.sort()).toEqual(['DJ001', 'ok']);
    expect(await rolesOf(id)).toHaveLength(1);
  });
});
