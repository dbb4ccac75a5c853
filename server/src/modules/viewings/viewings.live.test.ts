/**
 * 集中收看 of a live event (直播课堂) or of a lesson (F-72, issue 12 item 3): what may be chosen (an event the station's
 * members see, neither cancelled nor ended, at the event's time; a video lesson of a published course they see; not
 * both), each refusal a 400 in Chinese that stores nothing; the schedule form's choices; and confirmation crediting the
 * event's own attendance credit, so a member already credited for watching on their own phone that day is not
 * credited twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { demoFixtures, type DemoFixtures } from '../../../test/fixtures.js';

let t: TestApp;
let f: DemoFixtures;
let hz: string;
let nb: string;
let member: string;
let memberId: string;
/** A station whose organization's subtree holds demo-member's branch. */
let home: { id: string; path: string };
const T0 = new Date('2026-12-01T23:00:00Z'); // 07:00 on 2 December in China
const at = (chinaTime: string) => new Date(`2026-12-02T${chinaTime}:00+08:00`);

async function login() {
  [hz, nb, member] = await Promise.all([t.login('demo-hangzhou'), t.login('demo-ningbo'), t.login('demo-member')]);
}
async function setClock(d: Date) {
  t.clock.advance(d.getTime() - t.clock.now().getTime());
  await login();
}
async function ok<T = Record<string, unknown> & { id: string }>(p: Promise<{ statusCode: number; body: string; json: () => unknown }>, status = 200): Promise<T> {
  const r = await p;
  expect(r.statusCode, r.body).toBe(status);
  return (r.body ? r.json() : {}) as T;
}
const eventBody = (o: Record<string, unknown> = {}) => ({
  orgId: f.hangzhou.id, title: '学习贯彻全会精神直播课', audiences: ['member'], sourceUrl: 'https://live.example.cn/hls/plenum/index.m3u8',
  startsAt: at('10:00').toISOString(), endsAt: at('11:00').toISOString(), creditMinutes: 45, ...o,
});
const newEvent = async (o: Record<string, unknown> = {}, cookie = hz) => (await ok(t.call('POST', '/api/learning/live', { cookie, body: eventBody(o) }), 201)).id;
const body = (o: Record<string, unknown> = {}) => ({ stationId: home.id, title: '集中收看直播课', startsAt: at('10:00').toISOString(), durationMinutes: 60, organizerName: '王建军', ...o });
const sessions = async () => Number((await sql<{ n: string }>`select count(*)::text as n from viewing_sessions`.execute(t.ctx.db)).rows[0].n);

beforeAll(async () => {
  t = await createTestApp({ clockAt: T0 });
  f = await demoFixtures(t.ctx);
  await login();
  const acc = await t.ctx.db.selectFrom('accounts as a').innerJoin('members as m', 'm.id', 'a.member_id').select(['m.id', 'm.org_path'])
    .where('a.username', '=', 'demo-member').executeTakeFirstOrThrow();
  memberId = acc.id;
  const stations = await t.ctx.db.selectFrom('stations as s').innerJoin('orgs as o', 'o.id', 's.org_id').select(['s.id', 'o.path'])
    .where('s.status', '=', 'active').where('o.path', 'like', `${f.hangzhou.path}%`).orderBy('s.id').execute();
  home = stations.find((s) => acc.org_path.startsWith(s.path))!;
  expect(home).toBeTruthy();
});
afterAll(async () => { await t?.close(); });

describe('scheduling a session of a live event', () => {
  it('stores the event and shows its title, status and credit minutes in the session, the list and the check-in page', async () => {
    await setClock(T0);
    const eventId = await newEvent({ title: '冬训直播：基层治理', startsAt: at('09:00').toISOString(), endsAt: at('10:30').toISOString() });
    // 20 minutes before the event's start: within the 30 minutes allowed either side.
    const s = await ok(t.call('POST', '/api/viewings', { cookie: hz, body: body({ liveEventId: eventId, startsAt: at('08:40').toISOString(), durationMinutes: 120 }) }), 201);
    expect(s).toMatchObject({ liveEventId: eventId, liveEventTitle: '冬训直播：基层治理', liveEventStatus: 'scheduled', creditMinutes: 45, durationMinutes: 120, lessonId: null, liveTitle: null });
    const list = await ok<{ items: { id: string; liveEventTitle: string | null }[] }>(t.call('GET', `/api/viewings?stationId=${home.id}`, { cookie: hz }));
    expect(list.items.find((i) => i.id === s.id)?.liveEventTitle).toBe('冬训直播：基层治理');
    const page = await ok(t.call('GET', `/api/viewing-checkin/${s.checkinCode as string}`, { cookie: member }));
    expect(page).toMatchObject({ liveEventId: eventId, liveEventTitle: '冬训直播：基层治理', liveEventStatus: 'scheduled' });
    // Cancelled so that the station is free for the other tests.
    await ok(t.call('POST', `/api/viewings/${s.id}/cancel`, { cookie: hz, body: { reason: '改期' } }));
  });

  it('refuses each bad choice with a 400 naming the field in Chinese, and stores nothing', async () => {
    await setClock(T0);
    const good = await newEvent();
    const cancelled = await newEvent({ title: '将取消的直播' });
    await ok(t.call('POST', `/api/learning/live/${cancelled}/cancel`, { cookie: hz, body: { reason: '主讲人临时有事' } }));
    const ningbo = await newEvent({ orgId: f.ningbo.id, title: '宁波市的直播' }, nb);
    const lesson = (await t.ctx.db.selectFrom('learning_lessons').select('id').where('removed_at', 'is', null).orderBy('id').executeTakeFirstOrThrow()).id;
    const before = await sessions();
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ liveEventId: '999999999' }, 'liveEventId', /所选直播不存在/],
      [{ liveEventId: cancelled }, 'liveEventId', /所选直播已取消/],
      [{ liveEventId: ningbo }, 'liveEventId', /不面向本站点所属党组织/],
      [{ liveEventId: good, startsAt: at('10:31').toISOString() }, 'startsAt', /前后30分钟以内/],
      [{ liveEventId: good, startsAt: at('09:29').toISOString() }, 'startsAt', /直播计划开始时间（2026-12-02 10:00）/],
      [{ liveEventId: good, lessonId: lesson }, 'liveEventId', /只能收看一个课时或一场直播/],
      [{ liveEventId: good, liveTitle: '另填的直播名称' }, 'liveTitle', /无需再填写直播名称/],
      [{ lessonId: '999999999' }, 'lessonId', /所选课时不存在/],
    ];
    for (const [over, field, message] of cases) {
      const r = await t.call('POST', '/api/viewings', { cookie: hz, body: body(over) });
      expect(r.statusCode, JSON.stringify(over)).toBe(400);
      expect(r.headers['content-type']).toContain('application/problem+json');
      const errors = r.json().errors as { field: string; message: string }[];
      expect(errors.find((e) => e.field === field)?.message, JSON.stringify(errors)).toMatch(message);
    }
    expect(await sessions()).toBe(before);
  });

  it('refuses an event that has ended', async () => {
    await setClock(T0);
    const ended = await newEvent({ title: '早间直播', startsAt: at('07:10').toISOString(), endsAt: at('07:40').toISOString() });
    await ok(t.call('POST', `/api/learning/live/${ended}/start`, { cookie: hz }));
    await ok(t.call('POST', `/api/learning/live/${ended}/end`, { cookie: hz }));
    const r = await t.call('POST', '/api/viewings', { cookie: hz, body: body({ liveEventId: ended, startsAt: at('07:10').toISOString() }) });
    expect(r.statusCode).toBe(400);
    expect(r.json().errors).toEqual([{ field: 'liveEventId', message: '所选直播已结束；如需集中收看，请选择其回放课时' }]);
  });
});

describe('the schedule form’s choices', () => {
  it('offers the station’s visible upcoming events, soonest first, paged, and refuses another city’s staff', async () => {
    await setClock(T0);
    const later = await newEvent({ title: '选择测试：晚场', startsAt: at('20:00').toISOString(), endsAt: at('21:00').toISOString() });
    const earlier = await newEvent({ title: '选择测试：早场', startsAt: at('19:00').toISOString(), endsAt: at('20:00').toISOString() });
    const dropped = await newEvent({ title: '选择测试：已取消', startsAt: at('19:30').toISOString(), endsAt: at('20:00').toISOString() });
    await ok(t.call('POST', `/api/learning/live/${dropped}/cancel`, { cookie: hz, body: { reason: '取消' } }));
    const foreign = await newEvent({ orgId: f.ningbo.id, title: '选择测试：宁波' }, nb);
    const q = encodeURIComponent('选择测试');
    const first = await ok<{ items: { id: string }[]; nextCursor: string }>(t.call('GET', `/api/viewings/live-events?stationId=${home.id}&q=${q}&limit=1`, { cookie: hz }));
    expect(first.items.map((i) => i.id)).toEqual([earlier]);
    const second = await ok<{ items: { id: string }[] }>(t.call('GET', `/api/viewings/live-events?stationId=${home.id}&q=${q}&limit=1&cursor=${first.nextCursor}`, { cookie: hz }));
    expect(second.items.map((i) => i.id)).toEqual([later]);
    const all = await ok<{ items: { id: string }[] }>(t.call('GET', `/api/viewings/live-events?stationId=${home.id}&limit=50`, { cookie: hz }));
    expect(all.items.map((i) => i.id)).not.toContain(dropped);
    expect(all.items.map((i) => i.id)).not.toContain(foreign);
    expect((await t.call('GET', `/api/viewings/live-events?stationId=${home.id}`, { cookie: nb })).statusCode).toBe(403);
    expect((await t.call('GET', `/api/viewings/lessons?stationId=${home.id}`, { cookie: nb })).statusCode).toBe(403);
  });

  it('offers video lessons of published courses and schedules one; a lesson of a draft course is refused', async () => {
    await setClock(T0);
    const topicId = (await ok<{ items: { id: string }[] }>(t.call('GET', '/api/learning/topics', { cookie: hz }))).items[0].id;
    const course = async (title: string, publish: boolean) => {
      const id = (await ok(t.call('POST', '/api/learning/courses', { cookie: hz, body: { orgId: f.hangzhou.id, topicId, title, audiences: ['member'] } }), 201)).id;
      const lesson = (await ok(t.call('POST', `/api/learning/courses/${id}/lessons`, { cookie: hz, body: { kind: 'video', title: `${title}第一讲`, videoUrl: '/demo/clip.mp4', durationSeconds: 1800 } }), 201)).id;
      if (publish) await ok(t.call('POST', `/api/learning/courses/${id}/publish`, { cookie: hz }));
      return lesson;
    };
    const published = await course('集中收看课程', true);
    const draft = await course('未发布课程', false);
    const choices = await ok<{ items: { id: string; courseTitle: string }[] }>(t.call('GET', `/api/viewings/lessons?stationId=${home.id}&q=${encodeURIComponent('集中收看课程')}`, { cookie: hz }));
    expect(choices.items).toEqual([expect.objectContaining({ id: published, courseTitle: '集中收看课程', durationSeconds: 1800 })]);
    const refused = await t.call('POST', '/api/viewings', { cookie: hz, body: body({ lessonId: draft, startsAt: at('15:00').toISOString() }) });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toEqual([{ field: 'lessonId', message: '所选课时已删除或所属课程未发布，请重新选择' }]);
    const s = await ok(t.call('POST', '/api/viewings', { cookie: hz, body: body({ lessonId: published, startsAt: at('15:00').toISOString() }) }), 201);
    expect(s).toMatchObject({ lessonId: published, lessonTitle: '《集中收看课程》集中收看课程第一讲', liveEventId: null, creditMinutes: 60 });
    await ok(t.call('POST', `/api/viewings/${s.id}/cancel`, { cookie: hz, body: { reason: '改期' } }));
  });
});

describe('confirming a session of a live event', () => {
  it('credits present members the event’s minutes as live attendance; a member who watched on their phone that day is already_today', async () => {
    await setClock(T0);
    const eventId = await newEvent({ title: '午间直播课', startsAt: at('12:00').toISOString(), endsAt: at('13:00').toISOString(), creditMinutes: 2 });
    const s = await ok(t.call('POST', '/api/viewings', { cookie: hz, body: body({ liveEventId: eventId, title: '午间集中收看', startsAt: at('12:00').toISOString(), durationMinutes: 60 }) }), 201);
    await setClock(at('11:50'));
    const roll = (await ok<{ items: { memberId: string }[] }>(t.call('GET', `/api/viewings/${s.id}/roll?limit=200`, { cookie: hz }))).items
      .map((i) => i.memberId).filter((id) => id !== memberId).slice(0, 2);
    for (const id of roll) await ok(t.call('PUT', `/api/viewings/${s.id}/attendance/${id}`, { cookie: hz, body: { present: true } }), 204);
    await ok(t.call('POST', `/api/viewing-checkin/${s.checkinCode as string}`, { cookie: member }));

    // demo-member also watches on their phone: the event starts, and heartbeats every 30 s reach 90 % of 2 minutes.
    await setClock(at('12:00'));
    await ok(t.call('POST', `/api/learning/live/${eventId}/start`, { cookie: hz }));
    let credited = false;
    for (let i = 0; i < 6 && !credited; i++) {
      const beat = await ok<{ credit: { awarded: boolean } | null }>(t.call('POST', `/api/learning/live/${eventId}/presence`, { cookie: member }));
      credited = beat.credit?.awarded === true;
      t.clock.advance(30_000);
    }
    expect(credited).toBe(true);
    await ok(t.call('POST', `/api/learning/live/${eventId}/end`, { cookie: hz }));

    await setClock(at('13:05'));
    const r = await ok(t.call('POST', `/api/viewings/${s.id}/confirm`, { cookie: hz }));
    expect(r).toMatchObject({ changed: true, credited: 2, capped: 0, alreadyToday: 1, dailyCap: 0, departed: 0 });
    expect(r.session).toMatchObject({ status: 'closed', liveEventStatus: 'ended', creditMinutes: 2 });
    const ledger = await t.ctx.db.selectFrom('learning_credits').select(['member_id', 'kind', 'minutes', 'day'])
      .where('source_type', '=', 'learning.live').where('source_id', '=', eventId).orderBy('member_id').execute();
    expect(ledger.map((c) => c.member_id).sort()).toEqual([...roll, memberId].sort());
    expect(ledger.every((c) => c.kind === 'live' && c.minutes === 2 && c.day === '2026-12-02')).toBe(true);
    expect(await t.ctx.db.selectFrom('learning_credits').select('id').where('source_type', '=', 'viewing.session').where('source_id', '=', s.id).execute()).toEqual([]);
    const present = (await ok<{ items: { memberId: string; creditOutcome: string; creditMinutes: number | null }[] }>(t.call('GET', `/api/viewings/${s.id}/roll?present=true`, { cookie: hz }))).items;
    expect(present.find((p) => p.memberId === memberId)).toMatchObject({ creditOutcome: 'already_today', creditMinutes: null });
    expect(present.filter((p) => p.memberId !== memberId).map((p) => [p.creditOutcome, p.creditMinutes])).toEqual([['awarded', 2], ['awarded', 2]]);
  });

  it('refuses to credit when the event was cancelled after the session was scheduled', async () => {
    await setClock(T0);
    const eventId = await newEvent({ title: '傍晚直播课', startsAt: at('17:00').toISOString(), endsAt: at('18:00').toISOString() });
    const s = await ok(t.call('POST', '/api/viewings', { cookie: hz, body: body({ liveEventId: eventId, startsAt: at('17:00').toISOString() }) }), 201);
    await ok(t.call('POST', `/api/learning/live/${eventId}/cancel`, { cookie: hz, body: { reason: '改期' } }));
    await setClock(at('17:10'));
    const r = await t.call('POST', `/api/viewings/${s.id}/confirm`, { cookie: hz });
    expect(r.statusCode).toBe(409);
    expect(r.json()).toMatchObject({ code: 'viewing.live_cancelled' });
    expect((await ok(t.call('GET', `/api/viewings/${s.id}`, { cookie: hz }))).status).toBe('scheduled');
  });
});

describe('adjusting a session (调整安排)', () => {
  it('follows a live event that was moved: flagged, refused outside the event’s 30 minutes, moved within them and audited', async () => {
    await setClock(T0);
    const eventId = await newEvent({ title: '晚间直播课', startsAt: at('19:00').toISOString(), endsAt: at('20:00').toISOString() });
    const s = await ok<{ id: string; version: number }>(t.call('POST', '/api/viewings', { cookie: hz, body: body({ liveEventId: eventId, title: '集中收看晚间直播课', startsAt: at('19:00').toISOString() }) }), 201);
    expect(s).toMatchObject({ liveEventMoved: false, liveEventStartsAt: at('19:00').toISOString() });
    // The event is put back an hour: the session says so.
    const ev = await ok<{ version: number }>(t.call('GET', `/api/learning/live/${eventId}`, { cookie: hz }));
    await ok(t.call('PUT', `/api/learning/live/${eventId}`, { cookie: hz, body: { ...eventBody({ title: '晚间直播课', startsAt: at('20:00').toISOString(), endsAt: at('21:00').toISOString(), orgId: undefined }), version: ev.version } }));
    const moved = await ok<{ version: number }>(t.call('GET', `/api/viewings/${s.id}`, { cookie: hz }));
    expect(moved).toMatchObject({ liveEventMoved: true, liveEventStartsAt: at('20:00').toISOString(), startsAt: at('19:00').toISOString(), canAdjust: true });

    // Outside the event's 30 minutes: refused in Chinese, nothing changed.
    const far = await t.call('PATCH', `/api/viewings/${s.id}`, { cookie: hz, body: { version: moved.version, startsAt: at('19:20').toISOString() } });
    expect(far.statusCode, far.body).toBe(400);
    expect(far.json().errors).toEqual([expect.objectContaining({ field: 'startsAt', message: expect.stringContaining('前后30分钟以内') })]);
    // Another city's staff may not adjust it.
    expect((await t.call('PATCH', `/api/viewings/${s.id}`, { cookie: nb, body: { version: moved.version, startsAt: at('20:00').toISOString() } })).statusCode).toBe(403);

    const done = await ok(t.call('PATCH', `/api/viewings/${s.id}`, { cookie: hz, body: { version: moved.version, startsAt: at('19:50').toISOString(), durationMinutes: 90, notes: '直播推迟一小时' } }));
    expect(done).toMatchObject({ startsAt: at('19:50').toISOString(), durationMinutes: 90, notes: '直播推迟一小时', liveEventMoved: false, version: moved.version + 1 });
    const row = await t.ctx.db.selectFrom('audit_log').select(['before', 'after', 'actor_name']).where('action', '=', 'viewing.update').where('entity_id', '=', s.id).executeTakeFirstOrThrow();
    const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);
    expect(json(row.before)).toEqual({ startsAt: at('19:00').toISOString(), durationMinutes: 60, notes: null });
    expect(json(row.after)).toEqual({ startsAt: at('19:50').toISOString(), durationMinutes: 90, notes: '直播推迟一小时' });
    expect(row.actor_name).toBe('demo-hangzhou');

    // A change made from an older copy is refused.
    const stale = await t.call('PATCH', `/api/viewings/${s.id}`, { cookie: hz, body: { version: moved.version, title: '旧页面上的修改' } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'conflict.version' });
    // The station's next session is in the way of a longer one.
    await ok(t.call('POST', '/api/viewings', { cookie: hz, body: body({ title: '夜间学习', startsAt: at('21:30').toISOString(), durationMinutes: 30 }) }), 201);
    const clash = await t.call('PATCH', `/api/viewings/${s.id}`, { cookie: hz, body: { version: moved.version + 1, durationMinutes: 120 } });
    expect(clash.statusCode, clash.body).toBe(400);
    expect(clash.json().errors).toEqual([expect.objectContaining({ field: 'startsAt', message: expect.stringContaining('夜间学习') })]);
    // An empty title is refused with the field named.
    const blank = await t.call('PATCH', `/api/viewings/${s.id}`, { cookie: hz, body: { version: moved.version + 1, title: '   ' } });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().errors).toEqual([expect.objectContaining({ field: 'title' })]);
    // Once it has started, it is no longer adjusted.
    await setClock(at('19:55'));
    const late = await t.call('PATCH', `/api/viewings/${s.id}`, { cookie: hz, body: { version: moved.version + 1, notes: '开始后修改' } });
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ code: 'viewing.started' });
    expect(await ok(t.call('GET', `/api/viewings/${s.id}`, { cookie: hz }))).toMatchObject({ canManage: true, canAdjust: false });
    expect((await ok(t.call('GET', `/api/viewings/${s.id}`, { cookie: hz }))).notes).toBe('直播推迟一小时');
  });
});
