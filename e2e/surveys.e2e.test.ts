/**
 * 问卷调查 in Debian's Chromium against the real server with its SMS service running (the dispatcher bound over SMPP
 * to the embedded SMSC simulator): demo-province drafts a survey of one text question for the branch secretaries of
 * one Hangzhou county (the county chosen in the organization tree by typing its name), opens it after a confirmation
 * that names how many will be asked; the secretaries' phones get it and reply through the simulator (as e2e/sms
 * does); on 分类规则 the province defines a category and 统计结果 shows its exact share; 主题推荐 groups the rest
 * into themes and one is adopted as a category; the replies of one category are turned into follow-up items
 * (转为跟踪事项) and the dispatch is confirmed. (The follow-up screens' test goes on from there with demo-hangzhou.)
 * Then the public web form (/s/:token) at 390 px: per-question messages, the thank-you state, and the 404 state.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import { browserAvailable } from './browser.js';
import { atRest, expectNoAxeViolations, startHarness, type Harness } from './harness.js';

const enabled = browserAvailable();
let h: Harness;
/** The Hangzhou county with the most branch secretaries who have phones (enough replies for themes). */
let county: { id: string; name: string };
/** The survey the first test opens (the third re-categorizes some of its replies by hand). */
let surveyId: string | undefined;

/** The replies, by what they are about: site (a category the test defines), and two themes for the rest. */
const SITE = ['村里活动场所不够用，希望上级支持', '希望加强村级阵地建设，改善活动场所条件', '党群服务中心活动场所太小'];
const ECONOMY = ['村集体经济薄弱，希望出台扶持政策', '村集体经济发展缺项目缺资金', '发展村集体经济需要政策扶持'];
const PAPERWORK = ['台账报表太多，基层负担重', '希望减少台账报表，减轻基层负担', '各类报表台账多，负担太重'];
const replyText = (i: number) => [SITE, ECONOMY, PAPERWORK][i % 3]![Math.floor(i / 3) % 3]!;

beforeAll(async () => {
  if (!enabled) return;
  h = await startHarness({ jobs: true, services: true, env: { SMS_QUIET_HOURS: 'off', SMS_APPROVAL_THRESHOLD: '1000' } });
  const { rows: [c] } = await sql<{ id: string; name: string }>`
    select c.id::text as id, c.name
    from orgs c join orgs city on city.id = c.parent_id
    join orgs po on starts_with(po.path, c.path) join party_positions pp on pp.org_id = po.id and pp.position = 'secretary' and pp.ended_on is null
    join members m on m.id = pp.member_id and m.departed_on is null and m.mobile_bidx is not null
    where city.name = '杭州市委'
    group by c.id, c.name order by count(distinct m.mobile_bidx) desc, c.id limit 1`.execute(h.t.ctx.db);
  county = c!;
}, 240_000);

afterAll(async () => {
  await h?.close();
});

/** The phones the simulator delivered a survey's message to (its title is in the text), with their keys. */
async function askedPhones(cookie: string, title: string): Promise<{ key: string; lastText: string }[]> {
  const r = await h.t.call('GET', '/api/sms/simulator/phones', { cookie });
  expect(r.statusCode, r.body).toBe(200);
  return (r.json().items as { key: string; lastText: string | null }[]).filter((p) => (p.lastText ?? '').includes(title)) as { key: string; lastText: string }[];
}

/** Picks an organization in an OrgPicker by typing its name. */
async function pickOrg(page: Page, testId: string, org: { id: string; name: string }) {
  const field = page.getByTestId(testId);
  await field.click();
  await field.getByRole('combobox').fill(org.name);
  await page.getByTestId(`org-option-${org.id}`).click();
  await expect.poll(() => field.textContent()).toContain(org.name);
}

describe.skipIf(!enabled)('surveys in Chromium', () => {
  it('asks a county\'s secretaries, categorizes their SMS replies by a rule and an adopted theme, and dispatches a category to follow-up', async () => {
    const { t, base, newPage, login } = h;
    const cookie = await t.login('demo-province');
    const title = '村级组织建设意见征集（浏览器测试）';
    const page = await newPage();
    await login(page, 'demo-province');

    // 新建问卷: a refusal first (nothing filled), then the title, the question, the county and its 书记.
    await page.goto(`${base}/admin/surveys`);
    await page.getByTestId('survey-new').click();
    await page.waitForURL(/\/admin\/surveys\/new$/);
    await page.getByTestId('survey-submit').click();
    await page.getByText('请填写问卷标题').waitFor();
    await page.getByText('请填写第1题的题目').waitFor();
    await page.getByTestId('survey-title').fill(title);
    await page.getByTestId('survey-question-text').fill('您对加强村级组织建设有什么意见和建议？');
    await pickOrg(page, 'survey-org', county);
    await expectNoAxeViolations(page, 'the survey editor');
    await page.getByTestId('survey-submit').click();
    const confirm = page.getByTestId('survey-open-confirm');
    const said = (await confirm.getByText(/将向\d+人发出问卷（共1题）。/).textContent())!;
    const asked = Number(/将向(\d+)人/.exec(said)![1]);
    expect(asked).toBeGreaterThanOrEqual(12);
    await confirm.getByText('按短信平台规定，接收人数超过1,000人的须经审批后发送。').waitFor();
    await atRest(page);
    await page.getByTestId('survey-open-ok').click();
    await page.waitForURL(/\/admin\/surveys\/\d+$/);
    const id = /\/admin\/surveys\/(\d+)$/.exec(page.url())![1]!;
    surveyId = id;
    await expect.poll(() => page.getByTestId('survey-state').textContent()).toBe('进行中');
    await expect.poll(async () => (await t.call('GET', `/api/surveys/${id}`, { cookie })).json().invited, { timeout: 60_000 }).toBe(asked);
    await page.getByTestId('survey-broadcast-link').waitFor({ timeout: 60_000 });

    // Every secretary's phone gets the question; each replies by SMS (the simulator's reply goes to the survey's number).
    await expect.poll(async () => (await askedPhones(cookie, title)).length, { timeout: 60_000 }).toBe(asked);
    const phones = await askedPhones(cookie, title);
    for (let from = 0; from < phones.length; from += 8) {
      await Promise.all(phones.slice(from, from + 8).map(async (p, j) => {
        const r = await t.call('POST', `/api/sms/simulator/phones/${p.key}/reply`, { cookie, body: { text: replyText(from + j) } });
        expect(r.statusCode, r.body).toBeLessThan(300);
      }));
    }
    await expect.poll(async () => (await t.call('GET', `/api/surveys/${id}`, { cookie })).json().replied, { timeout: 60_000 }).toBe(asked);
    const site = phones.filter((_, i) => i % 3 === 0).length;

    // 分类规则: a category of any of two words; the replies are re-categorized in the background.
    await page.getByTestId('survey-tab-rules').click();
    await page.getByTestId('category-new').click();
    await atRest(page);
    await page.getByTestId('category-save').click();
    await page.getByText('请填写分类名称').waitFor();
    await page.getByText('请至少填写一个词').waitFor();
    await page.getByTestId('category-name').fill('阵地建设');
    const words = page.getByTestId('rule-words').getByRole('combobox');
    await words.fill('活动场所');
    await words.press('Enter');
    await words.fill('阵地');
    await words.press('Enter');
    await expectNoAxeViolations(page, 'the category dialog');
    await page.getByTestId('category-save').click();
    await page.getByTestId('category-item').filter({ hasText: '阵地建设' }).waitFor();
    await expect.poll(() => page.getByTestId('category-item').filter({ hasText: '阵地建设' }).textContent()).toContain('任一词：活动场所、阵地');
    await expect.poll(() => page.getByTestId('recategorizing').count(), { timeout: 60_000 }).toBe(0);

    // 统计结果: the category's exact count and share of those who answered.
    await page.getByTestId('survey-tab-results').click();
    await page.getByTestId('survey-live').waitFor();
    const share = `${((site / asked) * 100).toFixed(1)}%`;
    const row = page.getByTestId('share-row').filter({ hasText: '阵地建设' });
    await expect.poll(() => row.textContent(), { timeout: 60_000 }).toBe(`阵地建设${site}${share}`);
    await expect.poll(() => page.getByTestId('survey-respondents').textContent()).toContain(String(asked));
    await expectNoAxeViolations(page, 'the results');

    // 主题推荐: the rest (其他) grouped into themes; the first adopted as a category, its rules prefilled.
    await page.getByTestId('survey-tab-themes').click();
    await page.getByTestId('themes-start').click();
    const card = page.getByTestId('theme-card').first();
    await card.waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('theme-card').count()).toBeGreaterThanOrEqual(2);
    await expectNoAxeViolations(page, 'the theme suggestions');
    await card.getByTestId('theme-adopt').click();
    await atRest(page);
    const adoptedName = await page.getByTestId('category-name').inputValue();
    expect(adoptedName.length).toBeGreaterThan(0);
    await page.getByTestId('category-save').click();
    await card.getByText('已采纳').waitFor();
    const cats = (await t.call('GET', `/api/surveys/${id}/categories`, { cookie })).json();
    expect(cats.categories.map((c: { name: string }) => c.name)).toEqual(['阵地建设', adoptedName]);

    // 回复: the category's replies turned into follow-up items, due in 5 working days.
    await page.getByTestId('survey-tab-replies').click();
    await expect.poll(() => page.getByTestId('reply-row').count()).toBe(Math.min(asked, 50));
    await page.getByTestId('reply-dispatch').click();
    await atRest(page);
    const dialog = page.getByRole('dialog');
    await dialog.getByText('按分类').click();
    await dialog.getByRole('checkbox', { name: '阵地建设' }).check();
    await dialog.getByRole('spinbutton').fill('5');
    await expectNoAxeViolations(page, 'the dispatch dialog');
    await page.getByTestId('dispatch-ok').click();
    await page.getByTestId('dispatch-done').getByText(`已提交：${site}条回复正在转为跟踪事项`).waitFor();
    await page.getByTestId('dispatch-ok').click();
    // Once the job has run, each of those replies links to its item.
    const siteCat = cats.categories.find((c: { name: string }) => c.name === '阵地建设').id;
    await expect.poll(async () => (await t.call('GET', `/api/surveys/${id}/replies?categoryId=${siteCat}`, { cookie })).json().items
      .filter((r: { followupId: string | null }) => r.followupId).length, { timeout: 60_000 }).toBe(site);
    await page.getByTestId('reply-category-filter').click();
    await atRest(page);
    await page.locator('.ant-select-item-option[title="阵地建设"]').click();
    await expect.poll(() => page.getByTestId('reply-followup').count(), { timeout: 30_000 }).toBe(site);
    await page.context().close();
  }, 180_000);

  it('takes answers on the public web form at 390 px, message per question, and says when a link is not valid', async () => {
    const { t, base, newPage } = h;
    const cookie = await t.login('demo-province');
    const title = '党群服务中心使用情况调查（浏览器测试）';
    const made = await t.call('POST', '/api/surveys', { cookie, body: {
      title, intro: '请如实填写，谢谢。', bySms: true, byWeb: true, audience: { orgIds: [county.id], who: ['secretaries'] },
      questions: [{ kind: 'text', text: '您对党群服务中心建设有什么建议？' }, { kind: 'choice', text: '中心每周开放几天？', options: ['1至3天', '4至5天', '6至7天'] }, { kind: 'yesno', text: '是否配备专职人员？' }],
    } });
    expect(made.statusCode, made.body).toBe(201);
    const opened = await t.call('POST', `/api/surveys/${made.json().id}/open`, { cookie });
    expect(opened.statusCode, opened.body).toBe(200);
    await expect.poll(async () => (await askedPhones(cookie, title)).length, { timeout: 60_000 }).toBeGreaterThan(0);
    const token = /\/s\/([A-Za-z0-9_-]{12})/.exec((await askedPhones(cookie, title))[0]!.lastText)![1]!;

    const page = await newPage({ width: 390 });
    await page.goto(`${base}/s/${token}`);
    await page.getByRole('heading', { name: title }).waitFor();
    await page.getByText('请如实填写，谢谢。').waitFor();
    await page.getByTestId('sf-submit').click();
    await page.getByText('请回答第1题').waitFor();
    await page.getByText('第2题请选择一个选项').waitFor();
    await page.getByText('第3题请选择一个选项').waitFor();
    await page.getByTestId('sf-text').fill('希望增加活动经费');
    await page.getByText('4至5天').click();
    await page.getByText('是', { exact: true }).click();
    await expectNoAxeViolations(page, 'the web form');
    expect(await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth')).toBeLessThanOrEqual(0);
    await page.getByTestId('sf-submit').click();
    await page.getByTestId('sf-thanks').getByText('提交成功').waitFor();
    const replies = (await t.call('GET', `/api/surveys/${made.json().id}/replies?channel=web`, { cookie })).json().items as { text: string; choice: number | null }[];
    expect(replies.map((r) => [r.text, r.choice]).sort()).toEqual([['1', 1], ['2', 2], ['希望增加活动经费', null]].sort());

    await page.goto(`${base}/s/AAAAAAAAAAAA`);
    await page.getByTestId('sf-not-found').getByText('链接无效或已过期').waitFor();
    await page.context().close();
  }, 90_000);

  it('moves selected replies to a category by hand with a reason, kept in the reply\'s history', async () => {
    expect(surveyId, 'the first test opened a survey').toBeDefined();
    const { base, newPage, login } = h;
    const page = await newPage();
    await login(page, 'demo-province');
    await page.goto(`${base}/admin/surveys/${surveyId}?tab=replies`);
    await page.locator('#reply-q').fill('报表');
    await expect.poll(() => page.getByTestId('reply-row').first().textContent()).toContain('报表');
    const rows = page.getByTestId('reply-row');
    await rows.nth(0).getByRole('checkbox').check();
    await rows.nth(1).getByRole('checkbox').check();
    await page.getByText('已选2条').waitFor();
    await page.getByTestId('reply-move').click();
    await atRest(page);
    await page.getByTestId('move-ok').click();
    await page.getByText('请选择要归入的分类，或要添加、移除的标签').waitFor();
    await page.getByTestId('move-category').click();
    await atRest(page);
    await page.locator('.ant-select-item-option[title="阵地建设"]').click();
    await expect.poll(() => page.getByTestId('move-category').textContent()).toContain('阵地建设');
    await page.getByLabel('归类理由').fill('报表台账多占用阵地工作时间');
    await expectNoAxeViolations(page, 'the batch categorize dialog');
    await page.getByTestId('move-ok').click();
    // The outcome: the confirmation, or the dialog's refusal (shown, so a failure says why).
    const outcome = () => page.locator('.ant-message-notice, .ant-modal [role="alert"]').allTextContents().then((x) => x.join('|'));
    await expect.poll(outcome, { timeout: 30_000 }).not.toBe('');
    expect(await outcome()).toContain('已归类2条，0条无变化');
    await expect.poll(() => rows.nth(0).getByTestId('reply-category').textContent(), { timeout: 30_000 }).toBe('阵地建设（人工）');
    await rows.nth(0).getByRole('button', { name: /的归类记录$/ }).click();
    const item = page.getByTestId('history-item').last();
    await item.waitFor();
    expect(await item.textContent()).toMatch(/→ 阵地建设.*省委组织部 演示用户.*理由：报表台账多占用阵地工作时间/);
    await expectNoAxeViolations(page, 'the history drawer');
    await page.context().close();
  }, 90_000);
});
