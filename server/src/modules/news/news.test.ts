/**
 * 新闻宣传 (F-73) through the API: the editorial workflow (submit, return, approve, no self-approval, scheduled
 * publication on the test clock, withdrawal, a correction the public sees), scope between cities, the public pages
 * (never a draft, an XSS-inert body, paging, search), bad input that changes nothing, the TV programme guide by week,
 * and what the learning module reads (articleForReading).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { articleForReading } from './news.commands.js';

let t: TestApp;
const cookies: Record<string, string> = {};
const as = async (user: string) => (cookies[user] ??= await t.login(user));
/** Moves the test clock; sessions idle out over hours, so everyone signs in again afterwards. */
function advance(ms: number) {
  t.clock.advance(ms);
  for (const k of Object.keys(cookies)) delete cookies[k];
}
let hzOrg: string;
let nbOrg: string;
let policyCat: string;
let heroCat: string;
const HOUR = 3_600_000;

// 10:00 on 7 December 2026, China time (a Monday).
const START = new Date('2026-12-07T02:00:00Z');

beforeAll(async () => {
  t = await createTestApp({ clockAt: START });
  hzOrg = (await t.ctx.db.selectFrom('orgs').select('id').where('name', '=', '杭州市委').executeTakeFirstOrThrow()).id;
  nbOrg = (await t.ctx.db.selectFrom('orgs').select('id').where('name', '=', '宁波市委').executeTakeFirstOrThrow()).id;
  const cats = (await t.call('GET', '/api/public/news/categories')).json().items as { id: string; name: string }[];
  policyCat = cats.find((c) => c.name === '政策解读')!.id;
  heroCat = cats.find((c) => c.name === '先进典型')!.id;
});
afterAll(async () => { await t?.close(); });

const draft = (over: Record<string, unknown> = {}) => ({
  orgId: hzOrg, categoryId: policyCat, title: '杭州市深化基层党建引领基层治理', summary: '市委组织部部署推进网格党建工作。',
  bodyHtml: '<p>近日，杭州市委组织部召开专题会议，部署深化网格党建工作。</p>', source: '杭州市委组织部', tags: ['基层治理'], ...over,
});
async function create(user: string, over: Record<string, unknown> = {}): Promise<string> {
  const res = await t.call('POST', '/api/news/articles', { cookie: await as(user), body: draft(over) });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}
const post = async (user: string, url: string, body: unknown = {}) => t.call('POST', url, { cookie: await as(user), body });
const publicIds = async (query = '') => ((await t.call('GET', `/api/public/news?limit=50${query}`)).json().items as { id: string }[]).map((i) => i.id);
const auditActions = async (id: string) => (await t.ctx.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'news_article').where('entity_id', '=', id).orderBy('id').execute()).map((r) => r.action);

describe('the editorial workflow', () => {
  it('goes draft → submitted → returned with a reason → submitted → approved and published, every step audited', async () => {
    const id = await create('demo-hangzhou');
    expect(await publicIds()).not.toContain(id);
    expect((await post('demo-hangzhou', `/api/news/articles/${id}/submit`)).json()).toMatchObject({ state: 'submitted', flaggedWords: [] });
    // A submitted article is locked for its editor.
    expect((await t.call('PUT', `/api/news/articles/${id}`, { cookie: await as('demo-hangzhou'), body: draft({ title: '改' }) })).statusCode).toBe(409);

    const ret = await post('demo-province', `/api/news/articles/${id}/return`, { reason: '请补充具体举措和数据' });
    expect(ret.json().state).toBe('returned');
    const back = (await t.call('GET', `/api/news/articles/${id}`, { cookie: await as('demo-hangzhou') })).json();
    expect(back).toMatchObject({ state: 'returned', returnReason: '请补充具体举措和数据' });
    expect((await t.call('PUT', `/api/news/articles/${id}`, { cookie: await as('demo-hangzhou'), body: draft({ bodyHtml: '<p>全市已建成网格党支部3200个。</p>' }) })).statusCode).toBe(200);
    await post('demo-hangzhou', `/api/news/articles/${id}/submit`);

    const ok = await post('demo-province', `/api/news/articles/${id}/approve`, {});
    expect(ok.json()).toMatchObject({ state: 'published', version: 1 });
    expect(await publicIds()).toContain(id);
    const pub = (await t.call('GET', `/api/public/news/${id}`)).json();
    expect(pub).toMatchObject({ title: '杭州市深化基层党建引领基层治理', orgName: '杭州市委', categoryName: '政策解读', corrections: [], corrected: false });
    expect(pub.bodyHtml).toContain('3200');
    expect(await auditActions(id)).toEqual(['news.create', 'news.submit', 'news.return', 'news.update', 'news.submit', 'news.approve']);
  });

  it('refuses an editor approving or returning their own article', async () => {
    // demo-hangzhou holds news.review too; the article is theirs.
    const id = await create('demo-hangzhou', { title: '本人稿件' });
    await post('demo-hangzhou', `/api/news/articles/${id}/submit`);
    const self = await post('demo-hangzhou', `/api/news/articles/${id}/approve`, {});
    expect(self.statusCode).toBe(403);
    expect(self.json().code).toBe('news.own_article');
    expect((await post('demo-hangzhou', `/api/news/articles/${id}/return`, { reason: '自己退回' })).statusCode).toBe(403);
    expect((await t.call('GET', `/api/news/articles/${id}`, { cookie: await as('demo-hangzhou') })).json()).toMatchObject({ state: 'submitted', mayReview: false });
    expect((await t.call('GET', `/api/news/articles/${id}`, { cookie: await as('demo-province') })).json().mayReview).toBe(true);
  });

  it('publishes a scheduled article when its time (China time) comes, once, by the scheduled job', async () => {
    const id = await create('demo-hangzhou', { title: '定时发布的稿件' });
    await post('demo-hangzhou', `/api/news/articles/${id}/submit`);
    // Tomorrow 09:00 in China.
    const res = await post('demo-province', `/api/news/articles/${id}/approve`, { publishAt: '2026-12-08T09:00:00+08:00' });
    expect(res.json()).toMatchObject({ state: 'scheduled', publishAt: '2026-12-08T01:00:00.000Z', publishedAt: null });
    await t.ctx.jobs.drain();
    expect(await publicIds()).not.toContain(id);
    advance(22 * HOUR + 59 * 60_000); // 08:59 on the 8th
    await t.ctx.jobs.drain();
    expect(await publicIds()).not.toContain(id);
    advance(2 * 60_000); // 09:01
    await t.ctx.jobs.drain();
    await t.ctx.jobs.drain();
    expect(await publicIds()).toContain(id);
    const a = (await t.call('GET', `/api/news/articles/${id}`, { cookie: await as('demo-hangzhou') })).json();
    expect(a).toMatchObject({ state: 'published', version: 1, publishedAt: '2026-12-08T01:01:00.000Z' });
    expect((await auditActions(id)).filter((x) => x === 'news.publish')).toHaveLength(1);
  });

  it('withdraws a published article: gone from the public, reason kept', async () => {
    const id = await create('demo-hangzhou', { title: '将被撤稿的稿件' });
    await post('demo-hangzhou', `/api/news/articles/${id}/submit`);
    await post('demo-province', `/api/news/articles/${id}/approve`, {});
    expect((await post('demo-province', `/api/news/articles/${id}/withdraw`, { reason: '   ' })).statusCode).toBe(400);
    expect((await post('demo-province', `/api/news/articles/${id}/withdraw`, { reason: '数据有误，撤稿核实' })).json().state).toBe('withdrawn');
    expect(await publicIds()).not.toContain(id);
    expect((await t.call('GET', `/api/public/news/${id}`)).statusCode).toBe(404);
    expect((await t.call('GET', `/api/news/articles/${id}`, { cookie: await as('demo-hangzhou') })).json()).toMatchObject({ state: 'withdrawn', withdrawReason: '数据有误，撤稿核实' });
    expect((await post('demo-province', `/api/news/articles/${id}/withdraw`, { reason: '再次' })).statusCode).toBe(409);
  });

  it('publishes a correction as a new version; the public reads the corrected text and the 更正 note', async () => {
    const id = await create('demo-hangzhou', { title: '表彰大会召开', bodyHtml: '<p>共表彰先进基层党组织50个。</p>' });
    await post('demo-hangzhou', `/api/news/articles/${id}/submit`);
    await post('demo-province', `/api/news/articles/${id}/approve`, {});
    const res = await post('demo-province', `/api/news/articles/${id}/corrections`, { title: '表彰大会召开', bodyHtml: '<p>共表彰先进基层党组织52个。</p>', note: '原文“50个”应为“52个”，特此更正。' });
    expect(res.json()).toMatchObject({ state: 'published', version: 2 });
    const pub = (await t.call('GET', `/api/public/news/${id}`)).json();
    expect(pub.bodyHtml).toContain('52个');
    expect(pub).toMatchObject({ corrected: true, version: 2, corrections: [{ version: 2, note: '原文“50个”应为“52个”，特此更正。' }] });
    const staff = (await t.call('GET', `/api/news/articles/${id}`, { cookie: await as('demo-hangzhou') })).json();
    expect(staff.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    const kept = await t.ctx.db.selectFrom('news_versions').select('body_html').where('article_id', '=', id).where('version', '=', 1).executeTakeFirstOrThrow();
    expect(kept.body_html).toContain('50个');
  });

  it('shows the reviewer the sensitive words found on submission and asks them to confirm', async () => {
    await post('demo-secadmin', '/api/safety/words', { words: ['违禁示例词'] });
    const id = await create('demo-hangzhou', { title: '含敏感词的稿件', bodyHtml: '<p>正文中出现违禁示例词。</p>' });
    const sub = await post('demo-hangzhou', `/api/news/articles/${id}/submit`);
    expect(sub.json().flaggedWords).toEqual([{ field: 'body', word: '违禁示例词' }]);
    const refused = await post('demo-province', `/api/news/articles/${id}/approve`, {});
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('news.flagged');
    expect(await publicIds()).not.toContain(id);
    expect((await post('demo-province', `/api/news/articles/${id}/approve`, { confirmFlagged: true })).json().state).toBe('published');
  });
});

describe('scope', () => {
  it('keeps a city editor to their own city', async () => {
    const id = await create('demo-hangzhou', { title: '杭州的草稿' });
    const nb = await as('demo-ningbo');
    expect((await t.call('GET', `/api/news/articles/${id}`, { cookie: nb })).statusCode).toBe(403);
    expect((await t.call('PUT', `/api/news/articles/${id}`, { cookie: nb, body: draft({ title: '宁波改的' }) })).statusCode).toBe(403);
    expect((await post('demo-ningbo', `/api/news/articles/${id}/submit`)).statusCode).toBe(403);
    expect((await t.call('POST', '/api/news/articles', { cookie: nb, body: draft() })).statusCode).toBe(403);
    const list = (await t.call('GET', '/api/news/articles?limit=100', { cookie: nb })).json().items as { id: string }[];
    expect(list.map((x) => x.id)).not.toContain(id);
    await post('demo-hangzhou', `/api/news/articles/${id}/submit`);
    expect((await post('demo-ningbo', `/api/news/articles/${id}/approve`, {})).statusCode).toBe(403);
    expect((await t.call('GET', `/api/news/articles/${id}`, { cookie: await as('demo-hangzhou') })).json().state).toBe('submitted');
    // Ningbo writes its own.
    expect((await t.call('POST', '/api/news/articles', { cookie: nb, body: draft({ orgId: nbOrg }) })).statusCode).toBe(201);
  });

  it('refuses categories to anyone but the province, and a branch secretary the console', async () => {
    expect((await post('demo-hangzhou', '/api/news/categories', { name: '杭州栏目' })).statusCode).toBe(403);
    const res = await post('demo-province', '/api/news/categories', { name: '理论学习' });
    expect(res.statusCode).toBe(201);
    expect((await t.call('PUT', `/api/news/categories/${res.json().id}`, { cookie: await as('demo-province'), body: { name: '理论学习', sortOrder: 5 } })).statusCode).toBe(200);
    expect(((await t.call('GET', '/api/public/news/categories')).json().items as { name: string }[])[0]!.name).toBe('理论学习');
    expect((await t.call('GET', '/api/news/articles', { cookie: await as('demo-secretary') })).statusCode).toBe(403);
  });
});

describe('public pages', () => {
  it('never show a draft, a submitted, a returned or a scheduled article', async () => {
    const d = await create('demo-hangzhou', { title: '草稿甲' });
    const s = await create('demo-hangzhou', { title: '待审乙' });
    await post('demo-hangzhou', `/api/news/articles/${s}/submit`);
    const sc = await create('demo-hangzhou', { title: '定时丙' });
    await post('demo-hangzhou', `/api/news/articles/${sc}/submit`);
    await post('demo-province', `/api/news/articles/${sc}/approve`, { publishAt: new Date(t.clock.now().getTime() + 48 * HOUR).toISOString() });
    const ids = await publicIds();
    for (const id of [d, s, sc]) {
      expect(ids).not.toContain(id);
      expect((await t.call('GET', `/api/public/news/${id}`)).statusCode).toBe(404);
      expect(await articleForReading(t.ctx.db, id)).toBeNull();
    }
  });

  it('keep a body XSS-inert: scripts, handlers, javascript: links and foreign images are dropped', async () => {
    const evil = '<p onclick="alert(1)">正文<script>alert(1)</script><img src="https://evil.example/x.png" onerror="alert(2)"><a href="javascript:alert(3)">链接</a></p><iframe src="https://evil.example"></iframe><style>body{display:none}</style>';
    const id = await create('demo-hangzhou', { title: '安全测试稿件', bodyHtml: evil });
    await post('demo-hangzhou', `/api/news/articles/${id}/submit`);
    await post('demo-province', `/api/news/articles/${id}/approve`, {});
    const body = (await t.call('GET', `/api/public/news/${id}`)).json().bodyHtml as string;
    expect(body).toContain('正文');
    expect(body).not.toMatch(/script|onclick|onerror|javascript:|iframe|evil\.example|style/i);
  });

  it('page newest first by publication time, filter by category and find by a word', async () => {
    const made: string[] = [];
    for (let i = 1; i <= 5; i++) {
      const id = await create('demo-hangzhou', { categoryId: heroCat, title: `优秀共产党员事迹第${i}篇`, bodyHtml: `<p>扎根山区${i}年的乡村医生。</p>` });
      await post('demo-hangzhou', `/api/news/articles/${id}/submit`);
      t.clock.advance(60_000);
      await post('demo-province', `/api/news/articles/${id}/approve`, {});
      made.push(id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await t.call('GET', `/api/public/news?categoryId=${heroCat}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode).toBe(200);
      const page = res.json();
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((x: { id: string }) => x.id));
      cursor = page.nextCursor;
    } while (cursor);
    // Newest first: these five, then the demo data's older model figures.
    expect(seen.slice(0, 5)).toEqual([...made].reverse());
    expect(new Set(seen).size).toBe(seen.length);
    const found = (await t.call('GET', `/api/public/news?q=${encodeURIComponent('乡村医生')}`)).json().items as { id: string }[];
    expect(found.map((x) => x.id).sort()).toEqual([...made].sort());
    expect((await t.call('GET', `/api/public/news?q=${encodeURIComponent('不存在的词语组合')}`)).json().items).toEqual([]);
    // Cacheable, as every public read.
    const res = await t.call('GET', '/api/public/news');
    expect(res.headers['cache-control']).toMatch(/public/);
  });
});

describe('bad input', () => {
  it('is refused with field messages and changes nothing', async () => {
    const before = await t.ctx.db.selectFrom('news_articles').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const cases = [
      draft({ title: '' }),
      draft({ bodyHtml: '<script>alert(1)</script>' }),
      draft({ categoryId: '999999' }),
      draft({ orgId: '999999' }),
      draft({ tags: Array.from({ length: 9 }, (_, i) => `标签${i}`) }),
    ];
    for (const body of cases) {
      const res = await t.call('POST', '/api/news/articles', { cookie: await as('demo-hangzhou'), body });
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    // A township is not a publishing level.
    const town = await t.ctx.db.selectFrom('orgs').select('id').where('level', '=', 'township').where('path', 'like', `%/${hzOrg}/%`).executeTakeFirstOrThrow();
    const res = await t.call('POST', '/api/news/articles', { cookie: await as('demo-hangzhou'), body: draft({ orgId: town.id }) });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('orgId');
    const after = await t.ctx.db.selectFrom('news_articles').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('refuses a cover that is not an image by its content', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/news/images?fileName=cover.png', headers: { cookie: await as('demo-hangzhou'), 'content-type': 'application/octet-stream' }, payload: Buffer.from('not a png at all') });
    expect(res.statusCode).toBe(400);
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4c30000000049454e44ae426082', 'hex');
    const ok = await t.app.inject({ method: 'POST', url: '/api/news/images?fileName=cover.png', headers: { cookie: await as('demo-hangzhou'), 'content-type': 'application/octet-stream' }, payload: png });
    expect(ok.statusCode, ok.body).toBe(201);
    // Not public until an article shows it.
    expect((await t.call('GET', ok.json().url)).statusCode).toBe(404);
    const id = await create('demo-hangzhou', { title: '有封面的稿件', coverImageId: ok.json().id });
    await post('demo-hangzhou', `/api/news/articles/${id}/submit`);
    await post('demo-province', `/api/news/articles/${id}/approve`, {});
    const img = await t.call('GET', ok.json().url);
    expect(img.statusCode).toBe(200);
    expect(img.headers['content-type']).toBe('image/png');
  });
});

describe('the TV programme and reading', () => {
  it('lists a week of the programme guide by China day', async () => {
    const tv = async (airAt: string, title: string) => {
      const res = await post('demo-province', '/api/news/tv', { orgId: (await t.ctx.db.selectFrom('orgs').select('id').where('parent_id', 'is', null).executeTakeFirstOrThrow()).id, airAt, channel: '浙江卫视', title, description: '党建节目', videoUrl: 'https://example.org/v/1.mp4' });
      expect(res.statusCode, res.body).toBe(201);
    };
    await tv('2026-12-13T23:30:00+08:00', '周日深夜档');
    await tv('2026-12-14T00:10:00+08:00', '下周一零点档');
    const week = (await t.call('GET', '/api/public/news/tv?week=2026-12-10')).json();
    expect(week).toMatchObject({ weekStart: '2026-12-07', weekEnd: '2026-12-13', nextWeek: '2026-12-14' });
    expect(week.days[6].episodes.map((e: { title: string }) => e.title)).toContain('周日深夜档');
    expect(week.days[6].episodes.find((e: { title: string }) => e.title === '周日深夜档').time).toBe('23:30');
    const next = (await t.call('GET', '/api/public/news/tv?week=2026-12-14')).json();
    expect(next.days[0].episodes.map((e: { title: string }) => e.title)).toContain('下周一零点档');
    expect((await post('demo-province', '/api/news/tv', { orgId: hzOrg, airAt: '2026-12-14T00:10:00+08:00', channel: '杭州综合', title: '节目', videoUrl: 'javascript:alert(1)' })).statusCode).toBe(400);
  });

  it('gives the learning module a published article with its length', async () => {
    const id = await create('demo-hangzhou', { title: '供学习的文章', bodyHtml: '<p>学习 贯彻</p><p>全会精神</p>' });
    expect(await articleForReading(t.ctx.db, id)).toBeNull();
    await post('demo-hangzhou', `/api/news/articles/${id}/submit`);
    await post('demo-province', `/api/news/articles/${id}/approve`, {});
    expect(await articleForReading(t.ctx.db, id)).toMatchObject({ id, title: '供学习的文章', orgId: hzOrg, words: 8 });
    expect(await articleForReading(t.ctx.db, 'abc')).toBeNull();
  });
});
