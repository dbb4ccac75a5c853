/**
 * 部长信箱 (issue 11, item 1): a member of the public verifies a phone by SMS code and writes to Hangzhou's mailbox;
 * the letter is accepted as a follow-up item, forwarded to a county with a deadline of its own, answered by a draft
 * another member of staff approves, and the writer follows it by 查询码 and is told by SMS at each turn. Also:
 * declining with a reason, holding a letter with a sensitive word for moderation, scope, and bad input.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { demoFixtures, type DemoFixtures } from '../../../test/fixtures.js';
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../platform/audit.js';
import { PHONE_TOKEN_HEADER } from '../safety/safety.public.js';
import { handleInbound } from './mailbox.inbound.js';

let t: TestApp;
let f: DemoFixtures;
let province: string;
let hangzhou: string;
let ningbo: string;
let ip = 0;
const addr = () => `203.0.113.${++ip}`;

/** A phone verified the way a writer does it: the code by SMS, then the token. */
async function verifiedToken(phone: string): Promise<string> {
  const sent = await t.app.inject({ method: 'POST', url: '/api/public/phone-code', payload: { phone }, remoteAddress: addr() });
  expect(sent.statusCode, sent.body).toBe(202);
  const sms = await t.ctx.db.selectFrom('sms_messages').select('text').where('phone_bidx', '=', t.ctx.crypto.blindIndex('mobile', phone))
    .where('purpose', '=', 'verify_code').orderBy('id', 'desc').executeTakeFirstOrThrow();
  const code = /验证码为(\d{6})/.exec(sms.text)![1]!;
  const ok = await t.app.inject({ method: 'POST', url: '/api/public/phone-verify', payload: { phone, code }, remoteAddress: addr() });
  expect(ok.statusCode, ok.body).toBe(200);
  return ok.json().token;
}
const write = (orgId: string, token: string | null, payload: unknown) => t.app.inject({
  method: 'POST', url: `/api/public/mailboxes/${orgId}/letters`, payload: payload as object, remoteAddress: addr(), headers: token ? { [PHONE_TOKEN_HEADER]: token } : {},
});
const lookup = (trackingCode: string) => t.app.inject({ method: 'POST', url: '/api/public/letters/lookup', payload: { trackingCode }, remoteAddress: addr() });
const noticesTo = async (phone: string) => (await t.ctx.db.selectFrom('sms_messages').select('text').where('phone_bidx', '=', t.ctx.crypto.blindIndex('mobile', phone))
  .where('purpose', '=', 'notice').orderBy('id').execute()).map((m) => m.text);
async function ok(method: 'GET' | 'POST' | 'PUT', url: string, cookie: string, body?: unknown) {
  const res = await t.call(method, url, { cookie, body });
  expect(res.statusCode, res.body).toBeLessThan(300);
  return res.body ? res.json() : null;
}
const letterIdOf = async (code: string) => (await t.ctx.db.selectFrom('mailbox_letters').select('id').where('tracking_code', '=', code).executeTakeFirstOrThrow()).id;
const LETTER = { category: 'suggestion', title: '建议加强村级活动场所建设', body: '我村党员活动室年久失修，冬天无法开展组织生活，希望上级帮助解决。', name: '王建国', consentPublish: true };

beforeAll(async () => {
  t = await createTestApp();
  f = await demoFixtures(t.ctx);
  [province, hangzhou, ningbo] = await Promise.all(['demo-province', 'demo-hangzhou', 'demo-ningbo'].map((u) => t.login(u)));
});
afterAll(async () => { await t?.close(); });

describe('部长信箱', () => {
  it('lists the province\'s and every city\'s mailbox', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/public/mailboxes' });
    const items = res.json().items as { orgId: string; name: string; level: string }[];
    expect(items[0]).toMatchObject({ name: '浙江省委组织部部长信箱', level: 'province' });
    expect(items.filter((m) => m.level === 'city')).toHaveLength(11);
    expect(items.find((m) => m.orgId === f.hangzhou.id)!.name).toBe('杭州市委组织部部长信箱');
  });

  it('takes a letter only from a verified phone, refuses bad input whole, and stores nothing then', async () => {
    expect((await write(f.hangzhou.id, null, LETTER)).json().code).toBe('safety.phone_unverified');
    const token = await verifiedToken('13812340001');
    const bad = await write(f.hangzhou.id, token, { ...LETTER, category: 'gossip', title: '  ', body: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([
      { field: 'category', message: '请选择来信类别' }, { field: 'title', message: '请填写标题' }, { field: 'body', message: '请填写来信内容' },
    ]);
    const county = await t.ctx.db.selectFrom('orgs').select('id').where('parent_id', '=', f.hangzhou.id).limit(1).executeTakeFirstOrThrow();
    expect((await write(county.id, token, LETTER)).statusCode).toBe(404); // a county has no mailbox
    expect(await t.ctx.db.selectFrom('mailbox_letters').select('id').execute()).toEqual([]);
  });

  it('goes from the writer to a county and back with an approved answer, the writer told by SMS and by 查询码', async () => {
    const phone = '13812340002';
    const res = await write(f.hangzhou.id, await verifiedToken(phone), LETTER);
    expect(res.statusCode, res.body).toBe(201);
    const { trackingCode, state } = res.json();
    expect(state).toBe('received');
    expect(trackingCode).toMatch(/^[2-9A-HJKMNP-Z]{12}$/);
    expect(await noticesTo(phone)).toEqual([expect.stringContaining(`您写给杭州市委组织部部长信箱的来信已收到，查询码${trackingCode}`)]);
    expect((await lookup(trackingCode.toLowerCase().replace(/(.{4})/g, '$1 '))).json()).toMatchObject({ state: 'received', title: LETTER.title, answer: null });
    const id = await letterIdOf(trackingCode);

    // Staff see the writer masked; the audit row names the masked phone only.
    const list = await ok('GET', '/api/mailbox/letters', hangzhou);
    expect(list.items[0]).toMatchObject({ id, trackingCode, state: 'received', phone: '138****0002', name: '王**', categoryName: '意见建议' });
    const audit = await t.ctx.db.selectFrom('audit_log').select(['actor_name', 'after']).where('action', '=', 'mailbox.letter.submit').where('entity_id', '=', id).executeTakeFirstOrThrow();
    expect(audit.actor_name).toBe('138****0002');
    expect(JSON.stringify(audit.after)).not.toContain('王建国');

    // Accepted: a follow-up item of Hangzhou; forwarded to a county with a deadline of its own.
    const accepted = await ok('POST', `/api/mailbox/letters/${id}/accept`, hangzhou, { dueInWorkingDays: 15 });
    expect(accepted).toMatchObject({ state: 'handling', followup: { state: 'open', ownerOrgId: f.hangzhou.id } });
    const item = accepted.followup.id;
    const county = await t.ctx.db.selectFrom('orgs').select(['id', 'name']).where('parent_id', '=', f.hangzhou.id).where('status', '=', 'active').orderBy('id').limit(1).executeTakeFirstOrThrow();
    await ok('POST', `/api/followups/${item}/pass`, hangzhou, { toOrgId: county.id, reason: '属地办理，请核实后提出答复意见', dueInWorkingDays: 5 });
    const page = await ok('GET', `/api/followups/${item}`, hangzhou);
    expect(page).toMatchObject({ sourceLink: `/admin/mailbox/letters/${id}`, ownerOrgId: county.id });
    expect(page.dueOn < accepted.followup.dueOn).toBe(true);
    expect((await lookup(trackingCode)).json().state).toBe('handling');

    // Drafted by one, approved by another: the drafter may not approve their own.
    const answer = '经核实，县委组织部已安排专项资金对该村党员活动室进行修缮，预计下月完工。感谢您的关心。';
    expect(await ok('PUT', `/api/mailbox/letters/${id}/answer-draft`, hangzhou, { text: answer })).toMatchObject({ answerDraft: answer, canApprove: false });
    const own = await t.call('POST', `/api/mailbox/letters/${id}/approve`, { cookie: hangzhou, body: { outcome: 'resolved' } });
    expect(own.statusCode).toBe(403);
    expect(own.json().title).toBe('答复须由起草人以外的工作人员审核');
    const done = await ok('POST', `/api/mailbox/letters/${id}/approve`, province, { outcome: 'resolved' });
    expect(done).toMatchObject({ state: 'answered', answer, followup: { state: 'resolved' } });
    expect((await lookup(trackingCode)).json()).toMatchObject({ state: 'answered', answer });
    expect((await noticesTo(phone)).at(-1)).toContain(`（查询码${trackingCode}）已答复`);
    expect((await t.call('POST', `/api/mailbox/letters/${id}/accept`, { cookie: hangzhou, body: {} })).statusCode).toBe(409);
  });

  it('declines a duplicate with its reason, which the writer is sent', async () => {
    const phone = '13812340003';
    const token = await verifiedToken(phone);
    const first = (await write(f.hangzhou.id, token, { ...LETTER, consentPublish: false })).json().trackingCode;
    const second = (await write(f.hangzhou.id, token, { ...LETTER, consentPublish: false })).json().trackingCode;
    const [a, b] = [await letterIdOf(first), await letterIdOf(second)];
    const missing = await t.call('POST', `/api/mailbox/letters/${b}/decline`, { cookie: hangzhou, body: { kind: 'duplicate', note: '' } });
    expect(missing.json().errors).toEqual([
      { field: 'note', message: '请填写不予受理的理由，将以短信告知来信人' }, { field: 'duplicateOf', message: '请填写与之重复的来信编号' },
    ]);
    const d = await ok('POST', `/api/mailbox/letters/${b}/decline`, hangzhou, { kind: 'duplicate', note: '与您此前来信内容相同，将合并办理', duplicateOf: a });
    expect(d).toMatchObject({ state: 'declined', declineKind: 'duplicate', duplicateOf: a });
    expect((await noticesTo(phone)).at(-1)).toContain(`您的来信（查询码${second}）经审核不予受理（重复来信）：与您此前来信内容相同，将合并办理`);
    expect((await lookup(second)).json()).toMatchObject({ state: 'declined', declineNote: '与您此前来信内容相同，将合并办理' });
  });

  it('holds a letter with a listed word for moderation; approved, it is received like any', async () => {
    const secadmin = await t.login('demo-secadmin');
    await ok('POST', '/api/safety/words', secadmin, { words: ['法轮'] });
    const code = (await write(f.hangzhou.id, await verifiedToken('13812340004'), { ...LETTER, body: '有人在村里散发法轮功传单，请查处。' })).json();
    expect(code.state).toBe('held');
    expect((await lookup(code.trackingCode)).json().state).toBe('received'); // the writer is not told a word held it
    const id = await letterIdOf(code.trackingCode);
    const held = (await ok('GET', '/api/moderation?state=held', hangzhou)).items.find((m: { refId: string }) => m.refId === id);
    expect(held).toMatchObject({ kind: 'mailbox.letter' });
    await ok('POST', `/api/moderation/${held.id}/approve`, hangzhou, {});
    expect((await ok('GET', `/api/mailbox/letters/${id}`, hangzhou)).state).toBe('received');
  });

  it('keeps a city\'s letters to its own staff and to those handling them', async () => {
    const code = (await write(f.hangzhou.id, await verifiedToken('13812340005'), LETTER)).json().trackingCode;
    const id = await letterIdOf(code);
    expect((await t.call('GET', `/api/mailbox/letters/${id}`, { cookie: ningbo })).statusCode).toBe(403);
    expect((await ok('GET', '/api/mailbox/letters', ningbo)).items.map((l: { id: string }) => l.id)).not.toContain(id);
    expect((await t.call('POST', `/api/mailbox/letters/${id}/accept`, { cookie: ningbo, body: {} })).statusCode).toBe(403);
    expect((await lookup('ABCDEFGHJKMN')).statusCode).toBe(404);
  });

  /** A letter taken to an approved answer: written, accepted, drafted by Hangzhou, approved by the province. */
  async function answered(phone: string, letter: object, due = 15): Promise<{ id: string; code: string }> {
    const code = (await write(f.hangzhou.id, await verifiedToken(phone), letter)).json().trackingCode as string;
    const id = await letterIdOf(code);
    await ok('POST', `/api/mailbox/letters/${id}/accept`, hangzhou, { dueInWorkingDays: due });
    await ok('PUT', `/api/mailbox/letters/${id}/answer-draft`, hangzhou, { text: '已转县委组织部落实，王建国同志反映的问题正在解决。联系电话0571-87654321。' });
    await ok('POST', `/api/mailbox/letters/${id}/approve`, province, { outcome: 'resolved' });
    return { id, code };
  }

  it('publishes an answered letter only with consent, redacted: personal details starred, the rest refused, a fingerprint kept', async () => {
    const withDetails = { ...LETTER, body: '我叫王建国，电话13912345678，身份证号330106199001011234。村党员活动室漏雨，请帮助解决。' };
    const { id, code } = await answered('13812340006', withDetails);
    expect(await ok('GET', `/api/mailbox/letters/${id}`, hangzhou)).toMatchObject({ canPublish: true, publication: null });
    expect((await lookup(code)).json().publishedId).toBeNull();
    const draft = await ok('GET', `/api/mailbox/letters/${id}/publication-draft`, hangzhou);
    expect(draft.body).toBe('我叫＊＊＊，电话＊＊＊＊＊＊＊＊＊＊＊，身份证号＊＊＊＊＊＊＊＊＊＊＊＊＊＊＊＊＊＊。村党员活动室漏雨，请帮助解决。');
    expect(draft.answer).toBe('已转县委组织部落实，＊＊＊同志反映的问题正在解决。联系电话＊＊＊＊＊＊＊＊＊＊＊＊＊。');
    expect(draft.redacted).toEqual(expect.arrayContaining([{ what: '手机号码', count: 1 }, { what: '身份证号码', count: 1 }, { what: '来信人姓名', count: 2 }, { what: '固定电话号码', count: 1 }]));
    expect(await ok('GET', `/api/mailbox/letters/${id}`, hangzhou)).toMatchObject({ state: 'answered' }); // the draft stored nothing

    const leaky = await t.call('POST', `/api/mailbox/letters/${id}/publish`, { cookie: hangzhou, body: { title: draft.title, body: withDetails.body, answer: draft.answer } });
    expect(leaky.statusCode).toBe(400);
    expect(leaky.json().errors).toEqual([
      { field: 'body', message: '来信内容中仍含有身份证号码，请删除或以＊代替后再公开' },
      { field: 'body', message: '来信内容中仍含有手机号码，请删除或以＊代替后再公开' },
      { field: 'body', message: '来信内容中仍含有来信人姓名，请删除或以＊代替后再公开' },
    ]);
    const body = '村党员活动室漏雨，请帮助解决。';
    const pub = await ok('POST', `/api/mailbox/letters/${id}/publish`, hangzhou, { title: draft.title, body, answer: draft.answer });
    const letter = (await t.app.inject({ method: 'GET', url: `/api/public/letters/${id}` })).json();
    expect(letter).toMatchObject({ title: LETTER.title, body, answer: draft.answer, fingerprint: pub.fingerprint, categoryName: '意见建议' });
    expect(JSON.stringify(letter)).not.toMatch(/王建国|13912345678|138\*{4}/);
    const recomputed = createHash('sha256').update(canonicalJson({ v: 1, id, mailboxOrgId: letter.mailboxOrgId, category: letter.category, title: letter.title, body: letter.body, answer: letter.answer, answeredAt: letter.answeredAt })).digest('hex');
    expect(recomputed).toBe(pub.fingerprint);
    // The letter page shows what was published and when; the writer's lookup leads to the public page.
    expect((await ok('GET', `/api/mailbox/letters/${id}`, hangzhou)).publication).toEqual({ publishedAt: pub.publishedAt, fingerprint: pub.fingerprint, withdrawnAt: null });
    expect((await lookup(code)).json().publishedId).toBe(id);
    // The public list finds it by words of the title or of the text, and not by others.
    const search = async (q: string) => (await t.app.inject({ method: 'GET', url: `/api/public/letters?q=${encodeURIComponent(q)}` })).json().items.map((l: { id: string }) => l.id);
    expect(await search(LETTER.title.slice(0, 4))).toContain(id);
    expect(await search('活动室漏雨')).toContain(id);
    expect(await search('没有这样的词')).toEqual([]);
    expect(await search('%')).toEqual([]);
    // Edited and published again: a new fingerprint; withdrawn: gone from the public.
    const again = await ok('POST', `/api/mailbox/letters/${id}/publish`, hangzhou, { title: draft.title, body: `${body}（已修缮）`, answer: draft.answer });
    expect(again.fingerprint).not.toBe(pub.fingerprint);
    expect((await t.app.inject({ method: 'GET', url: '/api/public/letters' })).json().items.map((l: { id: string }) => l.id)).toContain(id);
    expect((await t.call('POST', `/api/mailbox/letters/${id}/unpublish`, { cookie: hangzhou })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: `/api/public/letters/${id}` })).statusCode).toBe(404);
    expect((await ok('GET', `/api/mailbox/letters/${id}`, hangzhou)).publication).toMatchObject({ fingerprint: again.fingerprint, withdrawnAt: expect.any(String) });
    expect((await lookup(code)).json().publishedId).toBeNull();

    const { id: private_ } = await answered('13812340007', { ...LETTER, consentPublish: false });
    expect((await ok('GET', `/api/mailbox/letters/${private_}`, hangzhou)).canPublish).toBe(false);
    const refused = await t.call('POST', `/api/mailbox/letters/${private_}/publish`, { cookie: hangzhou, body: { title: 'x', body: 'y', answer: 'z' } });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().title).toBe('来信人未同意公开，不能公开');
  });

  it('answers a writer who texts the 查询码 from the phone that wrote, and no one else', async () => {
    const phone = '13812340008';
    const code = (await write(f.hangzhou.id, await verifiedToken(phone), LETTER)).json().trackingCode as string;
    const msg = (p: string, text: string) => ({ id: String(9_000_000 + ip++), phoneBidx: t.ctx.crypto.blindIndex('mobile', p), phoneMasked: '***', text, replyExt: null, receivedAt: t.clock.now(), personKind: null, personId: null, orgId: null });
    const taken = await t.ctx.db.transaction().execute((trx) => handleInbound(t.ctx, trx, [msg(phone, `查询 ${code.toLowerCase()}`), msg('13812349999', code), msg(phone, '收到')]));
    expect(taken).toHaveLength(1);
    expect((await noticesTo(phone)).at(-1)).toMatch(new RegExp(`您写给杭州市委组织部部长信箱的来信（查询码${code}）已收到，等待受理。$`));
    expect(await noticesTo('13812349999')).toEqual([]);
  });

  it('counts letters per month and category, the days to answer, and the overdue per handling organization', async () => {
    const { id } = await answered('13812340009', { ...LETTER, category: 'consultation' });
    const late = (await write(f.hangzhou.id, await verifiedToken('13812340010'), { ...LETTER, category: 'help' })).json().trackingCode;
    await ok('POST', `/api/mailbox/letters/${await letterIdOf(late)}/accept`, hangzhou, { dueInWorkingDays: 1 });
    t.clock.advance(10 * 86400_000);
    [hangzhou, ningbo] = await Promise.all(['demo-hangzhou', 'demo-ningbo'].map((u) => t.login(u))); // the sessions ran out
    const stats = await ok('GET', `/api/mailbox/stats?orgId=${f.hangzhou.id}`, hangzhou);
    const rows = await t.ctx.db.selectFrom('mailbox_letters').select(['category', 'state', 'created_at']).where('mailbox_org_id', '=', f.hangzhou.id).where('state', '<>', 'held').execute();
    const total = stats.months.reduce((n: number, m: { total: number }) => n + m.total, 0);
    expect(total).toBe(rows.length);
    expect(stats.months.reduce((n: number, m: { counts: Record<string, number> }) => n + (m.counts.help ?? 0), 0)).toBe(rows.filter((r) => r.category === 'help').length);
    expect(stats.answered).toBe(rows.filter((r) => r.state === 'answered').length);
    expect(stats.meanDays).toBeGreaterThanOrEqual(0);
    // Per month of the answer: the counts add up to the whole, and each month's figures are those of its letters.
    const answeredRows = await t.ctx.db.selectFrom('mailbox_letters').select(['created_at', 'answered_at']).where('mailbox_org_id', '=', f.hangzhou.id).where('state', '=', 'answered').execute();
    expect(stats.answeredByMonth.reduce((n: number, m: { answered: number }) => n + m.answered, 0)).toBe(stats.answered);
    for (const m of stats.answeredByMonth as { month: string; answered: number; meanDays: number; medianDays: number }[]) {
      const days = answeredRows.filter((r) => new Date(r.answered_at!.getTime() + 8 * 3600_000).toISOString().slice(0, 7) === m.month)
        .map((r) => (r.answered_at!.getTime() - r.created_at.getTime()) / 86400_000).sort((a, b) => a - b);
      expect(m.answered).toBe(days.length);
      expect(Math.abs(m.meanDays - days.reduce((a, b) => a + b, 0) / days.length)).toBeLessThanOrEqual(0.051); // one decimal
      const mid = days.length % 2 ? days[(days.length - 1) / 2]! : (days[days.length / 2 - 1]! + days[days.length / 2]!) / 2;
      expect(Math.abs(m.medianDays - mid)).toBeLessThanOrEqual(0.051);
    }
    expect(stats.overdue).toEqual([expect.objectContaining({ orgId: f.hangzhou.id, orgName: '杭州市委' })]);
    expect(stats.overdue[0].letters).toBeGreaterThanOrEqual(1);
    expect((await t.call('GET', '/api/mailbox/stats?from=2026-13', { cookie: hangzhou })).statusCode).toBe(400);
    expect((await t.call('GET', `/api/mailbox/stats?orgId=${f.hangzhou.id}`, { cookie: ningbo })).statusCode).toBe(403);
    void id;
  });
});
