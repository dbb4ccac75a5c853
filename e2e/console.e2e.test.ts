/**
 * The console as staff use it, in Debian's Chromium against the real server:
 * demo-hangzhou logs in, finds a member, reveals the phone, edits the member and logs out;
 * demo-auditor then sees the reveal in the audit log. Pages are checked with axe on the way.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoFixtures } from '../server/test/fixtures.js';
import { browserAvailable } from './browser.js';
import { expectNoAxeViolations, startHarness, type Harness } from './harness.js';

const enabled = browserAvailable();
let h: Harness;

beforeAll(async () => {
  if (enabled) h = await startHarness();
}, 240_000);

afterAll(async () => {
  await h?.close();
});

describe.skipIf(!enabled)('console in Chromium', () => {
  it('lets Hangzhou staff find a member, reveal the phone, edit the record and log out; the auditor sees the reveal', async () => {
    const { t, base, newPage, login } = h;
    const f = await demoFixtures(t.ctx);
    const member = await t.ctx.db.selectFrom('members').selectAll().where('id', '=', f.hzMember).executeTakeFirstOrThrow();
    const mobile = t.ctx.crypto.decrypt(member.mobile_enc!);

    const page = await newPage();
    await page.goto(`${base}/login`);
    await page.getByTestId('login-username').waitFor();
    await expectNoAxeViolations(page, 'the login page');
    await login(page, 'demo-hangzhou');
    await page.getByText('演示环境', { exact: false }).first().waitFor();

    await page.goto(`${base}/admin/members`);
    await page.getByTestId('member-search-name').fill(member.name);
    await page.getByTestId('member-search-submit').click();
    const row = page.getByTestId('member-row').filter({ hasText: member.name }).first();
    await row.waitFor();
    await expectNoAxeViolations(page, 'the member list');
    // Masked in the list; the full number never reaches the page before a reveal.
    expect(await page.content()).not.toContain(mobile);
    await row.click();

    await page.getByTestId('reveal-mobile').click();
    await expect.poll(() => page.getByTestId('revealed-value').first().textContent()).toContain(mobile);

    await page.getByTestId('member-edit').click();
    const job = page.locator('#member-form_job');
    await job.fill('网格党小组组长');
    await page.getByTestId('member-form-submit').click();
    await expect.poll(async () => (await t.ctx.db.selectFrom('members').select('job').where('id', '=', member.id).executeTakeFirstOrThrow()).job).toBe('网格党小组组长');
    await expect.poll(() => page.getByText('网格党小组组长').count()).toBeGreaterThan(0);

    const drawer = page.getByRole('dialog');
    await drawer.getByRole('button', { name: '关闭' }).first().click();
    await drawer.first().waitFor({ state: 'hidden' });
    await page.getByTestId('logout').click();
    await page.waitForURL((url) => !url.pathname.startsWith('/admin'));
    const me = await page.request.get(`${base}/api/me`);
    expect(me.status()).toBe(401);
    await page.context().close();

    const auditor = await newPage();
    await login(auditor, 'demo-auditor');
    await auditor.goto(`${base}/admin/audit`);
    const revealRow = auditor.getByRole('row').filter({ hasText: '查看完整个人信息' }).filter({ hasText: 'demo-hangzhou' }).first();
    await revealRow.waitFor();
    await expectNoAxeViolations(auditor, 'the audit log');
    await auditor.context().close();
  }, 120_000);

  it('shows the public portal on a 390-pixel phone without horizontal scrolling', async () => {
    const { browser, base } = h;
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(base);
    await page.getByRole('heading', { name: '浙江省党建信息化平台' }).first().waitFor().catch(async (e) => {
      await page.screenshot({ path: '/tmp/e2e-portal.png' });
      throw e;
    });
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await expectNoAxeViolations(page, 'the public portal');
    await context.close();
  }, 60_000);

  it('sends the portal\'s first load compressed, under 150 kB of JavaScript and without the console\'s strings', async () => {
    const { browser, base } = h;
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const scripts: { url: string; encoding?: string; transferred: number; text: string }[] = [];
    const pending: Promise<void>[] = [];
    page.on('response', (res) => {
      if (res.request().resourceType() !== 'script') return;
      pending.push((async () => {
        const sizes = await res.request().sizes();
        scripts.push({ url: res.url(), encoding: res.headers()['content-encoding'], transferred: sizes.responseBodySize, text: (await res.body()).toString() });
      })());
    });
    await page.goto(base);
    await page.getByRole('heading', { name: '平台概况' }).waitFor();
    await page.waitForLoadState('networkidle');
    await Promise.all(pending);
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.filter((s) => s.encoding !== 'br').map((s) => s.url)).toEqual([]);
    expect(scripts.reduce((sum, s) => sum + s.transferred, 0)).toBeLessThanOrEqual(150_000);
    // Menu, flows, audit and login strings: they come with the console's and the shell's chunks, not with the portal.
    for (const text of ['党员信息管理', '六个月未参加组织生活', '校验日志链', '动态验证码']) {
      expect(scripts.filter((s) => s.text.includes(text)).map((s) => s.url), text).toEqual([]);
    }
    await context.close();
  }, 60_000);
});
