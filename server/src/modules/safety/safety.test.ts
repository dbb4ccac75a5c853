/**
 * Safety of public input (issue 11, item 4): the word list as the security administrator keeps it (audited, effective
 * at once here and after a version check elsewhere), the moderation queue's callbacks and scope, the captcha after
 * repeated use (one-time), and phone verification by SMS code (expiry, attempts, wrong code, the token).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyRequest } from 'fastify';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { demoFixtures, type DemoFixtures } from '../../../test/fixtures.js';
import { screenText, VERSION_CHECK_MS } from './safety.words.js';
import { reasonsFromMatches, registerModerationKind, submitModeration, unregisterModerationKind, type DecidedModerationItem } from './safety.moderation.js';
import { newCaptcha } from './safety.captcha.js';
import { ATTEMPTS_PER_CODE, PHONE_TOKEN_HEADER, requireVerifiedPhone, verifiedPhone } from './safety.public.js';

let t: TestApp;
let f: DemoFixtures;
const cookies: Record<string, string> = {};
const as = async (user: string) => (cookies[user] ??= await t.login(user));

beforeAll(async () => {
  t = await createTestApp({ env: { PUBLIC_FORM_RATE_LIMIT_PER_MINUTE: '1000' } });
  f = await demoFixtures(t.ctx);
});
afterAll(async () => { await t?.close(); });

const auditRows = (action: string) => t.ctx.db.selectFrom('audit_log').select(['actor_name', 'entity_id', 'org_path', 'before', 'after']).where('action', '=', action).orderBy('id').execute();

describe('the sensitive-word list', () => {
  it('is kept by the security administrator, audited, and takes effect at once', async () => {
    const sec = await as('demo-secadmin');
    expect((await screenText(t.ctx, '网上代开发票')).held).toBe(false);
    const res = await t.call('POST', '/api/safety/words', { cookie: sec, body: { words: ['代开发票', ' 赌 博 ', '代开发票', '，，', '赌博网站'], note: '测试导入' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ added: 3, skipped: [
      { word: '代开发票', reason: '与本次提交的其他词重复' }, { word: '，，', reason: '只含空格或标点，无法匹配' },
    ] });
    const [row] = await auditRows('safety.word_add');
    expect(row).toMatchObject({ actor_name: 'demo-secadmin', after: { count: 3, words: expect.arrayContaining(['代开发票', '赌 博', '赌博网站']), note: '测试导入' } });

    const screened = await screenText(t.ctx, '网上代 开·发票，还有ＸＸ赌博网站');
    expect(screened.held).toBe(true);
    expect(screened.matches.map((m) => m.word).sort()).toEqual(['代开发票', '赌 博', '赌博网站'].sort());

    // Adding one already listed (folded alike) changes nothing and writes no audit row.
    const again = await t.call('POST', '/api/safety/words', { cookie: sec, body: { words: ['代 开发票', 'ＤＡＩ'] } });
    expect(again.json()).toEqual({ added: 1, skipped: [{ word: '代 开发票', reason: '词库中已有「代开发票」' }] });
    expect(await auditRows('safety.word_add')).toHaveLength(2);
    expect((await screenText(t.ctx, 'dai')).held).toBe(true);

    const list = await t.call('GET', '/api/safety/words?q=%E8%B5%8C%E5%8D%9A', { cookie: sec });
    expect(list.json().items.map((w: { word: string }) => w.word).sort()).toEqual(['赌 博', '赌博网站']);
    const id = list.json().items.find((w: { word: string }) => w.word === '赌 博').id;
    expect((await t.call('DELETE', `/api/safety/words/${id}`, { cookie: sec })).statusCode).toBe(204);
    expect((await auditRows('safety.word_remove')).at(-1)).toMatchObject({ before: { word: '赌 博' } });
    expect((await screenText(t.ctx, '赌博')).held).toBe(false);
    expect((await t.call('DELETE', `/api/safety/words/${id}`, { cookie: sec })).statusCode).toBe(404);
  });

  it('refuses staff who are not the security administrator, and too long a word', async () => {
    expect((await t.call('POST', '/api/safety/words', { cookie: await as('demo-province'), body: { words: ['某词'] } })).statusCode).toBe(403);
    expect((await t.call('GET', '/api/safety/words', { cookie: await as('demo-sysadmin') })).statusCode).toBe(403);
    const long = await t.call('POST', '/api/safety/words', { cookie: await as('demo-secadmin'), body: { words: ['长'.repeat(51)] } });
    expect(long.statusCode).toBe(400);
    expect(long.json().errors[0].message).toMatch(/不能超过50个字/);
  });

  it('reaches another instance once it next checks the version', async () => {
    expect((await screenText(t.ctx, '刷单返利')).held).toBe(false);
    // Another instance adds a word: the row and the version change, this instance's automaton does not know yet.
    await t.ctx.db.transaction().execute(async (trx) => {
      await trx.insertInto('safety_words').values({ word: '刷单返利', folded: '刷单返利' }).execute();
      await trx.updateTable('safety_word_list').set({ version: 999 }).where('id', '=', 1).execute();
    });
    expect((await screenText(t.ctx, '刷单返利')).held).toBe(false);
    t.clock.advance(VERSION_CHECK_MS);
    expect((await screenText(t.ctx, '刷单返利')).held).toBe(true);
  });
});

describe('the moderation queue', () => {
  const decided: DecidedModerationItem[] = [];
  let failNext = false;
  beforeAll(() => {
    registerModerationKind('test.question', {
      label: { zh: '测试提问', en: 'Test question' },
      onDecided: async (_ctx, _trx, item) => {
        if (failNext) throw new Error('module refused');
        decided.push(item);
      },
      link: (item) => `/admin/test/${item.refId}`,
    });
  });
  afterAll(() => unregisterModerationKind('test.question'));

  const submit = (refId: string, orgId: string, text: string) => t.ctx.db.transaction().execute(async (trx) =>
    submitModeration(t.ctx, trx, { kind: 'test.question', refId, orgId, excerpt: text, reasons: reasonsFromMatches([{ word: '代开发票', start: 0, end: 4, field: 'body' }]), by: { name: '138****0000' } }));

  it('shows held items of the moderator\'s subtree with their reasons, and calls the module back', async () => {
    const hz = await submit('q1', f.hzBranch, '代开发票找我');
    const nb = await submit('q2', f.nbBranch, '代开发票找他');
    const list = (await t.call('GET', '/api/moderation', { cookie: await as('demo-hangzhou') })).json();
    expect(list.items.map((i: { id: string }) => i.id)).toEqual([hz.id]);
    expect(list.items[0]).toMatchObject({ kind: 'test.question', kindLabel: { zh: '测试提问' }, excerpt: '代开发票找我', state: 'held', link: '/admin/test/q1',
      reasons: [{ type: 'sensitive_word', word: '代开发票', field: 'body' }] });

    // Another city's moderator can neither see nor decide it; a rejection needs a reason.
    expect((await t.call('POST', `/api/moderation/${hz.id}/approve`, { cookie: await as('demo-ningbo'), body: {} })).statusCode).toBe(403);
    const noReason = await t.call('POST', `/api/moderation/${hz.id}/reject`, { cookie: await as('demo-hangzhou'), body: { reason: ' ' } });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors).toEqual([{ field: 'reason', message: '请填写不予通过的理由（至少2个字）' }]);
    expect(decided).toEqual([]);

    // The module's refusal rolls the decision back.
    failNext = true;
    expect((await t.call('POST', `/api/moderation/${hz.id}/reject`, { cookie: await as('demo-hangzhou'), body: { reason: '含违规广告' } })).statusCode).toBe(500);
    failNext = false;
    expect((await t.call('GET', '/api/moderation', { cookie: await as('demo-hangzhou') })).json().items).toHaveLength(1);

    expect((await t.call('POST', `/api/moderation/${hz.id}/reject`, { cookie: await as('demo-hangzhou'), body: { reason: '含违规广告' } })).statusCode).toBe(204);
    expect(decided).toEqual([expect.objectContaining({ id: hz.id, refId: 'q1', decision: 'rejected', reason: '含违规广告' })]);
    expect((await t.call('POST', `/api/moderation/${hz.id}/approve`, { cookie: await as('demo-hangzhou'), body: {} })).json().code).toBe('moderation.decided');
    expect((await auditRows('moderation.reject')).at(-1)).toMatchObject({ actor_name: 'demo-hangzhou', entity_id: hz.id, org_path: expect.stringContaining(f.hangzhou.path), after: { state: 'rejected', reason: '含违规广告' } });
    const done = (await t.call('GET', '/api/moderation?state=rejected', { cookie: await as('demo-hangzhou') })).json().items;
    expect(done[0]).toMatchObject({ id: hz.id, decidedBy: 'demo-hangzhou', decisionReason: '含违规广告' });

    // The province sees Ningbo's and approves it without a reason.
    expect((await t.call('POST', `/api/moderation/${nb.id}/approve`, { cookie: await as('demo-province'), body: {} })).statusCode).toBe(204);
    expect(decided.at(-1)).toMatchObject({ id: nb.id, decision: 'approved', reason: null });
    expect(await auditRows('moderation.submit')).toHaveLength(2);
    expect((await t.call('GET', '/api/moderation', { cookie: await as('demo-secretary') })).statusCode).toBe(403);
  });
});

describe('captcha after repeated use', () => {
  const ask = (phone: string, ip: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'POST', url: '/api/public/phone-code', payload: { phone }, remoteAddress: ip, headers });

  it('asks for a captcha after three requests from one address, and a captcha works once', async () => {
    const ip = '203.0.113.7';
    for (let i = 0; i < 3; i++) expect((await ask(`1390000100${i}`, ip)).statusCode).toBe(202);
    const fourth = await ask('13900001003', ip);
    expect(fourth.statusCode).toBe(400);
    expect(fourth.json()).toMatchObject({ code: 'safety.captcha_required', title: '提交次数较多，请输入图形验证码后再提交' });
    // Another address is not affected.
    expect((await ask('13900001004', '203.0.113.8')).statusCode).toBe(202);

    const img = await t.app.inject({ method: 'POST', url: '/api/public/captcha', remoteAddress: ip });
    expect(img.json().svg).toMatch(/^<svg [^>]*role="img"/);
    expect(img.json()).not.toHaveProperty('answer');

    const c = await newCaptcha(t.ctx, ip);
    const wrong = String((Number(c.answer) + 1) % 10000).padStart(4, '0');
    const bad = await ask('13900001003', ip, { 'x-captcha-id': c.id, 'x-captcha-answer': wrong });
    expect(bad.json()).toMatchObject({ code: 'safety.captcha_invalid', title: '图形验证码不正确，请刷新后重新输入' });
    // Used up by the wrong answer: the right one no longer opens it.
    expect((await ask('13900001003', ip, { 'x-captcha-id': c.id, 'x-captcha-answer': c.answer })).json().title).toBe('图形验证码已过期或已使用，请刷新后重新输入');

    const good = await newCaptcha(t.ctx, ip);
    expect((await ask('13900001003', ip, { 'x-captcha-id': good.id, 'x-captcha-answer': good.answer })).statusCode).toBe(202);
    expect((await ask('13900001005', ip, { 'x-captcha-id': good.id, 'x-captcha-answer': good.answer })).json().code).toBe('safety.captcha_invalid');

    const late = await newCaptcha(t.ctx, ip);
    t.clock.advance(6 * 60_000);
    expect((await ask('13900001005', ip, { 'x-captcha-id': late.id, 'x-captcha-answer': late.answer })).json().code).toBe('safety.captcha_invalid');
    expect(await t.ctx.db.selectFrom('safety_captchas').select('answer_hash').where('id', '=', good.id).executeTakeFirstOrThrow()).not.toHaveProperty('answer');
  });
});

describe('phone verification', () => {
  const ip = '198.51.100.20';
  // Each request from its own address, so the captcha rule (tested above) stays out of the way.
  let n = 0;
  const ask = (phone: string) => t.app.inject({ method: 'POST', url: '/api/public/phone-code', payload: { phone }, remoteAddress: `198.51.100.${100 + ++n}` });
  const verify = (phone: string, code: string) => t.app.inject({ method: 'POST', url: '/api/public/phone-verify', payload: { phone, code }, remoteAddress: ip });
  const reqWith = (token?: string) => ({ headers: token ? { [PHONE_TOKEN_HEADER]: token } : {} }) as unknown as FastifyRequest;
  async function codeSentTo(phone: string): Promise<string> {
    const row = await t.ctx.db.selectFrom('sms_messages').select(['text', 'phone_masked', 'lane']).where('phone_bidx', '=', t.ctx.crypto.blindIndex('mobile', phone))
      .where('purpose', '=', 'verify_code').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(row.phone_masked).toBe(`${phone.slice(0, 3)}****${phone.slice(7)}`);
    return /验证码为(\d{6})/.exec(row.text)![1]!;
  }
  const other = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

  it('sends a six-digit code by SMS; the right code gives a token that names the phone', async () => {
    const phone = '13700002001';
    const sent = await ask(phone);
    expect(sent.statusCode, sent.body).toBe(202);
    expect(sent.json()).toMatchObject({ retryAfterSeconds: 60, expiresInSeconds: 600 });
    const code = await codeSentTo(phone);
    const wrong = await verify(phone, other(code));
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().title).toBe(`验证码不正确，还可尝试${ATTEMPTS_PER_CODE - 1}次`);
    const ok = await verify(phone, code);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().phone).toBe('137****2001');
    const token = ok.json().token as string;
    expect(token).not.toContain(phone);
    expect(requireVerifiedPhone(t.ctx, reqWith(token))).toBe(phone);
    // Used once.
    expect((await verify(phone, code)).json().title).toBe('验证码已失效，请重新获取');
    // A forged or missing token.
    expect(verifiedPhone(t.ctx, reqWith(`${token.slice(0, -2)}AA`))).toBeNull();
    expect(() => requireVerifiedPhone(t.ctx, reqWith())).toThrow(/请先通过短信验证码验证手机号码/);
    // The token lapses.
    t.clock.advance(31 * 60_000);
    expect(() => requireVerifiedPhone(t.ctx, reqWith(token))).toThrow(/手机号码验证已过期/);
    // Never a code or a full phone in the audit rows.
    const audits = JSON.stringify(await t.ctx.db.selectFrom('audit_log').select(['actor_name', 'after']).where('action', 'in', ['safety.phone_code', 'safety.phone_verify', 'sms.transactional']).execute());
    expect(audits).not.toContain(phone);
    expect(audits).not.toContain(code);
  });

  it('refuses an expired code, voids one after five wrong tries, and limits requests per phone', async () => {
    const phone = '13700002002';
    expect((await ask(phone)).statusCode).toBe(202);
    const code = await codeSentTo(phone);
    expect((await ask(phone)).json()).toMatchObject({ status: 429, code: 'safety.rate_limited' });
    t.clock.advance(11 * 60_000);
    expect((await verify(phone, code)).json()).toMatchObject({ code: 'safety.phone_code_expired', title: '验证码已过期，请重新获取' });

    expect((await ask(phone)).statusCode).toBe(202);
    const second = await codeSentTo(phone);
    for (let i = 1; i < ATTEMPTS_PER_CODE; i++) expect((await verify(phone, other(second))).json().title).toBe(`验证码不正确，还可尝试${ATTEMPTS_PER_CODE - i}次`);
    expect((await verify(phone, other(second))).json().title).toBe('验证码连续5次输入错误，已失效，请重新获取');
    expect((await verify(phone, second)).json().title).toBe('验证码已失效，请重新获取');

    expect((await ask('1370000200')).json()).toMatchObject({ code: 'validation_failed', errors: [{ field: 'phone', message: '请输入正确的11位手机号码' }] });
  });
});
