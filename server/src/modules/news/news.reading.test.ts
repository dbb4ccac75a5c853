/**
 * News articles count as reading credit (F-71, F-73): a member who reads a published article for the minimum time is
 * credited once per article and China day, seen in 我的学习 (GET /api/me/learning); drafts and unknown articles are 404,
 * the public (no session) 401, staff without a member record 403.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.js';

let t: TestApp;
let hzOrg: string;
let categoryId: string;
const SEC = 1000;
const DAY = 86_400_000;
// 10:00 on 8 December 2026, China time.
const START = new Date('2026-12-08T02:00:00Z');

/** A request as `user`, signing in again when the session has idled out (the test moves the clock by a day). */
const cookies = new Map<string, string>();
async function call(user: string, method: 'GET' | 'POST', url: string, body?: unknown) {
  if (!cookies.has(user)) cookies.set(user, await t.login(user));
  let r = await t.call(method, url, { cookie: cookies.get(user)!, body });
  if (r.statusCode === 401) {
    cookies.set(user, await t.login(user));
    r = await t.call(method, url, { cookie: cookies.get(user)!, body });
  }
  return r;
}
async function ok(p: ReturnType<typeof call>, status = 200) {
  const r = await p;
  expect(r.statusCode, r.body).toBe(status);
  return r.json();
}

async function article(publish: boolean, title: string): Promise<string> {
  const { id } = await ok(call('demo-hangzhou', 'POST', '/api/news/articles', {
    orgId: hzOrg, categoryId, title, summary: '供学习的文章。', bodyHtml: '<p>各级党组织要把学习贯彻全会精神作为当前重要政治任务。</p>',
  }), 201);
  if (publish) {
    await ok(call('demo-hangzhou', 'POST', `/api/news/articles/${id}/submit`, {}));
    await ok(call('demo-province', 'POST', `/api/news/articles/${id}/approve`, {}));
  }
  return id as string;
}
const read = (id: string) => call('demo-member', 'POST', `/api/news/articles/${id}/read`, {});
const beat = (token: string) => call('demo-member', 'POST', '/api/learning/reading/heartbeat', { token });
/** Reads from the start for `seconds` in heartbeats at the returned interval; returns every credit outcome seen. */
async function readFor(id: string, seconds: number) {
  const s = await ok(read(id));
  let token = s.token as string;
  const credits: unknown[] = [];
  for (let done = 0; done < seconds; done += s.intervalSeconds) {
    t.clock.advance(s.intervalSeconds * SEC);
    const r = await ok(beat(token));
    token = r.token;
    if (r.credit) credits.push(r.credit);
  }
  return credits;
}
const articleCredits = async (id: string) =>
  ((await ok(call('demo-member', 'GET', '/api/me/learning?limit=100'))).items as { kind: string; sourceType: string; sourceId: string; minutes: number; day: string; title: string }[])
    .filter((i) => i.sourceType === 'news.article' && i.sourceId === id);

beforeAll(async () => {
  t = await createTestApp({ clockAt: START });
  hzOrg = (await t.ctx.db.selectFrom('orgs').select('id').where('name', '=', '杭州市委').executeTakeFirstOrThrow()).id;
  categoryId = ((await t.call('GET', '/api/public/news/categories')).json().items as { id: string }[])[0]!.id;
});
afterAll(async () => { await t?.close(); });

describe('reading a news article for credit', () => {
  it('credits a member who reads for the minimum time, once per article and day', async () => {
    const id = await article(true, '学习贯彻全会精神的几点体会');
    const s = await ok(read(id));
    expect(s).toMatchObject({ minSeconds: 60, intervalSeconds: 30, creditMinutes: 5 });
    expect(typeof s.token).toBe('string');

    // Half the minimum: nothing yet.
    t.clock.advance(30 * SEC);
    const half = await ok(beat(s.token));
    expect(half).toMatchObject({ readSeconds: 30, minSeconds: 60, credit: null });
    expect(await articleCredits(id)).toEqual([]);

    // The minimum reached: credited once.
    t.clock.advance(30 * SEC);
    expect((await ok(beat(half.token))).credit).toMatchObject({ awarded: true, minutes: 5 });
    expect(await articleCredits(id)).toMatchObject([{ kind: 'article', minutes: 5, day: '2026-12-08', title: '学习贯彻全会精神的几点体会' }]);

    // Read again the same day: told so, not credited again.
    expect(await readFor(id, 90)).toMatchObject([{ awarded: false, reason: 'already_today' }]);
    expect(await articleCredits(id)).toHaveLength(1);

    // The next day it counts again, once.
    t.clock.advance(DAY);
    expect(await readFor(id, 60)).toMatchObject([{ awarded: true, minutes: 5 }]);
    expect((await articleCredits(id)).map((i) => i.day)).toEqual(['2026-12-09', '2026-12-08']);
  });

  it('answers 404 for a draft, an unknown or a withdrawn article, and starts nothing', async () => {
    const draft = await article(false, '尚未发布的稿件');
    const before = await t.ctx.db.selectFrom('learning_readings').select((e) => e.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    for (const id of [draft, '999999999']) {
      const r = await read(id);
      expect(r.statusCode).toBe(404);
      expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(r.json()).toMatchObject({ code: 'not_found', title: '文章不存在或已被删除' });
    }
    const withdrawn = await article(true, '将被撤稿的文章');
    await ok(call('demo-hangzhou', 'POST', `/api/news/articles/${withdrawn}/withdraw`, { reason: '内容有误' }));
    expect((await read(withdrawn)).statusCode).toBe(404);
    const after = await t.ctx.db.selectFrom('learning_readings').select((e) => e.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('refuses the public (401) and staff without a member record (403)', async () => {
    const id = await article(true, '面向党员的学习文章');
    const anon = await t.call('POST', `/api/news/articles/${id}/read`, { body: {} });
    expect(anon.statusCode).toBe(401);
    expect(anon.headers['content-type']).toMatch(/^application\/problem\+json/);
    const staff = await call('demo-hangzhou', 'POST', `/api/news/articles/${id}/read`, {});
    expect(staff.statusCode).toBe(403);
    expect(staff.json()).toMatchObject({ code: 'learning.not_member' });
  });
});
