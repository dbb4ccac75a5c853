/**
 * Accounts linked to a member record: only the staff of the member's organization open them or set
 * their password. The system administrator, staff elsewhere and the staff of an online branch the
 * member is attached to cannot, so nobody outside the member's organization can read the record
 * through an account of their own making.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { demoFixtures, type DemoFixtures } from '../../../test/fixtures.js';

const PASSWORD = 'Qiantang#2026';

let t: TestApp;
let f: DemoFixtures;
let sys: string;
let hangzhou: string;
beforeAll(async () => {
  t = await createTestApp();
  f = await demoFixtures(t.ctx);
  sys = await t.login('demo-sysadmin');
  hangzhou = await t.login('demo-hangzhou');
});
afterAll(async () => { await t?.close(); });

/** A current member under `path` with no login account yet. */
const memberWithoutAccount = async (path: string, skip = 0) =>
  (await t.ctx.db.selectFrom('members as m').select(['m.id', 'm.name']).where('m.org_path', 'like', `${path}%`).where('m.departed_on', 'is', null)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('accounts as a').select('a.id').whereRef('a.member_id', '=', 'm.id'))))
    .orderBy('m.id').offset(skip).limit(1).executeTakeFirstOrThrow());

const open = (memberId: string, username: string, cookie: string, password = PASSWORD) =>
  t.call('POST', `/api/members/${memberId}/account`, { cookie, body: { username, password } });
const login = (username: string, password: string) => t.call('POST', '/api/auth/login', { body: { username, password } });
const cookieOf = (res: { cookies: { name: string; value: string }[] }) => `dj_session=${res.cookies.find((c) => c.name === 'dj_session')!.value}`;

describe('accounts linked to a member', () => {
  it('the system administrator can neither link an account to a member nor set the password of a linked one', async () => {
    const m = await memberWithoutAccount(f.ningbo.path);
    // Not through the accounts API (the body has no member link any more)…
    const viaAccounts = await t.call('POST', '/api/accounts', { cookie: sys, body: { username: 'sys-link', displayName: m.name, kind: 'member', password: PASSWORD, memberId: m.id } });
    expect(viaAccounts.statusCode).toBe(400);
    // …nor through the member's own route, which needs member.write over the member's organization.
    const viaMember = await open(m.id, 'sys-link', sys);
    expect(viaMember.statusCode).toBe(403);
    expect(await t.ctx.db.selectFrom('accounts').select('id').where('member_id', '=', m.id).execute()).toEqual([]);

    // Resetting demo-member's password would let the system administrator log in as the member.
    const reset = await t.call('POST', `/api/accounts/${f.memberAccount}/reset-password`, { cookie: sys, body: { password: 'Taken#Over2026' } });
    expect(reset.statusCode).toBe(403);
    expect((await login('demo-member', 'Taken#Over2026')).statusCode).toBe(401);
    const resetViaMember = await t.call('POST', `/api/members/${(await t.ctx.db.selectFrom('accounts').select('member_id').where('id', '=', f.memberAccount).executeTakeFirstOrThrow()).member_id}/account/reset-password`, { cookie: sys, body: { password: 'Taken#Over2026' } });
    expect(resetViaMember.statusCode).toBe(403);
  });

  it('the staff of the member\'s organization open the account; it reads that member\'s record and must change its password first', async () => {
    const m = await memberWithoutAccount(f.hangzhou.path);
    const res = await open(m.id, 'hz-member-1', hangzhou);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ username: 'hz-member-1', displayName: m.name, kind: 'member', roles: [{ role: 'member' }] });
    const audit = await t.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'account.create').where('entity_id', '=', res.json().id).executeTakeFirstOrThrow();
    expect(audit.after).toMatchObject({ kind: 'member', memberId: m.id });
    expect(audit.org_path).toMatch(new RegExp(`^${f.hangzhou.path}`));

    const cookie = cookieOf(await login('hz-member-1', PASSWORD));
    expect((await t.call('POST', '/api/me/password', { cookie, body: { currentPassword: PASSWORD, newPassword: 'Own#Choice2026' } })).statusCode).toBe(204);
    const own = await t.call('GET', '/api/me/member', { cookie });
    expect(own.statusCode).toBe(200);
    expect(own.json().id).toBe(m.id);

    // The staff see the account (and nobody else's staff do).
    const seen = await t.call('GET', `/api/members/${m.id}/account`, { cookie: hangzhou });
    expect(seen.json()).toMatchObject({ account: { id: res.json().id, username: 'hz-member-1', status: 'active', mustChangePassword: false } });
    expect((await t.call('GET', `/api/members/${m.id}/account`, { cookie: await t.login('demo-ningbo') })).statusCode).toBe(403);
    expect((await t.call('GET', `/api/members/${(await memberWithoutAccount(f.hangzhou.path)).id}/account`, { cookie: hangzhou })).json()).toEqual({ account: null });
    // One account per member.
    expect((await open(m.id, 'hz-member-2', hangzhou)).json().code).toBe('member.account_exists');
    // The staff reset its password; the system administrator may not.
    expect((await t.call('POST', `/api/members/${m.id}/account/reset-password`, { cookie: hangzhou, body: { password: 'Reset#Branch2026' } })).statusCode).toBe(204);
    expect((await login('hz-member-1', 'Reset#Branch2026')).statusCode).toBe(200);
    expect((await t.call('POST', `/api/accounts/${res.json().id}/reset-password`, { cookie: sys, body: { password: 'Taken#Over2026' } })).statusCode).toBe(403);
  });

  it('staff of another city, and of an online branch the member is attached to, cannot open or reset it', async () => {
    const nbMember = await memberWithoutAccount(f.ningbo.path, 1);
    const created = await t.call('POST', '/api/orgs', { cookie: hangzhou, body: { parentId: f.hangzhou.id, name: '杭州网络党支部', fullName: '中共杭州市网络党支部委员会', type: 'branch', level: 'grassroots', sector: 'online', isOnline: true } });
    expect(created.statusCode, created.body).toBe(201);
    const hzOnline = created.json() as { id: string };
    await t.ctx.db.insertInto('member_online_branches').values({ member_id: nbMember.id, org_id: hzOnline.id, attached_at: t.clock.now(), attached_by: f.memberAccount }).execute();
    // Hangzhou now reads the member through the attachment…
    expect((await t.call('GET', `/api/members/${nbMember.id}`, { cookie: hangzhou })).statusCode).toBe(200);
    const res = await open(nbMember.id, 'nb-by-hz', hangzhou);
    expect(res.statusCode).toBe(403);
    expect((await t.call('POST', `/api/members/${nbMember.id}/account/reset-password`, { cookie: hangzhou, body: { password: 'Reset#Branch2026' } })).statusCode).toBe(403);
    expect((await open(nbMember.id, 'nb-by-nb', await t.login('demo-ningbo'))).statusCode).toBe(201);
    // A branch secretary opens accounts for their own branch's members only.
    const secretary = await t.login('demo-secretary');
    const branch = await t.ctx.db.selectFrom('role_grants as g').innerJoin('accounts as a', 'a.id', 'g.account_id').innerJoin('orgs as o', 'o.id', 'g.org_id')
      .select('o.path').where('a.username', '=', 'demo-secretary').executeTakeFirstOrThrow();
    const outsideBranch = await t.ctx.db.selectFrom('members').select('id').where('org_path', 'like', `${f.hangzhou.path}%`).where('org_path', 'not like', `${branch.path}%`)
      .orderBy('id').limit(1).executeTakeFirstOrThrow();
    expect((await open(outsideBranch.id, 'hz-by-secretary', secretary)).statusCode).toBe(403);
    expect((await open((await memberWithoutAccount(branch.path)).id, 'own-by-secretary', secretary)).statusCode).toBe(201);
  });
});
