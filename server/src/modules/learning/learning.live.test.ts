/**
 * 直播课堂 (issue 12, F-70): scheduling refuses bad input and changes nothing; another city's staff neither see nor edit
 * an event; members count down by the server's time and get the source only while live; the viewer count comes from
 * presence heartbeats; chat holds screened messages for moderation and is rate-limited; attendance is credited once a
 * day; the recording becomes a lesson members can study.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DEMO_PASSWORD, type TestApp } from '../../../test/test-app.js';
import { hashPassword } from '../../platform/passwords.js';
import { demoFixtures, type DemoFixtures } from '../../../test/fixtures.js';
import type { Actor } from '../../platform/actor.js';
import { createLive } from './learning.live.js';
import type { LiveCreateInput } from './learning.live.schema.js';
import { VIEWERS_CACHE_MS } from './learning.live.member.js';

let t: TestApp;
let f: DemoFixtures;
const cookies = new Map<string, string>();
const member = 'demo-member';
let staff: string;
let otherStaff: string;
let memberCity: { id: string; path: string };
let memberId: string;
let courseId: string;
const MIN = 60_000;
const DAY = 86_400_000;

async function call(method: 'GET' | 'POST' | 'PUT', url: string, user: string, body?: unknown) {
  if (!cookies.has(user)) cookies.set(user, await t.login(user));
  let r = await t.call(method, url, { cookie: cookies.get(user)!, body });
  if (r.statusCode === 401) {
    cookies.set(user, await t.login(user));
    r = await t.call(method, url, { cookie: cookies.get(user)!, body });
  }
  return r;
}
const ok = async (p: ReturnType<typeof call>, status = 200) => {
  const r = await p;
  expect(r.statusCode, r.body).toBe(status);
  return r.json();
};
const iso = (ms: number) => new Date(t.clock.now().getTime() + ms).toISOString();
const eventBody = (o: Record<string, unknown> = {}) => ({
  orgId: memberCity.id, title: '学习贯彻全会精神直播课', audiences: ['member'], sourceUrl: 'https://live.example.cn/hls/plenum/index.m3u8',
  startsAt: iso(60 * MIN), endsAt: iso(120 * MIN), courseId, ...o,
});
const countEvents = async () => Number((await t.ctx.db.selectFrom('learning_live_events').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

beforeAll(async () => {
  t = await createTestApp({ clockAt: new Date('2026-09-01T01:00:00Z') }); // 09:00 in China
  f = await demoFixtures(t.ctx);
  const acc = await t.ctx.db.selectFrom('accounts').innerJoin('members', 'members.id', 'accounts.member_id').select(['members.id', 'members.org_path'])
    .where('username', '=', member).executeTakeFirstOrThrow();
  memberId = acc.id;
  const inHangzhou = acc.org_path.startsWith(f.hangzhou.path);
  memberCity = inHangzhou ? f.hangzhou : f.ningbo;
  [staff, otherStaff] = inHangzhou ? ['demo-hangzhou', 'demo-ningbo'] : ['demo-ningbo', 'demo-hangzhou'];
  const topicId = (await ok(call('GET', '/api/learning/topics', staff))).items[0].id;
  courseId = (await ok(call('POST', '/api/learning/courses', staff, { orgId: memberCity.id, topicId, title: '直播课程', audiences: ['member'] }), 201)).id;
  await ok(call('POST', `/api/learning/courses/${courseId}/lessons`, staff, { kind: 'article', title: '导读', bodyHtml: '<p>导读</p>' }), 201);
  await ok(call('POST', `/api/learning/courses/${courseId}/publish`, staff));
});
afterAll(async () => { await t?.close(); });

describe('demo data', () => {
  it('shows the member an upcoming province event and an ended one with its recording', async () => {
    const current = await ok(call('GET', '/api/me/live', member));
    expect(current.items.some((e: { title: string; status: string }) => e.title.includes('冬季茶园管护') && e.status === 'scheduled')).toBe(true);
    const ended = (await ok(call('GET', '/api/me/live?when=ended', member))).items.find((e: { title: string }) => e.title.includes('学习贯彻全会精神专题直播'));
    expect(ended.recordingLessonId).not.toBeNull();
    expect((await ok(call('GET', `/api/me/lessons/${ended.recordingLessonId}`, member))).kind).toBe('video');
  });
});

describe('scheduling', () => {
  it('refuses bad input with problem+json in Chinese and writes nothing', async () => {
    const before = await countEvents();
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ sourceUrl: 'https://live.example.cn/video.mp4' }, 'sourceUrl', /m3u8/],
      [{ sourceUrl: 'rtmp://live.example.cn/a.m3u8' }, 'sourceUrl', /http/],
      [{ sourceUrl: null }, 'sourceUrl', /请填写直播源/],
      [{ startsAt: iso(-MIN) }, 'startsAt', /晚于当前时间/],
      [{ endsAt: iso(30 * MIN) }, 'endsAt', /晚于开始时间/],
      [{ endsAt: iso(14 * 60 * MIN) }, 'endsAt', /12小时/],
      [{ sourceAssetId: '999999999' }, 'sourceUrl', /只能填写一个/],
    ];
    for (const [patch, field, message] of cases) {
      const r = await call('POST', '/api/learning/live', staff, eventBody(patch));
      expect(r.statusCode, JSON.stringify(patch)).toBe(400);
      expect(r.headers['content-type']).toContain('application/problem+json');
      const err = r.json().errors.find((e: { field: string }) => e.field === field);
      expect(err?.message, JSON.stringify(patch)).toMatch(message);
    }
    const schema = await call('POST', '/api/learning/live', staff, { ...eventBody(), startsAt: 'tomorrow' });
    expect(schema.statusCode).toBe(400);
    expect(await countEvents()).toBe(before);
  });

  it('accepts only the registered stream origins when LIVE_MEDIA_ORIGINS is set', async () => {
    const acc = await t.ctx.db.selectFrom('accounts').select(['id', 'username', 'display_name']).where('username', '=', staff).executeTakeFirstOrThrow();
    const actor: Actor = {
      accountId: acc.id, username: acc.username, displayName: acc.display_name, kind: 'staff', demo: true, memberId: null, sessionId: 'test', mfaPassed: true,
      mustChangePassword: false, ip: '127.0.0.1', grants: [{ grantId: 'test', role: 'org_admin', orgId: memberCity.id, orgPath: memberCity.path, orgName: '' }],
    };
    const origins = ['https://cdn.zj.example.cn'];
    const before = await countEvents();
    await expect(createLive(t.ctx.db, actor, eventBody() as unknown as LiveCreateInput, t.clock.now(), origins)).rejects.toMatchObject({
      status: 400, errors: [expect.objectContaining({ field: 'sourceUrl', message: expect.stringContaining('https://cdn.zj.example.cn') })],
    });
    expect(await countEvents()).toBe(before);
    const { id } = await createLive(t.ctx.db, actor, eventBody({ sourceUrl: 'https://cdn.zj.example.cn/hls/a/index.m3u8' }) as unknown as LiveCreateInput, t.clock.now(), origins);
    expect((await ok(call('GET', `/api/learning/live/${id}`, staff))).sourceUrl).toBe('https://cdn.zj.example.cn/hls/a/index.m3u8');
  });

  it('tells the console which stream origins are registered (none here: the console warns that external streams will not play)', async () => {
    expect(await ok(call('GET', '/api/learning/live/settings', staff))).toEqual({ liveOrigins: [] });
    expect((await call('GET', '/api/learning/live/settings', member)).statusCode).toBe(403);
  });

  it('keeps another city’s staff out: no list entry, no detail, no edit', async () => {
    const { id } = await ok(call('POST', '/api/learning/live', staff, eventBody({ title: '本市直播' })), 201);
    expect((await ok(call('GET', '/api/learning/live', staff))).items.map((e: { id: string }) => e.id)).toContain(id);
    expect((await ok(call('GET', '/api/learning/live', otherStaff))).items.map((e: { id: string }) => e.id)).not.toContain(id);
    expect((await call('GET', `/api/learning/live/${id}`, otherStaff)).statusCode).toBe(403);
    expect((await call('GET', `/api/learning/live?orgId=${memberCity.id}`, otherStaff)).statusCode).toBe(403);
    const { orgId: _o, ...edit } = eventBody({ title: '越权修改' });
    expect((await call('PUT', `/api/learning/live/${id}`, otherStaff, { ...edit, version: 1 })).statusCode).toBe(403);
    expect((await ok(call('PUT', `/api/learning/live/${id}`, staff, { ...edit, title: '本市直播（修改）', version: 1 }))).version).toBe(2);
    expect((await call('POST', `/api/learning/live/${id}/start`, otherStaff)).statusCode).toBe(403);
    expect((await call('POST', `/api/learning/live/${id}/cancel`, otherStaff, { reason: '越权' })).statusCode).toBe(403);
    expect((await ok(call('GET', `/api/learning/live/${id}`, staff))).title).toBe('本市直播（修改）');
  });

  it('cancels a scheduled event with a reason the member sees', async () => {
    const { id } = await ok(call('POST', '/api/learning/live', staff, eventBody({ title: '将取消的直播' })), 201);
    expect((await call('POST', `/api/learning/live/${id}/cancel`, staff, { reason: '' })).statusCode).toBe(400);
    await ok(call('POST', `/api/learning/live/${id}/cancel`, staff, { reason: '因会议调整，改期举行' }));
    const page = await ok(call('GET', `/api/me/live/${id}`, member));
    expect(page).toMatchObject({ status: 'cancelled', cancelReason: '因会议调整，改期举行', sourceUrl: null });
    expect((await call('POST', `/api/learning/live/${id}/start`, staff)).statusCode).toBe(409);
  });
});

describe('a live lesson from countdown to recording', () => {
  let id: string;
  const startsIn = 60 * MIN;
  beforeAll(async () => {
    id = (await ok(call('POST', '/api/learning/live', staff, eventBody({ creditMinutes: 10, startsAt: iso(startsIn), endsAt: iso(startsIn + 60 * MIN) })), 201)).id;
  });

  it('counts down by the server’s time and hides the source before the start', async () => {
    const list = await ok(call('GET', '/api/me/live', member));
    expect(list.items.map((e: { id: string }) => e.id)).toContain(id);
    const page = await ok(call('GET', `/api/me/live/${id}`, member));
    expect(page.status).toBe('scheduled');
    expect(page.sourceUrl).toBeNull();
    expect(new Date(page.startsAt).getTime() - new Date(page.serverTime).getTime()).toBe(startsIn);
    expect(page.chatOpen).toBe(false);
    expect(JSON.stringify(page)).not.toContain('m3u8');
    // A member of another city does not see it.
    const other = await t.ctx.db.selectFrom('accounts').innerJoin('members', 'members.id', 'accounts.member_id').select('accounts.username')
      .where('members.org_path', 'not like', `${memberCity.path}%`).executeTakeFirst();
    if (other) expect((await call('GET', `/api/me/live/${id}`, other.username)).statusCode).toBe(404);
    // Too early to start; presence before the start counts nothing.
    expect((await call('POST', `/api/learning/live/${id}/start`, staff)).json().code).toBe('learning.live_too_early');
    expect(await ok(call('POST', `/api/learning/live/${id}/presence`, member))).toMatchObject({ status: 'scheduled', watchedSeconds: 0, credit: null });
  });

  it('gives the source once started, and counts viewers from presence', async () => {
    t.clock.advance(startsIn - 10 * MIN);
    await ok(call('POST', `/api/learning/live/${id}/start`, staff));
    const page = await ok(call('GET', `/api/me/live/${id}`, member));
    expect(page).toMatchObject({ status: 'live', sourceUrl: 'https://live.example.cn/hls/plenum/index.m3u8', chatOpen: true, viewers: 0 });
    // Three other members of the city are present too (written as their heartbeats would).
    const others = await t.ctx.db.selectFrom('members').select('id').where('org_path', 'like', `${memberCity.path}%`).where('id', '!=', memberId).limit(3).execute();
    const now = t.clock.now();
    await t.ctx.db.insertInto('learning_live_presence').values(others.map((o, i) => ({
      event_id: id, member_id: o.id, day: '2026-09-01', first_seen_at: now, last_seen_at: new Date(now.getTime() - (i === 2 ? 90_000 : 10_000)),
    }))).execute();
    t.clock.advance(VIEWERS_CACHE_MS + 1);
    const beat = await ok(call('POST', `/api/learning/live/${id}/presence`, member));
    expect(beat.viewers).toBe(3); // the member and two others seen within 60 s; the third was last seen 90 s ago
    expect((await ok(call('GET', `/api/me/live/${id}`, member))).viewers).toBe(3);
  });

  it('credits attendance once a day, after the completion share of the credit minutes', async () => {
    // 10 credit minutes at 90 %: 540 s. Heartbeats every 30 s; a 2-minute gap counts nothing.
    await ok(call('POST', `/api/learning/live/${id}/presence`, member));
    t.clock.advance(2 * MIN);
    let r = await ok(call('POST', `/api/learning/live/${id}/presence`, member));
    const afterGap = r.watchedSeconds;
    for (let i = 0; i < 17; i++) {
      t.clock.advance(30_000);
      r = await ok(call('POST', `/api/learning/live/${id}/presence`, member));
      expect(r.credit).toBeNull();
    }
    expect(r.watchedSeconds).toBe(afterGap + 510);
    t.clock.advance(30_000);
    r = await ok(call('POST', `/api/learning/live/${id}/presence`, member));
    expect(r.credit).toMatchObject({ awarded: true, minutes: 10 });
    t.clock.advance(30_000);
    expect((await ok(call('POST', `/api/learning/live/${id}/presence`, member))).credit).toBeNull();
    const credits = await t.ctx.db.selectFrom('learning_credits').selectAll().where('member_id', '=', memberId).where('source_type', '=', 'learning.live').execute();
    expect(credits).toHaveLength(1);
    expect(credits[0]).toMatchObject({ kind: 'live', source_id: id, minutes: 10 });
    expect((await ok(call('GET', `/api/me/live/${id}`, member))).credited).toBe(true);
  });

  it('decides presence beats arriving together each for its own member: time counted once, another city’s member refused', async () => {
    const free = (path: string, like: boolean) => t.ctx.db.selectFrom('members').select('id').where('org_path', like ? 'like' : 'not like', `${path}%`)
      .where('departed_on', 'is', null).where('id', 'not in', t.ctx.db.selectFrom('accounts').select('member_id').where('member_id', 'is not', null))
      .where('id', 'not in', t.ctx.db.selectFrom('learning_live_presence').select('member_id')).orderBy('id').limit(3).execute();
    const hash = await hashPassword(DEMO_PASSWORD);
    const account = async (username: string, memberIdOf: string) => {
      await t.ctx.db.insertInto('accounts').values({ username, display_name: username, kind: 'member', member_id: memberIdOf, password_hash: hash, is_demo: true }).execute();
      return username;
    };
    const users = await Promise.all((await free(memberCity.path, true)).map((m, i) => account(`live-together-${i}`, m.id)));
    const outsider = await account('live-outsider', (await free(memberCity.path, false))[0].id);
    expect(users).toHaveLength(3);
    const beat = (u: string) => call('POST', `/api/learning/live/${id}/presence`, u);
    for (const r of await Promise.all(users.map(beat))) expect(r.json()).toMatchObject({ status: 'live', watchedSeconds: 0 });
    t.clock.advance(30_000);
    const rs = await Promise.all([...users.map(beat), ...users.map(beat), beat(outsider)]); // each member's page twice, at the same moment
    for (const r of rs.slice(0, 6)) {
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json()).toMatchObject({ status: 'live', watchedSeconds: 30, credit: null });
      expect(r.json().viewers).toBeGreaterThanOrEqual(1);
    }
    expect(rs[6].statusCode).toBe(404);
    const rows = await t.ctx.db.selectFrom('learning_live_presence').innerJoin('accounts', 'accounts.member_id', 'learning_live_presence.member_id')
      .select(['accounts.username', 'watched_seconds']).where('event_id', '=', id).where('accounts.username', 'like', 'live-%').orderBy('accounts.username').execute();
    expect(rows).toEqual(users.map((username) => ({ username, watched_seconds: 30 })));
  });

  it('shows clean chat at once, holds flagged messages, rate-limits, and moderation shows or hides them', async () => {
    await ok(call('POST', '/api/safety/words', 'demo-secadmin', { words: ['违禁测试词'] }));
    t.clock.advance(10_000);
    const clean = await ok(call('POST', `/api/learning/live/${id}/chat`, member, { text: '认真学习，深刻领会' }), 201);
    expect(clean.state).toBe('shown');
    const tooSoon = await call('POST', `/api/learning/live/${id}/chat`, member, { text: '再说一句' });
    expect(tooSoon.statusCode).toBe(429);
    expect(tooSoon.json().code).toBe('learning.chat_rate_limited');
    t.clock.advance(10_000);
    const flagged = await ok(call('POST', `/api/learning/live/${id}/chat`, member, { text: '这里有违禁测试词' }), 201);
    expect(flagged.state).toBe('held');
    expect((await call('POST', `/api/learning/live/${id}/chat`, member, { text: 'x'.repeat(201) })).statusCode).toBe(400);

    const feed = await ok(call('GET', `/api/me/live/${id}/messages`, member));
    expect(feed.items.map((m: { text: string }) => m.text)).toEqual(['认真学习，深刻领会']);
    const queue = await ok(call('GET', `/api/learning/live/${id}/messages`, staff));
    expect(queue.items).toHaveLength(1);
    expect(queue.items[0]).toMatchObject({ id: flagged.id, state: 'held', words: ['违禁测试词'] });
    expect((await call('POST', `/api/learning/live/messages/${flagged.id}/approve`, otherStaff)).statusCode).toBe(403);
    await ok(call('POST', `/api/learning/live/messages/${flagged.id}/approve`, staff));
    const next = await ok(call('GET', `/api/me/live/${id}/messages?after=${feed.last}`, member));
    expect(next.items.map((m: { id: string; removed: boolean }) => [m.id, m.removed])).toEqual([[flagged.id, false]]);
    expect((await call('POST', `/api/learning/live/messages/${clean.id}/hide`, staff, { reason: '' })).statusCode).toBe(400);
    await ok(call('POST', `/api/learning/live/messages/${clean.id}/hide`, staff, { reason: '与主题无关' }));
    const removed = await ok(call('GET', `/api/me/live/${id}/messages?after=${next.last}`, member));
    expect(removed.items).toEqual([expect.objectContaining({ id: clean.id, removed: true, text: '' })]);
    expect((await ok(call('GET', `/api/me/live/${id}/messages`, member))).items.map((m: { id: string }) => m.id)).toEqual([flagged.id]);
  });

  it('masks other members’ names in the chat', async () => {
    const other = await t.ctx.db.selectFrom('members').select(['id', 'name']).where('org_path', 'like', `${memberCity.path}%`).where('id', '!=', memberId).limit(1).executeTakeFirstOrThrow();
    const acc = await t.ctx.db.selectFrom('accounts').select('id').where('username', '=', member).executeTakeFirstOrThrow();
    await t.ctx.db.insertInto('learning_live_messages').values({ event_id: id, member_id: other.id, account_id: acc.id, text: '他人发言', state: 'shown', created_at: t.clock.now(), seq: '999999' }).execute();
    const feed = await ok(call('GET', `/api/me/live/${id}/messages`, member));
    const msg = feed.items.find((m: { text: string }) => m.text === '他人发言');
    expect(msg.name).toBe([...other.name].map((c, i) => (i === 0 ? c : '*')).join(''));
    expect(feed.items.find((m: { mine: boolean }) => m.mine).name).not.toContain('*');
  });

  it('ends, refuses a second recording, and attaches the recording as a lesson members can study', async () => {
    expect((await call('POST', `/api/learning/live/${id}/recording`, staff, { videoUrl: '/demo/clip.mp4', durationSeconds: 3000 })).json().code).toBe('learning.live_not_ended');
    await ok(call('POST', `/api/learning/live/${id}/end`, staff));
    const page = await ok(call('GET', `/api/me/live/${id}`, member));
    expect(page).toMatchObject({ status: 'ended', sourceUrl: null, chatOpen: false });
    const bad = await call('POST', `/api/learning/live/${id}/recording`, staff, {});
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['mediaAssetId', 'durationSeconds']));
    const { id: lessonId } = await ok(call('POST', `/api/learning/live/${id}/recording`, staff, { videoUrl: '/demo/clip.mp4', durationSeconds: 3000 }), 201);
    expect((await call('POST', `/api/learning/live/${id}/recording`, staff, { videoUrl: '/demo/clip.mp4', durationSeconds: 3000 })).statusCode).toBe(409);
    expect((await ok(call('GET', `/api/me/live/${id}`, member))).recordingLessonId).toBe(lessonId);
    const lesson = await ok(call('GET', `/api/me/lessons/${lessonId}`, member));
    expect(lesson).toMatchObject({ kind: 'video', title: '学习贯彻全会精神直播课（回放）', durationSeconds: 3000 });
    expect((await call('POST', `/api/learning/lessons/${lessonId}/start`, member)).statusCode).toBe(200);
    const ended = await ok(call('GET', '/api/me/live?when=ended', member));
    expect(ended.items.map((e: { id: string }) => e.id)).toContain(id);
    const audit = await t.ctx.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'learning_live_event').where('entity_id', '=', id).execute();
    expect(new Set(audit.map((a) => a.action))).toEqual(new Set(['learning.live.create', 'learning.live.start', 'learning.live.attend', 'learning.live.chat',
      'learning.live.chat_approve', 'learning.live.chat_hide', 'learning.live.end', 'learning.live.recording']));
  });

  it('credits an event once a day however long the member stays', async () => {
    const { id: again } = await ok(call('POST', '/api/learning/live', staff, eventBody({ title: '连续两天的直播', creditMinutes: 1, startsAt: iso(10 * MIN), endsAt: iso(DAY / 2) })), 201);
    await ok(call('POST', `/api/learning/live/${again}/start`, staff));
    const attend = async () => {
      let r = await ok(call('POST', `/api/learning/live/${again}/presence`, member));
      for (let i = 0; i < 3 && !r.credit; i++) { t.clock.advance(30_000); r = await ok(call('POST', `/api/learning/live/${again}/presence`, member)); }
      return r.credit;
    };
    expect(await attend()).toMatchObject({ awarded: true, minutes: 1 });
    t.clock.advance(DAY / 4);
    expect((await ok(call('POST', `/api/learning/live/${again}/presence`, member))).credit).toBeNull();
  });
});
