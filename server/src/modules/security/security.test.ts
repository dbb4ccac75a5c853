/**
 * The security policy set by the security administrator: who may read and change it, what values
 * it accepts, and that a change takes effect at once (password rules, lockout, idle timeout, MFA).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { hashPassword } from '../../platform/passwords.js';

const PASSWORD = 'Qiantang#2026';
const DEFAULTS = {
  passwordMinLength: 8, passwordMinClasses: 3, passwordHistory: 5, lockoutThreshold: 5, lockoutMinutes: 30,
  idleMinutes: 30, absoluteHours: 12, mfaRequiredForStaff: false,
};

let t: TestApp;
let sec: string;
beforeAll(async () => { t = await createTestApp(); });
// Tests move the clock past idle timeouts: a fresh security administrator session for each.
beforeEach(async () => { sec = await t.login('demo-secadmin'); });
afterAll(async () => { await t?.close(); });

async function staffAccount(username: string): Promise<string> {
  const hash = await hashPassword(PASSWORD);
  const { id } = await t.ctx.db.insertInto('accounts').values({ username, display_name: username, kind: 'staff', password_hash: hash }).returning('id').executeTakeFirstOrThrow();
  await t.ctx.db.insertInto('password_history').values({ account_id: id, password_hash: hash }).execute();
  return id;
}

const put = (policy: unknown, cookie = sec) => t.call('PUT', '/api/security/policy', { cookie, body: policy });
const login = (username: string, password = PASSWORD) => t.call('POST', '/api/auth/login', { body: { username, password } });

describe('who may read and change the policy', () => {
  it('only the security administrator: 401 without login, 403 for everyone else', async () => {
    expect((await t.call('GET', '/api/security/policy')).statusCode).toBe(401);
    expect((await put(DEFAULTS, '')).statusCode).toBe(401);
    for (const user of ['demo-sysadmin', 'demo-auditor', 'demo-province', 'demo-hangzhou', 'demo-secretary', 'demo-member']) {
      const cookie = await t.login(user);
      const read = await t.call('GET', '/api/security/policy', { cookie });
      expect(read.statusCode, user).toBe(403);
      expect(read.json()).toMatchObject({ code: 'forbidden.permission', title: '您的角色无权执行此操作' });
      expect((await put({ ...DEFAULTS, lockoutThreshold: 20 }, cookie)).statusCode, user).toBe(403);
    }
    const res = await t.call('GET', '/api/security/policy', { cookie: sec });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(DEFAULTS);
  });

  it('refuses values outside the allowed ranges, naming the field in Chinese', async () => {
    const cases: [Record<string, unknown>, { field: string; message: string }][] = [
      [{ passwordMinLength: 6 }, { field: 'passwordMinLength', message: '不能小于8' }],
      [{ passwordMinClasses: 5 }, { field: 'passwordMinClasses', message: '不能大于4' }],
      [{ lockoutThreshold: 0 }, { field: 'lockoutThreshold', message: '不能小于3' }],
      [{ idleMinutes: 100000 }, { field: 'idleMinutes', message: '不能大于240' }],
      [{ absoluteHours: 1.5 }, { field: 'absoluteHours', message: '类型不正确' }],
      [{ mfaRequiredForStaff: 'maybe' }, { field: 'mfaRequiredForStaff', message: '类型不正确' }],
      [{ extra: 1 }, { field: '', message: '不允许的字段：extra' }],
    ];
    for (const [change, error] of cases) {
      const res = await put({ ...DEFAULTS, ...change });
      expect(res.statusCode, JSON.stringify(change)).toBe(400);
      expect(res.json()).toMatchObject({ code: 'validation_failed', title: '提交的信息有误，请按提示修改' });
      expect(res.json().errors, JSON.stringify(change)).toContainEqual(error.field ? error : expect.objectContaining({ message: error.message }));
    }
    const { lockoutMinutes: _omitted, ...missing } = DEFAULTS;
    expect((await put(missing)).json().errors).toContainEqual({ field: 'lockoutMinutes', message: '此项为必填项' });
    expect((await t.call('GET', '/api/security/policy', { cookie: sec })).json()).toEqual(DEFAULTS);
    expect(await t.ctx.db.selectFrom('audit_log').select('id').where('action', '=', 'security.update').execute()).toEqual([]);
  });
});

describe('a new policy takes effect', () => {
  it('is returned, audited with before and after, and survives a fresh read', async () => {
    const next = { ...DEFAULTS, passwordMinLength: 12, lockoutThreshold: 3, lockoutMinutes: 10 };
    const res = await put(next);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(next);
    expect((await t.call('GET', '/api/security/policy', { cookie: sec })).json()).toEqual(next);
    const row = await t.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'security.update').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ actor_name: 'demo-secadmin', entity_type: 'security_policy', before: DEFAULTS, after: next });
    expect(row.ip).toBeTruthy();
  });

  it('a longer minimum length refuses a 10-character password on change', async () => {
    await put({ ...DEFAULTS, passwordMinLength: 12 });
    await staffAccount('len-user');
    const cookie = await t.login('len-user', PASSWORD);
    const res = await t.call('POST', '/api/me/password', { cookie, body: { currentPassword: PASSWORD, newPassword: 'Abcdef#123' } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'auth.password_policy', title: '密码长度至少为12位' });
    expect((await t.call('POST', '/api/me/password', { cookie, body: { currentPassword: PASSWORD, newPassword: 'Abcdef#123456' } })).statusCode).toBe(204);
  });

  it('a threshold of 3 locks after the third failure, for the configured minutes', async () => {
    await put({ ...DEFAULTS, lockoutThreshold: 3, lockoutMinutes: 10 });
    await staffAccount('three-user');
    expect((await login('three-user', 'Wrong#Pass1')).json().title).toBe('用户名或密码错误，还可尝试2次');
    expect((await login('three-user', 'Wrong#Pass1')).json().title).toBe('用户名或密码错误，还可尝试1次');
    const third = await login('three-user', 'Wrong#Pass1');
    expect(third.statusCode).toBe(423);
    expect(third.json().title).toMatch(/^连续3次登录失败，账户已锁定10分钟，请于\d\d:\d\d后重试$/);
    t.clock.advance(11 * 60_000);
    expect((await login('three-user')).statusCode).toBe(200);
  });

  it('a shorter idle timeout ends sessions that are already open', async () => {
    const cookie = await t.login('demo-ningbo');
    await put({ ...DEFAULTS, idleMinutes: 10 });
    t.clock.advance(11 * 60_000);
    expect((await t.call('GET', '/api/me', { cookie })).statusCode).toBe(401);
  });

  it('requiring MFA for staff asks an ordinary staff account to enrol', async () => {
    await staffAccount('staff-mfa');
    expect((await login('staff-mfa')).json().status).toBe('ok');
    await put({ ...DEFAULTS, mfaRequiredForStaff: true });
    const res = await login('staff-mfa');
    expect(res.json().status).toBe('mfa_enrol_required');
    expect(res.json().me.mfa).toEqual({ enabled: false, required: true, passed: false });
    // Demo accounts stay exempt.
    expect((await login('demo-ningbo', 'Demo#2026')).json().status).toBe('ok');
  });

  it('a change shows at once even while other requests read the policy', async () => {
    const next = { ...DEFAULTS, lockoutMinutes: 45 };
    const cookie = await t.login('demo-ningbo');
    const [res] = await Promise.all([put(next), ...Array.from({ length: 20 }, () => t.call('GET', '/api/me', { cookie }))]);
    expect(res.json()).toEqual(next);
    expect((await t.call('GET', '/api/security/policy', { cookie: sec })).json()).toEqual(next);
    await put(DEFAULTS);
  });
});

describe('the policy store', () => {
  // On PGlite the one connection is held by the transaction, so the concurrent read cannot happen there.
  it.skipIf(process.env.TEST_DATABASE_URL === undefined)('does not keep a policy read while a change was being committed', async () => {
    const next = { ...DEFAULTS, lockoutMinutes: 50 };
    await t.ctx.policy.set(t.ctx.db, next, async () => {
      // Another request reads the policy before the change commits: it sees the old one…
      expect((await t.ctx.policy.get()).lockoutMinutes).toBe(DEFAULTS.lockoutMinutes);
    });
    // …but once committed, every reader sees the new one, without waiting for a cache to expire.
    expect(await t.ctx.policy.get()).toEqual(next);
    await put(DEFAULTS);
  });
});
