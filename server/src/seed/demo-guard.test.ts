/**
 * Demo accounts on a production server (issue 7 item 5): a database seeded in development keeps accounts with a
 * published password and no second factor. Production refuses to start while any can be used, names the command
 * that removes them, and refuses their logins; the command disables them for good, audited, keeping the rows the
 * audit trail refers to.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DEMO_PASSWORD, type TestApp } from '../../test/test-app.js';
import { createSession } from '../platform/sessions.js';
import { hashPassword } from '../platform/passwords.js';
import { DEMO_USERNAMES } from './demo-accounts.js';
import { refuseDemoAccounts, removeDemoAccounts, usableDemoAccounts } from './demo-guard.js';

let t: TestApp;
beforeAll(async () => {
  // The demo template (a development seed), served as production.
  t = await createTestApp({ env: { NODE_ENV: 'production' } });
});
afterAll(async () => { await t?.close(); });

const login = (username: string, password = DEMO_PASSWORD) => t.call('POST', '/api/auth/login', { body: { username, password } });

describe('demo accounts in production', () => {
  it('the start check refuses a database with usable demo accounts and names the command that removes them', async () => {
    expect(t.ctx.config.env).toBe('production');
    const demo = (await usableDemoAccounts(t.ctx.db)).map((a) => a.username);
    expect(demo.sort()).toEqual([...DEMO_USERNAMES].sort());
    const refusal = refuseDemoAccounts(t.ctx.db);
    await expect(refusal).rejects.toThrow('npm run cli -- remove-demo-accounts');
    await expect(refuseDemoAccounts(t.ctx.db)).rejects.toThrow(/演示账户（.*demo-sysadmin.*）.*生产环境（NODE_ENV=production）拒绝启动/);
  });

  it('a demo account cannot log in to a production server, even with the published password', async () => {
    for (const u of ['demo-sysadmin', 'demo-hangzhou', 'demo-member']) {
      const res = await login(u);
      expect(res.statusCode, u).toBe(403);
      expect(res.json()).toMatchObject({ code: 'auth.disabled', title: '账户已停用，请联系系统管理员' });
      expect(res.cookies.find((c) => c.name === 'dj_session')).toBeUndefined();
    }
  });

  it('remove-demo-accounts disables them (no role, no session, no usable password), audits it, keeps real accounts, and lets the server start', async () => {
    // A real administrator created on the same database, and a demo session left over from development.
    const hash = await hashPassword('Qiantang#2026');
    const real = await t.ctx.db.insertInto('accounts').values({ username: 'zhang-admin', display_name: '张管理员', kind: 'staff', password_hash: hash }).returning('id').executeTakeFirstOrThrow();
    const sysadmin = await t.ctx.db.selectFrom('accounts').select('id').where('username', '=', 'demo-sysadmin').executeTakeFirstOrThrow();
    const { token } = await createSession(t.ctx.db, { accountId: sysadmin.id, mfaPassed: true, ip: '127.0.0.1', userAgent: undefined, now: t.clock.now(), policy: await t.ctx.policy.get() });
    expect((await t.call('GET', '/api/me', { cookie: `dj_session=${token}` })).statusCode).toBe(200);

    const removed = await removeDemoAccounts(t.ctx);
    expect(removed.sort()).toEqual([...DEMO_USERNAMES].sort());
    await expect(refuseDemoAccounts(t.ctx.db)).resolves.toBeUndefined();
    expect((await t.call('GET', '/api/me', { cookie: `dj_session=${token}` })).statusCode).toBe(401);

    const rows = await t.ctx.db.selectFrom('accounts').select(['id', 'username', 'status', 'totp_enabled']).where('is_demo', '=', true).execute();
    expect(rows).toHaveLength(DEMO_USERNAMES.length);
    expect(rows.every((r) => r.status === 'disabled' && !r.totp_enabled)).toBe(true);
    expect(await t.ctx.db.selectFrom('role_grants').select('id').where('account_id', 'in', rows.map((r) => r.id)).execute()).toEqual([]);
    expect((await t.ctx.db.selectFrom('accounts').select('status').where('id', '=', real.id).executeTakeFirstOrThrow()).status).toBe('active');

    const audit = await t.ctx.db.selectFrom('audit_log').select(['entity_id', 'actor_name', 'before', 'after']).where('action', '=', 'account.remove_demo').orderBy('id').execute();
    expect(audit.map((a) => a.entity_id).sort()).toEqual(rows.map((r) => r.id).sort());
    expect(audit.find((a) => a.entity_id === sysadmin.id)).toMatchObject({
      actor_name: 'cli', before: { username: 'demo-sysadmin', status: 'active', roles: [{ role: 'sysadmin' }] }, after: { status: 'disabled', roles: [] },
    });
    expect((await t.ctx.audit.verify()).ok).toBe(true);

    // Running it again finds nothing; re-enabling a demo account (say, from the console) trips the check again,
    // and its published password no longer works in any case.
    expect(await removeDemoAccounts(t.ctx)).toEqual([]);
    await t.ctx.db.updateTable('accounts').set({ status: 'active' }).where('id', '=', sysadmin.id).execute();
    await expect(refuseDemoAccounts(t.ctx.db)).rejects.toThrow('demo-sysadmin');
    expect((await login('demo-sysadmin')).statusCode).toBe(401);
    await t.ctx.db.updateTable('accounts').set({ status: 'disabled' }).where('id', '=', sysadmin.id).execute();
    await expect(refuseDemoAccounts(t.ctx.db)).resolves.toBeUndefined();
  });
});
