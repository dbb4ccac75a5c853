/**
 * Questions from the public under a disclosure (issue 11 item 2, F-41): a question from a verified phone is held for
 * moderation, approved and published, answered by the village's organization and the answer published, the asker
 * told by SMS; a rejected question is never public; a sensitive word is named as the reason (in a question and in an
 * answer); scope (a county cannot answer another county's village); the phone is in no public answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { PHONE_TOKEN_HEADER } from '../safety/safety.public.js';
import type { Actor } from '../../platform/actor.js';
import type { Role } from '../../platform/roles.js';
import { answerQuestion } from './disclosures.questions.js';

let t: TestApp;
let hz: string;
let nb: string;
let secadmin: string;
/** Two villages of Hangzhou in different counties. */
let village: { id: string; path: string };
let otherCountyVillage: { id: string; path: string };
let itemId: string;
let ip = 0;
const addr = () => `198.51.100.${++ip}`;
/** Every public answer body, to check that no phone is in any of them. */
const publicBodies: string[] = [];

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
async function ask(id: string, token: string | null, payload: unknown) {
  const res = await t.app.inject({ method: 'POST', url: `/api/public/disclosures/${id}/questions`, payload: payload as object, remoteAddress: addr(), headers: token ? { [PHONE_TOKEN_HEADER]: token } : {} });
  publicBodies.push(res.body);
  return res;
}
async function publicList(id = itemId) {
  const res = await t.call('GET', `/api/public/disclosures/${id}/questions`);
  expect(res.statusCode, res.body).toBe(200);
  publicBodies.push(res.body);
  return res.json() as { items: { id: string; body: string; name: string | null; answer: { text: string; by: string } | null }[]; nextCursor: string | null };
}
async function ok(method: 'GET' | 'POST' | 'PUT', url: string, cookie: string, body?: unknown) {
  const res = await t.call(method, url, { cookie, body });
  expect(res.statusCode, res.body).toBeLessThan(300);
  return res.body ? res.json() : null;
}
const staffList = (cookie = hz) => ok('GET', `/api/disclosures/${itemId}/questions`, cookie);
const heldFor = async (kind: string, refId: string) => (await ok('GET', `/api/moderation?state=held&kind=${kind}`, hz)).items.find((m: { refId: string }) => m.refId === refId);
const noticesTo = async (phone: string) => (await t.ctx.db.selectFrom('sms_messages').select('text').where('phone_bidx', '=', t.ctx.crypto.blindIndex('mobile', phone))
  .where('purpose', '=', 'notice').orderBy('id').execute()).map((m) => m.text);

async function publishIn(orgId: string, title: string): Promise<string> {
  const r = await t.call('POST', '/api/disclosures', { cookie: hz, body: { orgId, kind: 'village', period: '2026-Q4', title, bodyHtml: '<p>经村民代表会议讨论，决定实施村道路硬化工程。</p>' } });
  expect(r.statusCode, r.body).toBe(201);
  expect((await t.call('POST', `/api/disclosures/${r.json().id}/publish`, { cookie: hz })).statusCode).toBe(200);
  return r.json().id;
}

beforeAll(async () => {
  t = await createTestApp();
  [hz, nb, secadmin] = [await t.login('demo-hangzhou'), await t.login('demo-ningbo'), await t.login('demo-secadmin')];
  // Two grassroots organizations of Hangzhou under different counties (a rural village first).
  const { rows } = await sql<{ id: string; path: string; county: string }>`
    select o.id, o.path, split_part(o.path, '/', 4) as county from orgs o
    where o.level = 'grassroots' and o.status = 'active' and o.path like (select path from orgs where name = '杭州市委') || '%'
    order by o.sector = 'rural' desc, o.id`.execute(t.ctx.db);
  village = rows[0]!;
  otherCountyVillage = rows.find((r) => r.county !== rows[0]!.county)!;
  itemId = await publishIn(village.id, '关于村道路硬化工程的公示');
});
afterAll(async () => { await t?.close(); });

describe('asking', () => {
  it('takes a question only from a verified phone, refuses bad input whole, and only under a published item', async () => {
    expect((await ask(itemId, null, { body: '工程什么时候开工？' })).json().code).toBe('safety.phone_unverified');
    const token = await verifiedToken('13812350001');
    const bad = await ask(itemId, token, { body: '  ', name: '很长的称呼'.repeat(5) });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([{ field: 'body', message: '请填写提问内容' }, { field: 'name', message: '称呼不能超过20个字' }]);
    const long = await ask(itemId, token, { body: '问'.repeat(501) });
    expect(long.json().errors).toEqual([{ field: 'body', message: '提问内容不能超过500个字（现为501个字）' }]);
    const draft = (await t.call('POST', '/api/disclosures', { cookie: hz, body: { orgId: village.id, kind: 'party', period: '2026-Q4', title: '草稿', bodyHtml: '<p>草稿</p>' } })).json().id;
    expect((await ask(draft, token, { body: '草稿能提问吗？' })).statusCode).toBe(404);
    expect(await t.ctx.db.selectFrom('disclosure_questions').select('id').execute()).toEqual([]);
  });
});

describe('a question from the public, moderated, answered, published', () => {
  const phone = '13812350002';
  let qid: string;

  it('is held for moderation ("always reviewed") and not public until approved', async () => {
    const res = await ask(itemId, await verifiedToken(phone), { body: '道路硬化工程什么时候开工？资金来源是什么？', name: '王建国' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().state).toBe('held');
    qid = res.json().id;
    expect((await publicList()).items).toEqual([]);
    const staff = await staffList();
    expect(staff.items[0]).toMatchObject({ id: qid, state: 'held', name: '王**', phone: '138****0002', canAnswer: false });
    expect(staff.counts).toMatchObject({ held: 1, published: 0, unanswered: 0 });
    const held = await heldFor('disclosures.question', qid);
    expect(held).toMatchObject({ excerpt: '道路硬化工程什么时候开工？资金来源是什么？', reasons: [{ type: 'review' }], link: `/admin/disclosures/questions/${qid}` });
    // Not answerable while held.
    const early = await t.call('PUT', `/api/disclosures/questions/${qid}/answer`, { cookie: hz, body: { text: '答复' } });
    expect(early.statusCode).toBe(409);
    expect(early.json().title).toBe('该提问尚在审核中，审核通过公开后方可答复');
    // The audit row names the masked phone, not the name.
    const audit = await t.ctx.db.selectFrom('audit_log').select(['actor_name', 'after']).where('action', '=', 'disclosure.question.ask').where('entity_id', '=', qid).executeTakeFirstOrThrow();
    expect(audit.actor_name).toBe('138****0002');
    expect(JSON.stringify(audit.after)).not.toContain('王建国');
  });

  it('approved, it is public with the name masked and no answer; the item list counts it as unanswered', async () => {
    await ok('POST', `/api/moderation/${(await heldFor('disclosures.question', qid)).id}/approve`, hz, {});
    const pub = await publicList();
    expect(pub.items).toEqual([{ id: qid, body: '道路硬化工程什么时候开工？资金来源是什么？', name: '王**', askedAt: expect.any(String), answer: null }]);
    expect((await ok('GET', `/api/disclosures?orgId=${village.id}`, hz)).items.find((i: { id: string }) => i.id === itemId).unansweredQuestions).toBe(1);
    expect((await ok('GET', `/api/disclosures/questions/${qid}`, hz))).toMatchObject({ itemId, state: 'published', canAnswer: true });
  });

  it('answered by the organization, the answer is public at once (no listed word) and the asker told by SMS', async () => {
    const bad = await t.call('PUT', `/api/disclosures/questions/${qid}/answer`, { cookie: hz, body: { text: '答'.repeat(2001) } });
    expect(bad.json().errors).toEqual([{ field: 'text', message: '答复内容不能超过2000个字（现为2001个字）' }]);
    const text = '工程计划于明年3月开工，资金来源为上级转移支付和村集体经济收入，详见本公示。';
    const done = await ok('PUT', `/api/disclosures/questions/${qid}/answer`, hz, { text });
    expect(done).toMatchObject({ answer: text, answerState: 'published', canAnswer: false });
    const pub = await publicList();
    expect(pub.items[0]!.answer).toMatchObject({ text, by: expect.stringContaining('村') });
    expect((await noticesTo(phone)).at(-1)).toContain('下的提问已答复');
    expect(done.answerVersions).toEqual([{ version: 1, text, byName: expect.any(String), publishedAt: expect.any(String) }]);
    expect(done.canCorrect).toBe(true);
    expect((await staffList()).counts).toMatchObject({ published: 1, unanswered: 0 });
    const audit = await t.ctx.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'disclosure_question').where('entity_id', '=', qid).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['disclosure.question.ask', 'disclosure.question.moderated', 'disclosure.answer']);
  });

  it('a correction of the published answer is published as its next version; the earlier one stays public as 原答复', async () => {
    const first = (await publicList()).items[0]!.answer!.text;
    const same = await t.call('PUT', `/api/disclosures/questions/${qid}/answer`, { cookie: hz, body: { text: first } });
    expect(same.statusCode).toBe(400);
    expect(same.json().errors).toEqual([{ field: 'text', message: '更正后的答复与已公开的答复相同，请修改后再提交' }]);
    t.clock.advance(60_000);
    const text = '更正：工程计划于明年4月开工（原答复误为3月），资金来源为上级转移支付和村集体经济收入。';
    const done = await ok('PUT', `/api/disclosures/questions/${qid}/answer`, hz, { text });
    expect(done).toMatchObject({ answer: text, answerState: 'published', canAnswer: false, canCorrect: true });
    expect(done.answerVersions.map((v: { version: number; text: string }) => [v.version, v.text])).toEqual([[2, text], [1, first]]);
    const pub = (await publicList()).items[0]!.answer as unknown as { text: string; version: number; at: string; previous: { version: number; text: string; at: string }[] };
    expect(pub).toMatchObject({ text, version: 2, previous: [{ version: 1, text: first }] });
    expect(Date.parse(pub.at)).toBeGreaterThan(Date.parse(pub.previous[0]!.at));
    expect((await noticesTo(phone)).at(-1)).toContain('答复已更正');
    expect((await staffList()).counts).toMatchObject({ unanswered: 0 });
    const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'before', 'after']).where('entity_type', '=', 'disclosure_question').where('entity_id', '=', qid).orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ action: 'disclosure.answer.correct', before: { answer: first, answerVersion: 1 }, after: { answer: text, answerState: 'published', answerVersion: 2 } });
  });

  it('pages the public list newest first', async () => {
    const token = await verifiedToken('13812350003');
    const ids: string[] = [];
    for (const n of [1, 2, 3]) ids.push((await ask(itemId, token, { body: `第${n}个问题：公示期多长？` })).json().id);
    for (const id of ids) await ok('POST', `/api/moderation/${(await heldFor('disclosures.question', id)).id}/approve`, hz, {});
    const first = (await t.call('GET', `/api/public/disclosures/${itemId}/questions?limit=2`)).json();
    publicBodies.push(JSON.stringify(first));
    expect(first.items.map((q: { id: string }) => q.id)).toEqual([ids[2], ids[1]]);
    const second = (await t.call('GET', `/api/public/disclosures/${itemId}/questions?limit=2&cursor=${first.nextCursor}`)).json();
    expect(second.items.map((q: { id: string }) => q.id)).toEqual([ids[0], qid]);
    expect(second.items[0].name).toBeNull();
  });
});

describe('rejected and held', () => {
  it('a rejected question is never public, cannot be answered, and the asker is told why', async () => {
    const phone = '13812350004';
    const qid = (await ask(itemId, await verifiedToken(phone), { body: '与本事项无关的广告内容' })).json().id;
    await ok('POST', `/api/moderation/${(await heldFor('disclosures.question', qid)).id}/reject`, hz, { reason: '与公开事项无关' });
    expect((await publicList()).items.map((q) => q.id)).not.toContain(qid);
    expect((await staffList()).items.find((q: { id: string }) => q.id === qid)).toMatchObject({ state: 'rejected', rejectReason: '与公开事项无关', canAnswer: false });
    expect((await t.call('PUT', `/api/disclosures/questions/${qid}/answer`, { cookie: hz, body: { text: '答复' } })).statusCode).toBe(409);
    expect((await noticesTo(phone)).at(-1)).toContain('未通过审核，不予公开：与公开事项无关');
  });

  it('a question and an answer with a listed word carry it as the reason; the held answer is public only when approved', async () => {
    await ok('POST', '/api/safety/words', secadmin, { words: ['回扣'] });
    const qid = (await ask(itemId, await verifiedToken('13812350005'), { body: '听说施工方给了回扣，是真的吗？' })).json().id;
    expect((await heldFor('disclosures.question', qid)).reasons).toEqual([{ type: 'sensitive_word', word: '回扣', field: 'body' }]);
    await ok('POST', `/api/moderation/${(await heldFor('disclosures.question', qid)).id}/approve`, hz, {});
    const held = await ok('PUT', `/api/disclosures/questions/${qid}/answer`, hz, { text: '经核查，不存在回扣问题，工程款按合同支付。' });
    expect(held).toMatchObject({ answerState: 'held', canAnswer: true });
    expect((await heldFor('disclosures.answer', qid)).reasons).toEqual([{ type: 'sensitive_word', word: '回扣', field: 'answer' }]);
    expect((await publicList()).items.find((q) => q.id === qid)!.answer).toBeNull();
    // Rejected back to the staff, then replaced and approved.
    await ok('POST', `/api/moderation/${(await heldFor('disclosures.answer', qid)).id}/reject`, hz, { reason: '请改用规范表述' });
    expect(await ok('GET', `/api/disclosures/questions/${qid}`, hz)).toMatchObject({ answerState: 'rejected', answerRejectReason: '请改用规范表述', canAnswer: true });
    await ok('PUT', `/api/disclosures/questions/${qid}/answer`, hz, { text: '经核查，不存在收受回扣情况，工程款按合同支付。' });
    await ok('POST', `/api/moderation/${(await heldFor('disclosures.answer', qid)).id}/approve`, hz, {});
    expect((await publicList()).items.find((q) => q.id === qid)!.answer!.text).toBe('经核查，不存在收受回扣情况，工程款按合同支付。');

    // A correction with a listed word is held: the public keeps reading the published answer until it is approved.
    const unansweredBefore = (await staffList()).counts.unanswered;
    const corrected = await ok('PUT', `/api/disclosures/questions/${qid}/answer`, hz, { text: '经核查，不存在收受回扣情况；工程款按合同分三期支付。' });
    expect(corrected).toMatchObject({ answerState: 'held', canAnswer: false, canCorrect: true });
    expect(corrected.answerVersions).toHaveLength(1);
    expect((await publicList()).items.find((q) => q.id === qid)!.answer).toMatchObject({ text: '经核查，不存在收受回扣情况，工程款按合同支付。', version: 1, previous: [] });
    expect((await heldFor('disclosures.answer', qid)).excerpt).toBe('经核查，不存在收受回扣情况；工程款按合同分三期支付。');
    // Rejected: the published answer stands and the question is not counted as unanswered.
    await ok('POST', `/api/moderation/${(await heldFor('disclosures.answer', qid)).id}/reject`, hz, { reason: '请补充付款时间' });
    expect(await ok('GET', `/api/disclosures/questions/${qid}`, hz)).toMatchObject({ answerState: 'rejected', answerRejectReason: '请补充付款时间', canCorrect: true });
    expect((await publicList()).items.find((q) => q.id === qid)!.answer).toMatchObject({ version: 1 });
    expect((await staffList()).counts.unanswered).toBe(unansweredBefore);
    // Replaced and approved: the next version, the earlier one kept.
    await ok('PUT', `/api/disclosures/questions/${qid}/answer`, hz, { text: '经核查，不存在收受回扣情况；工程款按合同于今年6月、9月、12月分三期支付。' });
    await ok('POST', `/api/moderation/${(await heldFor('disclosures.answer', qid)).id}/approve`, hz, {});
    expect((await publicList()).items.find((q) => q.id === qid)!.answer).toMatchObject({
      text: '经核查，不存在收受回扣情况；工程款按合同于今年6月、9月、12月分三期支付。', version: 2, previous: [{ version: 1, text: '经核查，不存在收受回扣情况，工程款按合同支付。' }],
    });
  });
});

describe('scope and privacy', () => {
  it('a county cannot answer a question of another county\'s village, nor Ningbo read or answer Hangzhou\'s', async () => {
    const otherItem = await publishIn(otherCountyVillage.id, '邻县某村村务公开');
    const qid = (await ask(otherItem, await verifiedToken('13812350006'), { body: '请问公示期多长？' })).json().id;
    await ok('POST', `/api/moderation/${(await heldFor('disclosures.question', qid)).id}/approve`, hz, {});
    // An org_admin of the first village's county.
    const countyId = village.path.split('/').filter(Boolean)[2]!;
    const county = await t.ctx.db.selectFrom('orgs').select(['id', 'path', 'name']).where('id', '=', countyId).executeTakeFirstOrThrow();
    expect(otherCountyVillage.path.startsWith(county.path)).toBe(false);
    const hzAccount = await t.ctx.db.selectFrom('accounts').select('id').where('username', '=', 'demo-hangzhou').executeTakeFirstOrThrow();
    const countyAdmin: Actor = {
      accountId: hzAccount.id, username: 'county-admin', displayName: '县委组织部', kind: 'staff', demo: true, memberId: null, sessionId: '1', mfaPassed: true,
      mustChangePassword: false, ip: '127.0.0.1', grants: [{ grantId: '1', role: 'org_admin' as Role, orgId: county.id, orgPath: county.path, orgName: county.name }],
    };
    await expect(answerQuestion(t.ctx, countyAdmin, qid, '越权答复')).rejects.toMatchObject({ status: 403 });
    expect((await t.call('PUT', `/api/disclosures/questions/${qid}/answer`, { cookie: nb, body: { text: '越权答复' } })).statusCode).toBe(403);
    expect((await t.call('GET', `/api/disclosures/${otherItem}/questions`, { cookie: nb })).statusCode).toBe(403);
    expect((await t.call('GET', `/api/disclosures/questions/${qid}`, { cookie: nb })).statusCode).toBe(403);
    expect((await ok('GET', `/api/disclosures/questions/${qid}`, hz)).answer).toBeNull();
    // The county answers its own village's question.
    const own = (await ask(itemId, await verifiedToken('13812350007'), { body: '县里如何监督工程质量？' })).json().id;
    await ok('POST', `/api/moderation/${(await heldFor('disclosures.question', own)).id}/approve`, hz, {});
    expect(await answerQuestion(t.ctx, countyAdmin, own, '县委组织部将会同乡镇定期检查。')).toMatchObject({ answerState: 'published' });
  });

  it('no public answer carries a phone number, masked or not', async () => {
    publicBodies.push((await t.call('GET', `/api/public/disclosures/${itemId}`)).body);
    expect(publicBodies.length).toBeGreaterThan(10);
    for (const b of publicBodies) {
      expect(b).not.toMatch(/1[3-9]\d{9}/);
      expect(b).not.toMatch(/\d{3}\*{4}\d{4}/);
    }
  });
});
