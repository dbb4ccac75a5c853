/**
 * Sign-in by SMS one-time code (issue 9, item 5) and the member centre's 「我收到的短信」, as a member and an
 * onlooker see them: the code arrives as an SMS row for the member's phone and signs in once; wrong, expired,
 * reused and over-tried codes are refused; the per-phone and per-address limits; a phone no account has gets the
 * same answers and no message; the code is in no audit row and no server log line.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { HIDDEN_TEXT } from '../sms/sms.commands.js';
import { LANES } from '../sms/sms.store.js';

const MIN = 60_000;
const logLines: string[] = [];
let t: TestApp;
let member: { id: string; orgId: string; phone: string; bidx: string; accountId: string };

beforeAll(async () => {
  t = await createTestApp({ env: { LOG_LEVEL: 'debug' }, logStream: { write: (line) => void logLines.push(line) } });
  const a = await t.ctx.db.selectFrom('accounts as a').innerJoin('members as m', 'm.id', 'a.member_id')
    .select(['a.id as account_id', 'm.id', 'm.org_id', 'm.mobile_enc', 'm.mobile_bidx']).where('a.username', '=', 'demo-member').executeTakeFirstOrThrow();
  member = { id: a.id, orgId: a.org_id, phone: t.ctx.crypto.decrypt(a.mobile_enc!), bidx: a.mobile_bidx!, accountId: a.account_id };
});
afterAll(async () => { await t?.close(); });
// Each test starts an hour later: the per-phone and per-address limits of the one before no longer apply.
beforeEach(() => { t.clock.advance(61 * MIN); });

const requestCode = (phone: string, ip = '127.0.0.1') => t.app.inject({ method: 'POST', url: '/api/auth/sms-code', payload: { phone }, remoteAddress: ip });
const smsLogin = (phone: string, code: string) => t.call('POST', '/api/auth/sms-login', { body: { phone, code } });

/** The code in the newest login-code message queued for the phone (read from the stored message, as the phone would). */
async function codeSentTo(phone: string): Promise<{ code: string; row: { lane: number; text: string; state: string; person_id: string | null; phone_masked: string } }> {
  const row = await t.ctx.db.selectFrom('sms_messages').select(['lane', 'text', 'state', 'person_id', 'phone_masked'])
    .where('phone_bidx', '=', t.ctx.crypto.blindIndex('mobile', phone)).where('purpose', '=', 'login_code').orderBy('id', 'desc').executeTakeFirstOrThrow();
  const code = /验证码为(\d{6})/.exec(row.text)?.[1];
  if (!code) throw new Error(`no code in ${row.text}`);
  return { code, row };
}

const sessionCookie = (res: LightMyRequestResponse) => res.cookies.find((c) => c.name === 'dj_session');
const otherCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');
const codes: string[] = [];

describe('sign-in by SMS code', () => {
  it('queues the code as a reply-lane message to the member\'s phone, and the code signs in once', async () => {
    const res = await requestCode(member.phone);
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ retryAfterSeconds: 60, expiresInSeconds: 300, demo: true });
    const { code, row } = await codeSentTo(member.phone);
    codes.push(code);
    expect(row).toMatchObject({ lane: LANES.reply, state: 'queued', person_id: member.id });
    expect(row.text).toBe(`【浙江组工】您的登录验证码为${code}，5分钟内有效。如非本人操作，请忽略。`);
    expect(row.phone_masked).not.toContain(member.phone.slice(3, 7));

    const ok = await smsLogin(member.phone, code);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'ok', me: { username: 'demo-member', kind: 'member' } });
    const cookie = sessionCookie(ok);
    expect(cookie?.httpOnly).toBe(true);
    expect((await t.call('GET', '/api/me/member', { cookie: `dj_session=${cookie!.value}` })).statusCode).toBe(200);
    const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'after']).where('actor_id', '=', member.accountId).where('action', '=', 'auth.login').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(audit.after).toMatchObject({ status: 'ok', method: 'sms' });

    // Used up: the same code again is refused.
    const again = await smsLogin(member.phone, code);
    expect(again.statusCode).toBe(401);
    expect(again.json()).toMatchObject({ code: 'auth.sms_code_invalid', title: '验证码已失效，请重新获取' });
    expect(sessionCookie(again)).toBeUndefined();
  });

  it('counts wrong codes and voids the code at the fifth', async () => {
    expect((await requestCode(member.phone)).statusCode).toBe(202);
    const { code } = await codeSentTo(member.phone);
    codes.push(code);
    for (let left = 4; left >= 1; left--) {
      const res = await smsLogin(member.phone, otherCode(code));
      expect(res.statusCode).toBe(401);
      expect(res.json().title).toBe(`验证码不正确，还可尝试${left}次`);
    }
    const fifth = await smsLogin(member.phone, otherCode(code));
    expect(fifth.json().title).toBe('验证码连续5次输入错误，已失效，请重新获取');
    // The right code no longer helps.
    const right = await smsLogin(member.phone, code);
    expect(right.statusCode).toBe(401);
    expect(sessionCookie(right)).toBeUndefined();
  });

  it('refuses an expired code, and a new code replaces the one before', async () => {
    await requestCode(member.phone);
    const first = (await codeSentTo(member.phone)).code;
    t.clock.advance(5 * MIN + 1000);
    const expired = await smsLogin(member.phone, first);
    expect(expired.statusCode).toBe(401);
    expect(expired.json()).toMatchObject({ code: 'auth.sms_code_expired', title: '验证码已过期，请重新获取' });

    await requestCode(member.phone);
    const second = (await codeSentTo(member.phone)).code;
    t.clock.advance(61_000);
    await requestCode(member.phone);
    const third = (await codeSentTo(member.phone)).code;
    codes.push(first, second, third);
    if (second !== third) expect((await smsLogin(member.phone, second)).statusCode).toBe(401);
    expect((await smsLogin(member.phone, third)).statusCode).toBe(200);
  });

  it('sends one code per phone per minute and five per hour', async () => {
    expect((await requestCode(member.phone)).statusCode).toBe(202);
    const soon = await requestCode(member.phone);
    expect(soon.statusCode).toBe(429);
    expect(soon.json()).toMatchObject({ code: 'auth.sms_code_rate_limited', title: '验证码已发送，请60秒后再重新获取' });
    expect(soon.headers['retry-after']).toBe('60');
    for (let i = 2; i <= 5; i++) {
      t.clock.advance(61_000);
      expect((await requestCode(member.phone)).statusCode).toBe(202);
    }
    t.clock.advance(61_000);
    const sixth = await requestCode(member.phone);
    expect(sixth.statusCode).toBe(429);
    expect(sixth.json().title).toMatch(/^该手机号获取验证码过于频繁，请\d+分钟后再试$/);
    const sent = await t.ctx.db.selectFrom('sms_messages').select((eb) => eb.fn.countAll<string>().as('n'))
      .where('phone_bidx', '=', member.bidx).where('purpose', '=', 'login_code').where('created_at', '>', new Date(t.clock.now().getTime() - 3600_000)).executeTakeFirstOrThrow();
    expect(Number(sent.n)).toBe(5);
    for (const { code } of [await codeSentTo(member.phone)]) codes.push(code);
  });

  it('limits the codes one address may request in an hour', async () => {
    for (let i = 0; i < 20; i++) expect((await requestCode(`1390000${String(1000 + i)}`, '10.20.30.40')).statusCode).toBe(202);
    const res = await requestCode('13900002000', '10.20.30.40');
    expect(res.statusCode).toBe(429);
    expect(res.json().title).toBe('当前网络获取验证码过于频繁，请稍后再试');
    expect((await requestCode('13900002000', '10.20.30.41')).statusCode).toBe(202);
  });

  it('answers a phone no account has exactly as a member\'s, and sends it nothing', async () => {
    const phone = '13912345678';
    const bidx = t.ctx.crypto.blindIndex('mobile', phone);
    const res = await requestCode(phone);
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ retryAfterSeconds: 60, expiresInSeconds: 300, demo: true });
    expect(await t.ctx.db.selectFrom('sms_messages').select('id').where('phone_bidx', '=', bidx).execute()).toEqual([]);
    expect((await requestCode(phone)).statusCode).toBe(429);
    const wrong = await smsLogin(phone, '123456');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().title).toBe('验证码不正确，还可尝试4次');
  });

  it('refuses bad phone numbers in Chinese and changes nothing', async () => {
    const before = await t.ctx.db.selectFrom('auth_sms_codes').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    for (const phone of ['12345', '23800138000', '1380013800a']) {
      const res = await requestCode(phone);
      expect(res.statusCode).toBe(400);
      expect(res.json().errors).toEqual([{ field: 'phone', message: '请输入正确的11位手机号码' }]);
    }
    expect((await smsLogin('12345', '123456')).statusCode).toBe(400);
    expect((await smsLogin(member.phone, '12345')).statusCode).toBe(400);
    const after = await t.ctx.db.selectFrom('auth_sms_codes').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('sends the code a member asked for even after they opted out of broadcasts, and records that decision', async () => {
    await t.ctx.db.insertInto('contact_optouts').values({ phone_bidx: member.bidx, opted_out_at: t.clock.now(), via: 'staff', note: 'test' }).execute();
    try {
      expect((await requestCode(member.phone)).statusCode).toBe(202);
      const { code } = await codeSentTo(member.phone);
      codes.push(code);
      const audit = await t.ctx.db.selectFrom('audit_log').select('after').where('action', '=', 'sms.transactional').orderBy('id', 'desc').executeTakeFirstOrThrow();
      expect(audit.after).toMatchObject({ purpose: 'login_code', optedOut: true, sentDespiteOptOut: true });
    } finally {
      await t.ctx.db.deleteFrom('contact_optouts').where('phone_bidx', '=', member.bidx).execute();
    }
  });

  it('refuses a locked account as the password form does', async () => {
    await t.ctx.db.updateTable('accounts').set({ locked_until: new Date(t.clock.now().getTime() + 10 * MIN) }).where('id', '=', member.accountId).execute();
    try {
      await requestCode(member.phone);
      const { code } = await codeSentTo(member.phone);
      codes.push(code);
      const res = await smsLogin(member.phone, code);
      expect(res.statusCode).toBe(423);
      expect(sessionCookie(res)).toBeUndefined();
    } finally {
      await t.ctx.db.updateTable('accounts').set({ locked_until: null }).where('id', '=', member.accountId).execute();
    }
  });

  it('hides the code message\'s text in the console conversation', async () => {
    await requestCode(member.phone);
    const { code } = await codeSentTo(member.phone);
    codes.push(code);
    const m = await t.ctx.db.selectFrom('members').select(['mobile_enc', 'mobile_masked']).where('id', '=', member.id).executeTakeFirstOrThrow();
    const inbound = await t.ctx.db.insertInto('sms_inbound').values({
      link: 'test', carrier_id: 'otp-1', phone_enc: m.mobile_enc!, phone_bidx: member.bidx, phone_masked: m.mobile_masked!, to_number: '106900001',
      text: '收到', received_at: t.clock.now(), person_kind: 'member', person_id: member.id, org_id: member.orgId,
    }).returning('id').executeTakeFirstOrThrow();
    const conv = await t.call('GET', `/api/sms/conversation?inboundId=${inbound.id}`, { cookie: await t.login('demo-province') });
    expect(conv.statusCode).toBe(200);
    const out = conv.json().entries.filter((e: { direction: string }) => e.direction === 'out');
    expect(out.length).toBeGreaterThan(0);
    expect(out.map((e: { text: string }) => e.text)).toContain(HIDDEN_TEXT);
    expect(conv.body).not.toContain(code);
  });

  it('writes no code to an audit row or a server log line', async () => {
    expect(codes.length).toBeGreaterThan(5);
    const rows = await t.ctx.db.selectFrom('audit_log').select(['action', 'before', 'after', 'actor_name']).where('action', 'in', ['auth.sms_code', 'sms.transactional', 'auth.login', 'auth.login_failed']).execute();
    expect(rows.filter((r) => r.action === 'auth.sms_code').length).toBeGreaterThan(5);
    expect(rows.find((r) => r.action === 'sms.transactional')?.after).toMatchObject({ purpose: 'login_code', optedOut: false });
    const auditText = JSON.stringify(rows);
    const logText = logLines.join('\n');
    expect(logText).toContain('/api/auth/sms-login');
    for (const code of codes) {
      expect(auditText).not.toContain(code);
      expect(logText).not.toContain(code);
    }
    expect(logText).not.toContain(member.phone);
  });
});

describe('messages sent to a member (GET /api/me/sms-messages)', () => {
  it('lists the member\'s own messages, newest first, without sign-in codes or other people\'s messages', async () => {
    const other = await t.ctx.db.selectFrom('members').select(['id', 'org_id']).where('id', '!=', member.id).where('mobile_bidx', 'is not', null).executeTakeFirstOrThrow();
    const now = t.clock.now();
    const base = { lane: LANES.bulk, org_id: member.orgId, phone_enc: t.ctx.crypto.encrypt(member.phone), phone_bidx: member.bidx, phone_masked: '138****0000', not_before: now, created_at: now };
    const insert = (v: Record<string, unknown>) => t.ctx.db.insertInto('sms_messages').values({ ...base, ...v } as never).returning('id').executeTakeFirstOrThrow();
    await insert({ person_kind: 'member', person_id: member.id, text: '【浙江组工】请于周五参加主题党日活动。', state: 'delivered', submitted_at: now });
    await insert({ person_kind: 'member', person_id: member.id, text: '【浙江组工】党费收缴提醒。', state: 'failed', submitted_at: now });
    await insert({ person_kind: 'member', person_id: member.id, text: '【浙江组工】待审批的通知。', state: 'held' });
    await insert({ person_kind: 'member', person_id: other.id, org_id: other.org_id, text: '【浙江组工】别人的短信。', state: 'delivered', submitted_at: now });
    await insert({ person_kind: 'member', person_id: member.id, text: '【浙江组工】学习强国答题提醒。', state: 'queued' });

    const { code } = await (async () => { await requestCode(member.phone); return codeSentTo(member.phone); })();
    const cookie = `dj_session=${sessionCookie(await smsLogin(member.phone, code))!.value}`;
    const first = await t.call('GET', '/api/me/sms-messages?limit=2', { cookie });
    expect(first.statusCode).toBe(200);
    const page1 = first.json();
    expect(page1.items.map((i: { text: string; state: string }) => [i.text, i.state])).toEqual([
      ['【浙江组工】学习强国答题提醒。', 'sending'],
      ['【浙江组工】党费收缴提醒。', 'failed'],
    ]);
    expect(page1.items[0].date).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(page1.nextCursor).toBeTruthy();
    const page2 = (await t.call('GET', `/api/me/sms-messages?limit=2&cursor=${page1.nextCursor}`, { cookie })).json();
    expect(page2.items.map((i: { text: string; state: string }) => [i.text, i.state])).toContainEqual(['【浙江组工】请于周五参加主题党日活动。', 'delivered']);
    const all = [...page1.items, ...page2.items, ...(page2.nextCursor ? (await t.call('GET', `/api/me/sms-messages?limit=50&cursor=${page2.nextCursor}`, { cookie })).json().items : [])];
    const texts = all.map((i: { text: string }) => i.text).join('\n');
    expect(texts).not.toContain('别人的短信');
    expect(texts).not.toContain('待审批');
    expect(texts).not.toContain('验证码');
  });

  it('answers 404 to an account without a member record', async () => {
    const res = await t.call('GET', '/api/me/sms-messages', { cookie: await t.login('demo-hangzhou') });
    expect(res.statusCode).toBe(404);
    expect(res.json().title).toBe('本人党员信息不存在或已被删除');
  });
});
