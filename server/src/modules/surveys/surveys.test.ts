/**
 * Surveys end to end over real SMPP (issue 10, items 1–2): a survey asked by SMS with its own reply extension,
 * replies matched to the right survey and question when several are open, categorized by rules as they arrive,
 * re-categorized by a person and by changed rules with every change kept, results that match an independent count,
 * the web form by personal link, scope, and bad input.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { demoFixtures, type DemoFixtures } from '../../../test/fixtures.js';
import { smsRig, type SmsRig } from '../../../test/sms-rig.js';
import { generateReplyCorpus } from '../../../test/reply-corpus.js';
import { recordAnswers } from './surveys.answers.js';

let t: TestApp;
let f: DemoFixtures;
let rig: SmsRig;
let province: string;
let hz: string;
let nb: string;

beforeAll(async () => {
  t = await createTestApp({ env: { SMS_QUIET_HOURS: 'off', SMS_APPROVAL_THRESHOLD: '1000', PUBLIC_BASE_URL: 'https://dj.example.gov.cn' } });
  f = await demoFixtures(t.ctx);
  rig = await smsRig(t, { seed: 21, instance: 'surveys' });
  [province, hz, nb] = [await t.login('demo-province'), await t.login('demo-hangzhou'), await t.login('demo-ningbo')];
});
afterAll(async () => {
  await rig?.close();
  await t?.close();
});

const ok = async (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown, cookie = province) => {
  const r = await t.call(method, url, { cookie, body });
  expect(r.statusCode, r.body).toBeLessThan(300);
  return r.statusCode === 204 ? null : r.json();
};
const audience = () => ({ orgIds: [f.hangzhou.id], who: ['secretaries'] });

/** Creates and opens a survey, sends its first messages; returns it and the phones asked with the number to reply to. */
async function openSurvey(body: Record<string, unknown>, cookie = province) {
  const s = await ok('POST', '/api/surveys', { title: '村级组织建设意见征集', bySms: true, byWeb: true, audience: audience(), ...body }, cookie);
  await ok('POST', `/api/surveys/${s.id}/open`, undefined, cookie);
  await rig.sendAll();
  const row = await t.ctx.db.selectFrom('surveys').select(['reply_ext']).where('id', '=', s.id).executeTakeFirstOrThrow();
  const to = `106900001${row.reply_ext}`;
  const asked = rig.smsc.phones().filter((p) => rig.smsc.inbox(p).some((m) => m.from === to));
  return { id: s.id as string, to, asked, ext: row.reply_ext! };
}

/** Replies from the phones and waits until the platform has stored them all. */
async function replies(list: [phone: string, to: string, text: string][]) {
  const before = Number((await t.ctx.db.selectFrom('sms_inbound').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  for (const [p, to, text] of list) await rig.smsc.reply(p, to, text);
  await expect.poll(async () => Number((await t.ctx.db.selectFrom('sms_inbound').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n), { timeout: 20_000 })
    .toBe(before + list.length);
}

describe('a survey by SMS', () => {
  let s: Awaited<ReturnType<typeof openSurvey>>;

  beforeAll(async () => {
    s = await openSurvey({ questions: [{ kind: 'text', text: '您对加强村级组织建设有什么意见和建议？' }] });
  });

  it('asks every branch secretary of the city once, from its own reply extension, with a personal web-form link', async () => {
    const invited = await t.ctx.db.selectFrom('survey_invitations').select(['phone_bidx', 'token']).where('survey_id', '=', s.id).execute();
    expect(invited.length).toBeGreaterThan(3);
    expect(s.asked).toHaveLength(invited.length);
    const text = rig.smsc.inbox(s.asked[0]!).find((m) => m.from === s.to)!.text;
    expect(text).toMatch(/^【浙江组工】村级组织建设意见征集：您对加强村级组织建设有什么意见和建议？ 请直接回复本短信，或点击链接填写：https:\/\/dj\.example\.gov\.cn\/s\/[A-Za-z0-9_-]{12}$/);
    const token = text.slice(-12);
    expect(invited.map((i) => i.token)).toContain(token);
    const view = await ok('GET', `/api/surveys/${s.id}`);
    expect(view).toMatchObject({ state: 'open', invited: invited.length, replied: 0, partial: false });
  });

  it('sorts replies into categories by rule as they arrive, and the shares match an independent count', async () => {
    const village = await ok('POST', `/api/surveys/${s.id}/categories`, { name: '村级组织建设', rules: [{ kind: 'any', words: ['阵地', '活动场所', '村级组织'] }] });
    await ok('POST', `/api/surveys/${s.id}/categories`, { name: '党员队伍建设', rules: [{ kind: 'any', words: ['发展党员', '年轻党员', '党员教育'] }] });
    await ok('POST', `/api/surveys/${s.id}/categories`, { name: '村级换届选举', rules: [{ kind: 'any', words: ['换届', '选举'], inside: true }] });
    await t.ctx.jobs.drain();
    const texts = ['希望加强村级组织阵地建设', '发展党员指标太少，年轻党员难留住', '换届选举要公平公正', '村里活动场所不够用', '建议多组织培训'];
    const sent = s.asked.map((p, i) => [p, s.to, texts[i % texts.length]!] as [string, string, string]);
    await replies(sent);
    const expected = { 村级组织建设: 0, 党员队伍建设: 0, 村级换届选举: 0, 其他: 0 };
    for (const [, , text] of sent) {
      const k = /阵地|活动场所|村级组织/.test(text) ? '村级组织建设' : /发展党员|年轻党员/.test(text) ? '党员队伍建设' : /换届|选举/.test(text) ? '村级换届选举' : '其他';
      expected[k]++;
    }
    const r = await ok('GET', `/api/surveys/${s.id}/results`);
    expect(Object.fromEntries(r.shares.map((x: { name: string; count: number }) => [x.name, x.count]))).toEqual(expected);
    expect(r).toMatchObject({ asked: s.asked.length, replied: s.asked.length, responseRate: 1, respondents: s.asked.length });
    expect(r.shares.find((x: { name: string }) => x.name === '村级组织建设').share).toBeCloseTo(expected.村级组织建设 / s.asked.length, 4);
    expect(r.examples.find((e: { id: string }) => e.id === village.id).replies.length).toBeGreaterThan(0);
    // The province's level shows Hangzhou's line; Hangzhou's level, its counties, adding up to it.
    expect(r.byOrg).toEqual([expect.objectContaining({ orgId: f.hangzhou.id, asked: s.asked.length, replied: s.asked.length, respondents: s.asked.length })]);
    const down = await ok('GET', `/api/surveys/${s.id}/results?parentId=${f.hangzhou.id}`);
    expect(down.trail.map((x: { name: string }) => x.name).at(-1)).toBe('杭州市委');
    for (const k of ['asked', 'replied', 'respondents'] as const) expect(down.byOrg.reduce((n: number, o: Record<string, number>) => n + o[k]!, 0)).toBe(r[k]);
    const sum = (key: string) => down.byOrg.reduce((n: number, o: { counts: Record<string, number> }) => n + (o.counts[key] ?? 0), 0);
    for (const sh of r.shares) expect(sum(sh.id)).toBe(sh.count);
    const inbound = await t.ctx.db.selectFrom('sms_inbound').select(['handled_by', 'handled_note']).where('reply_ext', '=', s.ext).execute();
    expect(inbound.every((m) => m.handled_by === 'surveys' && m.handled_note === '问卷“村级组织建设意见征集”的回复')).toBe(true);
  });

  it('counts the words of the replies for the word cloud, the whole and a level down, and counts a new reply at once', async () => {
    const count = async (where: string | null) => {
      const rows = await t.ctx.db.selectFrom('survey_replies as r').innerJoin('orgs as o', 'o.id', 'r.org_id').select('r.terms')
        .where('r.survey_id', '=', s.id).$if(!!where, (b) => b.where('o.path', 'like', `${where}%`)).execute();
      const n = new Map<string, number>();
      for (const r of rows) for (const w of r.terms) n.set(w, (n.get(w) ?? 0) + 1);
      return n;
    };
    const all = await count(null);
    const w = await ok('GET', `/api/surveys/${s.id}/results/words`);
    expect(w.words.length).toBeGreaterThan(3);
    for (const x of w.words) expect(x.count).toBe(all.get(x.word));
    expect(w.words[0].count).toBe(Math.max(...all.values()));
    const county = (await ok('GET', `/api/surveys/${s.id}/results?parentId=${f.hangzhou.id}`)).byOrg.find((o: { respondents: number }) => o.respondents > 0);
    const path = (await t.ctx.db.selectFrom('orgs').select('path').where('id', '=', county.orgId).executeTakeFirstOrThrow()).path;
    const mine = await count(path);
    const down = await ok('GET', `/api/surveys/${s.id}/results/words?parentId=${county.orgId}`);
    for (const x of down.words) expect(x.count).toBe(mine.get(x.word));
    // A reply imported or arriving later is in the next word count, not hidden by a kept one.
    const before = (await ok('GET', `/api/surveys/${s.id}/results/words`)).words.find((x: { word: string }) => x.word === '阵地')?.count ?? 0;
    const [question] = await t.ctx.db.selectFrom('survey_questions').select('id').where('survey_id', '=', s.id).execute();
    await t.ctx.db.transaction().execute((trx) => recordAnswers(trx, [{
      surveyId: s.id, questionId: question!.id, kind: 'text', options: 0, invitationId: null, orgId: county.orgId, channel: 'import', text: '阵地建设还需加强', at: t.clock.now(), replace: false,
    }]));
    const after = (await ok('GET', `/api/surveys/${s.id}/results/words`)).words.find((x: { word: string }) => x.word === '阵地')?.count ?? 0;
    expect(after).toBe(before + 1);
  });

  it('adds a second message to the same reply, and re-categorizes it by its whole text', async () => {
    const phone = s.asked[4 % s.asked.length]!;
    await replies([[phone, s.to, '另外，村里换届工作也要加强指导']]);
    const list = await ok('GET', `/api/surveys/${s.id}/replies?q=${encodeURIComponent('另外')}`);
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ messages: 2, categoryName: '村级换届选举', channel: 'sms' });
    expect(list.items[0].phone).toMatch(/^1\d{2}\*{4}\d{4}$/);
  });

  it('moves replies by hand with every change kept, recomputes the shares, and keeps them where put when rules re-run', async () => {
    const cats = await ok('GET', `/api/surveys/${s.id}/categories`);
    const party = cats.categories.find((c: { name: string }) => c.name === '党员队伍建设');
    const others = (await ok('GET', `/api/surveys/${s.id}/replies?categoryId=other`)).items;
    expect(others.length).toBeGreaterThan(0);
    const before = (await ok('GET', `/api/surveys/${s.id}/results`)).shares;
    const moved = await ok('POST', `/api/surveys/${s.id}/recategorize`, { replyIds: others.map((o: { id: string }) => o.id), categoryId: party.id, reason: '培训属于党员教育' });
    expect(moved).toEqual({ changed: others.length, unchanged: 0 });
    const after = (await ok('GET', `/api/surveys/${s.id}/results`)).shares;
    const count = (sh: { name: string; count: number }[], n: string) => sh.find((x) => x.name === n)!.count;
    expect(count(after, '党员队伍建设')).toBe(count(before, '党员队伍建设') + others.length);
    expect(count(after, '其他')).toBe(count(before, '其他') - others.length);
    const h = await ok('GET', `/api/surveys/${s.id}/replies/${others[0].id}/history`);
    expect(h.items).toEqual([expect.objectContaining({ byName: expect.any(String), byRules: false, from: '其他', to: '党员队伍建设', reason: '培训属于党员教育' })]);

    // A rule change re-runs the rules: a rule-placed reply moves (a change by rules), the hand-placed ones stay.
    const village = cats.categories.find((c: { name: string }) => c.name === '村级组织建设');
    await ok('PUT', `/api/surveys/${s.id}/categories/${village.id}`, { name: '村级组织建设', rules: [{ kind: 'any', words: ['阵地', '村级组织'] }] });
    await t.ctx.jobs.drain();
    const site = (await ok('GET', `/api/surveys/${s.id}/replies?q=${encodeURIComponent('活动场所')}`)).items.find((x: { messages: number }) => x.messages === 1);
    expect(site.categoryName).toBe('其他');
    const hs = await ok('GET', `/api/surveys/${s.id}/replies/${site.id}/history`);
    expect(hs.items.at(-1)).toMatchObject({ byRules: true, from: '村级组织建设', to: '其他' });
    const kept = (await ok('GET', `/api/surveys/${s.id}/replies?q=${encodeURIComponent('培训')}`)).items.find((x: { messages: number }) => x.messages === 1);
    expect(kept).toMatchObject({ categoryName: '党员队伍建设', categorizedBy: 'staff' });
  });

  it('refuses moving replies that are not in the caller’s part, changing nothing; refuses bad rules with Chinese messages', async () => {
    const any = (await ok('GET', `/api/surveys/${s.id}/replies`)).items[0];
    const r = await t.call('POST', `/api/surveys/${s.id}/recategorize`, { cookie: hz, body: { replyIds: [any.id], categoryId: 'other' } });
    expect(r.statusCode).toBe(403); // Hangzhou reads the province's survey but may not change it
    const bad = await t.call('POST', `/api/surveys/${s.id}/categories`, { cookie: province, body: { name: '坏规则', rules: [{ kind: 'regex', pattern: '(a+)+' }] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].message).toContain('嵌套的重复');
    const dup = await t.call('POST', `/api/surveys/${s.id}/categories`, { cookie: province, body: { name: '村级换届选举', rules: [{ kind: 'any', words: ['换届'] }] } });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().errors).toEqual([{ field: 'name', message: '已有名为“村级换届选举”的分类' }]);
  });

  it('shows Hangzhou the province’s survey as its own part, and Ningbo nothing of it', async () => {
    const mine = await ok('GET', `/api/surveys/${s.id}`, undefined, hz);
    expect(mine).toMatchObject({ partial: true, invited: s.asked.length, editable: false });
    expect((await ok('GET', '/api/surveys', undefined, hz)).items.map((x: { id: string }) => x.id)).toContain(s.id);
    // Ningbo was not asked: the survey is not in its list, and its part holds nobody and no reply.
    expect((await ok('GET', '/api/surveys', undefined, nb)).items.map((x: { id: string }) => x.id)).not.toContain(s.id);
    expect(await ok('GET', `/api/surveys/${s.id}/results`, undefined, nb)).toMatchObject({ asked: 0, respondents: 0, byOrg: [] });
    expect((await ok('GET', `/api/surveys/${s.id}/replies`, undefined, nb)).items).toEqual([]);
    // A city cannot look at another city's part by asking for it.
    expect((await t.call('GET', `/api/surveys/${s.id}/results?parentId=${f.hangzhou.id}`, { cookie: nb })).statusCode).toBe(403);
  });
});

describe('several surveys open to the same people', () => {
  it('matches each reply to the survey whose extension it came to, and one without extension to the latest unfinished', async () => {
    const a = await openSurvey({ title: '党员教育需求调查', questions: [{ kind: 'choice', text: '您最希望的学习方式是？', options: ['集中培训', '远程教育', '自学'] }] });
    const b = await openSurvey({
      title: '村务公开情况调查',
      questions: [{ kind: 'yesno', text: '本村是否按月公开村务？' }, { kind: 'text', text: '对村务公开有什么建议？' }],
    });
    const [p1, p2, p3] = b.asked;
    expect(a.asked).toEqual(expect.arrayContaining([p1, p2, p3]));
    await replies([[p1!, a.to, '2'], [p1!, b.to, '1'], [p2!, b.to, '否']]);
    // p1 answered b's first question: b's second question comes to them, from b's extension.
    await rig.sendAll();
    expect(rig.smsc.inbox(p1!).filter((m) => m.from === b.to).at(-1)!.text).toContain('（第2题，共2题）对村务公开有什么建议？');
    await replies([[p1!, b.to, '希望公开财务明细'], [p3!, '106900001', '3']]);
    const ra = await ok('GET', `/api/surveys/${a.id}/results`);
    expect(Object.fromEntries(ra.shares.map((x: { name: string; count: number }) => [x.name, x.count]))).toMatchObject({ 远程教育: 1, 集中培训: 0 });
    const rb1 = await ok('GET', `/api/surveys/${b.id}/results`);
    // p3's "3" had no extension: it went to the latest unfinished survey (b), as an unreadable yes/no answer.
    expect(Object.fromEntries(rb1.shares.map((x: { name: string; count: number }) => [x.name, x.count]))).toEqual({ 是: 1, 否: 1, 无法识别: 1 });
    const q2 = (await ok('GET', `/api/surveys/${b.id}`)).questions[1];
    const rb2 = await ok('GET', `/api/surveys/${b.id}/results?questionId=${q2.id}`);
    expect(rb2.respondents).toBe(1);
    expect((await ok('GET', `/api/surveys/${b.id}/replies?questionId=${q2.id}`)).items[0].text).toBe('希望公开财务明细');
    const inv = await t.ctx.db.selectFrom('survey_invitations').select(['current_seq', 'completed_at']).where('survey_id', '=', b.id)
      .where('phone_bidx', '=', t.ctx.crypto.blindIndex('mobile', p1!)).executeTakeFirstOrThrow();
    expect(inv.completed_at).not.toBeNull();
  });
});

describe('the web form', () => {
  it('shows the questions by personal link without signing in, takes valid answers, refuses bad ones and unknown links', async () => {
    const s = await openSurvey({ title: '满意度调查', questions: [{ kind: 'yesno', text: '您对本次培训是否满意？' }, { kind: 'text', text: '还有什么建议？' }] });
    const inv = await t.ctx.db.selectFrom('survey_invitations').select(['id', 'token']).where('survey_id', '=', s.id).orderBy('id').limit(1).executeTakeFirstOrThrow();
    const form = await t.call('GET', `/api/public/survey-forms/${inv.token}`);
    expect(form.statusCode).toBe(200);
    expect(form.json()).toMatchObject({ title: '满意度调查', open: true, answered: false });
    expect(form.body).not.toMatch(/1\d{10}/);
    const qs = form.json().questions;
    const bad = await t.call('POST', `/api/public/survey-forms/${inv.token}`, { body: { answers: [{ questionId: qs[0].id, text: '也许' }] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { message: string }) => e.message)).toEqual(['第1题请选择一个选项', '请回答第2题']);
    const good = await t.call('POST', `/api/public/survey-forms/${inv.token}`, { body: { answers: [{ questionId: qs[0].id, text: '1' }, { questionId: qs[1].id, text: '多安排实地教学' }] } });
    expect(good.statusCode, good.body).toBe(200);
    expect((await t.call('GET', `/api/public/survey-forms/${inv.token}`)).json()).toMatchObject({ answered: true, questions: [{ answer: '1' }, { answer: '多安排实地教学' }] });
    const r = await ok('GET', `/api/surveys/${s.id}/results`);
    expect(r).toMatchObject({ replied: 1, respondents: 1 });
    expect((await t.call('GET', '/api/public/survey-forms/AAAAAAAAAAAA')).statusCode).toBe(404);
    await ok('POST', `/api/surveys/${s.id}/close`);
    const late = await t.call('POST', `/api/public/survey-forms/${inv.token}`, { body: { answers: [{ questionId: qs[0].id, text: '2' }, { questionId: qs[1].id, text: '无' }] } });
    expect(late.statusCode).toBe(409);
  });
});

describe('theme suggestions', () => {
  it('proposes themes for the uncategorized in a job with progress; accepting one as a category moves its replies', async () => {
    const s = await ok('POST', '/api/surveys', { title: '基层组织建设意见征集', bySms: false, byWeb: true, audience: audience(), questions: [{ kind: 'text', text: '有何意见建议？' }] });
    await ok('POST', `/api/surveys/${s.id}/open`);
    // 400 replies collected on paper (imported rows: no invitee), of known topics.
    const corpus = generateReplyCorpus(400, 7);
    await t.ctx.db.transaction().execute((trx) => recordAnswers(trx, corpus.map((c) => ({
      surveyId: s.id, questionId: s.questions[0].id, kind: 'text' as const, options: 0, invitationId: null, orgId: f.hangzhou.id, channel: 'import' as const,
      text: c.text, at: t.clock.now(), replace: false,
    }))));
    const started = await t.call('POST', `/api/surveys/${s.id}/themes`, { cookie: province });
    expect(started.statusCode, started.body).toBe(202);
    expect(started.json()).toMatchObject({ state: 'running', themes: [] });
    expect((await t.call('POST', `/api/surveys/${s.id}/themes`, { cookie: province })).json().code).toBe('survey.themes_running');
    await t.ctx.jobs.drain();
    const run = await ok('GET', `/api/surveys/${s.id}/themes`);
    expect(run.state).toBe('done');
    expect(run.themes.length).toBeGreaterThanOrEqual(3);
    const election = run.themes.find((th: { keywords: string[] }) => th.keywords.some((k) => /换届|选举|候选人/.test(k)));
    expect(election.replyIds.length).toBe(election.size);
    const job = await t.ctx.db.selectFrom('jobs').select(['processed', 'total']).where('id', '=', run.jobId).executeTakeFirstOrThrow();
    expect(job.processed).toBe(job.total);
    // Accepted: a category with the suggested rules; the re-run moves the theme's replies into it.
    await ok('POST', `/api/surveys/${s.id}/categories`, { name: election.suggestedName, rules: election.suggestedRules });
    await t.ctx.jobs.drain();
    const r = await ok('GET', `/api/surveys/${s.id}/results`);
    const caught = r.shares.find((x: { name: string }) => x.name === election.suggestedName).count;
    expect(caught).toBeGreaterThanOrEqual(Math.floor(election.size * 0.7));
    const inTheme = await t.ctx.db.selectFrom('survey_replies').select('category_id').where('id', 'in', election.replyIds).execute();
    expect(inTheme.filter((x) => x.category_id !== null).length).toBeGreaterThanOrEqual(Math.floor(election.size * 0.7));
  });
});

describe('replies followed up', () => {
  it('dispatches a category to the city as follow-up items; Hangzhou resolves one and explains another; the senders are told by SMS', async () => {
    const s = await openSurvey({ title: '为民办实事意见征集', notifyOnClose: true, questions: [{ kind: 'text', text: '您希望村里办好哪件实事？' }] });
    const [p1, p2, p3] = s.asked;
    await replies([[p1!, s.to, '村口路灯坏了很久'], [p2!, s.to, '希望修缮村文化礼堂'], [p3!, s.to, '谢谢']]);
    const picked = (await ok('GET', `/api/surveys/${s.id}/replies`)).items.filter((r: { text: string }) => r.text !== '谢谢');
    const d = await t.call('POST', `/api/surveys/${s.id}/dispatch`, { cookie: province, body: { replyIds: picked.map((r: { id: string }) => r.id), dueInWorkingDays: 5 } });
    expect(d.statusCode, d.body).toBe(202);
    expect(d.json().replies).toBe(2);
    await t.ctx.jobs.drain();
    // Each reply is an item owned by the city (the level below the province), linked from the reply.
    const listed = (await ok('GET', `/api/surveys/${s.id}/replies`)).items.filter((r: { followupId: string | null }) => r.followupId);
    expect(listed).toHaveLength(2);
    const items = await Promise.all(listed.map((r: { followupId: string }) => ok('GET', `/api/followups/${r.followupId}`, undefined, hz)));
    for (const it of items) expect(it).toMatchObject({ source: 'surveys.reply', ownerOrgId: f.hangzhou.id, state: 'open' });
    // The page of one reply, reached from its item by the id alone: the survey, the question, the sender with the
    // phone masked as in the list, the category changes, and the item; the item links back to it.
    const one = picked.find((r: { text: string }) => r.text === '村口路灯坏了很久');
    const cat = await ok('POST', `/api/surveys/${s.id}/categories`, { name: '基础设施', rules: [{ kind: 'any', words: ['道路'] }] });
    await t.ctx.jobs.drain();
    await ok('POST', `/api/surveys/${s.id}/recategorize`, { replyIds: [one.id], categoryId: cat.id, reason: '路灯属于基础设施' });
    const item = items.find((x: { sourceId: string }) => x.sourceId === one.id);
    expect(item.sourceLink).toBe(`/admin/surveys/replies/${one.id}`);
    for (const cookie of [province, hz]) {
      const d = await ok('GET', `/api/surveys/replies/${one.id}`, undefined, cookie);
      expect(d).toMatchObject({
        id: one.id, text: '村口路灯坏了很久', channel: 'sms', orgName: one.orgName, name: one.name, phone: one.phone, categoryName: '基础设施', categorizedBy: 'staff',
        survey: { id: s.id, title: '为民办实事意见征集', partial: cookie === hz }, question: { seq: 1, kind: 'text', text: '您希望村里办好哪件实事？' },
        history: [{ from: '其他', to: '基础设施', byRules: false, reason: '路灯属于基础设施' }],
        followups: [{ id: item.id, state: 'open', ownerOrgId: f.hangzhou.id, ownerOrgName: expect.stringContaining('杭州') }],
      });
      expect(d.phone).toMatch(/^1\d{2}\*{4}\d{4}$/);
      expect(d.phone).not.toBe(p1);
      expect(JSON.stringify(d)).not.toContain(p1!);
    }
    // Ningbo reads the province's survey only as its own part, which holds no such reply; a city's own survey is
    // refused to another city, an unknown reply is 404.
    expect((await t.call('GET', `/api/surveys/replies/${one.id}`, { cookie: nb })).statusCode).toBe(404);
    expect((await t.call('GET', '/api/surveys/replies/999999999', { cookie: province })).statusCode).toBe(404);
    // Dispatching the same replies again is refused: one item per reply.
    const again = await t.call('POST', `/api/surveys/${s.id}/dispatch`, { cookie: province, body: { replyIds: [picked[0].id], dueInWorkingDays: 5 } });
    expect(again.statusCode).toBe(400);
    await ok('POST', `/api/followups/${items[0].id}/close`, { outcome: 'resolved', note: '已更换路灯3盏' }, hz);
    await ok('POST', `/api/followups/${items[1].id}/close`, { outcome: 'explained', note: '礼堂修缮已列入明年计划' }, hz);
    const seen = await Promise.all(items.map((it: { id: string }) => ok('GET', `/api/followups/${it.id}`)));
    expect(seen.map((x: { state: string }) => x.state).sort()).toEqual(['explained', 'resolved']);
    await rig.sendAll();
    const told = [p1!, p2!].map((p) => rig.smsc.inbox(p).filter((m) => m.text.includes('为民办实事意见征集') && m.text.includes('已办结')).map((m) => m.text));
    expect(told.flat().sort()).toEqual([
      '【浙江组工】您在“为民办实事意见征集”中反映的意见建议已办结（已解决）：已更换路灯3盏。感谢您的参与。',
      '【浙江组工】您在“为民办实事意见征集”中反映的意见建议已办结（已说明情况）：礼堂修缮已列入明年计划。感谢您的参与。',
    ].sort());
  });
});

describe('bad input', () => {
  it('refuses a survey without questions, with a choice of one option, or with no way to answer, storing nothing', async () => {
    const before = await t.ctx.db.selectFrom('surveys').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const r = await t.call('POST', '/api/surveys', { cookie: province, body: {
      title: ' ', bySms: false, byWeb: false, audience: audience(), questions: [{ kind: 'choice', text: '选哪个', options: ['甲'] }],
    } });
    expect(r.statusCode).toBe(400);
    expect(r.json().errors).toEqual([
      { field: 'title', message: '请填写问卷标题' },
      { field: 'questions.0.options', message: '第1题是选择题，请至少设置两个选项' },
      { field: 'bySms', message: '请至少选择一种作答方式（短信或网页）' },
    ]);
    const out = await t.call('POST', '/api/surveys', { cookie: hz, body: { title: '越权', bySms: true, byWeb: false, audience: { orgIds: [f.ningbo.id], who: ['secretaries'] }, questions: [{ kind: 'text', text: '问' }] } });
    expect(out.statusCode).toBe(400);
    const after = await t.ctx.db.selectFrom('surveys').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });
});
