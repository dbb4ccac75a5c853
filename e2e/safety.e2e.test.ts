/**
 * 敏感词库 and 内容审核 in Debian's Chromium: the security administrator adds words in the drawer (an empty list is refused
 * in Chinese) and tries a text that holds one; a Hangzhou moderator sees a held question with its reason, is refused
 * a rejection without a reason, rejects it with one, and finds it under 未通过 — on a phone-sized window; the security
 * administrator imports words from Excel in the page's drawer (per-row errors, progress kept through a reload). axe
 * on each.
 */
import fs from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable } from './browser.js';
import { atRest, expectNoAxeViolations, startHarness, type Harness } from './harness.js';
import { registerModerationKind, submitModeration, unregisterModerationKind } from '../server/src/modules/safety/safety.moderation.js';

const enabled = browserAvailable();
let h: Harness;
const decisions: string[] = [];

beforeAll(async () => {
  if (!enabled) return;
  h = await startHarness({ jobs: true });
  registerModerationKind('e2e.question', {
    label: { zh: '公开提问', en: 'Public question' },
    onDecided: async (_ctx, _trx, item) => { decisions.push(`${item.refId}:${item.decision}:${item.reason}`); },
  });
  const village = await h.t.ctx.db.selectFrom('orgs').select('id').where('name', 'like', '龙井村%').limit(1).executeTakeFirstOrThrow();
  await h.t.ctx.db.transaction().execute((trx) => submitModeration(h.t.ctx, trx, {
    kind: 'e2e.question', refId: 'q-77', orgId: village.id, excerpt: '听说有人可以代开发票报销工程款，村里知道吗？',
    reasons: [{ type: 'sensitive_word', word: '代开发票', field: 'body' }],
  }));
}, 240_000);

afterAll(async () => {
  unregisterModerationKind('e2e.question');
  await h?.close();
});

describe.skipIf(!enabled)('公众输入安全 in Chromium', () => {
  it('the security administrator adds words and tries a text against them', async () => {
    const { base, newPage, login } = h;
    const page = await newPage();
    await login(page, 'demo-secadmin');
    await page.goto(`${base}/admin/sensitive-words`);
    await page.getByText('词库中还没有敏感词').waitFor({ timeout: 60_000 });
    await expectNoAxeViolations(page, 'the empty word list');
    await page.getByTestId('words-add').click();
    await atRest(page);
    await page.getByTestId('words-save').click();
    await page.getByText('请至少填写一个敏感词').waitFor();
    await page.getByTestId('words-lines').fill('代开发票\n刷单返利\n代开发票');
    await page.getByTestId('words-save').click();
    await page.getByText('已添加 2 个敏感词').waitFor();
    await page.getByText('与本次提交的其他词重复').waitFor();
    await expect.poll(() => page.getByTestId('word-row').count(), { timeout: 30_000 }).toBe(2);
    await page.getByTestId('words-test-text').fill('专业代 开·发票，价格优惠');
    await page.getByTestId('words-test').click();
    await expect.poll(() => page.getByTestId('words-test-result').textContent()).toContain('发现 1 处敏感词');
    expect(await page.locator('[data-testid="words-test-result"] mark').textContent()).toBe('代 开·发票');
    await expectNoAxeViolations(page, 'the word list');
  });

  it('the security administrator imports words from Excel with per-row errors, on a phone', async () => {
    const { base, newPage, login } = h;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('敏感词库');
    ws.addRow(['敏感词', '备注']);
    for (const r of [['网络赌博', '2026年12月通知'], ['虚开发票', null], ['网络 赌博', '重复'], ['代开发票', '已有'], ['，，', null]]) ws.addRow(r);
    const file = `/tmp/dj-e2e-words-${process.pid}.xlsx`;
    await fs.writeFile(file, Buffer.from(await wb.xlsx.writeBuffer()));
    const page = await newPage({ width: 390 });
    await login(page, 'demo-secadmin');
    await page.goto(`${base}/admin/sensitive-words`);
    await page.getByTestId('words-import').click();
    await page.getByTestId('import-template').waitFor();
    await expectNoAxeViolations(page, 'the word import drawer');
    await page.getByTestId('import-upload').setInputFiles(file);
    await page.getByRole('radio', { name: '仅导入校验通过的行' }).check();
    await page.getByTestId('import-start').click();
    await page.waitForURL(/[?&]import=\d+/);
    await page.reload();
    await page.getByTestId('import-result').waitFor({ timeout: 60_000 });
    await expect.poll(() => page.getByTestId('import-errors').innerText()).toContain('与第2行的「网络赌博」重复');
    expect(await page.getByTestId('import-errors').innerText()).toContain('词库中已有该词');
    expect(await page.getByTestId('import-errors').innerText()).toContain('只含空格或标点');
    await expectNoAxeViolations(page, 'the word import result');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('word-row').allInnerTexts(), { timeout: 30_000 }).toEqual(expect.arrayContaining([expect.stringContaining('网络赌博'), expect.stringContaining('虚开发票')]));
    await fs.rm(file, { force: true });
  }, 120_000);

  it('a Hangzhou moderator rejects a held question with a reason, on a phone', async () => {
    const { base, newPage, login } = h;
    const page = await newPage({ width: 390 });
    await login(page, 'demo-hangzhou');
    await page.goto(`${base}/admin/moderation`);
    const card = page.getByTestId('moderation-row').filter({ hasText: '代开发票报销工程款' });
    await card.waitFor({ timeout: 60_000 });
    expect(await card.textContent()).toContain('敏感词：代开发票（正文）');
    await expectNoAxeViolations(page, 'the moderation queue');
    await card.getByTestId('moderation-reject').click();
    await atRest(page);
    await page.getByTestId('moderation-reject-ok').click();
    await page.getByText('请填写不予通过的理由（至少2个字）').waitFor();
    await page.getByTestId('moderation-reject-reason').fill('含有违法广告信息，不予公开');
    await page.getByTestId('moderation-reject-ok').click();
    await page.getByText('没有待审核的内容').waitFor({ timeout: 30_000 });
    expect(decisions).toEqual(['q-77:rejected:含有违法广告信息，不予公开']);
    await page.getByText('未通过', { exact: true }).click();
    await page.getByTestId('moderation-decision').filter({ hasText: '含有违法广告信息' }).waitFor({ timeout: 30_000 });
    expect(await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth')).toBeLessThanOrEqual(0);
  });
});
