/**
 * 部长信箱 in Debian's Chromium against the real server with demo data (issue 11, item 1): a member of the public, in a
 * 390-px-wide window, finds the Hangzhou mailbox, is told in Chinese what is missing (and keeps what was typed),
 * verifies a phone with the code the SMS carried, writes, and gets the 查询码; demo-hangzhou accepts the letter and
 * passes its follow-up item down to a county with a deadline of its own, then drafts the answer; demo-province approves
 * it; the public finds the answer by the 查询码 (typed in lower case with spaces). Hangzhou publishes it through the
 * redaction step (the writer's name starred by the server, a phone number left in refused under its field with nothing
 * lost, a preview), the fingerprint and time shown; the public finds it from the tracking result and in 来信选登 by
 * words; the statistics tab draws its charts. axe on every public page and on the console's pages. A second test puts
 * script and link payloads into every text of a letter and finds them inert, as literal text, on every page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { browserAvailable } from './browser.js';
import { atRest, expectNoAxeViolations, startHarness, type Harness } from './harness.js';
import { submitLetter } from '../server/src/modules/mailbox/mailbox.letters.js';

const enabled = browserAvailable();
let h: Harness;
let hangzhou: { id: string };
let county: { id: string; name: string };
const PHONE = '13957188001';
const TITLE = '村里路灯损坏多日无人维修';
const ANSWER = '周立新同志：您好！来信收悉。经区委组织部协调，村党支部已组织维修，路灯已于本周恢复照明。感谢您的监督。';
const PUBLISHED_ANSWER = ANSWER.replace('周立新', '＊＊＊');
const BODY = '我村村口至文化礼堂的路灯已损坏半个多月，晚上老人出行很不安全，向村委反映后一直没有维修，请帮助解决。';
const STEP = { timeout: 60_000 };

beforeAll(async () => {
  if (!enabled) return;
  h = await startHarness();
  const db = h.t.ctx.db;
  hangzhou = await db.selectFrom('orgs').select('id').where('name', '=', '杭州市委').executeTakeFirstOrThrow();
  county = await db.selectFrom('orgs').select(['id', 'name']).where('parent_id', '=', hangzhou.id).where('status', '=', 'active').orderBy('id').limit(1).executeTakeFirstOrThrow();
}, 240_000);

afterAll(async () => {
  await h?.close();
});

/** The code of the latest verification SMS to the phone, as the platform's SMS store holds it. */
async function smsCode(phone: string): Promise<string> {
  const bidx = h.t.ctx.crypto.blindIndex('mobile', phone);
  let text = '';
  await expect.poll(async () => {
    text = (await h.t.ctx.db.selectFrom('sms_messages').select('text').where('phone_bidx', '=', bidx).where('purpose', '=', 'verify_code')
      .orderBy('id', 'desc').executeTakeFirst())?.text ?? '';
    return /验证码为(\d{6})/.test(text);
  }, STEP).toBe(true);
  return /验证码为(\d{6})/.exec(text)![1]!;
}

describe.skipIf(!enabled)('部长信箱 in Chromium', () => {
  it('a letter from a phone to Hangzhou, forwarded to a county, answered, approved and found by its 查询码', async () => {
    const { base, newPage, login } = h;
    // The public, on a phone.
    const phone = await newPage({ width: 390 });
    await phone.goto(`${base}/`);
    await phone.getByRole('link', { name: /进入栏目\s*部长信箱/ }).waitFor(STEP);
    await phone.goto(`${base}/mailbox`);
    const box = phone.getByTestId('mailbox').filter({ hasText: '杭州市委组织部部长信箱' });
    await box.waitFor(STEP);
    expect(await phone.getByTestId('mailbox').count()).toBe(12); // the province and the 11 cities
    await expectNoAxeViolations(phone, 'the mailboxes');
    await box.getByRole('link').click();
    await phone.waitForURL(new RegExp(`/mailbox/${hangzhou.id}/write$`), STEP);
    await phone.getByRole('heading', { name: '给杭州市委组织部部长信箱写信' }).waitFor(STEP);

    // Nothing filled: each field says what is missing.
    await phone.getByTestId('letter-submit').click();
    for (const m of ['请选择来信类别', '请填写标题', '请填写来信内容', '请选择是否同意公开您的来信', '请先验证手机号码']) await phone.getByText(m, { exact: true }).waitFor(STEP);
    await expectNoAxeViolations(phone, 'the letter form with its errors');

    await phone.getByTestId('letter-category-help').check();
    await phone.getByTestId('letter-title').fill(TITLE);
    await phone.getByTestId('letter-body').fill(BODY);
    await phone.getByTestId('letter-name').fill('周立新');
    await phone.getByTestId('letter-consent-yes').check();
    // Still no phone: refused, and nothing typed is lost.
    await phone.getByTestId('letter-submit').click();
    await phone.getByText('请先验证手机号码', { exact: true }).waitFor(STEP);
    expect(await phone.getByTestId('letter-title').inputValue()).toBe(TITLE);

    await phone.getByTestId('phone-input').fill(PHONE);
    await phone.getByTestId('phone-get-code').click();
    await phone.getByTestId('phone-code').fill(await smsCode(PHONE));
    await phone.getByTestId('phone-verify-submit').click();
    await phone.getByTestId('phone-verified').waitFor(STEP);
    await phone.getByTestId('letter-submit').click();
    const codeEl = phone.getByTestId('letter-code');
    await codeEl.waitFor(STEP);
    const code = (await codeEl.getAttribute('data-code'))!;
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{12}$/);
    expect(await codeEl.textContent()).toBe(`${code.slice(0, 4)} ${code.slice(4, 8)} ${code.slice(8)}`);
    await phone.getByText('接下来会怎样').waitFor();
    await expectNoAxeViolations(phone, 'the 查询码 page');
    expect(await phone.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth')).toBeLessThanOrEqual(0);
    const letter = await h.t.ctx.db.selectFrom('mailbox_letters').select('id').where('tracking_code', '=', code).executeTakeFirstOrThrow();

    // Hangzhou accepts it and passes the follow-up item down to a county with 10 working days.
    const hz = await newPage();
    await login(hz, 'demo-hangzhou');
    await hz.goto(`${base}/admin/mailbox`);
    await hz.getByTestId('letter-open').filter({ hasText: TITLE }).waitFor(STEP);
    await expectNoAxeViolations(hz, 'the letter list');
    await hz.getByTestId('letter-open').filter({ hasText: TITLE }).click(STEP);
    await hz.waitForURL(new RegExp(`/admin/mailbox/letters/${letter.id}$`), STEP);
    await expect.poll(() => hz.getByTestId('letter-phone').textContent(), STEP).toBe('139****8001');
    await expectNoAxeViolations(hz, 'the letter page');
    await hz.getByTestId('letter-accept').click(STEP);
    await hz.getByTestId('letter-form-accept').waitFor();
    await atRest(hz);
    await hz.getByTestId('letter-dialog-ok').click();
    await hz.locator('[data-testid="letter-state"][data-state="handling"]').waitFor(STEP);
    await hz.getByTestId('letter-followup').click();
    await hz.waitForURL(/\/admin\/followups\/\d+$/, STEP);
    await hz.getByTestId('followup-pass-down').click(STEP);
    await hz.getByTestId('followup-form-passDown').waitFor();
    await atRest(hz);
    await hz.getByTestId('followup-to-org').click();
    await hz.keyboard.type(county.name);
    await hz.getByTestId(`followup-to-org-option-${county.id}`).click(STEP);
    await hz.getByTestId('followup-hop-due').fill('10');
    await hz.getByTestId('followup-reason').fill('属地办理，请核实后10个工作日内报送办理情况');
    await atRest(hz);
    await hz.getByTestId('followup-dialog-ok').click();
    await expect.poll(() => hz.getByTestId('followup-owner').textContent(), STEP).toBe(county.name);
    await hz.getByTestId('followup-event-due').first().waitFor(STEP);

    // The letter page shows the county as the holder; Hangzhou drafts the answer.
    await hz.goto(`${base}/admin/mailbox/letters/${letter.id}`);
    await expect.poll(() => hz.getByTestId('letter-followup-owner').textContent(), STEP).toBe(county.name);
    await hz.getByTestId('letter-draft').click();
    await hz.getByTestId('letter-form-draft').waitFor();
    await atRest(hz);
    await hz.getByTestId('letter-dialog-ok').click();
    await hz.getByText('请填写答复内容').waitFor(STEP);
    await hz.getByTestId('letter-draft-input').fill(ANSWER);
    await hz.getByTestId('letter-dialog-ok').click();
    await expect.poll(() => hz.getByTestId('letter-draft-text').textContent(), STEP).toBe(ANSWER);
    expect(await hz.getByTestId('letter-approve').count()).toBe(0); // the drafter does not approve

    // The province approves it.
    const prov = await newPage();
    await login(prov, 'demo-province');
    await prov.goto(`${base}/admin/mailbox/letters/${letter.id}`);
    await prov.getByTestId('letter-approve').click(STEP);
    await prov.getByTestId('letter-form-approve').waitFor();
    await atRest(prov);
    await prov.getByTestId('letter-form-approve').getByText('已解决').click();
    await prov.getByTestId('letter-dialog-ok').click();
    await prov.locator('[data-testid="letter-state"][data-state="answered"]').waitFor(STEP);
    expect(await prov.getByTestId('letter-answer').textContent()).toBe(ANSWER);
    await expectNoAxeViolations(prov, 'the answered letter');

    // The public reads the answer by the 查询码, typed loosely.
    await phone.goto(`${base}/mailbox/track`);
    await phone.getByTestId('track-code').fill(`${code.slice(0, 6).toLowerCase()} ${code.slice(6)}`);
    await phone.getByTestId('track-submit').click();
    await phone.locator('[data-testid="track-state"][data-state="answered"]').waitFor(STEP);
    expect(await phone.getByTestId('track-answer').textContent()).toBe(ANSWER);
    expect(await phone.getByTestId('track-result').textContent()).toContain(TITLE);
    await expectNoAxeViolations(phone, 'the tracking page with the answer');
    // A wrong code says so in Chinese.
    await phone.getByTestId('track-code').fill('2222 2222 2222');
    await phone.getByTestId('track-submit').click();
    await phone.getByText('没有找到该查询码对应的来信，请核对后重新输入。').waitFor(STEP);

    // Hangzhou publishes it. The redaction step: the server starred the writer's name in the answer.
    await hz.goto(`${base}/admin/mailbox/letters/${letter.id}`);
    await hz.locator('[data-testid="publication-state"][data-state="none"]').waitFor(STEP);
    await hz.getByTestId('publication-open').click();
    await expect.poll(() => hz.getByTestId('publication-redacted').textContent(), STEP).toContain('来信人姓名1处');
    await atRest(hz);
    expect(await hz.getByTestId('publication-answer').inputValue()).toBe(PUBLISHED_ANSWER);
    expect(await hz.getByTestId('publication-body').inputValue()).toBe(BODY);
    await expectNoAxeViolations(hz, 'the redaction step');
    // A phone number typed in is refused by the server under its field; what was typed stays.
    const leaky = `${BODY}联系电话13957188001`;
    await hz.getByTestId('publication-body').fill(leaky);
    await hz.getByTestId('publication-preview').click();
    await expect.poll(() => hz.getByTestId('publication-preview-body').textContent(), STEP).toBe(leaky);
    await expectNoAxeViolations(hz, 'the publication preview');
    await hz.getByTestId('publication-confirm').click();
    await hz.getByText('来信内容中仍含有手机号码，请删除或以＊代替后再公开').waitFor(STEP);
    expect(await hz.getByTestId('publication-body').inputValue()).toBe(leaky);
    await hz.getByTestId('publication-error').waitFor();
    await hz.getByTestId('publication-body').fill(BODY);
    await hz.getByTestId('publication-preview').click();
    await hz.getByTestId('publication-confirm').click();
    await hz.locator('[data-testid="publication-state"][data-state="published"]').waitFor(STEP);
    const fingerprint = /[0-9a-f]{64}/.exec((await hz.getByTestId('publication-fingerprint').textContent()) ?? '')?.[0];
    expect(fingerprint).toBeTruthy();
    expect(await hz.getByTestId('publication-at').textContent()).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    await expectNoAxeViolations(hz, 'the published letter in the console');

    // The writer's tracking result leads to the published page: the answer without the name, the same fingerprint.
    await phone.goto(`${base}/mailbox/track`);
    await phone.getByTestId('track-code').fill(code);
    await phone.getByTestId('track-submit').click();
    await phone.getByTestId('track-published').getByRole('link').click(STEP);
    await phone.waitForURL(new RegExp(`/mailbox/letters/${letter.id}$`), STEP);
    await expect.poll(() => phone.getByTestId('published-answer').textContent(), STEP).toBe(PUBLISHED_ANSWER);
    expect(await phone.getByTestId('published-title').textContent()).toBe(TITLE);
    expect(await phone.getByTestId('published-body').textContent()).toBe(BODY);
    expect(await phone.getByTestId('published-fingerprint').textContent()).toBe(fingerprint);
    expect(await phone.getByTestId('published-letter').textContent()).not.toMatch(/周立新|13957188001|139\*{4}/);
    await expectNoAxeViolations(phone, 'the published letter');
    expect(await phone.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth')).toBeLessThanOrEqual(0);
    // And anyone finds it in 来信选登 from the mailboxes, by words of its text.
    await phone.goto(`${base}/mailbox`);
    await phone.getByTestId('mailbox-published').click(STEP);
    await phone.waitForURL(/\/mailbox\/letters$/, STEP);
    await phone.getByTestId('published-open').filter({ hasText: TITLE }).waitFor(STEP);
    await expectNoAxeViolations(phone, 'the published letters');
    await phone.getByTestId('published-q').fill('文化礼堂的路灯');
    await phone.getByTestId('published-search').click();
    await phone.waitForURL(/q=/, STEP);
    await expect.poll(() => phone.getByTestId('published-open').allTextContents(), STEP).toEqual([TITLE]);
    await phone.getByTestId('published-q').fill('没有这样的来信');
    await phone.getByTestId('published-search').click();
    await phone.getByTestId('published-none').waitFor(STEP);
    expect(await phone.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth')).toBeLessThanOrEqual(0);

    // Withdrawn, it is gone from the public.
    await hz.getByTestId('publication-unpublish').click();
    await atRest(hz);
    await hz.getByTestId('publication-unpublish-ok').click();
    await hz.locator('[data-testid="publication-state"][data-state="withdrawn"]').waitFor(STEP);
    // (A fresh browser: the public pages are cacheable for 60 s.)
    const later = await newPage({ width: 390 });
    await later.goto(`${base}/mailbox/letters/${letter.id}`);
    await later.getByText('该来信不存在或已撤回公开。').waitFor(STEP);

    // The statistics tab: the charts and their figures as tables.
    await hz.goto(`${base}/admin/mailbox`);
    await hz.getByTestId('mailbox-tab-stats').click(STEP);
    await hz.waitForURL(/\/admin\/mailbox\/stats$/, STEP);
    await hz.getByTestId('stats-chart-letters').locator('canvas').waitFor(STEP);
    await expectNoAxeViolations(hz, 'the statistics');
    await hz.getByTestId('stats-toggle-letters').click();
    await hz.getByTestId('stats-letters-table').waitFor(STEP);
    expect(Number(await hz.getByTestId('stats-letters').locator('.ant-statistic-content-value').textContent())).toBeGreaterThanOrEqual(1);
    await hz.getByTestId('stats-toggle-answer').click();
    await hz.getByTestId('stats-answer-table').waitFor(STEP);
    await expectNoAxeViolations(hz, 'the statistics as tables');
  }, 420_000);

  it('renders script and link payloads in every text of a letter inert, as literal text, on the public pages and the console', async () => {
    const { base, newPage, login } = h;
    const X = {
      name: '<svg onload=window.__xss=1>',
      title: '<img src=x onerror=window.__xss=1>标题',
      body: '<script>window.__xss=1</script>正文 <a href="javascript:window.__xss=1">点我</a> javascript:window.__xss=1',
      answer: '<img src=x onerror=window.__xss=1>答复 <iframe src="javascript:window.__xss=1"></iframe>',
      pubTitle: '<script>window.__xss=1</script>公开标题',
      pubBody: '<a href="javascript:window.__xss=1">公开链接</a><img src=x onerror=window.__xss=1>',
      pubAnswer: '[点我](javascript:window.__xss=1) <svg><script>window.__xss=1</script></svg>公开答复',
    };
    const sub = await submitLetter(h.t.ctx, hangzhou.id, '13957188009', '127.0.0.1',
      { category: 'other', title: X.title, body: X.body, name: X.name, consentPublish: true });
    expect(sub.state).toBe('received');
    const [hzCookie, provCookie] = [await h.t.login('demo-hangzhou'), await h.t.login('demo-province')];
    const call = async (cookie: string, url: string, body: unknown, method: 'POST' | 'PUT' = 'POST') => {
      const r = await h.t.call(method, url, { cookie, body });
      expect(r.statusCode, r.body).toBeLessThan(300);
    };
    await call(hzCookie, `/api/mailbox/letters/${sub.id}/accept`, {});
    await call(hzCookie, `/api/mailbox/letters/${sub.id}/answer-draft`, { text: X.answer }, 'PUT');
    await call(provCookie, `/api/mailbox/letters/${sub.id}/approve`, { outcome: 'explained' });
    await call(hzCookie, `/api/mailbox/letters/${sub.id}/publish`, { title: X.pubTitle, body: X.pubBody, answer: X.pubAnswer });

    /** Nothing ran, nothing became an element or a live link, and the payload is there to read. */
    const inert = async (page: Page, texts: string[], where: string, root: Page | Locator = page) => {
      for (const x of texts) await root.getByText(x, { exact: false }).first().waitFor(STEP);
      await page.waitForTimeout(300);
      expect(await page.evaluate('window.__xss'), where).toBeUndefined();
      expect(await page.evaluate(`document.querySelectorAll('img[src="x"], iframe, main script, svg[onload], a[href^="javascript:"]').length`), where).toBe(0);
    };
    const pub = await newPage({ width: 390 });
    await pub.goto(`${base}/mailbox/letters`);
    await inert(pub, [X.pubTitle], 'the published letters');
    await pub.goto(`${base}/mailbox/letters/${sub.id}`);
    await inert(pub, [X.pubTitle, X.pubBody, X.pubAnswer], 'the published letter');
    await pub.goto(`${base}/mailbox/track`);
    await pub.getByTestId('track-code').fill(sub.trackingCode);
    await pub.getByTestId('track-submit').click();
    await inert(pub, [X.title, X.body, X.answer], 'the tracking result');

    const staff = await newPage();
    await login(staff, 'demo-hangzhou');
    await staff.goto(`${base}/admin/mailbox`);
    await inert(staff, [X.title], 'the console list');
    await staff.goto(`${base}/admin/mailbox/letters/${sub.id}`);
    await inert(staff, [X.title, X.body, X.answer], 'the console letter page');
    await staff.getByText(`<${'*'.repeat([...X.name].length - 1)}`).first().waitFor(STEP); // the masked name, as text
    await staff.getByTestId('publication-open').click();
    await staff.getByTestId('publication-redacted').waitFor(STEP);
    await atRest(staff);
    expect(await staff.getByTestId('publication-title').inputValue()).toBe(X.pubTitle);
    await staff.getByTestId('publication-preview').click();
    await inert(staff, [X.pubTitle, X.pubBody, X.pubAnswer], 'the publication preview', staff.getByTestId('publication-preview-pane'));
    await staff.goto(`${base}/admin/mailbox/stats`);
    await staff.getByTestId('stats-chart-letters').waitFor(STEP);
    expect(await staff.evaluate('window.__xss')).toBeUndefined();
  }, 300_000);
});
