/**
 * The end of the source article's loop in Debian's Chromium (issue 10, item 6): two replies to the province's survey —
 * answered on the web form by two of Hangzhou's secretaries — are dispatched by the province to follow-up; they land
 * with 杭州市委; demo-hangzhou resolves one (已解决) and explains the other (已说明) on the item page, each with the
 * required note (the dialog first refuses closing without one), and follows the item's 来源 link to the reply's page;
 * demo-province then finds both closed in 督办事项.
 * Each item page is opened by its address (finding an item in the list is e2e/followups.e2e.test.ts's part).
 * (Asking by SMS, categorizing and dispatching in the console: e2e/surveys.e2e.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable } from './browser.js';
import { atRest, expectNoAxeViolations, startHarness, type Harness } from './harness.js';

const enabled = browserAvailable();
let h: Harness;
const TITLE = '为民办实事意见征集';
const TEXTS = ['村口路灯坏了很久，希望尽快修好', '希望修缮村文化礼堂'];

beforeAll(async () => {
  if (!enabled) return;
  h = await startHarness();
  const { t } = h;
  const db = t.ctx.db;
  const province = await t.login('demo-province');
  const hz = await db.selectFrom('orgs').select('id').where('name', '=', '杭州市委').executeTakeFirstOrThrow();
  const s = await t.call('POST', '/api/surveys', { cookie: province, body: {
    title: TITLE, bySms: false, byWeb: true, audience: { orgIds: [hz.id], who: ['secretaries'] }, questions: [{ kind: 'text', text: '您希望村里办好哪件实事？' }],
  } });
  expect(s.statusCode, s.body).toBe(201);
  const survey = s.json();
  expect((await t.call('POST', `/api/surveys/${survey.id}/open`, { cookie: province })).statusCode).toBe(200);
  await t.ctx.jobs.drain();
  const invitations = await db.selectFrom('survey_invitations').select('token').where('survey_id', '=', survey.id).orderBy('id').limit(2).execute();
  for (const [i, inv] of invitations.entries()) {
    const r = await t.call('POST', `/api/public/survey-forms/${inv.token}`, { body: { answers: [{ questionId: survey.questions[0].id, text: TEXTS[i] }] } });
    expect(r.statusCode, r.body).toBe(200);
  }
  const d = await t.call('POST', `/api/surveys/${survey.id}/dispatch`, { cookie: province, body: { all: true, dueInWorkingDays: 5 } });
  expect(d.statusCode, d.body).toBe(202);
  await t.ctx.jobs.drain();
}, 240_000);

afterAll(async () => {
  await h?.close();
});

describe.skipIf(!enabled)('survey replies followed up in Chromium', () => {
  it('Hangzhou resolves one dispatched reply and explains the other; the province sees both closed', async () => {
    const { base, newPage, login } = h;
    const page = await newPage();
    await login(page, 'demo-hangzhou');
    const close = async (text: string, outcome: '已解决' | '已说明', note: string) => {
      // Straight to the item (finding it in the list is e2e/followups' part).
      const item = await h.t.ctx.db.selectFrom('followup_items').select('id').where('source', '=', 'surveys.reply').where('title', 'like', `%${text}%`).executeTakeFirstOrThrow();
      await page.goto(`${base}/admin/followups/${item.id}`);
      await page.getByTestId('followup-owner').waitFor({ timeout: 60_000 });
      await expect.poll(() => page.getByTestId('followup-owner').textContent({ timeout: 60_000 }), { timeout: 60_000 }).toBe('杭州市委');
      await page.getByTestId('followup-close').click({ timeout: 60_000 });
      await page.getByTestId('followup-form-close').waitFor({ timeout: 60_000 });
      await atRest(page);
      await page.getByTestId('followup-dialog-ok').click();
      await page.getByText('请选择办理结果').first().waitFor({ timeout: 60_000 });
      await page.getByTestId('followup-outcome').getByText(outcome).click({ timeout: 60_000 });
      await page.getByTestId('followup-close-note').fill(note);
      await atRest(page);
      await page.getByTestId('followup-dialog-ok').click();
      await page.getByText(note).first().waitFor({ timeout: 60_000 });
    };
    await close(TEXTS[0]!, '已解决', '已更换路灯3盏，村民反映良好');
    await close(TEXTS[1]!, '已说明', '礼堂修缮已列入明年村级项目计划，已向群众说明');
    // The item links back to its source (来源): the reply's page shows the reply, its survey and the item, now closed.
    await page.locator('a[href^="/admin/surveys/replies/"]').click({ timeout: 60_000 });
    await page.getByTestId('reply-text').filter({ hasText: TEXTS[1]! }).waitFor({ timeout: 60_000 });
    await page.getByTestId('reply-survey-link').filter({ hasText: TITLE }).waitFor({ timeout: 60_000 });
    await expect.poll(() => page.getByTestId('survey-reply').textContent({ timeout: 60_000 }), { timeout: 60_000 }).toContain('已说明');
    await expect.poll(() => page.getByTestId('survey-reply').textContent({ timeout: 60_000 }), { timeout: 60_000 }).toMatch(/1\d{2}\*{4}\d{4}/);
    await expectNoAxeViolations(page, 'survey reply page');

    const province = await newPage();
    await login(province, 'demo-province');
    await province.goto(`${base}/admin/followups`);
    await province.getByTestId('followups-q').fill(TITLE);
    const rows = province.getByTestId('followup-row').filter({ hasText: TITLE });
    await expect.poll(() => rows.count(), { timeout: 60_000 }).toBe(2);
    await rows.filter({ hasText: '已解决' }).first().waitFor({ timeout: 60_000 });
    await rows.filter({ hasText: '已说明' }).first().waitFor({ timeout: 60_000 });
  }, 240_000);
});
