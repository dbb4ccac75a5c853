/**
 * Courses, watching, quizzes and reading (F-70, F-71): a member's credit comes from seconds actually watched (not the
 * playhead), once a day; one stream per account; tokens signed and used once; quizzes scored on the server; reading
 * credited after the minimum time only; a city's course is not there for another city's members; bad input changes
 * nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DEMO_PASSWORD, type TestApp } from '../../../test/test-app.js';
import { hashPassword } from '../../platform/passwords.js';
import { demoFixtures, type DemoFixtures } from '../../../test/fixtures.js';
import type { Actor } from '../../platform/actor.js';
import { startReading } from './learning.reading.js';
import { myCourses } from './learning.catalogue.js';

let t: TestApp;
let f: DemoFixtures;
const cookies = new Map<string, string>();
const province = 'demo-province';
const member = 'demo-member';
/** A request as `user`, signing in again when the session has run out (the tests move the clock by hours and days). */
async function call(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, o: { cookie: string; body?: unknown }) {
  const user = o.cookie;
  if (!cookies.has(user)) cookies.set(user, await t.login(user));
  let r = await t.call(method, url, { cookie: cookies.get(user)!, body: o.body });
  if (r.statusCode === 401) {
    cookies.set(user, await t.login(user));
    r = await t.call(method, url, { cookie: cookies.get(user)!, body: o.body });
  }
  return r;
}
let memberId: string;
let memberCity: { id: string; path: string };
let otherCity: { id: string; path: string };
let topicId: string;
const SEC = 1000;
const DAY = 86_400_000;

beforeAll(async () => {
  t = await createTestApp({ clockAt: new Date('2026-09-01T01:00:00Z') }); // 09:00 in China
  f = await demoFixtures(t.ctx);
  const acc = await t.ctx.db.selectFrom('accounts').innerJoin('members', 'members.id', 'accounts.member_id').select(['members.id', 'members.org_path'])
    .where('username', '=', 'demo-member').executeTakeFirstOrThrow();
  memberId = acc.id;
  [memberCity, otherCity] = acc.org_path.startsWith(f.hangzhou.path) ? [f.hangzhou, f.ningbo] : [f.ningbo, f.hangzhou];
  topicId = (await call('GET', '/api/learning/topics', { cookie: member })).json().items[0].id;
});
afterAll(async () => { await t?.close(); });

const ok = async (p: ReturnType<typeof call>, status = 200) => {
  const r = await p;
  expect(r.statusCode, r.body).toBe(status);
  return r.json();
};

async function publishedCourse(orgId: string, lessons: Record<string, unknown>[], title = '测试课程'): Promise<{ courseId: string; lessonIds: string[] }> {
  const { id } = await ok(call('POST', '/api/learning/courses', { cookie: province, body: { orgId, topicId, title, audiences: ['member'], description: '说明' } }), 201);
  const lessonIds: string[] = [];
  for (const l of lessons) lessonIds.push((await ok(call('POST', `/api/learning/courses/${id}/lessons`, { cookie: province, body: l }), 201)).id);
  await ok(call('POST', `/api/learning/courses/${id}/publish`, { cookie: province }));
  return { courseId: id, lessonIds };
}
const video = (title: string, durationSeconds: number) => ({ kind: 'video', title, videoUrl: '/demo/clip.mp4', durationSeconds });

const start = (lessonId: string, cookie = member) => ok(call('POST', `/api/learning/lessons/${lessonId}/start`, { cookie }));
const beat = (token: string, position: number, cookie = member) => call('POST', '/api/learning/heartbeats', { cookie, body: { token, position, playing: true } });
/** Watches [from, to] in real 15-second steps; returns the last answer. */
async function watch(token: string, from: number, to: number) {
  let r = await ok(beat(token, from));
  for (let pos = from + 15; pos <= to; pos += 15) {
    t.clock.advance(15 * SEC);
    r = await ok(beat(r.token, pos));
    if (r.credit) return r;
  }
  return r;
}
const ledger = () => t.ctx.db.selectFrom('learning_credits').selectAll().where('member_id', '=', memberId).where('source_type', 'like', 'learning.%').orderBy('id').execute();

describe('watching a video lesson', () => {
  let lessonId: string;
  beforeAll(async () => { lessonId = (await publishedCourse(memberCity.id, [video('十分钟党课', 600)])).lessonIds[0]; });

  it('counts nothing for seeking ahead', async () => {
    const s = await start(lessonId);
    expect(s).toMatchObject({ intervalSeconds: 15, durationSeconds: 600, completionPercent: 90, coveredSeconds: 0 });
    const first = await ok(beat(s.token, 0));
    t.clock.advance(15 * SEC);
    const jumped = await ok(beat(first.token, 500));
    expect(jumped).toMatchObject({ counted: 0, coveredSeconds: 0, completed: false, credit: null });
    t.clock.advance(15 * SEC);
    const after = await ok(beat(jumped.token, 515)); // watching on from where it jumped counts
    expect(after).toMatchObject({ counted: 15, coveredSeconds: 15 });
  });

  it('does not count a playhead that runs faster than the clock, nor a long gap', async () => {
    const s = await start(lessonId);
    const a = await ok(beat(s.token, 100));
    t.clock.advance(5 * SEC);
    const fast = await ok(beat(a.token, 130)); // 30 s of video in 5 s
    expect(fast.counted).toBe(0);
    t.clock.advance(120 * SEC);
    const gap = await ok(beat(fast.token, 200)); // 70 s after 2 minutes without a heartbeat
    expect(gap.counted).toBe(0);
  });

  it('accepts a token once when the same heartbeat arrives twice at the same moment: one counts, the other gets 409', async () => {
    const own = (await publishedCourse(memberCity.id, [video('同时到达的心跳', 600)], '并发心跳课程')).lessonIds[0];
    const s = await start(own);
    const a = await ok(beat(s.token, 0));
    t.clock.advance(15 * SEC);
    const both = await Promise.all([beat(a.token, 15), beat(a.token, 15)]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const won = both.find((r) => r.statusCode === 200)!.json();
    expect(won).toMatchObject({ counted: 15, coveredSeconds: 15 });
    expect(both.find((r) => r.statusCode === 409)!.json().code).toBe('learning.token_used');
    t.clock.advance(15 * SEC);
    expect(await ok(beat(won.token, 30))).toMatchObject({ counted: 15, coveredSeconds: 30 }); // the winner's token goes on
  });

  it('decides heartbeats arriving together each on its own stream: each counted, a replay and a borrowed token refused', async () => {
    const own = (await publishedCourse(memberCity.id, [video('集中学习课时', 600)], '同时学习课程')).lessonIds[0];
    const others = await t.ctx.db.selectFrom('members').select('id').where('org_path', 'like', `${memberCity.path}%`).where('departed_on', 'is', null)
      .where('id', '!=', memberId).where('id', 'not in', t.ctx.db.selectFrom('accounts').select('member_id').where('member_id', 'is not', null))
      .orderBy('id').limit(5).execute();
    expect(others).toHaveLength(5);
    const hash = await hashPassword(DEMO_PASSWORD);
    const users: string[] = [];
    for (const [i, m] of others.entries()) {
      await t.ctx.db.insertInto('accounts').values({ username: `together-${i}`, display_name: `同学${i}`, kind: 'member', member_id: m.id, password_hash: hash, is_demo: true }).execute();
      users.push(`together-${i}`);
    }
    const streams = await Promise.all(users.map((u) => start(own, u)));
    const first = await Promise.all(streams.map(async (s, i) => ok(beat(s.token, 0, users[i]))));
    t.clock.advance(15 * SEC);
    const answers = await Promise.all([
      ...first.map((a, i) => beat(a.token, 10 + i, users[i])), // each watched 10 + i seconds
      beat(first[0].token, 14, users[0]), // the same token again, at the same moment
      beat(first[1].token, 14, users[2]), // another account's token
    ]);
    const own0 = answers.slice(0, 5);
    const replayed = [answers[0], answers[5]];
    expect(replayed.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(answers[6].statusCode).toBe(400);
    expect(answers[6].json().code).toBe('learning.bad_token');
    for (const [i, r] of own0.entries()) {
      if (i === 0 && r.statusCode === 409) continue; // the replay won the race: its own count is checked below
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json()).toMatchObject({ counted: 10 + i, coveredSeconds: 10 + i });
    }
    const rows = await t.ctx.db.selectFrom('learning_progress').select(['member_id', 'covered_seconds']).where('lesson_id', '=', own)
      .where('member_id', 'in', others.map((m) => m.id)).execute();
    const won0 = replayed.find((r) => r.statusCode === 200)!.json();
    expect(Object.fromEntries(rows.map((r) => [r.member_id, r.covered_seconds]))).toEqual(
      Object.fromEntries(others.map((m, i) => [m.id, i === 0 ? won0.coveredSeconds : 10 + i])));
  });

  it('completes at 90 % covered, credits once; again the same day → already today; the next day → credited again', async () => {
    let s = await start(lessonId);
    const done = await watch(s.token, 0, 600);
    expect(done.completed).toBe(true);
    expect(done.coveredSeconds).toBeGreaterThanOrEqual(540);
    expect(done.coveredSeconds).toBeLessThan(600);
    expect(done.credit).toMatchObject({ awarded: true, minutes: 10, reason: null });
    t.clock.advance(15 * SEC);
    const more = await ok(beat(done.token, done.coveredSeconds >= 540 ? 555 : 0));
    expect(more.credit).toBeNull();
    expect((await ledger()).filter((r) => r.source_id === lessonId)).toHaveLength(1);

    s = await start(lessonId); // a second pass, the same day
    expect(s.coveredSeconds).toBe(0);
    const again = await watch(s.token, 0, 600);
    expect(again.credit).toMatchObject({ awarded: false, reason: 'already_today' });
    expect(again.credit.message).toContain('每天只计一次');

    t.clock.advance(DAY);
    s = await start(lessonId);
    const tomorrow = await watch(s.token, 0, 600);
    expect(tomorrow.credit).toMatchObject({ awarded: true, minutes: 10 });
    const rows = (await ledger()).filter((r) => r.source_id === lessonId);
    expect(rows.map((r) => r.kind)).toEqual(['lesson', 'lesson']);
    expect(new Set(rows.map((r) => r.day)).size).toBe(2);
    const me = await ok(call('GET', '/api/me/learning', { cookie: member }));
    expect(me.items[0]).toMatchObject({ sourceType: 'learning.lesson', sourceId: lessonId, minutes: 10, title: '十分钟党课' });
  });

  it('keeps one stream per account: a second start ends the first (409 for its token)', async () => {
    const first = await start(lessonId);
    const a = await ok(beat(first.token, 0));
    const second = await start(lessonId);
    t.clock.advance(15 * SEC);
    const old = await beat(a.token, 15);
    expect(old.statusCode).toBe(409);
    expect(old.json()).toMatchObject({ code: 'learning.stream_ended' });
    expect(old.json().title).toContain('已在其他设备或页面开始学习');
    expect((await beat(second.token, 0)).statusCode).toBe(200);
  });

  it('refuses forged and replayed tokens, changing nothing', async () => {
    const s = await start(lessonId);
    const a = await ok(beat(s.token, 0));
    const [payload, mac] = a.token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const forgedPayload = Buffer.from(JSON.stringify({ ...claims, q: claims.q + 5 })).toString('base64url');
    const before = await t.ctx.db.selectFrom('learning_progress').selectAll().where('member_id', '=', memberId).where('lesson_id', '=', lessonId).executeTakeFirstOrThrow();
    t.clock.advance(15 * SEC);
    const forged = await beat(`${forgedPayload}.${mac}`, 15);
    expect(forged.statusCode).toBe(400);
    expect(forged.json().code).toBe('learning.bad_token');
    expect((await beat('bm90LWEtdG9rZW4.xxxxxxxxxxxx', 15)).statusCode).toBe(400);
    const next = await ok(beat(a.token, 15));
    expect(next.counted).toBe(15);
    t.clock.advance(15 * SEC);
    const replay = await beat(a.token, 30);
    expect(replay.statusCode).toBe(409);
    expect(replay.json().code).toBe('learning.token_used');
    const after = await t.ctx.db.selectFrom('learning_progress').selectAll().where('member_id', '=', memberId).where('lesson_id', '=', lessonId).executeTakeFirstOrThrow();
    expect(after.covered_seconds).toBe(before.covered_seconds + 15);
  });

  it('is for member accounts only', async () => {
    const r = await call('POST', `/api/learning/lessons/${lessonId}/start`, { cookie: 'demo-hangzhou' });
    expect(r.statusCode).toBe(403);
    expect(r.json().code).toBe('learning.not_member');
  });
});

describe('quizzes', () => {
  let quizId: string;
  beforeAll(async () => {
    quizId = (await publishedCourse(memberCity.id, [{
      kind: 'quiz', title: '党章知识测验', passPercent: 60, questions: [
        { text: '党的最高理想和最终目标是', multiple: false, options: ['实现共产主义', '全面小康'], answer: [0] },
        { text: '党员的权利包括', multiple: true, options: ['参加党的有关会议', '在党内选举中行使表决权', '无故不交党费'], answer: [0, 1] },
      ],
    }])).lessonIds[0];
  });

  it('sends the questions to members without their answers', async () => {
    const lesson = await ok(call('GET', `/api/me/lessons/${quizId}`, { cookie: member }));
    expect(lesson.questions).toHaveLength(2);
    expect(JSON.stringify(lesson)).not.toContain('answer');
  });

  it('fails below the pass mark without credit, passes with credit, and tells the right answers afterwards', async () => {
    const [q1, q2] = (await ok(call('GET', `/api/me/lessons/${quizId}`, { cookie: member }))).questions;
    const fail = await ok(call('POST', `/api/learning/lessons/${quizId}/quiz`, { cookie: member, body: { answers: [{ questionId: q1.id, choices: [1] }, { questionId: q2.id, choices: [0] }] } }));
    expect(fail).toMatchObject({ score: 0, passed: false, credit: null });
    expect(fail.results[1].answer).toEqual([0, 1]);
    const pass = await ok(call('POST', `/api/learning/lessons/${quizId}/quiz`, { cookie: member, body: { answers: [{ questionId: q1.id, choices: [0] }, { questionId: q2.id, choices: [1, 0] }] } }));
    expect(pass).toMatchObject({ score: 100, passed: true, credit: { awarded: true, minutes: 10 } });
    expect((await ledger()).filter((r) => r.source_type === 'learning.quiz')).toHaveLength(1);
  });

  it('refuses answers to questions of another quiz, changing nothing', async () => {
    const n = (await t.ctx.db.selectFrom('learning_quiz_attempts').select('id').execute()).length;
    const r = await call('POST', `/api/learning/lessons/${quizId}/quiz`, { cookie: member, body: { answers: [{ questionId: '999999', choices: [0] }] } });
    expect(r.statusCode).toBe(400);
    expect((await t.ctx.db.selectFrom('learning_quiz_attempts').select('id').execute()).length).toBe(n);
  });
});

describe('reading', () => {
  const read = (token: string) => call('POST', '/api/learning/reading/heartbeat', { cookie: member, body: { token } });

  it('credits an article after the minimum reading time only, and not for gaps', async () => {
    const actor = { accountId: f.memberAccount, username: 'demo-member', memberId, grants: [], ip: '127.0.0.1' } as unknown as Actor;
    const s = await startReading(t.ctx, actor, { sourceType: 'news.article', sourceId: '4242', title: '学习贯彻全会精神' });
    expect(s).toMatchObject({ minSeconds: 60, intervalSeconds: 30 });
    t.clock.advance(30 * SEC);
    let r = await ok(read(s.token));
    expect(r).toMatchObject({ readSeconds: 30, credit: null });
    t.clock.advance(10 * 60 * SEC); // left the page: not counted
    r = await ok(read(r.token));
    expect(r).toMatchObject({ readSeconds: 30, credit: null });
    t.clock.advance(29 * SEC);
    r = await ok(read(r.token));
    expect(r.credit).toBeNull();
    t.clock.advance(1 * SEC);
    r = await ok(read(r.token));
    expect(r).toMatchObject({ readSeconds: 60, credit: { awarded: true, minutes: 5 } });
    t.clock.advance(30 * SEC);
    expect((await ok(read(r.token))).credit).toBeNull();
    const rows = await t.ctx.db.selectFrom('learning_credits').selectAll().where('member_id', '=', memberId).where('source_type', '=', 'news.article').execute();
    expect(rows.map((x) => [x.kind, x.source_id, x.minutes])).toEqual([['article', '4242', 5]]);
  });

  it('counts an article lesson the same way', async () => {
    const { lessonIds } = await publishedCourse(memberCity.id, [{ kind: 'article', title: '读原著学原文', bodyHtml: '<p>正文</p><script>alert(1)</script>' }]);
    const lesson = await ok(call('GET', `/api/me/lessons/${lessonIds[0]}`, { cookie: member }));
    expect(lesson.bodyHtml).toBe('<p>正文</p>');
    const s = await ok(call('POST', `/api/learning/lessons/${lessonIds[0]}/read`, { cookie: member }));
    t.clock.advance(30 * SEC);
    const a = await ok(read(s.token));
    t.clock.advance(30 * SEC);
    expect((await ok(read(a.token))).credit).toMatchObject({ awarded: true });
  });
});

describe('courses', () => {
  it('are seen by members of the publishing organization’s subtree only', async () => {
    const mine = await publishedCourse(memberCity.id, [video('本市课程', 60)], '本市课程');
    const other = await publishedCourse(otherCity.id, [video('外市课程', 60)], '外市课程');
    const list = await ok(call('GET', '/api/me/courses?limit=50', { cookie: member }));
    const ids = list.items.map((c: { id: string }) => c.id);
    expect(ids).toContain(mine.courseId);
    expect(ids).not.toContain(other.courseId);
    expect((await call('GET', `/api/me/courses/${other.courseId}`, { cookie: member })).statusCode).toBe(404);
    expect((await call('POST', `/api/learning/lessons/${other.lessonIds[0]}/start`, { cookie: member })).statusCode).toBe(404);
    // a member of the other city sees it
    const otherMember = { accountId: f.memberAccount, memberId: f.hzMember === memberId ? f.nbMember : (memberCity === f.hangzhou ? f.nbMember : f.hzMember), grants: [] } as unknown as Actor;
    const theirs = await myCourses(t.ctx.db, otherMember, { limit: 50 });
    expect(theirs.items.map((c) => c.id)).toContain(other.courseId);
    expect(theirs.items.map((c) => c.id)).not.toContain(mine.courseId);
    // staff of the other city neither see nor edit it
    const cityStaff = otherCity === f.ningbo ? 'demo-hangzhou' : 'demo-ningbo';
    expect((await call('GET', `/api/learning/courses/${other.courseId}`, { cookie: cityStaff })).statusCode).toBe(403);
  });

  it('hides drafts and withdrawn courses from members', async () => {
    const c = await publishedCourse(memberCity.id, [video('将撤回', 60)], '将撤回的课程');
    await ok(call('POST', `/api/learning/courses/${c.courseId}/withdraw`, { cookie: province }));
    expect((await call('GET', `/api/me/courses/${c.courseId}`, { cookie: member })).statusCode).toBe(404);
  });

  it('refuses bad input with field messages, changing nothing', async () => {
    const { id } = await ok(call('POST', '/api/learning/courses', { cookie: province, body: { orgId: memberCity.id, topicId, title: '空课程', audiences: ['secretary', 'village_official'] } }), 201);
    const before = await ok(call('GET', `/api/learning/courses/${id}`, { cookie: province }));
    const bad = await call('POST', `/api/learning/courses/${id}/lessons`, { cookie: province, body: { kind: 'video', title: '无地址', videoUrl: 'javascript:alert(1)' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['durationSeconds', 'videoUrl']);
    const quiz = await call('POST', `/api/learning/courses/${id}/lessons`, { cookie: province, body: { kind: 'quiz', title: '错题', questions: [{ text: '题', multiple: false, options: ['甲', '乙'], answer: [0, 1] }] } });
    expect(quiz.statusCode).toBe(400);
    const empty = await call('POST', `/api/learning/courses/${id}/publish`, { cookie: province });
    expect(empty.statusCode).toBe(409);
    expect(empty.json().title).toContain('课时');
    const stale = await call('PUT', `/api/learning/courses/${id}`, { cookie: province, body: { topicId, title: '改名', audiences: ['member'], version: before.version + 1 } });
    expect(stale.statusCode).toBe(409);
    const after = await ok(call('GET', `/api/learning/courses/${id}`, { cookie: province }));
    expect(after).toEqual(before);
  });

  it('are edited with audit rows, lessons reordered, and credit minutes default to the duration rounded up', async () => {
    const { id } = await ok(call('POST', '/api/learning/courses', { cookie: province, body: { orgId: memberCity.id, topicId, title: '排序课程', audiences: ['member'] } }), 201);
    const a = (await ok(call('POST', `/api/learning/courses/${id}/lessons`, { cookie: province, body: video('甲', 61) }), 201)).id;
    const b = (await ok(call('POST', `/api/learning/courses/${id}/lessons`, { cookie: province, body: video('乙', 120) }), 201)).id;
    await ok(call('PUT', `/api/learning/courses/${id}/lessons/order`, { cookie: province, body: { lessonIds: [b, a] } }));
    const c = await ok(call('GET', `/api/learning/courses/${id}`, { cookie: province }));
    expect(c.lessons.map((l: { title: string; creditMinutes: number }) => [l.title, l.creditMinutes])).toEqual([['乙', 2], ['甲', 2]]);
    expect(c.creditMinutes).toBe(4);
    const actions = (await t.ctx.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'learning_course').where('entity_id', '=', id).execute()).map((r) => r.action);
    expect(actions).toEqual(['learning.course.create', 'learning.lesson.create', 'learning.lesson.create', 'learning.lesson.order']);
  });

  it('caps the default credit of a long video at 600 minutes instead of failing', async () => {
    const { id } = await ok(call('POST', '/api/learning/courses', { cookie: province, body: { orgId: memberCity.id, topicId, title: '长视频课程', audiences: ['member'] } }), 201);
    await ok(call('POST', `/api/learning/courses/${id}/lessons`, { cookie: province, body: video('整天的报告会', 43_200) }), 201);
    const c = await ok(call('GET', `/api/learning/courses/${id}`, { cookie: province }));
    expect(c.lessons.map((l: { durationSeconds: number; creditMinutes: number }) => [l.durationSeconds, l.creditMinutes])).toEqual([[43_200, 600]]);
  });
});
