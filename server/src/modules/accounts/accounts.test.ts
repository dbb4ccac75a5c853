/**
 * Account and role management by the system administrator: who may call it, account rules,
 * role grants with the three-admin separation, and what disabling, resetting and unlocking do.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DEMO_PASSWORD, type TestApp } from '../../../test/test-app.js';
import { hashPassword } from '../../platform/passwords.js';

const PASSWORD = 'Qiantang#2026';

let t: TestApp;
let sys: string;
let org: { root: string; hangzhou: string; ningbo: string; hangzhouPath: string };
beforeAll(async () => {
  t = await createTestApp();
  sys = await t.login('demo-sysadmin');
  const byName = async (name: string) => t.ctx.db.selectFrom('orgs').select(['id', 'path']).where('name', '=', name).orderBy('depth').executeTakeFirstOrThrow();
  const [root, hz, nb] = await Promise.all([byName('浙江省委'), byName('杭州市委'), byName('宁波市委')]);
  org = { root: root.id, hangzhou: hz.id, ningbo: nb.id, hangzhouPath: hz.path };
});
afterAll(async () => { await t?.close(); });

async function accountId(username: string): Promise<string> {
  return (await t.ctx.db.selectFrom('accounts').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
}

/** Creates a staff account through the API as the system administrator. */
async function createAccount(username: string, kind: 'staff' | 'public' = 'staff'): Promise<Record<string, unknown> & { id: string }> {
  const res = await t.call('POST', '/api/accounts', { cookie: sys, body: { username, displayName: `${username} 测试`, kind, password: PASSWORD } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

const grant = (id: string, role: string, orgId: string, cookie = sys) => t.call('POST', `/api/accounts/${id}/roles`, { cookie, body: { role, orgId } });
const login = (username: string, password = PASSWORD) => t.call('POST', '/api/auth/login', { body: { username, password } });
const auditRows = (action: string, entityId: string) =>
  t.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', action).where('entity_id', '=', entityId).orderBy('id').execute();

describe('access to the accounts API', () => {
  it('every accounts endpoint: 401 without login, 403 for an organization admin and for the auditor, success for the system administrator', async () => {
    const target = await createAccount('matrix-target');
    let grantId = '0';
    const cases: { method: 'GET' | 'POST' | 'PATCH' | 'DELETE'; route: string; url: () => string; body?: unknown; ok: number; after?: (body: { roles: { grantId: string }[] }) => void }[] = [
      { method: 'GET', route: '/api/roles', url: () => '/api/roles', ok: 200 },
      { method: 'GET', route: '/api/accounts', url: () => '/api/accounts', ok: 200 },
      { method: 'GET', route: '/api/accounts/:id', url: () => `/api/accounts/${target.id}`, ok: 200 },
      { method: 'POST', route: '/api/accounts', url: () => '/api/accounts', body: { username: 'matrix-new', displayName: '矩阵', kind: 'staff', password: PASSWORD }, ok: 201 },
      { method: 'PATCH', route: '/api/accounts/:id', url: () => `/api/accounts/${target.id}`, body: { displayName: '改名' }, ok: 200 },
      { method: 'POST', route: '/api/accounts/:id/reset-password', url: () => `/api/accounts/${target.id}/reset-password`, body: { password: 'Reset#Pass2026' }, ok: 204 },
      { method: 'POST', route: '/api/accounts/:id/unlock', url: () => `/api/accounts/${target.id}/unlock`, ok: 200 },
      { method: 'POST', route: '/api/accounts/:id/roles', url: () => `/api/accounts/${target.id}/roles`, body: { role: 'org_viewer', orgId: org.hangzhou }, ok: 200, after: (b) => { grantId = b.roles[0].grantId; } },
      { method: 'DELETE', route: '/api/accounts/:id/roles/:grantId', url: () => `/api/accounts/${target.id}/roles/${grantId}`, ok: 200 },
    ];
    // The table covers every route the module registers.
    const registered = t.app.apiRoutes.filter((r) => r.url.startsWith('/api/accounts') || r.url === '/api/roles').map((r) => `${r.method} ${r.url}`);
    expect(cases.map((c) => `${c.method} ${c.route}`).sort()).toEqual([...new Set(registered)].sort());

    const hangzhou = await t.login('demo-hangzhou');
    const auditor = await t.login('demo-auditor');
    for (const c of cases) {
      const name = `${c.method} ${c.route}`;
      const anon = await t.call(c.method, c.url(), { body: c.body });
      expect(anon.statusCode, name).toBe(401);
      expect(anon.json().code, name).toBe('auth.required');
      for (const cookie of [hangzhou, auditor]) {
        const res = await t.call(c.method, c.url(), { cookie, body: c.body });
        expect(res.statusCode, name).toBe(403);
        expect(res.json(), name).toMatchObject({ code: 'forbidden.permission', title: '您的角色无权执行此操作' });
      }
      const ok = await t.call(c.method, c.url(), { cookie: sys, body: c.body });
      expect(ok.statusCode, `${name}: ${ok.body}`).toBe(c.ok);
      c.after?.(ok.json());
    }
  });

  it('lists the roles with their permissions and marks the three administrator roles', async () => {
    const items = (await t.call('GET', '/api/roles', { cookie: sys })).json().items;
    expect(items.filter((r: { adminRole: boolean }) => r.adminRole).map((r: { role: string }) => r.role).sort()).toEqual(['auditor', 'secadmin', 'sysadmin']);
    expect(items.find((r: { role: string }) => r.role === 'sysadmin').permissions).toEqual(['account.read', 'account.write', 'calendar.read', 'calendar.write', 'org.read']);
  });

  it('pages through the account list with nextCursor and searches by name', async () => {
    const first = (await t.call('GET', '/api/accounts?limit=3', { cookie: sys })).json();
    expect(first.items).toHaveLength(3);
    expect(first.nextCursor).toBe(first.items[2].id);
    const second = (await t.call('GET', `/api/accounts?limit=3&cursor=${first.nextCursor}`, { cookie: sys })).json();
    expect(second.items.length).toBeGreaterThan(0);
    const firstIds = new Set(first.items.map((a: { id: string }) => a.id));
    expect(second.items.some((a: { id: string }) => firstIds.has(a.id))).toBe(false);

    const found = (await t.call('GET', `/api/accounts?q=${encodeURIComponent('DEMO-NINGBO')}`, { cookie: sys })).json();
    expect(found.items.map((a: { username: string }) => a.username)).toEqual(['demo-ningbo']);
    expect(found.items[0]).toMatchObject({ demo: true, status: 'active', locked: false, roles: [expect.objectContaining({ role: 'org_admin', orgName: '宁波市委' })] });
    expect(found.nextCursor).toBeNull();
  });

  it('the system administrator reads neither the audit trail nor members nor the security policy', async () => {
    for (const url of ['/api/audit', '/api/members', '/api/security/policy']) {
      const res = await t.call('GET', url, { cookie: sys });
      expect(res.statusCode, url).toBe(403);
      expect(res.json().code).toBe('forbidden.permission');
    }
    expect((await t.call('POST', '/api/audit/verify', { cookie: sys })).statusCode).toBe(403);
  });
});

describe('creating accounts', () => {
  it('creates an account that must change its password at first login, and audits it', async () => {
    const res = await t.call('POST', '/api/accounts', { cookie: sys, body: { username: 'zhang.wei_01', displayName: ' 张伟 ', kind: 'staff', password: PASSWORD } });
    expect(res.statusCode).toBe(201);
    const a = res.json();
    expect(a).toMatchObject({ username: 'zhang.wei_01', displayName: '张伟', kind: 'staff', status: 'active', locked: false, mfaEnabled: false, demo: false, roles: [], lastLoginAt: null });
    const me = await t.call('GET', '/api/me', { cookie: `dj_session=${(await login('zhang.wei_01')).cookies.find((c) => c.name === 'dj_session')!.value}` });
    expect(me.json().mustChangePassword).toBe(true);
    const [row] = await auditRows('account.create', a.id);
    expect(row).toMatchObject({ actor_name: 'demo-sysadmin', entity_type: 'account', after: { username: 'zhang.wei_01', displayName: '张伟', kind: 'staff' } });
    expect(JSON.stringify(row)).not.toContain(PASSWORD);
  });

  it('enforces the username rules', async () => {
    for (const username of ['ab', '1abc', 'zhang wei', '张伟', 'a'.repeat(33), '-lead']) {
      const res = await t.call('POST', '/api/accounts', { cookie: sys, body: { username, displayName: '测试', kind: 'staff', password: PASSWORD } });
      expect(res.statusCode, username).toBe(400);
      expect(res.json()).toMatchObject({ code: 'validation_failed', title: '提交的信息有误，请按提示修改', errors: [{ field: 'username', message: '格式不正确' }] });
    }
  });

  it('refuses a username already taken, whatever its case', async () => {
    for (const username of ['demo-hangzhou', 'Demo-Hangzhou']) {
      const res = await t.call('POST', '/api/accounts', { cookie: sys, body: { username, displayName: '重复', kind: 'staff', password: PASSWORD } });
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ code: 'account.username_taken', title: '该用户名已被使用，请换一个' });
    }
  });

  it('answers two simultaneous creates of one username with 201 and 409, never a server error', async () => {
    const body = { username: 'twin-user', displayName: '同名', kind: 'staff', password: PASSWORD };
    const results = await Promise.all([1, 2].map(() => t.call('POST', '/api/accounts', { cookie: sys, body })));
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(results.find((r) => r.statusCode === 409)!.json().code).toBe('account.username_taken');
  });

  it('refuses a blank display name, and refuses the system administrator any account linked to a member', async () => {
    const blank = await t.call('POST', '/api/accounts', { cookie: sys, body: { username: 'blank-name', displayName: '   ', kind: 'staff', password: PASSWORD } });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().errors).toEqual([{ field: 'displayName', message: '此项不能为空' }]);
    const patch = await t.call('PATCH', `/api/accounts/${await accountId('demo-ningbo')}`, { cookie: sys, body: { displayName: ' ' } });
    expect(patch.statusCode).toBe(400);
    expect(patch.json().errors).toEqual([{ field: 'displayName', message: '此项不能为空' }]);

    // Member accounts are opened by the member's organization (member-accounts.test.ts), not here.
    const member = await t.ctx.db.selectFrom('members').select('id').orderBy('id').executeTakeFirstOrThrow();
    const linked = await t.call('POST', '/api/accounts', { cookie: sys, body: { username: 'member-real', displayName: '党员', kind: 'member', password: PASSWORD, memberId: member.id } });
    expect(linked.statusCode).toBe(400);
    const staffLinked = await t.call('POST', '/api/accounts', { cookie: sys, body: { username: 'member-staff', displayName: '党员', kind: 'staff', password: PASSWORD, memberId: member.id } });
    expect(staffLinked.statusCode).toBe(400);
    expect(await t.ctx.db.selectFrom('accounts').select('id').where('username', 'in', ['member-real', 'member-staff']).execute()).toEqual([]);
  });

  it('refuses a weak password with the policy rule in Chinese', async () => {
    const short = await t.call('POST', '/api/accounts', { cookie: sys, body: { username: 'weak-one', displayName: '弱密码', kind: 'staff', password: 'Ab#1' } });
    expect(short.statusCode).toBe(400);
    expect(short.json()).toMatchObject({ code: 'auth.password_policy', title: '密码长度至少为8位' });
    const plain = await t.call('POST', '/api/accounts', { cookie: sys, body: { username: 'weak-two', displayName: '弱密码', kind: 'staff', password: 'password123' } });
    expect(plain.json()).toMatchObject({ code: 'auth.password_policy', title: '密码须包含大写字母、小写字母、数字、特殊字符中的至少3类' });
    expect(await t.ctx.db.selectFrom('accounts').select('id').where('username', 'in', ['weak-one', 'weak-two']).execute()).toEqual([]);
  });
});

describe('roles', () => {
  it('grants and revokes a role, audits both, and makes the holder log in again', async () => {
    const a = await createAccount('hz-viewer');
    const before = await login('hz-viewer');
    const cookie = `dj_session=${before.cookies.find((c) => c.name === 'dj_session')!.value}`;
    expect((await t.call('GET', '/api/orgs/roots', { cookie })).statusCode).toBe(403);

    const granted = await grant(a.id, 'org_viewer', org.hangzhou);
    expect(granted.statusCode).toBe(200);
    expect(granted.json().roles).toEqual([expect.objectContaining({ role: 'org_viewer', orgId: org.hangzhou, orgName: '杭州市委', orgPath: org.hangzhouPath })]);
    const [g] = await auditRows('role.grant', a.id);
    expect(g).toMatchObject({ actor_name: 'demo-sysadmin', org_path: org.hangzhouPath, after: { role: 'org_viewer', orgId: org.hangzhou, orgName: '杭州市委' } });
    expect(g.ip).toBeTruthy();
    // The old session ended; a new one carries the new role.
    expect((await t.call('GET', '/api/me', { cookie })).statusCode).toBe(401);
    const fresh = await t.login('hz-viewer', PASSWORD);
    expect((await t.call('GET', '/api/me', { cookie: fresh })).json().permissions).toEqual(['cadre.read', 'calendar.read', 'contact.read', 'dashboard.read', 'disclosure.read', 'emergency.read', 'followup.read', 'learning.read', 'mailbox.read', 'media.read', 'member.read', 'org.read', 'sms.read', 'station.read', 'survey.read', 'viewing.read']);

    const dup = await grant(a.id, 'org_viewer', org.hangzhou);
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('role.exists');

    const revoked = await t.call('DELETE', `/api/accounts/${a.id}/roles/${granted.json().roles[0].grantId}`, { cookie: sys });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json().roles).toEqual([]);
    const [r] = await auditRows('role.revoke', a.id);
    expect(r).toMatchObject({ actor_name: 'demo-sysadmin', before: { role: 'org_viewer', orgId: org.hangzhou, orgName: '杭州市委' } });
    expect((await t.call('GET', '/api/me', { cookie: fresh })).statusCode).toBe(401);
  });

  it('refuses unknown roles and organizations', async () => {
    const a = await createAccount('bad-grant');
    const role = await grant(a.id, 'superuser', org.root);
    expect(role.statusCode).toBe(400);
    expect(role.json().errors).toEqual([{ field: 'role', message: '请选择有效的角色' }]);
    const where = await grant(a.id, 'org_viewer', '999999999');
    expect(where.statusCode).toBe(400);
    expect(where.json().errors).toEqual([{ field: 'orgId', message: '请选择有效的组织' }]);
  });

  it('keeps the three administrator roles apart (三员分立)', async () => {
    const secadmin = await accountId('demo-secadmin');
    const res = await grant(secadmin, 'auditor', org.root);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'role.separation', title: '系统管理员、安全管理员、审计管理员须由不同人员担任（三员分立），同一账户不能兼任' });

    const a = await createAccount('ops-admin');
    // The security administrator role takes effect once the security administrator approves it.
    const requested = await grant(a.id, 'secadmin', org.root);
    expect(requested.statusCode).toBe(202);
    const secadmin2 = await t.login('demo-secadmin');
    expect((await t.call('POST', `/api/admin-requests/${requested.json().request.id}/approve`, { cookie: secadmin2 })).statusCode).toBe(200);
    for (const role of ['auditor', 'sysadmin']) expect((await grant(a.id, role, org.root)).json().code, role).toBe('role.separation');
    // Holding the same administrator role at a second organization is not a second role.
    const second = await grant(a.id, 'secadmin', org.hangzhou);
    expect(second.statusCode).toBe(202);
    expect((await t.call('POST', `/api/admin-requests/${second.json().request.id}/approve`, { cookie: secadmin2 })).statusCode).toBe(200);
    // An administrator role is for staff accounts only.
    const pub = await createAccount('public-user', 'public');
    expect((await grant(pub.id, 'auditor', org.root)).json().code).toBe('role.admin_staff_only');
    expect(await t.ctx.db.selectFrom('role_grants').select('role').where('account_id', 'in', [secadmin, a.id, pub.id]).where('role', 'in', ['auditor', 'sysadmin']).execute()).toEqual([]);
  });

  it('refuses to let the system administrator grant a role to themselves', async () => {
    const res = await grant(await accountId('demo-sysadmin'), 'org_admin', org.root);
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'role.self_grant', title: '不能为本人账户授予角色' });
  });

  it('limits a system administrator held at a city to that city', async () => {
    // A demo-flagged account skips the second factor, which keeps this test about scope.
    const hash = await hashPassword(PASSWORD);
    const { id } = await t.ctx.db.insertInto('accounts').values({ username: 'hz-sysadmin', display_name: '杭州系统管理员', kind: 'staff', password_hash: hash, is_demo: true }).returning('id').executeTakeFirstOrThrow();
    await t.ctx.db.insertInto('role_grants').values({ account_id: id, role: 'sysadmin', org_id: org.hangzhou }).execute();
    const hz = await t.login('hz-sysadmin', PASSWORD);

    const names = (await t.call('GET', '/api/accounts?limit=100', { cookie: hz })).json().items.map((a: { username: string }) => a.username);
    expect(names).toContain('demo-hangzhou');
    expect(names).not.toContain('demo-ningbo');
    expect(names).not.toContain('demo-sysadmin');
    const ningbo = await accountId('demo-ningbo');
    for (const [method, url, body] of [['GET', `/api/accounts/${ningbo}`], ['POST', `/api/accounts/${ningbo}/reset-password`, { password: 'Taken#Over99' }], ['PATCH', `/api/accounts/${ningbo}`, { status: 'disabled' }]] as const) {
      const res = await t.call(method, url, { cookie: hz, body });
      expect(res.statusCode, url).toBe(403);
      expect(res.json().code).toBe('forbidden.scope');
    }
    const a = await createAccount('hz-candidate');
    const outside = await grant(a.id, 'org_admin', org.ningbo, hz);
    expect(outside.statusCode).toBe(403);
    expect(outside.json().code).toBe('forbidden.scope');
    // org_admin reveals ID numbers: inside the city it is requested, for the security administrator to approve.
    expect((await grant(a.id, 'org_admin', org.hangzhou, hz)).statusCode).toBe(202);
    expect((await grant(a.id, 'org_viewer', org.hangzhou, hz)).statusCode).toBe(200);
    expect((await login('demo-ningbo', DEMO_PASSWORD)).statusCode).toBe(200);
  });
});

describe('disable, reset and unlock', () => {
  it('disabling an account ends its sessions and stops it logging in; enabling lets it back', async () => {
    const a = await createAccount('to-disable');
    const cookie = await t.login('to-disable', PASSWORD);
    const res = await t.call('PATCH', `/api/accounts/${a.id}`, { cookie: sys, body: { status: 'disabled' } });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('disabled');
    expect((await t.call('GET', '/api/me', { cookie })).statusCode).toBe(401);
    expect((await t.ctx.db.selectFrom('sessions').select('revoked_at').where('account_id', '=', a.id).execute()).every((s) => s.revoked_at)).toBe(true);
    expect((await login('to-disable')).json().code).toBe('auth.disabled');
    const [row] = await auditRows('account.update', a.id);
    expect(row).toMatchObject({ before: { status: 'active' }, after: { status: 'disabled' } });

    expect((await t.call('PATCH', `/api/accounts/${a.id}`, { cookie: sys, body: { status: 'active' } })).json().status).toBe('active');
    expect((await login('to-disable')).statusCode).toBe(200);

    const self = await t.call('PATCH', `/api/accounts/${await accountId('demo-sysadmin')}`, { cookie: sys, body: { status: 'disabled' } });
    expect(self.statusCode).toBe(400);
    expect(self.json()).toMatchObject({ code: 'account.disable_self', title: '不能停用本人账户' });
  });

  it('reset password: the new password works once, must be changed, unlocks and ends old sessions', async () => {
    const a = await createAccount('to-reset');
    const old = await t.login('to-reset', PASSWORD);
    for (let i = 0; i < 5; i++) await login('to-reset', 'Wrong#Pass1');
    expect((await t.call('GET', `/api/accounts/${a.id}`, { cookie: sys })).json().locked).toBe(true);

    const weak = await t.call('POST', `/api/accounts/${a.id}/reset-password`, { cookie: sys, body: { password: 'short' } });
    expect(weak.json()).toMatchObject({ code: 'auth.password_policy', title: '密码长度至少为8位' });
    const reused = await t.call('POST', `/api/accounts/${a.id}/reset-password`, { cookie: sys, body: { password: PASSWORD } });
    expect(reused.json().code).toBe('auth.password_reused');

    expect((await t.call('POST', `/api/accounts/${a.id}/reset-password`, { cookie: sys, body: { password: 'Reset#Pass2026' } })).statusCode).toBe(204);
    expect((await t.call('GET', '/api/me', { cookie: old })).statusCode).toBe(401);
    expect((await t.call('GET', `/api/accounts/${a.id}`, { cookie: sys })).json()).toMatchObject({ locked: false, lockedUntil: null });
    expect((await login('to-reset', PASSWORD)).statusCode).toBe(401);
    const fresh = await t.login('to-reset', 'Reset#Pass2026');
    expect((await t.call('GET', '/api/me', { cookie: fresh })).json().mustChangePassword).toBe(true);
    expect(await auditRows('account.reset_password', a.id)).toHaveLength(1);

    expect((await t.call('POST', '/api/me/password', { cookie: fresh, body: { currentPassword: 'Reset#Pass2026', newPassword: 'Own#Choice2026' } })).statusCode).toBe(204);
    expect((await t.call('GET', '/api/me', { cookie: fresh })).json().mustChangePassword).toBe(false);
  });

  it('unlock clears a lockout before it expires', async () => {
    const a = await createAccount('to-unlock');
    for (let i = 0; i < 5; i++) await login('to-unlock', 'Wrong#Pass1');
    const locked = (await t.call('GET', `/api/accounts/${a.id}`, { cookie: sys })).json();
    expect(locked.locked).toBe(true);
    expect(new Date(locked.lockedUntil).getTime()).toBe(t.clock.now().getTime() + 30 * 60_000);
    expect((await login('to-unlock')).statusCode).toBe(423);

    const res = await t.call('POST', `/api/accounts/${a.id}/unlock`, { cookie: sys });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ locked: false, lockedUntil: null });
    const [row] = await auditRows('account.unlock', a.id);
    expect(row).toMatchObject({ actor_name: 'demo-sysadmin', before: { lockedUntil: locked.lockedUntil }, after: { lockedUntil: null } });
    expect((await login('to-unlock')).statusCode).toBe(200);
    // The failure count started afresh too.
    expect((await login('to-unlock', 'Wrong#Pass1')).json().title).toBe('用户名或密码错误，还可尝试4次');
  });
});
