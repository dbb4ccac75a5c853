/**
 * The printable report of a survey's results (issue 10) in Debian's Chromium: the province's two-question survey of
 * Hangzhou's branch secretaries, answered on the web form by six of them, a category set on the text question and the
 * survey closed. From 统计结果, 打印报告 opens the report of the question shown; its figures are the API's; with every
 * question it has one section each; printed (print media emulated) the console's frame and the buttons are gone and
 * the charts are there, drawn as SVG. axe finds nothing to fault.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable } from './browser.js';
import { expectNoAxeViolations, startHarness, type Harness } from './harness.js';

const enabled = browserAvailable();
let h: Harness;
let surveyId = '';
let questionIds: string[] = [];
const TITLE = '村级组织建设意见征集';
const TEXTS = ['建议改善村级活动阵地', '活动阵地太小，希望扩建', '希望多组织党员教育培训', '村里路灯需要修理', '阵地设施老旧', '暂无意见'];
const CHOICES = ['1', '2', '1', '3', '1', '2'];
const n = (x: number) => new Intl.NumberFormat('zh-CN').format(x);

beforeAll(async () => {
  if (!enabled) return;
  h = await startHarness();
  const { t } = h;
  const db = t.ctx.db;
  const province = await t.login('demo-province');
  const hz = await db.selectFrom('orgs').select('id').where('name', '=', '杭州市委').executeTakeFirstOrThrow();
  const s = await t.call('POST', '/api/surveys', { cookie: province, body: {
    title: TITLE, bySms: false, byWeb: true, audience: { orgIds: [hz.id], who: ['secretaries'] },
    questions: [
      { kind: 'text', text: '您对村级组织建设有什么意见建议？' },
      { kind: 'choice', text: '您最希望的学习方式是？', options: ['集中培训', '远程教育', '自学'] },
    ],
  } });
  expect(s.statusCode, s.body).toBe(201);
  const survey = s.json();
  surveyId = survey.id;
  questionIds = survey.questions.map((q: { id: string }) => q.id);
  expect((await t.call('POST', `/api/surveys/${surveyId}/open`, { cookie: province })).statusCode).toBe(200);
  const cat = await t.call('POST', `/api/surveys/${surveyId}/categories`, { cookie: province, body: { name: '活动阵地', rules: [{ kind: 'any', words: ['阵地'] }] } });
  expect(cat.statusCode, cat.body).toBe(201);
  await t.ctx.jobs.drain();
  const invitations = await db.selectFrom('survey_invitations').select('token').where('survey_id', '=', surveyId).orderBy('id').limit(TEXTS.length).execute();
  expect(invitations).toHaveLength(TEXTS.length);
  for (const [i, inv] of invitations.entries()) {
    const r = await t.call('POST', `/api/public/survey-forms/${inv.token}`, { body: { answers: [
      { questionId: questionIds[0], text: TEXTS[i] }, { questionId: questionIds[1], text: CHOICES[i] },
    ] } });
    expect(r.statusCode, r.body).toBe(200);
  }
  expect((await t.call('POST', `/api/surveys/${surveyId}/close`, { cookie: province })).statusCode).toBe(200);
  await t.ctx.jobs.drain();
}, 240_000);

afterAll(async () => {
  await h?.close();
});

describe.skipIf(!enabled)('survey results report in Chromium', () => {
  it('shows the API’s figures, a section per question, and prints without the console frame, with the charts', async () => {
    const { base, newPage, login, t } = h;
    const province = await t.login('demo-province');
    const api = (await t.call('GET', `/api/surveys/${surveyId}/results?questionId=${questionIds[0]}`, { cookie: province })).json();
    expect(api.respondents).toBe(TEXTS.length);

    const page = await newPage();
    await login(page, 'demo-province');
    await page.goto(`${base}/admin/surveys/${surveyId}?tab=results`);
    await page.getByTestId('survey-report-open').click({ timeout: 60_000 });
    await page.waitForURL(new RegExp(`/admin/surveys/${surveyId}/report\\?questionId=${questionIds[0]}`));

    const report = page.getByTestId('survey-report');
    await expect.poll(() => report.getByTestId('report-asked').textContent({ timeout: 60_000 })).toBe(n(api.asked));
    expect(await report.getByTestId('report-replied').textContent()).toBe(n(api.replied));
    expect(await report.getByTestId('report-rate').textContent()).toBe(`${(api.responseRate * 100).toFixed(1)}%`);
    expect(await report.getByTestId('report-respondents').textContent()).toBe(n(api.respondents));
    // The header: the title, the period in Chinese dates (closed today), when it was made.
    await expect.poll(() => report.getByRole('heading', { level: 1 }).textContent()).toBe(TITLE);
    expect(await report.getByTestId('report-period').textContent()).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日至\d{4}年\d{1,2}月\d{1,2}日$/);
    expect(await report.getByTestId('report-generated').textContent()).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/);
    // Shares: one row per category as the API answers them, with exact counts and shares.
    const rows = report.getByTestId('report-share-row');
    await expect.poll(() => rows.count()).toBe(api.shares.length);
    const shown = await rows.allInnerTexts();
    expect(shown.map((r) => r.split('\t').map((c) => c.trim()))).toEqual(
      api.shares.map((s: { name: string; count: number; share: number }) => [s.name, String(s.count), `${(s.share * 100).toFixed(1)}%`]));
    expect(api.shares.find((s: { name: string }) => s.name === '活动阵地')?.count).toBe(3);
    await report.getByTestId('report-byorg').waitFor();
    await report.getByTestId('report-words').waitFor();
    await report.getByTestId('report-examples').first().waitFor();

    // Every question: one section each.
    await page.goto(`${base}/admin/surveys/${surveyId}/report?questionId=all`);
    await expect.poll(() => page.getByTestId('report-question').count(), { timeout: 60_000 }).toBe(2);
    await page.getByTestId('report-question').nth(1).getByText('远程教育').first().waitFor();
    await expect.poll(() => page.locator('[data-testid="report-shares-chart"] svg').count()).toBe(2);
    await expect.poll(() => page.locator('[data-testid="report-timeline-chart"] svg').count()).toBe(2);
    await expectNoAxeViolations(page, 'the report of every question');

    // Printed: no menu, header or buttons; the charts drawn and laid out.
    expect(await page.locator('.console-sider').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.console-sider').isVisible()).toBe(false);
    expect(await page.locator('.console-header').isVisible()).toBe(false);
    expect(await page.getByTestId('report-print').isVisible()).toBe(false);
    const chart = page.locator('[data-testid="report-shares-chart"] svg').first();
    expect(await chart.isVisible()).toBe(true);
    const box = await chart.boundingBox();
    expect(box?.width).toBeGreaterThan(300);
    expect(box?.height).toBeGreaterThan(50);
    expect(await page.locator('[data-testid="report-timeline-chart"] svg').first().isVisible()).toBe(true);
  }, 240_000);
});
