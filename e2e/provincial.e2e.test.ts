/**
 * Issue 3 in Chromium against the real server, as staff work:
 * demo-hangzhou imports a members workbook through the console and watches its progress (which
 * survives a reload), starts the transfer of one of the imported members to a Ningbo branch and
 * approves it as the sending side; demo-ningbo approves it as the receiving side; the member is
 * then found in Ningbo's member list. Then the province drills its dashboard down to a county and
 * exports a chart's figures as .xlsx.
 */
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { demoFixtures, type DemoFixtures } from '../server/test/fixtures.js';
import { idNumberCheckChar } from '../server/src/platform/identity/id-number.js';
import { memberRows } from '../server/src/modules/members/members.excel.js';

const MEMBER_COLUMNS = memberRows.columns;
import { browserAvailable } from './browser.js';
import { atRest, expectNoAxeViolations, startHarness, type Harness } from './harness.js';

const enabled = browserAvailable();
let h: Harness;
let f: DemoFixtures;
const ROWS = 400;
/** The imported member the transfer moves: a name no demo member has. */
const MOVER = '钱塘越';

beforeAll(async () => {
  if (!enabled) return;
  h = await startHarness({ jobs: true });
  f = await demoFixtures(h.t.ctx);
}, 240_000);

afterAll(async () => {
  await h?.close();
});

/** A members workbook of valid rows for one branch; row 1 is the mover. */
async function membersWorkbook(branchId: string, rows: number): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('党员信息');
  ws.addRow(MEMBER_COLUMNS.map((c) => c.header));
  const given = ['建国', '秀英', '志强', '桂芳', '国华', '丽华', '明', '芳', '伟', '静'];
  for (let i = 0; i < rows; i++) {
    const birth = new Date(Date.UTC(1965, 0, 1) + i * 9 * 86_400_000).toISOString().slice(0, 10);
    const first17 = `330106${birth.replaceAll('-', '')}${String(700 + (i % 2)).padStart(3, '0')}`;
    const cells: Record<string, string> = {
      org: branchId, name: i === 0 ? MOVER : `楼${given[i % given.length]}`, gender: i % 2 ? '男' : '女', ethnicity: '汉族', birthDate: birth,
      idNumber: first17 + idNumberCheckChar(first17), education: '大学本科', category: '正式党员', joinedOn: '2012-07-01', fullOn: '2013-07-01',
      mobile: `137${String(20_000_000 + i).slice(-8)}`, address: '杭州市西湖区文三路90号',
    };
    ws.addRow(MEMBER_COLUMNS.map((c) => cells[c.key] ?? null));
  }
  const file = `/tmp/dj-e2e-import-${process.pid}.xlsx`;
  await wb.xlsx.writeFile(file);
  return file;
}

/** Types into a search picker and clicks the result that shows `option`. */
async function pickOption(page: Page, testId: string, text: string, option: string) {
  const input = page.getByTestId(testId);
  await input.click();
  await input.fill(text);
  await page.getByTestId(`${testId}-option`).filter({ hasText: option }).first().click();
}

/** A transfer action from the detail drawer, confirmed in its modal. */
async function act(page: Page, action: 'approve' | 'submit') {
  await page.getByTestId(`transfer-${action}`).click();
  // Confirm once the modal's form shows, as a person would (approving has an optional comment; submitting has none),
  // and once it is at rest: a click while it zooms in has been lost on a busy machine (as in e2e/sms).
  if (action === 'approve') await page.getByTestId('transfer-action-text').waitFor();
  await atRest(page);
  const confirm = page.getByTestId('transfer-confirm');
  // The request and its answer, each awaited in its own right with room for a loaded CI.
  const [request] = await Promise.all([
    page.waitForRequest((r) => r.method() === 'POST' && new URL(r.url()).pathname.endsWith(`/${action}`), { timeout: 60_000 }),
    confirm.click({ timeout: 60_000 }),
  ]);
  const answer = await request.response();
  expect(answer?.status(), await answer?.text()).toBe(200);
  // The confirmation closes once the server has taken the step; a refusal stays on screen with its reason.
  await confirm.waitFor({ state: 'hidden' }).catch(async (e: Error) => {
    throw new Error(`${action} not confirmed: ${await page.getByRole('dialog').last().innerText().catch(() => '')}\n${e.message}`);
  });
}

describe.skipIf(!enabled)('provincial member management in Chromium', () => {
  it('imports a workbook with progress, transfers an imported member from Hangzhou to Ningbo, and Ningbo receives them', async () => {
    const { t, base, newPage, login } = h;
    const before = await t.ctx.db.selectFrom('members').select((eb) => eb.fn.countAll<string>().as('n')).where('org_id', '=', f.hzBranch).executeTakeFirstOrThrow();
    const file = await membersWorkbook(f.hzBranch, ROWS);

    const page = await newPage();
    await login(page, 'demo-hangzhou');
    await page.goto(`${base}/admin/imports?kind=members`);
    await page.getByTestId('import-upload').setInputFiles(file);
    await page.getByTestId('import-start').click();
    // The job runs in the background; the page shows its progress and keeps the job in the URL.
    await page.getByTestId('import-progress').waitFor();
    await page.waitForURL(/[?&]id=\d+/);
    await page.reload();
    await page.getByTestId('import-result').filter({ hasText: String(ROWS) }).waitFor({ timeout: 60_000 });
    await expectNoAxeViolations(page, 'the import page');
    const after = await t.ctx.db.selectFrom('members').select((eb) => eb.fn.countAll<string>().as('n')).where('org_id', '=', f.hzBranch).executeTakeFirstOrThrow();
    expect(Number(after.n) - Number(before.n)).toBe(ROWS);
    const mover = await t.ctx.db.selectFrom('members').select(['id', 'org_id']).where('name', '=', MOVER).executeTakeFirstOrThrow();
    expect(mover.org_id).toBe(f.hzBranch);

    // The transfer to a Ningbo branch, started and approved by the sending side.
    const nbBranch = await t.ctx.db.selectFrom('orgs').select(['id', 'name']).where('id', '=', f.nbBranch).executeTakeFirstOrThrow();
    await page.goto(`${base}/admin/transfers`);
    await page.getByTestId('transfer-new').click();
    await pickOption(page, 'transfer-member', MOVER, MOVER);
    await pickOption(page, 'transfer-dest', nbBranch.name, nbBranch.name);
    await page.locator('#transfer-form_duesPaidTo').fill('2026-10');
    await page.locator('#transfer-form_duesPaidTo').press('Enter');
    await page.locator('#transfer-form_reason').fill('工作调动至宁波市');
    await page.getByTestId('transfer-save').click();
    // Saved and submitted: the detail opens at 转出方审核 and the row is in the list behind it.
    await expect.poll(() => page.getByTestId('transfer-state').getAttribute('data-state')).toBe('out_review');
    await page.getByTestId('transfer-row').filter({ hasText: MOVER }).first().waitFor({ state: 'attached' });
    await act(page, 'approve');
    await expect.poll(() => page.getByTestId('transfer-state').getAttribute('data-state')).toBe('in_review');
    await page.context().close();

    // The receiving side sees it only now, approves it, and finds the member in its own list.
    const nb = await newPage();
    await login(nb, 'demo-ningbo');
    await nb.goto(`${base}/admin/transfers`);
    await nb.getByTestId('transfer-view-incoming').click();
    const incoming = nb.getByTestId('transfer-row').filter({ hasText: MOVER }).first();
    await incoming.click();
    await act(nb, 'approve');
    await expect.poll(() => nb.getByTestId('transfer-state').getAttribute('data-state')).toBe('completed');
    await expect.poll(() => nb.getByTestId('transfer-state').textContent()).toContain('完成');
    await expectNoAxeViolations(nb, 'the transfer detail');
    const moved = await t.ctx.db.selectFrom('members').select(['org_id', 'org_path']).where('id', '=', mover.id).executeTakeFirstOrThrow();
    expect(moved.org_id).toBe(f.nbBranch);
    expect(moved.org_path.startsWith(f.ningbo.path)).toBe(true);

    await nb.goto(`${base}/admin/members`);
    await nb.getByTestId('member-search-name').fill(MOVER);
    await nb.getByTestId('member-search-submit').click();
    await nb.getByTestId('member-row').filter({ hasText: nbBranch.name }).first().waitFor();
    await nb.context().close();
    fs.rmSync(file, { force: true });
  }, 180_000);

  it('drills the province dashboard down to a county and exports a chart as .xlsx', async () => {
    const { t, base, newPage, login } = h;
    const page = await newPage({ acceptDownloads: true });
    await login(page, 'demo-province');
    await page.goto(`${base}/admin`);
    await page.getByTestId('dash-child-row').filter({ hasText: '杭州市委' }).getByRole('link').click();
    await page.waitForURL(/[?&]org=\d+/);
    await page.getByTestId('dash-child-row').filter({ hasText: '西湖区委' }).getByRole('link').click();
    await page.getByRole('navigation', { name: '统计层级' }).getByText('杭州市委').waitFor();
    await expect.poll(() => page.getByRole('heading', { name: /西湖区委党员年龄分布/ }).count()).toBe(1);

    await page.getByTestId('chart-export-byAgeBand').click();
    // The menu at rest before a choice (a click while it opens or another closes is lost on a busy machine).
    await page.getByTestId('chart-export-xlsx-byAgeBand').waitFor();
    await atRest(page);
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId('chart-export-xlsx-byAgeBand').click()]);
    expect(download.suggestedFilename()).toBe('西湖区委党员年龄分布（人）.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(await download.path());
    const rows = wb.worksheets[0].getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1));
    expect(rows[0]).toEqual(['项目', '数量', '占比']);
    const xihu = await t.ctx.db.selectFrom('orgs').select('path').where('name', '=', '西湖区委').executeTakeFirstOrThrow();
    const count = await t.ctx.db.selectFrom('members').select((eb) => eb.fn.countAll<string>().as('n')).where('org_path', 'like', `${xihu.path}%`).executeTakeFirstOrThrow();
    expect(rows.slice(1).reduce((s, r) => s + Number((r as unknown[])[1]), 0)).toBe(Number(count.n));
    // The same chart as an image: a PNG with the title drawn above the chart.
    await atRest(page);
    await page.getByTestId('chart-export-byAgeBand').click();
    await page.getByTestId('chart-export-png-byAgeBand').waitFor();
    await atRest(page);
    const [png] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId('chart-export-png-byAgeBand').click()]);
    expect(png.suggestedFilename()).toBe('西湖区委党员年龄分布（人）.png');
    const bytes = fs.readFileSync(await png.path());
    expect(bytes.subarray(1, 4).toString()).toBe('PNG');
    expect(bytes.readUInt32BE(16)).toBeGreaterThan(400); // width, at twice the screen resolution
    // axe once the export menu (a popup outside the page's landmarks while open) has closed.
    await expect.poll(() => page.getByTestId('chart-export-png-byAgeBand').filter({ visible: true }).count()).toBe(0);
    await expectNoAxeViolations(page, 'the drilled-down dashboard');
    await page.context().close();
  }, 120_000);

  it('shows the new console screens on a 390-pixel phone without page-wide scrolling and without axe violations', async () => {
    const { base, newPage, login } = h;
    const page = await newPage({ width: 390 });
    await login(page, 'demo-hangzhou');
    for (const [path, ready] of [
      ['/admin/flows', 'flow-new'], ['/admin/flows?tab=alerts', 'alert-export'], ['/admin/stations', 'station-new'],
      ['/admin/transfers', 'transfer-new'], ['/admin/imports', 'import-start'],
    ] as const) {
      await page.goto(`${base}${path}`);
      await page.getByTestId(ready).first().waitFor();
      // The list (or its empty state, shown instead of the table) has loaded.
      await page.getByRole('table').or(page.getByTestId('list-empty')).first().waitFor();
      await expect.poll(() => page.locator('[aria-busy="true"]').count()).toBe(0);
      const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
      expect(overflow, `horizontal overflow on ${path}`).toBeLessThanOrEqual(0);
      await expectNoAxeViolations(page, path);
    }
    await page.context().close();
  }, 120_000);
});
