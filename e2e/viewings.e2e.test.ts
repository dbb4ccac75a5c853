/**
 * 集中收看 in Debian's Chromium: demo-hangzhou opens the demo session running now at the township station, reads its
 * check-in link (the QR code's address); demo-member opens that link on a phone-sized window (390 px), checks in and
 * sees 已签到; the manager sees one more present, confirms attendance, and demo-member finds the session's credit in
 * 我的学习. axe on each screen.
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
});
