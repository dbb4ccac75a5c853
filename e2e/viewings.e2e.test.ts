/**
 * 集中收看 in Debian's Chromium: demo-hangzhou opens the demo session running now at the township station, reads its
 * check-in link (the QR code's address); demo-member opens that link on a phone-sized window (390 px), checks in and
 * sees 已签到; the manager sees one more present, confirms attendance, and demo-member finds the session's credit in
 * 我的学习. Then the manager schedules a session of a live event through the form (the event picked from the
 * station's list fills in the start and title); the session's page names the event, and the member's check-in page
 * links to the live room once the event is live. axe on each screen.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable } from './browser.js';
import { atRest, expectNoAxeViolations, startHarness, type Harness } from './harness.js';
import { insertDemoViewings } from '../server/src/seed/demo-viewings.js';

const enabled = browserAvailable();
const TITLE = '党员冬训：新时代党员先锋作用'; // seed/demo-viewings.ts: the session open now
let h: Harness;

beforeAll(async () => {
  if (!enabled) return;
  h = await startHarness();
  // The test databases hold the demo tables only; the scenarios played through the modules are added by the tests.
  expect(await insertDemoViewings(h.t.ctx)).not.toBeNull();
}, 240_000);

afterAll(async () => {
  await h?.close();
});

describe.skipIf(!enabled)('集中收看 in Chromium', () => {
  it('a member checks in by the QR link on a phone, the manager confirms, the credit is in 我的学习', async () => {
    const { base, newPage, login } = h;
    const manager = await newPage();
    await login(manager, 'demo-hangzhou');
    await manager.goto(`${base}/admin/viewings`);
    await manager.getByTestId('viewing-link').filter({ hasText: TITLE }).first().click({ timeout: 60_000 });
    const present = manager.getByTestId('viewing-present');
    await expect.poll(() => present.textContent(), { timeout: 60_000 }).toMatch(/\d/);
    const before = Number((await present.textContent())!.replace(/\D/g, ''));
    const url = await manager.getByTestId('viewing-checkin-url').getAttribute('href');
    expect(url).toMatch(/\/viewing\/checkin\/[^/]+$/);
    await atRest(manager);
    await expectNoAxeViolations(manager, 'the session page');

    const phone = await newPage({ width: 390 });
    await login(phone, 'demo-member');
    await phone.goto(url!);
    await phone.getByTestId('checkin-button').click({ timeout: 60_000 });
    await expect.poll(() => phone.getByTestId('checkin-state').textContent(), { timeout: 30_000 }).toBe('已签到');
    await atRest(phone);
    await expectNoAxeViolations(phone, 'the check-in page');

    await manager.reload();
    await expect.poll(async () => Number((await present.textContent())?.replace(/\D/g, '')), { timeout: 60_000 }).toBe(before + 1);
    await manager.getByTestId('viewing-confirm').click();
    await manager.getByRole('dialog').getByRole('button', { name: /确\s*定|确\s*认/ }).click();
    await manager.getByText(/已确认考勤：/).first().waitFor({ timeout: 60_000 });

    await phone.goto(`${base}/me/learning`);
    const ledger = phone.getByTestId('learning-ledger');
    await expect.poll(() => ledger.textContent(), { timeout: 60_000 }).toContain(TITLE);
    await atRest(phone);
    await expectNoAxeViolations(phone, '我的学习');
  }, 240_000);

  it('schedules a session of a live event from the form; the check-in page links to the live room while it is live', async () => {
    const { base, newPage, login } = h;
    let staff = await h.t.login('demo-hangzhou');
    const call = async (method: 'GET' | 'POST', url: string, body?: unknown) => {
      const r = await h.t.call(method, url, { cookie: staff, ...(body === undefined ? {} : { body }) });
      expect(r.statusCode, r.body).toBeLessThan(300);
      return r.json();
    };
    const hangzhou = await h.t.ctx.db.selectFrom('orgs').select('id').where('name', '=', '杭州市委').executeTakeFirstOrThrow();
    const stationId = (await call('GET', `/api/viewings?q=${encodeURIComponent(TITLE)}`)).items[0].stationId as string;
    const start = h.t.clock.now().getTime() + 3 * 3600_000;
    const EVENT = '浏览器测试：集中收看的直播课';
    const eventId = (await call('POST', '/api/learning/live', {
      orgId: hangzhou.id, title: EVENT, audiences: ['member'], sourceUrl: 'https://live.example.cn/hls/e2e/index.m3u8',
      startsAt: new Date(start).toISOString(), endsAt: new Date(start + 90 * 60_000).toISOString(),
    })).id as string;

    const manager = await newPage();
    await login(manager, 'demo-hangzhou');
    await manager.goto(`${base}/admin/viewings?stationId=${stationId}`);
    await manager.getByTestId('viewing-new').click({ timeout: 60_000 });
    // The choices arrive (and may be re-rendered by a refetch) while the list is open: a click that lands on an option
    // being replaced selects nothing, as it would for a person, who clicks again. Pick until the field shows the event.
    const chosen = manager.getByTestId('viewing-live-event').filter({ hasText: EVENT });
    for (let attempt = 0; attempt < 3 && (await chosen.count()) === 0; attempt++) {
      await manager.getByTestId('viewing-live-event').click();
      await manager.locator('.ant-select-item-option').filter({ hasText: EVENT }).first().click({ timeout: 30_000 });
      await chosen.first().waitFor({ timeout: 5_000 }).catch(() => undefined);
    }
    expect(await chosen.count()).toBeGreaterThan(0);
    await expect.poll(() => manager.getByRole('dialog').getByLabel('收看内容', { exact: true }).inputValue(), { timeout: 30_000 }).toBe(EVENT);
    await manager.getByRole('dialog').getByLabel('组织者', { exact: true }).fill('王建军');
    await atRest(manager);
    await expectNoAxeViolations(manager, 'the schedule form with a live event');
    await manager.getByRole('dialog').getByRole('button', { name: /确\s*定/ }).click();
    await manager.getByText('已安排集中收看').first().waitFor({ timeout: 30_000 });
    await manager.getByTestId('viewing-link').filter({ hasText: EVENT }).first().click({ timeout: 30_000 });
    await expect.poll(() => manager.getByTestId('viewing-live-title').textContent(), { timeout: 30_000 }).toContain(EVENT);
    const url = await manager.getByTestId('viewing-checkin-url').getAttribute('href');
    await atRest(manager);
    await expectNoAxeViolations(manager, 'a session of a live event');

    // The event is put back 45 minutes: the session warns, and 调整安排 moves it with the event.
    const ev = await call('GET', `/api/learning/live/${eventId}`);
    const later = start + 45 * 60_000;
    const put = await h.t.call('PUT', `/api/learning/live/${eventId}`, { cookie: staff, body: {
      title: EVENT, audiences: ['member'], sourceUrl: 'https://live.example.cn/hls/e2e/index.m3u8',
      startsAt: new Date(later).toISOString(), endsAt: new Date(later + 90 * 60_000).toISOString(), version: ev.version,
    } });
    expect(put.statusCode, put.body).toBe(200);
    await manager.reload();
    await manager.getByTestId('viewing-live-moved').waitFor({ timeout: 30_000 });
    await manager.getByTestId('viewing-adjust').click();
    // The start as the browser shows times (its own time zone), 40 minutes later than before: within the event's 30.
    const sessionStart = Math.floor((start + 40 * 60_000) / 60_000) * 60_000;
    const typed = await manager.evaluate((ms) => {
      const d = new Date(ms);
      const p = (n: number) => String(n).padStart(2, '0');
      return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
    }, sessionStart);
    const startField = manager.getByRole('dialog').getByLabel('开始时间', { exact: true });
    await startField.click();
    await manager.keyboard.press('Control+A');
    await manager.keyboard.type(typed);
    await manager.locator('.ant-picker-dropdown:visible .ant-picker-ok button').click();
    await atRest(manager);
    await expectNoAxeViolations(manager, 'the 调整安排 form');
    await manager.locator('.ant-modal-footer .ant-btn-primary').click();
    await manager.getByText('已调整集中收看安排').first().waitFor({ timeout: 30_000 });
    await manager.getByTestId('viewing-live-moved').waitFor({ state: 'detached', timeout: 30_000 });
    expect((await call('GET', `/api/viewings?q=${encodeURIComponent(EVENT)}`)).items[0]).toMatchObject({ startsAt: new Date(sessionStart).toISOString(), liveEventMoved: false });

    const phone = await newPage({ width: 390 });
    await login(phone, 'demo-member');
    await phone.goto(url!);
    await expect.poll(() => phone.getByTestId('checkin-live').textContent(), { timeout: 30_000 }).toContain('未开始');
    expect(await phone.getByTestId('checkin-live-link').count()).toBe(0);
    // Ten minutes before the session the operator starts the event (the sessions signed in before have idled out).
    h.t.clock.advance(sessionStart - 10 * 60_000 - h.t.clock.now().getTime());
    staff = await h.t.login('demo-hangzhou');
    await call('POST', `/api/learning/live/${eventId}/start`);
    await login(phone, 'demo-member');
    await phone.goto(url!);
    await expect.poll(() => phone.getByTestId('checkin-live-link').getAttribute('href'), { timeout: 30_000 }).toBe(`/me/live/${eventId}`);
    await atRest(phone);
    await expectNoAxeViolations(phone, 'the check-in page of a live event');
  }, 240_000);
});
