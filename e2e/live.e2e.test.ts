/**
 * 直播课堂 in Debian's Chromium on a phone-sized window (390 px): demo-member opens a live lesson of their city before
 * it starts and sees the countdown; the city's staff start it; the member sees the viewer count, speaks in the chat
 * (shown at once), says a screened word (held: 经审核后显示), and sees that message once the staff approve it; the staff
 * end the event and attach the recording, and the member's page offers 观看回放, which opens the recording lesson.
 * The stream itself is not played (no encoder here): its address answers 404 and the page carries on. The server's
 * clock does not run by itself: it is moved past the chat's rate limit between messages. axe on each state.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable } from './browser.js';
import { atRest, expectNoAxeViolations, startHarness, type Harness } from './harness.js';

const enabled = browserAvailable();
const TITLE = '浏览器测试：学习贯彻全会精神直播课';
let h: Harness;
let eventId: string;
let staffCookie: string;

async function asStaff(method: 'POST' | 'GET', url: string, body?: unknown) {
  const r = await h.t.call(method, url, { cookie: staffCookie, ...(body === undefined ? {} : { body }) });
  expect(r.statusCode, r.body).toBeLessThan(300);
  return r.json();
}

beforeAll(async () => {
  if (!enabled) return;
  h = await startHarness();
  const db = h.t.ctx.db;
  const member = await db.selectFrom('accounts').innerJoin('members', 'members.id', 'accounts.member_id').select('members.org_path')
    .where('username', '=', 'demo-member').executeTakeFirstOrThrow();
  const cities = await db.selectFrom('orgs').select(['id', 'name', 'path']).where('name', 'in', ['杭州市委', '宁波市委']).execute();
  const city = cities.find((c) => member.org_path.startsWith(c.path))!;
  staffCookie = await h.t.login(city.name === '杭州市委' ? 'demo-hangzhou' : 'demo-ningbo');
  const topicId = (await asStaff('GET', '/api/learning/topics')).items[0].id;
  const courseId = (await asStaff('POST', '/api/learning/courses', { orgId: city.id, topicId, title: '浏览器测试直播课程', audiences: ['member'] })).id;
  await asStaff('POST', `/api/learning/courses/${courseId}/lessons`, { kind: 'article', title: '导读', bodyHtml: '<p>导读</p>' });
  await asStaff('POST', `/api/learning/courses/${courseId}/publish`);
  const now = h.t.clock.now().getTime();
  eventId = (await asStaff('POST', '/api/learning/live', {
    orgId: city.id, title: TITLE, audiences: ['member'], sourceUrl: `${h.base}/e2e-live/index.m3u8`, courseId,
    startsAt: new Date(now + 10 * 60_000).toISOString(), endsAt: new Date(now + 70 * 60_000).toISOString(),
  })).id;
  const sec = await h.t.login('demo-secadmin');
  const w = await h.t.call('POST', '/api/safety/words', { cookie: sec, body: { words: ['违禁测试词'] } });
  expect(w.statusCode, w.body).toBe(200);
}, 240_000);

afterAll(async () => {
  await h?.close();
});

describe.skipIf(!enabled)('直播课堂 in Chromium', () => {
  it('counts down, goes live with viewers and a moderated chat, and offers the recording after the end', async () => {
    const phone = await h.newPage({ width: 390 });
    await phone.route('**/e2e-live/**', (route) => route.fulfill({ status: 404, body: '' }));
    await h.login(phone, 'demo-member');

    // Before the start: the countdown, no player.
    await phone.goto(`${h.base}/me/live/${eventId}`);
    const countdown = phone.getByTestId('live-countdown');
    await expect.poll(() => countdown.textContent(), { timeout: 60_000 }).toContain('距开始还有');
    expect(await phone.locator('video').count()).toBe(0);
    await atRest(phone);
    await expectNoAxeViolations(phone, 'the countdown');

    // Started by the staff: the viewer count (this member) and the chat.
    await asStaff('POST', `/api/learning/live/${eventId}/start`);
    await phone.reload();
    await expect.poll(() => phone.getByTestId('live-viewers').textContent(), { timeout: 60_000 }).toBe('1人正在观看');
    const form = phone.getByTestId('live-chat-form');
    const chat = phone.getByTestId('live-chat');
    await form.getByRole('button').click();
    await phone.getByText('请输入发言内容').waitFor({ timeout: 30_000 });
    await form.locator('textarea').fill('认真学习，深刻领会');
    await form.getByRole('button').click();
    await expect.poll(() => chat.textContent(), { timeout: 30_000 }).toContain('认真学习，深刻领会');

    h.t.clock.advance(10_000); // past the chat's one message per 5 s
    await form.locator('textarea').fill('这里有违禁测试词');
    await form.getByRole('button').click();
    await phone.getByText('发言已提交，经审核后显示').waitFor({ timeout: 30_000 });
    expect(await chat.textContent()).not.toContain('违禁测试词');
    const held = await asStaff('GET', `/api/learning/live/${eventId}/messages?state=held`);
    expect(held.items).toHaveLength(1);
    await asStaff('POST', `/api/learning/live/messages/${held.items[0].id}/approve`);
    await expect.poll(() => chat.textContent(), { timeout: 30_000 }).toContain('这里有违禁测试词');
    await atRest(phone);
    await expectNoAxeViolations(phone, 'the live page');

    // Ended, the recording attached: 观看回放 opens the lesson.
    h.t.clock.advance(60_000);
    await asStaff('POST', `/api/learning/live/${eventId}/end`);
    const rec = await asStaff('POST', `/api/learning/live/${eventId}/recording`, { videoUrl: '/demo/clip.mp4', durationSeconds: 3000 });
    await phone.reload();
    await phone.getByTestId('live-recording').click({ timeout: 60_000 });
    await phone.waitForURL(new RegExp(`/me/lessons/${rec.id}$`));
    expect(await phone.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await phone.context().close();
  }, 240_000);
});
