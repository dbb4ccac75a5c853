/**
 * 新闻宣传 and reading credit in Debian's Chromium: demo-hangzhou writes an article in the console and submits it;
 * 省委组织部 (demo-province, the demo's reviewer) publishes it; the public list at 390 px shows it and a visitor reads
 * it without a note or a request that needs a session; demo-member opens it on a phone, sees what reading earns, the
 * heartbeats pause while the page is hidden, and after the minimum time (the browser's timers and the server's clock moved forward together) sees the credit, which
 * 我的学习 lists. axe on every page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAvailable } from './browser.js';
import { expectNoAxeViolations, startHarness, type Harness } from './harness.js';
import { DEMO_PASSWORD } from '../server/test/test-app.js';

const enabled = browserAvailable();
let h: Harness;
let hz: { id: string; name: string };
const TITLE = '杭州市推进“红色根脉强基工程”见闻';
const BODY = '<p>近日，杭州市各级党组织扎实推进“红色根脉强基工程”，以党建引领基层治理。</p>';
/** Screenshots for review when E2E_SHOTS names a directory. */
const shot = async (page: Page, name: string) => { if (process.env.E2E_SHOTS) await page.screenshot({ path: `${process.env.E2E_SHOTS}/${name}.png`, fullPage: true }); };

beforeAll(async () => {
  if (!enabled) return;
  h = await startHarness();
  hz = await h.t.ctx.db.selectFrom('orgs').select(['id', 'name']).where('name', '=', '杭州市委').executeTakeFirstOrThrow();
}, 240_000);

afterAll(async () => {
  await h?.close();
});

/** Makes the page hidden or visible as a switched tab or a locked phone would (document.visibilityState and its event). */
async function setVisibility(page: Page, state: 'hidden' | 'visible') {
  await page.evaluate((v) => {
    const doc = (globalThis as unknown as { document: { dispatchEvent(e: unknown): boolean } }).document;
    Object.defineProperty(doc, 'visibilityState', { value: v, configurable: true });
    doc.dispatchEvent(new Event('visibilitychange'));
  }, state);
}

const stateOf = async (id: string) => (await h.t.ctx.db.selectFrom('news_articles').select('state').where('id', '=', id).executeTakeFirstOrThrow()).state;

describe.skipIf(!enabled)('an article from the editor to a member’s study credit', () => {
  it('is written, reviewed, published, read by the public and credited to a member', async () => {
    // 1. demo-hangzhou writes and submits.
    const editor = await h.newPage();
    await h.login(editor, 'demo-hangzhou');
    await editor.goto(`${h.base}/admin/news`);
    await editor.getByTestId('news-new').click();
    await editor.waitForURL(/\/admin\/news\/new$/);
    const org = editor.getByTestId('news-org');
    await org.click();
    await org.getByRole('combobox').fill(hz.name);
    await editor.getByTestId(`org-option-${hz.id}`).click();
    await expect.poll(() => org.textContent(), { timeout: 20_000 }).toContain(hz.name);
    await editor.getByTestId('news-category').click();
    await editor.locator('.ant-select-item-option[title="热点关注"]').click();
    await editor.getByTestId('news-title').fill(TITLE);
    await editor.getByTestId('news-body').fill(BODY);
    await expectNoAxeViolations(editor, 'the news editor');
    await editor.getByTestId('news-submit').click();
    await editor.waitForURL(/\/admin\/news\/\d+$/);
    const id = editor.url().split('/').pop()!;
    await expect.poll(() => stateOf(id), { timeout: 20_000 }).toBe('submitted');
    await editor.context().close();

    // 2. The province reviews and publishes it now.
    const reviewer = await h.newPage();
    await h.login(reviewer, 'demo-province');
    await reviewer.goto(`${h.base}/admin/news/review`);
    await expect.poll(() => reviewer.getByTestId('news-table').textContent(), { timeout: 20_000 }).toContain(TITLE);
    await reviewer.goto(`${h.base}/admin/news/${id}`);
    await reviewer.getByTestId('news-approve').click();
    await expect.poll(() => stateOf(id), { timeout: 20_000 }).toBe('published');
    await reviewer.context().close();

    // 3. The public at 390 px: the list shows it; the article has no reading note and asks nothing of a session.
    const visitor = await h.newPage({ width: 390 });
    const sessionCalls: string[] = [];
    visitor.on('request', (r) => { if (r.url().includes(`/api/news/articles/${id}/read`)) sessionCalls.push(r.url()); });
    await visitor.goto(`${h.base}/news`);
    await expect.poll(() => visitor.locator('main').textContent(), { timeout: 20_000 }).toContain(TITLE);
    expect(await visitor.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await expectNoAxeViolations(visitor, 'the public news list');
    await visitor.getByRole('link', { name: TITLE }).first().click();
    await visitor.waitForURL(new RegExp(`/news/${id}$`));
    await expect.poll(() => visitor.getByTestId('news-body').textContent(), { timeout: 20_000 }).toContain('红色根脉强基工程');
    expect(await visitor.getByTestId('news-reading').count()).toBe(0);
    expect(sessionCalls).toEqual([]);
    await visitor.context().close();

    // 4. demo-member on a phone: the note says what reading earns; after the minimum time, the credit.
    const member = await h.newPage({ width: 390 });
    await member.clock.install();
    await member.goto(`${h.base}/login`);
    await member.getByTestId('login-username').fill('demo-member');
    await member.getByTestId('login-password').fill(DEMO_PASSWORD);
    await member.getByTestId('login-submit').click();
    await member.waitForURL(/\/me/);
    await member.goto(`${h.base}/news/${id}`);
    const note = member.getByTestId('news-reading');
    await expect.poll(() => note.count(), { timeout: 20_000 }).toBe(1);
    expect(await note.textContent()).toContain('阅读满1分钟可获5分钟学时');
    await expectNoAxeViolations(member, 'the article page with the reading note');
    await shot(member, 'news-article-reading-390');
    expect(await member.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    // Hidden: one heartbeat at once (the time read so far), then none until the page is visible again.
    const beats: string[] = [];
    member.on('request', (r) => { if (r.url().endsWith('/api/learning/reading/heartbeat')) beats.push(r.url()); });
    await setVisibility(member, 'hidden');
    await expect.poll(() => beats.length, { timeout: 20_000 }).toBe(1);
    await member.clock.runFor(120_000);
    expect(beats).toHaveLength(1);
    await setVisibility(member, 'visible');
    await expect.poll(() => beats.length, { timeout: 20_000 }).toBe(2);
    // Two heartbeats 30 s apart on both clocks reach the minimum of 60 s.
    for (const step of [1, 2]) {
      h.t.clock.advance(30_000);
      await member.clock.runFor(30_000);
      if (step === 1) await expect.poll(() => note.textContent(), { timeout: 20_000 }).toContain('已阅读30秒');
    }
    await expect.poll(() => note.textContent(), { timeout: 20_000 }).toContain('已获得5分钟学时');
    await shot(member, 'news-article-credited-390');
    await expectNoAxeViolations(member, 'the article page with the credit');
    await member.setViewportSize({ width: 1280, height: 900 });
    await shot(member, 'news-article-credited-1280');

    await member.getByRole('link', { name: '查看我的学习' }).click();
    await member.waitForURL(/\/me\/learning$/);
    const ledger = member.getByTestId('learning-ledger');
    await expect.poll(() => ledger.textContent(), { timeout: 30_000 }).toContain(TITLE);
    expect(await ledger.textContent()).toContain('+5分钟');
    await member.context().close();
  }, 240_000);
});
