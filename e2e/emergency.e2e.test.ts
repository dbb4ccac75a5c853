/**
 * 应急动员 in Debian's Chromium against the real server with its SMS service (the dispatcher bound to the embedded
 * SMSC simulator): demo-hangzhou sends a typhoon alert to one county's party secretaries — the county chosen in the
 * organization tree, the exact recipients checked first — and the board shows the alert sent; two secretaries' phones
 * reply 1 through the simulator and the board counts them live, at 1280 and 390 pixels.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { chinaToday } from '../server/src/platform/china-time.js';
import { embeddedSmsc } from '../server/src/modules/sms/sms.link.js';
import { browserAvailable } from './browser.js';
import { atRest, expectNoAxeViolations, startHarness, type Harness } from './harness.js';

const enabled = browserAvailable();
let h: Harness;
let county: { id: string; name: string; secretaries: number; phones: string[] };

beforeAll(async () => {
  if (!enabled) return;
  h = await startHarness({ jobs: true, services: true });
  const db = h.t.ctx.db;
  const today = chinaToday(h.t.ctx.now());
  // The first Hangzhou county with at least three secretaries, and every secretary an alert to its 书记 reaches.
  const { rows } = await sql<{ id: string; name: string; mobile_enc: Buffer }>`
    with c as (
      select c.id, c.name, c.path from orgs c join orgs city on city.id = c.parent_id where city.name = '杭州市委' and c.level = 'county'),
    s as (
      select distinct on (c.id, m.mobile_bidx) c.id, c.name, m.mobile_enc
      from c join orgs po on starts_with(po.path, c.path) join party_positions pp on pp.org_id = po.id
      join members m on m.id = pp.member_id and starts_with(m.org_path, c.path)
      where pp.position = 'secretary' and pp.started_on <= ${today} and (pp.ended_on is null or pp.ended_on > ${today})
        and m.departed_on is null and m.mobile_bidx is not null
        and not exists (select 1 from contact_optouts x where x.phone_bidx = m.mobile_bidx))
    select id::text, name, mobile_enc from s where id = (select id from s group by id having count(*) >= 3 order by id limit 1)`.execute(db);
  county = { id: rows[0]!.id, name: rows[0]!.name, secretaries: rows.length, phones: rows.map((r) => h.t.ctx.crypto.decrypt(r.mobile_enc)) };
}, 240_000);

afterAll(async () => {
  await h?.close();
});

describe.skipIf(!enabled)('emergency mobilization in Chromium', () => {
  it('sends an alert to a county’s secretaries and shows the confirmations as the phones reply 1', async () => {
    const { base, newPage, login } = h;
    const page = await newPage();
    await login(page, 'demo-hangzhou');
    await page.goto(`${base}/admin/emergency`);
    await page.getByTestId('alert-new').click();
    await page.waitForURL(/\/admin\/emergency\/new$/);
    await page.getByTestId('alert-title').fill('第12号台风“梅花”防御紧急通知');
    await page.getByTestId('alert-text').fill('台风预计今夜登陆，请立即组织危险区域人员转移');
    await expect.poll(() => page.getByTestId('alert-as-sent').textContent()).toContain('【浙江组工】台风预计今夜登陆，请立即组织危险区域人员转移。回复1确认收到。');
    const org = page.getByTestId('alert-org');
    await org.click();
    await org.getByRole('combobox').fill(county.name);
    await page.getByTestId(`org-option-${county.id}`).click();
    await expect.poll(() => org.textContent()).toContain(county.name);
    await page.getByTestId('alert-preview-button').click();
    await expect.poll(() => page.getByTestId('alert-preview-recipients').textContent()).toBe(String(county.secretaries));
    await expectNoAxeViolations(page, 'the alert form');
    await page.getByTestId('alert-send').click();
    await page.getByTestId('alert-confirm').waitFor();
    await atRest(page);
    await page.getByRole('button', { name: '立即发送' }).last().click();
    await page.waitForURL(/\/admin\/emergency\/\d+$/);
    const id = page.url().split('/').pop()!;

    // Sent: every secretary's phone has it, from the service number with the alert's extension.
    const smsc = embeddedSmsc()!;
    await expect.poll(() => county.phones.every((p) => smsc.received(p) === 1), { timeout: 60_000 }).toBe(true);
    await expect.poll(() => page.getByTestId('stat-asked').textContent(), { timeout: 60_000 }).toContain(String(county.secretaries));
    const from = smsc.inbox(county.phones[0]!).at(-1)!.from;
    await smsc.reply(county.phones[0]!, from, '1');
    await smsc.reply(county.phones[1]!, from, '收到');
    await expect.poll(() => page.getByTestId('board-total-confirmed').textContent(), { timeout: 60_000 }).toBe('2');
    await expect.poll(() => page.getByTestId('stat-confirmed').textContent()).toContain('2');
    await expect.poll(() => page.getByTestId('unconfirmed-row').count()).toBe(Math.min(20, county.secretaries - 2));
    expect(await page.content()).not.toContain(county.phones[2]!);
    await expectNoAxeViolations(page, 'the alert board');

    const narrow = await newPage({ width: 390 });
    await login(narrow, 'demo-hangzhou');
    await narrow.goto(`${base}/admin/emergency/${id}`);
    await expect.poll(() => narrow.getByTestId('board-total-confirmed').textContent(), { timeout: 60_000 }).toBe('2');
    await expectNoAxeViolations(narrow, 'the alert board at 390 px');
  }, 240_000);
});
