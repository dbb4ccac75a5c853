/**
 * 学习统计 in Debian's Chromium: the province opens the screen, sees Hangzhou's completion rate in the ranking of its
 * cities, drills into Hangzhou and then a county, and the county's rate on screen is the API's; the breadcrumb climbs
 * back up. Demo credits come through awardCredit (seed/demo-learning-credits.ts), then one refresh. axe finds no violations.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable } from './browser.js';
import { expectNoAxeViolations, startHarness, type Harness } from './harness.js';
import { insertDemoCredits } from '../server/src/seed/demo-learning-credits.js';
import { chinaYear } from '../server/src/platform/china-time.js';

const enabled = browserAvailable();
let h: Harness;
let cookie: string;

beforeAll(async () => {
  if (!enabled) return;
  h = await startHarness();
  await insertDemoCredits(h.t.ctx);
  cookie = await h.t.login('demo-province');
}, 240_000);
afterAll(async () => { await h?.close(); });

const api = async (orgId: string) => (await h.t.call('GET', `/api/learning/reports/orgs/${orgId}?year=${chinaYear(new Date())}`, { cookie })).json();

describe.skipIf(!enabled)('学习统计 in Chromium', () => {
  it('shows Hangzhou’s rate among the cities and a county’s rate equal to the API’s after drilling down', async () => {
    const hangzhou = (await h.t.ctx.db.selectFrom('orgs').select('id').where('name', '=', '杭州市委').executeTakeFirstOrThrow()).id;
    const hz = await api(hangzhou);
    expect(hz.org.figures.members).toBeGreaterThan(0);
    const page = await h.newPage();
    await h.login(page, 'demo-province');
    await page.goto(`${h.base}/admin/learning/reports`);
    const table = page.getByTestId('lr-children');
    const row = table.getByRole('row').filter({ hasText: '杭州市委' });
    await expect.poll(() => row.textContent()).toContain(`${hz.org.figures.rate}%`);
    await expect.poll(() => page.getByTestId('lr-refreshed').textContent()).toContain('统计时间');
    await expectNoAxeViolations(page, '学习统计 (province)');

    await row.getByRole('link', { name: /杭州市委/ }).click();
    await page.getByRole('navigation', { name: '组织层级' }).getByText('杭州市委').waitFor();
    await expect.poll(() => page.getByTestId('lr-rate').textContent()).toContain(String(hz.org.figures.rate));

    const county = hz.children.find((c: { figures: { members: number } }) => c.figures.members > 0);
    const c = await api(county.id);
    await page.getByTestId('lr-children').getByRole('link', { name: new RegExp(county.name) }).click();
    await page.getByRole('navigation', { name: '组织层级' }).getByText(county.name).waitFor();
    await expect.poll(() => page.getByTestId('lr-rate').textContent()).toContain(String(c.org.figures.rate));

    // Back up through the breadcrumb.
    await page.getByRole('navigation', { name: '组织层级' }).getByRole('link', { name: '杭州市委' }).click();
    await expect.poll(() => page.getByTestId('lr-rate').textContent()).toContain(String(hz.org.figures.rate));
  });
});
