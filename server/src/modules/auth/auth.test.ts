/**
 * Login, lockout, sessions (idle/absolute timeouts, logout, revoke-all), the second factor for
 * administrators, password changes and the login rate limit — as a user of the API sees them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as OTPAuth from 'otpauth';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, DEMO_PASSWORD, type TestApp } from '../../../test/test-app.js';
import { buildApp } from '../../app.js';
import { loadConfig } from '../../config.js';
import { sha256Hex } from '../../platform/crypto.js';
import { hashPassword } from '../../platform/passwords.js';
import { permissionsOfRole } from '../../platform/roles.js';
import { createJobRunner } from '../../platform/jobs.js';

const MIN = 60_000;
const PASSWORD = 'Qiantang#2026';

let t: TestApp;
let rootId: string;
beforeAll(async () => {
  t = await createTestApp();
  rootId = (await t.ctx.db.selectFrom('orgs').select('id').where('parent_id', 'is', null).executeTakeFirstOrThrow()).id;
});
afterAll(async () => { await t?.close(); });

/** A non-demo staff account (so lockout, MFA and password rules apply as in production). */
async function staffAccount(username: string, opts: { password?: string; role?: string; orgId?: string } = {}): Promise<string> {
  const hash = await hashPassword(opts.password ?? PASSWORD);
  const { id } = await t.ctx.db.insertInto('accounts').values({ username, display_name: `${username} 测试`, kind: 'staff', password_hash: hash }).returning('id').executeTakeFirstOrThrow();
  await t.ctx.db.insertInto('password_history').values({ account_id: id, password_hash: hash }).execute();
  if (opts.role) await t.ctx.db.insertInto('role_grants').values({ account_id: id, role: opts.role, org_id: opts.orgId ?? rootId }).execute();
  return id;
}

const loginRes = (username: string, password: string) => t.call('POST', '/api/auth/login', { body: { username, password } });

function cookieOf(res: LightMyRequestResponse): string {
  const c = res.cookies.find((x) => x.name === 'dj_session');
  if (!c) throw new Error(`no session cookie: ${res.statusCode} ${res.body}`);
  return `dj_session=${c.value}`;
}

/** "HH:MM" in Beijing time, as the lockout messages name it. */
function beijingHhmm(d: Date): string {
  const b = new Date(d.getTime() + 8 * 3600_000);
  return `${String(b.getUTCHours()).padStart(2, '0')}:${String(b.getUTCMinutes()).padStart(2, '0')}`;
}

const totpOf = (secret: string) => new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 });
const codeNow = (secret: string) => totpOf(secret).generate({ timestamp: t.clock.now().getTime() });
/** A six-digit code that is valid at no step the server accepts now (±1 step). */
function wrongCode(secret: string): string {
  const ts = t.clock.now().getTime();
  const valid = new Set([-30_000, 0, 30_000].map((d) => totpOf(secret).generate({ timestamp: ts + d })));
  return ['000000', '111111', '222222', '333333'].find((c) => !valid.has(c))!;
}

describe('login', () => {
  it('sets an HttpOnly SameSite session cookie and /api/me returns the roles and permissions', async () => {
    const res = await loginRes('demo-hangzhou', DEMO_PASSWORD);
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('ok');
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/^dj_session=[A-Za-z0-9_-]{40,};/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toMatch(/SameSite=(Lax|Strict)/);
    expect(setCookie).toContain('Path=/');

    const me = await t.call('GET', '/api/me', { cookie: cookieOf(res) });
    expect(me.statusCode).toBe(200);
    const body = me.json();
    expect(body).toMatchObject({ username: 'demo-hangzhou', kind: 'staff', demo: true, mfa: { required: false, passed: true } });
    expect(body.roles).toEqual([expect.objectContaining({ role: 'org_admin', orgName: '杭州市委' })]);
    // Exactly the organization administrator's permissions, including member.reveal, nothing administrative.
    expect(body.permissions).toEqual([...permissionsOfRole('org_admin')].sort());
    expect(body.permissions).toEqual(expect.arrayContaining(['member.read', 'member.reveal', 'org.write']));
    expect(body.permissions).not.toEqual(expect.arrayContaining(['account.read']));
    expect(body.permissions).not.toContain('account.read');
  });

  it('refuses /api/me without a session', async () => {
    const res = await t.call('GET', '/api/me');
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'auth.required', title: '登录已失效或尚未登录，请重新登录' });
    expect((await t.call('GET', '/api/me', { cookie: 'dj_session=forged-token' })).statusCode).toBe(401);
  });

  it('counts down the remaining tries, locks after five failures, and lets the right password in only after the lock expires', async () => {
    await staffAccount('lock-user');
    for (let i = 1; i <= 4; i++) {
      const res = await loginRes('lock-user', 'Wrong#Pass1');
      expect(res.statusCode).toBe(401);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ code: 'auth.invalid_credentials', title: `用户名或密码错误，还可尝试${5 - i}次` });
      expect(res.cookies.find((c) => c.name === 'dj_session')).toBeUndefined();
    }
    const until = beijingHhmm(new Date(t.clock.now().getTime() + 30 * MIN));
    const fifth = await loginRes('lock-user', 'Wrong#Pass1');
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().code).toBe('auth.locked');
    expect(fifth.json().title).toBe(`连续5次登录失败，账户已锁定30分钟，请于${until}后重试`);

    const rightWhileLocked = await loginRes('lock-user', PASSWORD);
    expect(rightWhileLocked.statusCode).toBe(423);
    expect(rightWhileLocked.json().title).toContain(`请于${until}后重试`);
    expect(rightWhileLocked.cookies.find((c) => c.name === 'dj_session')).toBeUndefined();

    t.clock.advance(29 * MIN);
    expect((await loginRes('lock-user', PASSWORD)).statusCode).toBe(423);
    t.clock.advance(2 * MIN);
    const after = await loginRes('lock-user', PASSWORD);
    expect(after.statusCode).toBe(200);
    expect(after.json().status).toBe('ok');
    // A success starts the count afresh.
    expect((await loginRes('lock-user', 'Wrong#Pass1')).json().title).toBe('用户名或密码错误，还可尝试4次');
  });

  it('locks even when the failures arrive at the same moment', async () => {
    await staffAccount('burst-user');
    const results = await Promise.all(Array.from({ length: 8 }, () => loginRes('burst-user', 'Wrong#Pass1')));
    expect(results.map((r) => r.statusCode).filter((s) => s === 423).length).toBeGreaterThanOrEqual(1);
    const right = await loginRes('burst-user', PASSWORD);
    expect(right.statusCode).toBe(423);
  });

  it('answers an unknown username exactly as it answers a wrong password', async () => {
    await staffAccount('known-user');
    const known = await loginRes('known-user', 'Wrong#Pass1');
    const unknown = await loginRes('nobody-here', 'Wrong#Pass1');
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json()).toEqual(known.json());
    expect(unknown.json().title).toBe('用户名或密码错误，还可尝试4次');
    // …and keeps answering like a real account would, down to the lock.
    for (let left = 3; left >= 1; left--) expect((await loginRes('nobody-here', 'Wrong#Pass1')).json().title).toBe(`用户名或密码错误，还可尝试${left}次`);
    const fifth = await loginRes('nobody-here', 'Wrong#Pass1');
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().title).toMatch(/^连续5次登录失败，账户已锁定30分钟，请于\d\d:\d\d后重试$/);
  });

  it('answers odd usernames with ordinary problems, not server errors, and keeps the audit chain intact', async () => {
    const nul = await loginRes('demo\u0000hangzhou', DEMO_PASSWORD);
    expect(nul.statusCode).toBe(400);
    expect(nul.json()).toMatchObject({ code: 'validation_failed', errors: [{ field: 'username', message: '不能包含换行、制表符等控制字符或文字方向控制符' }] });
    // A lone surrogate is no character at all (platform/schemas.ts): refused like a control character.
    const surrogate = await loginRes('odd\ud800name', 'Wrong#Pass1');
    expect(surrogate.statusCode).toBe(400);
    expect(surrogate.json().code).toBe('validation_failed');
    expect((await t.ctx.audit.verify()).ok).toBe(true);
  });

  it('refuses a disabled account even with the right password', async () => {
    const id = await staffAccount('gone-user');
    await t.ctx.db.updateTable('accounts').set({ status: 'disabled' }).where('id', '=', id).execute();
    const res = await loginRes('gone-user', PASSWORD);
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'auth.disabled', title: '账户已停用，请联系系统管理员' });
    expect(res.cookies.find((c) => c.name === 'dj_session')).toBeUndefined();
  });
});

describe('sessions', () => {
  it('ends a session left idle for more than 30 minutes', async () => {
    const cookie = await t.login('demo-ningbo');
    t.clock.advance(31 * MIN);
    const res = await t.call('GET', '/api/me', { cookie });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('auth.required');
  });

  it('keeps a session alive while it is used every 20 minutes', async () => {
    const cookie = await t.login('demo-ningbo');
    for (let i = 0; i < 6; i++) {
      t.clock.advance(20 * MIN);
      expect((await t.call('GET', '/api/me', { cookie })).statusCode).toBe(200);
    }
  });

  it('ends even an active session 12 hours after login', async () => {
    const cookie = await t.login('demo-ningbo');
    for (let minutes = 20; minutes < 12 * 60; minutes += 20) {
      t.clock.advance(20 * MIN);
      expect((await t.call('GET', '/api/me', { cookie })).statusCode, `after ${minutes} min`).toBe(200);
    }
    t.clock.advance(20 * MIN);
    expect((await t.call('GET', '/api/me', { cookie })).statusCode).toBe(401);
  });

  it('logout revokes the session: the cookie no longer works', async () => {
    const cookie = await t.login('demo-ningbo');
    const res = await t.call('POST', '/api/auth/logout', { cookie });
    expect(res.statusCode).toBe(204);
    expect(String(res.headers['set-cookie'])).toMatch(/dj_session=;/);
    expect((await t.call('GET', '/api/me', { cookie })).statusCode).toBe(401);
    expect((await t.call('POST', '/api/auth/logout', { cookie })).statusCode).toBe(401);
  });

  it('revoke-all ends every session of the account, and only that account', async () => {
    const a = await t.login('demo-secretary');
    const b = await t.login('demo-secretary');
    const other = await t.login('demo-ningbo');
    const list = (await t.call('GET', '/api/me/sessions', { cookie: b })).json().items;
    expect(list.length).toBeGreaterThanOrEqual(2);
    expect(list.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
    expect((await t.call('POST', '/api/auth/revoke-all', { cookie: a })).statusCode).toBe(204);
    expect((await t.call('GET', '/api/me', { cookie: b })).statusCode).toBe(401);
    expect((await t.call('GET', '/api/me', { cookie: a })).statusCode).toBe(401);
    expect((await t.call('GET', '/api/me', { cookie: other })).statusCode).toBe(200);
  });

  it('lists the account\'s live sessions, marking the current one', async () => {
    await staffAccount('multi-user');
    const stale = await t.login('multi-user', PASSWORD);
    t.clock.advance(31 * MIN);
    const a = await t.login('multi-user', PASSWORD);
    const b = (await t.call('POST', '/api/auth/login', { body: { username: 'multi-user', password: PASSWORD }, headers: { 'user-agent': 'Mozilla/5.0 测试浏览器' } }));
    const items = (await t.call('GET', '/api/me/sessions', { cookie: cookieOf(b) })).json().items;
    // The idle session can no longer be used, so it is not listed.
    expect((await t.call('GET', '/api/me', { cookie: stale })).statusCode).toBe(401);
    expect(items).toHaveLength(2);
    expect(items[0]).toMatchObject({ current: true, ip: '127.0.0.1', userAgent: 'Mozilla/5.0 测试浏览器' });
    expect(items[1].current).toBe(false);
    expect((await t.call('GET', '/api/me/sessions', { cookie: a })).json().items.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
  });

  it('answers requests of many sessions arriving together each as its own account, the revoked and the idle ones refused', async () => {
    // Session reads that arrive together share one statement (platform/sessions.ts): no answer may borrow another's actor.
    const users = ['demo-province', 'demo-hangzhou', 'demo-ningbo', 'demo-secretary', 'demo-member'];
    const cookies = await Promise.all(users.map((u) => t.login(u)));
    const idle = await t.login('demo-hangzhou');
    t.clock.advance(20 * MIN);
    await Promise.all(cookies.map((cookie) => t.call('GET', '/api/me', { cookie }))); // the others were used 20 minutes later
    const revoked = await t.login('demo-ningbo');
    expect((await t.call('POST', '/api/auth/logout', { cookie: revoked })).statusCode).toBe(204);
    t.clock.advance(15 * MIN); // `idle` now unused for 35 minutes
    const answers = await Promise.all([...cookies, idle, revoked, ...cookies].map((cookie) => t.call('GET', '/api/me', { cookie })));
    const names = answers.map((r) => (r.statusCode === 200 ? r.json().username : r.statusCode));
    expect(names).toEqual([...users, 401, 401, ...users]);
  });

  it('stores only the SHA-256 of the session token', async () => {
    const cookie = await t.login('demo-province');
    const token = cookie.slice('dj_session='.length);
    const rows = await t.ctx.db.selectFrom('sessions').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(token);
    const mine = rows.filter((r) => r.token_hash === sha256Hex(token));
    expect(mine).toHaveLength(1);
  });
});

describe('second factor for administrators', () => {
  it('makes a new administrator enrol, then asks for a code that cannot be replayed', async () => {
    await staffAccount('ops-sys', { role: 'sysadmin' });
    const first = await loginRes('ops-sys', PASSWORD);
    expect(first.statusCode).toBe(200);
    expect(first.json().status).toBe('mfa_enrol_required');
    expect(first.json().me).toMatchObject({ mfa: { enabled: false, required: true, passed: false }, permissions: [] });
    const pending = cookieOf(first);

    // Before enrolment the session reaches only the login steps.
    const accounts = await t.call('GET', '/api/accounts', { cookie: pending });
    expect(accounts.statusCode).toBe(401);
    expect(accounts.json()).toMatchObject({ code: 'auth.mfa_required', title: '请先完成二次验证' });
    const loginSteps = t.app.apiRoutes.filter((r) => r.policy === 'pending').map((r) => `${r.method} ${r.url}`).sort();
    expect(loginSteps).toEqual(['GET /api/me', 'POST /api/auth/logout', 'POST /api/auth/mfa', 'POST /api/me/totp/confirm', 'POST /api/me/totp/setup']);
    for (const r of t.app.apiRoutes.filter((x) => x.policy !== 'pending' && x.policy !== 'public')) {
      const res = await t.call(r.method as 'GET', r.url.replace(/:\w+/g, '1'), { cookie: pending, body: r.method === 'GET' || r.method === 'DELETE' ? undefined : {} });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
      expect(res.json().code, `${r.method} ${r.url}`).toBe('auth.mfa_required');
    }
    expect((await t.call('GET', '/api/me', { cookie: pending })).statusCode).toBe(200);

    const setup = await t.call('POST', '/api/me/totp/setup', { cookie: pending });
    expect(setup.statusCode).toBe(200);
    const { secret, otpauthUrl, qrDataUrl } = setup.json();
    expect(otpauthUrl).toMatch(/^otpauth:\/\/totp\//);
    expect(qrDataUrl).toMatch(/^data:image\/png;base64,/);

    const badConfirm = await t.call('POST', '/api/me/totp/confirm', { cookie: pending, body: { code: wrongCode(secret) } });
    expect(badConfirm.statusCode).toBe(400);
    expect(badConfirm.json()).toMatchObject({ code: 'auth.invalid_totp', title: '动态验证码不正确，请核对手机上的验证器后重新输入' });

    const enrolCode = codeNow(secret);
    const confirmed = await t.call('POST', '/api/me/totp/confirm', { cookie: pending, body: { code: enrolCode } });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json()).toMatchObject({ mfa: { enabled: true, required: true, passed: true } });
    expect(confirmed.json().permissions).toContain('account.read');
    expect((await t.call('GET', '/api/accounts', { cookie: pending })).statusCode).toBe(200);

    // The next login asks for a code.
    t.clock.advance(30_000);
    const second = await loginRes('ops-sys', PASSWORD);
    expect(second.json().status).toBe('mfa_required');
    const c2 = cookieOf(second);
    expect((await t.call('GET', '/api/accounts', { cookie: c2 })).json().code).toBe('auth.mfa_required');
    // A pending session may not replace or re-confirm the factor.
    expect((await t.call('POST', '/api/me/totp/setup', { cookie: c2 })).statusCode).toBe(401);
    expect((await t.call('POST', '/api/me/totp/confirm', { cookie: c2, body: { code: codeNow(secret) } })).statusCode).toBe(401);
    expect((await t.call('GET', '/api/accounts', { cookie: c2 })).statusCode).toBe(401);

    const wrong = await t.call('POST', '/api/auth/mfa', { cookie: c2, body: { code: wrongCode(secret) } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toMatchObject({ code: 'auth.invalid_totp', title: '动态验证码不正确或已使用，请重新输入' });

    const code = codeNow(secret);
    const ok = await t.call('POST', '/api/auth/mfa', { cookie: c2, body: { code } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().status).toBe('ok');
    expect(ok.json().me.permissions).toEqual(['account.read', 'account.write', 'calendar.read', 'calendar.write', 'org.read']);
    expect((await t.call('GET', '/api/accounts', { cookie: c2 })).statusCode).toBe(200);

    // The same code, stolen and replayed on another session within its validity, is refused.
    const third = cookieOf(await loginRes('ops-sys', PASSWORD));
    const replay = await t.call('POST', '/api/auth/mfa', { cookie: third, body: { code } });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().code).toBe('auth.invalid_totp');
    t.clock.advance(30_000);
    expect((await t.call('POST', '/api/auth/mfa', { cookie: third, body: { code: codeNow(secret) } })).statusCode).toBe(200);
  });

  it('makes any role at the root organization, and any role that may reveal ID numbers, enrol a second factor before first use', async () => {
    const city = (await t.ctx.db.selectFrom('orgs').select('id').where('parent_id', '=', rootId).orderBy('id').limit(1).executeTakeFirstOrThrow()).id;
    const member = (await t.ctx.db.selectFrom('members').select(['id', 'org_path']).orderBy('id').limit(1).executeTakeFirstOrThrow());
    const cases: { username: string; role: string; orgId: string; enrol: boolean }[] = [
      { username: 'root-admin', role: 'org_admin', orgId: rootId, enrol: true },
      { username: 'root-viewer', role: 'org_viewer', orgId: rootId, enrol: true },
      { username: 'city-admin', role: 'org_admin', orgId: city, enrol: true }, // org_admin holds member.reveal
      { username: 'city-viewer', role: 'org_viewer', orgId: city, enrol: false },
      { username: 'city-secretary', role: 'branch_secretary', orgId: city, enrol: false },
    ];
    for (const c of cases) {
      await staffAccount(c.username, { role: c.role, orgId: c.orgId });
      const res = await loginRes(c.username, PASSWORD);
      expect(res.statusCode, c.username).toBe(200);
      expect(res.json().status, c.username).toBe(c.enrol ? 'mfa_enrol_required' : 'ok');
      expect(res.json().me.mfa.required, c.username).toBe(c.enrol);
      if (!c.enrol) continue;
      // The pending session reveals nothing and reads no member until a factor is enrolled.
      const cookie = cookieOf(res);
      const reveal = await t.call('POST', `/api/members/${member.id}/reveal`, { cookie, body: { field: 'idNumber' } });
      expect(reveal.statusCode, c.username).toBe(401);
      expect(reveal.json().code).toBe('auth.mfa_required');
      expect((await t.call('GET', '/api/members', { cookie })).statusCode).toBe(401);
    }
  });

  it('keeps the active factor working while a replacement is being enrolled', async () => {
    await staffAccount('ops-audit', { role: 'auditor' });
    const enrol = cookieOf(await loginRes('ops-audit', PASSWORD));
    const { secret: first } = (await t.call('POST', '/api/me/totp/setup', { cookie: enrol })).json();
    expect((await t.call('POST', '/api/me/totp/confirm', { cookie: enrol, body: { code: codeNow(first) } })).statusCode).toBe(200);

    // Start a replacement but never confirm it: the first authenticator must still log in.
    const { secret: second } = (await t.call('POST', '/api/me/totp/setup', { cookie: enrol })).json();
    expect(second).not.toBe(first);
    t.clock.advance(30_000);
    const again = cookieOf(await loginRes('ops-audit', PASSWORD));
    expect((await t.call('POST', '/api/auth/mfa', { cookie: again, body: { code: codeNow(second) } })).statusCode).toBe(401);
    expect((await t.call('POST', '/api/auth/mfa', { cookie: again, body: { code: codeNow(first) } })).statusCode).toBe(200);

    // Confirming the replacement switches over.
    t.clock.advance(30_000);
    expect((await t.call('POST', '/api/me/totp/confirm', { cookie: again, body: { code: codeNow(second) } })).statusCode).toBe(200);
    t.clock.advance(30_000);
    const third = cookieOf(await loginRes('ops-audit', PASSWORD));
    expect((await t.call('POST', '/api/auth/mfa', { cookie: third, body: { code: codeNow(first) } })).statusCode).toBe(401);
    expect((await t.call('POST', '/api/auth/mfa', { cookie: third, body: { code: codeNow(second) } })).statusCode).toBe(200);
  });

  it('counts wrong codes towards the lockout and stops a locked account from guessing further', async () => {
    const id = await staffAccount('ops-sec', { role: 'secadmin' });
    const enrol = cookieOf(await loginRes('ops-sec', PASSWORD));
    const { secret } = (await t.call('POST', '/api/me/totp/setup', { cookie: enrol })).json();
    expect((await t.call('POST', '/api/me/totp/confirm', { cookie: enrol, body: { code: codeNow(secret) } })).statusCode).toBe(200);
    t.clock.advance(30_000);

    const pending = cookieOf(await loginRes('ops-sec', PASSWORD));
    for (let i = 0; i < 4; i++) expect((await t.call('POST', '/api/auth/mfa', { cookie: pending, body: { code: wrongCode(secret) } })).json().code).toBe('auth.invalid_totp');
    const fifth = await t.call('POST', '/api/auth/mfa', { cookie: pending, body: { code: wrongCode(secret) } });
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().code).toBe('auth.locked');
    // The right code does not open a locked account.
    const right = await t.call('POST', '/api/auth/mfa', { cookie: pending, body: { code: codeNow(secret) } });
    expect(right.statusCode).toBe(423);
    expect((await t.call('GET', '/api/security/policy', { cookie: pending })).statusCode).toBe(401);
    const row = await t.ctx.db.selectFrom('accounts').select('locked_until').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.locked_until!.getTime()).toBeGreaterThan(t.clock.now().getTime());
  });
});

describe('password change', () => {
  it('explains in Chinese which rule a new password breaks', async () => {
    await staffAccount('pw-rules');
    const cookie = cookieOf(await loginRes('pw-rules', PASSWORD));
    const change = (newPassword: string, currentPassword = PASSWORD) => t.call('POST', '/api/me/password', { cookie, body: { currentPassword, newPassword } });

    const short = await change('Ab1#xyz');
    expect(short.statusCode).toBe(400);
    expect(short.json()).toMatchObject({ code: 'auth.password_policy', title: '密码长度至少为8位', errors: [{ field: 'newPassword', message: '密码长度至少为8位' }] });
    const classes = await change('abcdefghijk');
    expect(classes.json()).toMatchObject({ code: 'auth.password_policy', title: '密码须包含大写字母、小写字母、数字、特殊字符中的至少3类' });
    expect((await change('Xx#pw-rules1')).json()).toMatchObject({ code: 'auth.password_policy', title: '密码不能包含用户名' });
    const wrongCurrent = await change('Another#Pass9', 'Wrong#Pass1');
    expect(wrongCurrent.statusCode).toBe(400);
    expect(wrongCurrent.json()).toMatchObject({ code: 'auth.wrong_password', title: '当前密码不正确，还可尝试4次', errors: [{ field: 'currentPassword', message: '当前密码不正确，还可尝试4次' }] });
    // Nothing changed: the old password still logs in.
    expect((await loginRes('pw-rules', PASSWORD)).statusCode).toBe(200);
  });

  it('refuses any of the last five passwords, and the new one replaces the old at login', async () => {
    await staffAccount('pw-history');
    const cookie = cookieOf(await loginRes('pw-history', PASSWORD));
    const change = (currentPassword: string, newPassword: string) => t.call('POST', '/api/me/password', { cookie, body: { currentPassword, newPassword } });

    const same = await change(PASSWORD, PASSWORD);
    expect(same.statusCode).toBe(400);
    expect(same.json()).toMatchObject({ code: 'auth.password_reused', title: '新密码不能与最近5次使用过的密码相同' });

    const next = ['Xihu#Lake01', 'Xihu#Lake02', 'Xihu#Lake03', 'Xihu#Lake04', 'Xihu#Lake05'];
    let current = PASSWORD;
    for (const p of next) {
      expect((await change(current, p)).statusCode).toBe(204);
      current = p;
    }
    // The first of the last five is still remembered; the one before them is not.
    expect((await change(current, 'Xihu#Lake01')).json().code).toBe('auth.password_reused');
    expect((await change(current, PASSWORD)).statusCode).toBe(204);

    expect((await loginRes('pw-history', 'Xihu#Lake05')).statusCode).toBe(401);
    const me = await t.call('GET', '/api/me', { cookie: cookieOf(await loginRes('pw-history', PASSWORD)) });
    expect(me.json().mustChangePassword).toBe(false);
  });
});

describe('password change and lockout', () => {
  it('counts a wrong current password toward the lockout like a failed login, audits it, and the lock ends that session', async () => {
    const id = await staffAccount('pw-guess');
    const cookie = cookieOf(await loginRes('pw-guess', PASSWORD));
    const other = cookieOf(await loginRes('pw-guess', PASSWORD));
    const change = (currentPassword: string) => t.call('POST', '/api/me/password', { cookie, body: { currentPassword, newPassword: 'Another#Pass9' } });
    // One failed login first: both kinds of failure share one count.
    expect((await loginRes('pw-guess', 'Wrong#Pass0')).json().title).toBe('用户名或密码错误，还可尝试4次');
    for (const left of [3, 2, 1]) {
      const res = await change(`Wrong#Pass${left}`);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'auth.wrong_password', title: `当前密码不正确，还可尝试${left}次` });
    }
    const fifth = await change('Wrong#Pass9');
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json()).toMatchObject({ code: 'auth.locked' });
    expect(fifth.json().title).toMatch(/^连续5次密码校验失败，账户已锁定30分钟，请于\d\d:\d\d后重新登录$/);
    // The guessing session is over, and the right password does not log in while the lock lasts.
    expect((await t.call('GET', '/api/me', { cookie })).statusCode).toBe(401);
    expect((await loginRes('pw-guess', PASSWORD)).statusCode).toBe(423);
    // Another open session cannot carry on guessing either.
    expect((await t.call('POST', '/api/me/password', { cookie: other, body: { currentPassword: PASSWORD, newPassword: 'Another#Pass9' } })).statusCode).toBe(423);

    const rows = await t.ctx.db.selectFrom('audit_log').select(['action', 'after', 'ip']).where('entity_type', '=', 'account').where('entity_id', '=', id).where('action', '!=', 'auth.login').orderBy('id').execute();
    expect(rows.map((r) => [r.action, r.after])).toEqual([
      ['auth.login_failed', { attempts: 1 }],
      ['account.change_password_failed', { attempts: 2 }],
      ['account.change_password_failed', { attempts: 3 }],
      ['account.change_password_failed', { attempts: 4 }],
      ['account.change_password_failed', { attempts: 5 }],
      ['auth.locked', { lockedUntil: expect.any(String), after: 'account.change_password_failed' }],
    ]);
    expect(JSON.stringify(rows)).not.toContain('Wrong#Pass');
    expect(rows.every((r) => r.ip === '127.0.0.1')).toBe(true);

    // After the lock the account works again, and a successful change starts the count afresh.
    t.clock.advance(31 * MIN);
    const back = cookieOf(await loginRes('pw-guess', PASSWORD));
    expect((await t.call('POST', '/api/me/password', { cookie: back, body: { currentPassword: 'Wrong#Pass1', newPassword: 'Another#Pass9' } })).json().title).toBe('当前密码不正确，还可尝试4次');
    expect((await t.call('POST', '/api/me/password', { cookie: back, body: { currentPassword: PASSWORD, newPassword: 'Another#Pass9' } })).statusCode).toBe(204);
    expect((await t.ctx.db.selectFrom('accounts').select('failed_attempts').where('id', '=', id).executeTakeFirstOrThrow()).failed_attempts).toBe(0);
  });
});

describe('second factor enrolment in the audit trail', () => {
  it('records the start, a failed confirmation, the enrolment and a re-enrolment', async () => {
    const id = await staffAccount('totp-audit', { role: 'auditor' });
    const pending = cookieOf(await loginRes('totp-audit', PASSWORD));
    const { secret } = (await t.call('POST', '/api/me/totp/setup', { cookie: pending })).json();
    expect((await t.call('POST', '/api/me/totp/confirm', { cookie: pending, body: { code: wrongCode(secret) } })).statusCode).toBe(400);
    expect((await t.call('POST', '/api/me/totp/confirm', { cookie: pending, body: { code: codeNow(secret) } })).statusCode).toBe(200);
    t.clock.advance(30_000);
    const { secret: second } = (await t.call('POST', '/api/me/totp/setup', { cookie: pending })).json();
    expect((await t.call('POST', '/api/me/totp/confirm', { cookie: pending, body: { code: codeNow(second) } })).statusCode).toBe(200);

    const rows = await t.ctx.db.selectFrom('audit_log').select(['action', 'after', 'actor_name', 'ip']).where('entity_type', '=', 'account').where('entity_id', '=', id).where('action', 'like', 'totp.%').orderBy('id').execute();
    expect(rows.map((r) => [r.action, r.after])).toEqual([
      ['totp.setup', { reenrolment: false }],
      ['totp.confirm_failed', { reenrolment: false }],
      ['totp.enable', null],
      ['totp.setup', { reenrolment: true }],
      ['totp.replace', null],
    ]);
    expect(rows.every((r) => r.actor_name === 'totp-audit' && r.ip === '127.0.0.1')).toBe(true);
    // Neither secret is ever written to the trail.
    expect(JSON.stringify(rows)).not.toContain(secret);
    expect(JSON.stringify(rows)).not.toContain(second);
    expect((await t.ctx.audit.verify()).ok).toBe(true);
  });
});

describe('password change and other sessions', () => {
  it('logs out the other sessions of the account and keeps the one that changed it', async () => {
    await staffAccount('pw-sessions');
    const here = cookieOf(await loginRes('pw-sessions', PASSWORD));
    const elsewhere = cookieOf(await loginRes('pw-sessions', PASSWORD));
    const res = await t.call('POST', '/api/me/password', { cookie: here, body: { currentPassword: PASSWORD, newPassword: 'Qiantang#River9' } });
    expect(res.statusCode).toBe(204);
    expect((await t.call('GET', '/api/me', { cookie: here })).statusCode).toBe(200);
    expect((await t.call('GET', '/api/me', { cookie: elsewhere })).statusCode).toBe(401);
  });
});

describe('a password set by an administrator', () => {
  it('must be changed before anything else can be done', async () => {
    // A viewer of one city: no role at the root and no reveal, so no second factor is asked for.
    const city = (await t.ctx.db.selectFrom('orgs').select('id').where('parent_id', '=', rootId).orderBy('id').limit(1).executeTakeFirstOrThrow()).id;
    const id = await staffAccount('pw-reset', { role: 'org_viewer', orgId: city });
    const admin = await t.login('demo-sysadmin');
    expect((await t.call('POST', `/api/accounts/${id}/reset-password`, { cookie: admin, body: { password: 'Temp#Pass2026' } })).statusCode).toBe(204);
    const cookie = cookieOf(await loginRes('pw-reset', 'Temp#Pass2026'));
    expect((await t.call('GET', '/api/me', { cookie })).json().mustChangePassword).toBe(true);
    const blocked = await t.call('GET', '/api/orgs/roots', { cookie });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json()).toMatchObject({ code: 'auth.password_change_required', title: '首次登录或密码已被重置，请先修改密码' });
    expect((await t.call('POST', '/api/me/password', { cookie, body: { currentPassword: 'Temp#Pass2026', newPassword: 'Own#Choice2026' } })).statusCode).toBe(204);
    expect((await t.call('GET', '/api/orgs/roots', { cookie })).statusCode).toBe(200);
  });
});

describe('login rate limit', () => {
  it('answers 429 rate_limited in Chinese once the per-minute budget is spent', async () => {
    // A second app on the same database with LOGIN_RATE_LIMIT_PER_MINUTE=3 (cheaper than a second database copy).
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', LOGIN_RATE_LIMIT_PER_MINUTE: '3' });
    expect(config.loginRateLimitPerMinute).toBe(3);
    // Its own job runner: job handlers register once per runner, as one app has one runner.
    const limited = await buildApp({ ...t.ctx, jobs: createJobRunner(t.ctx.db), config: { ...t.ctx.config, loginRateLimitPerMinute: config.loginRateLimitPerMinute } });
    await limited.ready();
    const attempt = (password: string) => limited.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'rate-user', password } });
    try {
      await staffAccount('rate-user');
      for (let i = 0; i < 3; i++) expect((await attempt('Wrong#Pass1')).statusCode).toBe(401);
      const res = await attempt(PASSWORD);
      expect(res.statusCode).toBe(429);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ status: 429, code: 'rate_limited', title: '操作过于频繁，请稍后再试' });
      expect(res.cookies.find((c) => c.name === 'dj_session')).toBeUndefined();
    } finally {
      await limited.close();
    }
  });
});
