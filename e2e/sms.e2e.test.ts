/**
 * The SMS platform in Debian's Chromium against the real server with its SMS service running (the dispatcher bound
 * over SMPP to the embedded SMSC simulator): demo-province writes to the branch secretaries of one Hangzhou county —
 * the county chosen in the organization tree by typing its name, 书记 ticked, the exact number of recipients in the
 * preview — watches the broadcast complete with every message delivered, then on 虚拟手机 opens one recipient's
 * phone, reads the message, replies 「收到，按时参加」, finds the reply in 收件箱 matched to that member, opens the
 * conversation with that phone there and answers from it (the answer shows in the thread, is watched until
 * delivered and reaches the phone). The same phone page is then used at 390 px. Province staff assign an unknown
 * number to a member found by name. A contact group (联系人分组) chosen as the audience previews its own count. A city's
 * staff find the province's templates (短信模板) read-only and compose from one, asked before typed text is replaced. A
 * broadcast above the approval size (100 here) waits: its author is refused with the server's words, another staff
 * member approves it and it completes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { chinaToday } from '../server/src/platform/china-time.js';
import { browserAvailable } from './browser.js';
import { atRest, expectNoAxeViolations, startHarness, type Harness } from './harness.js';

const enabled = browserAvailable();
const APPROVAL_THRESHOLD = 100;
let h: Harness;
/** A Hangzhou county with at least three branch secretaries who have phones, and how many secretaries (of any
 * organization in it) a broadcast to its 书记 reaches: distinct phones, none opted out. */
let county: { id: string; name: string; secretaries: number };
/** Three of its branch secretaries. */
let people: { id: string; name: string; org: string; phone: string }[] = [];

beforeAll(async () => {
  if (!enabled) return;
  h = await startHarness({ jobs: true, services: true, env: { SMS_QUIET_HOURS: 'off', SMS_APPROVAL_THRESHOLD: String(APPROVAL_THRESHOLD) } });
  const db = h.t.ctx.db;
  const today = chinaToday(h.t.ctx.now());
  const { rows } = await sql<{ id: string; name: string; org: string; mobile_enc: Buffer; county_id: string; county: string }>`
    with secretaries as (
      select m.id::text as id, m.name, o.name as org, m.mobile_enc, o.id as org_id, c.id as county_id, c.name as county
      from party_positions p join members m on m.id = p.member_id join orgs o on o.id = p.org_id
      join orgs c on o.path like c.path || '%' join orgs city on city.id = c.parent_id
      where city.name = '杭州市委' and p.position = 'secretary' and p.ended_on is null and o.type = 'branch'
        and m.mobile_enc is not null and m.departed_on is null
        and not exists (select 1 from contact_optouts x where x.phone_bidx = m.mobile_bidx)
    ), chosen as (
      select county_id from secretaries group by county_id having count(*) >= 3 order by county_id limit 1
    )
    select id, name, org, mobile_enc, county_id::text, county from secretaries where county_id = (select county_id from chosen) order by org_id limit 3`.execute(db);
  people = rows.map((r) => ({ id: r.id, name: r.name, org: r.org, phone: h.t.ctx.crypto.decrypt(r.mobile_enc) }));
  const c = rows[0]!;
  // Every current secretary of an organization in the county whose own branch is in it too, by distinct phone.
  const { rows: [n] } = await sql<{ n: string }>`
    select count(distinct m.mobile_bidx) as n
    from orgs c join orgs po on starts_with(po.path, c.path) join party_positions pp on pp.org_id = po.id
    join members m on m.id = pp.member_id and starts_with(m.org_path, c.path)
    where c.id = ${c.county_id} and pp.position = 'secretary' and pp.started_on <= ${today} and (pp.ended_on is null or pp.ended_on > ${today})
      and m.departed_on is null and m.mobile_bidx is not null
      and not exists (select 1 from contact_optouts x where x.phone_bidx = m.mobile_bidx)`.execute(db);
  county = { id: c.county_id, name: c.county, secretaries: Number(n!.n) };
}, 240_000);

afterAll(async () => {
  await h?.close();
});

describe.skipIf(!enabled)('SMS platform in Chromium', () => {
  it('sends to a county\'s branch secretaries chosen in the organization tree, shows every message delivered, and a reply from the virtual phone reaches the inbox', async () => {
    expect(people).toHaveLength(3);
    // Enough to be a county's broadcast, few enough to go without approval.
    expect(county.secretaries).toBeGreaterThanOrEqual(3);
    expect(county.secretaries).toBeLessThanOrEqual(APPROVAL_THRESHOLD);
    const { base, newPage, login } = h;
    const page = await newPage();
    await login(page, 'demo-province');

    await page.goto(`${base}/admin/sms/broadcasts/new`);
    await page.getByTestId('sms-text').fill('请各位书记于本周五下午3点参加全县党建工作视频会议。');
    // The live count: the signature (6 characters) is counted with the 26 typed: 32 of 70.
    await expect.poll(() => page.getByTestId('sms-counter').textContent()).toContain('共32字（含签名），计1条，本条还可输入38字');
    // A bad line of a pasted list is refused with its line number before anything is asked of the server.
    await page.getByTestId('sms-phones').fill(`${people[0]!.phone}\n12345`);
    await page.getByTestId('sms-preview').click();
    await page.getByText('第2行“12345”不是有效的手机号码').first().waitFor();
    await page.getByTestId('sms-phones').fill('');

    // The county, found in the organization tree by typing its name; 书记 as the audience.
    const org = page.getByTestId('sms-org');
    await org.click();
    await org.getByRole('combobox').fill(county.name);
    await page.getByTestId(`org-option-${county.id}`).click();
    await expect.poll(() => org.textContent()).toContain(county.name);
    await page.getByTestId('sms-who-secretaries').click();
    await page.getByTestId('sms-preview').click();
    const result = page.getByTestId('sms-preview-result');
    // The exact number of recipients, as counted from the rolls above.
    await expect.poll(() => page.getByTestId('sms-recipients').textContent()).toBe(`将发送${county.secretaries}人`);
    await result.getByText('接收人数未超过审批限额，提交后立即发送。').waitFor();
    await expectNoAxeViolations(page, 'the broadcast editor');
    await page.getByTestId('sms-submit').click();
    await page.getByTestId('broadcast-confirm').getByText(`将向${county.secretaries}人发送“普通”短信，每人1条。`).waitFor();
    await atRest(page);
    await page.getByTestId('broadcast-confirm-ok').click();

    await page.waitForURL(/\/admin\/sms\/broadcasts\/\d+$/);
    await expect.poll(() => page.getByTestId('broadcast-state').textContent(), { timeout: 30_000 }).toBe('已完成');
    await expect.poll(() => page.getByTestId('count-delivered').textContent()).toContain(String(county.secretaries));
    expect(await page.getByTestId('count-failed').textContent()).toContain('0');
    // The first page of recipients (50 a page).
    await expect.poll(() => page.getByTestId('recipient-row').count()).toBe(Math.min(county.secretaries, 50));
    // Masked in the recipients table.
    expect(await page.content()).not.toContain(people[0]!.phone);
    await expectNoAxeViolations(page, 'the broadcast page');

    await page.goto(`${base}/admin/sms/phones`);
    const phone = page.getByTestId('sim-phone').filter({ hasText: people[0]!.phone });
    await phone.waitFor();
    await phone.click();
    const device = page.getByTestId('sim-device');
    await device.getByTestId('sim-received').filter({ hasText: '【浙江组工】请各位书记于本周五下午3点参加全县党建工作视频会议。' }).waitFor();
    await expectNoAxeViolations(page, 'the virtual phones');
    // The test clock stands still unless moved: the reply comes a minute after the broadcast.
    h.t.clock.advance(60_000);
    await device.getByTestId('sim-reply-text').fill('收到，按时参加');
    await device.getByTestId('sim-reply-send').click();
    await device.getByTestId('sim-sent').filter({ hasText: '收到，按时参加' }).waitFor();

    await page.goto(`${base}/admin/sms/inbox`);
    const row = page.getByTestId('inbound-row').filter({ hasText: '收到，按时参加' }).first();
    await row.waitFor();
    expect(await row.getByTestId('inbound-person').textContent()).toBe(people[0]!.name);
    expect(await row.textContent()).toContain(people[0]!.org);
    await expectNoAxeViolations(page, 'the inbox');

    // The reply in the console conversation with that phone: the broadcast and the reply, oldest first.
    await row.getByTestId('open-conversation').click();
    await page.waitForURL(/\/admin\/sms\/inbox\/\d+$/);
    await expect.poll(() => page.getByTestId('conv-person').textContent()).toBe(people[0]!.name);
    const thread = page.getByTestId('conv-thread');
    await thread.getByTestId('conv-in').filter({ hasText: '收到，按时参加' }).waitFor();
    const bubbles = await thread.locator('[data-testid="conv-in"], [data-testid="conv-out"]').allTextContents();
    const sentAt = bubbles.findIndex((b) => b.includes('请各位书记于本周五下午3点参加全县党建工作视频会议。'));
    expect(sentAt).toBeGreaterThanOrEqual(0);
    expect(sentAt).toBeLessThan(bubbles.findIndex((b) => b.includes('收到，按时参加')));
    expect(await page.getByTestId('conv-phone').textContent()).not.toBe(people[0]!.phone);
    // An empty reply is refused here, in Chinese; a reply is counted as typed and sent, then watched until delivered.
    await page.getByTestId('conv-reply-send').click();
    await page.getByTestId('conv-reply-error').getByText('请填写回复内容').waitFor();
    h.t.clock.advance(60_000);
    await page.getByTestId('conv-reply-text').fill('会议链接周四下午发送。');
    await expect.poll(() => page.getByTestId('conv-counter').textContent()).toContain('共17字（含签名），计1条，本条还可输入53字');
    await page.getByTestId('conv-reply-send').click();
    const mine = thread.getByTestId('conv-out').filter({ hasText: '【浙江组工】会议链接周四下午发送。' });
    await mine.waitFor();
    expect(await mine.getByTestId('conv-replied-by').textContent()).toBe('回复人：省委组织部 演示用户');
    await expect.poll(() => mine.getByTestId('conv-out-state').textContent(), { timeout: 30_000 }).toBe('已送达');
    await expectNoAxeViolations(page, 'the conversation');
    // The secretary's phone got it.
    await page.goto(`${base}/admin/sms/phones`);
    await page.getByTestId('sim-phone').filter({ hasText: people[0]!.phone }).click();
    await page.getByTestId('sim-device').getByTestId('sim-received').filter({ hasText: '【浙江组工】会议链接周四下午发送。' }).waitFor();
    await page.context().close();
  }, 180_000);

  it('lets a phone-sized screen pick a virtual phone, read it and go back, without sideways scrolling', async () => {
    const { t, base, newPage, login } = h;
    // A message of its own to the phone (through the API), so that this test needs no other.
    const cookie = await t.login('demo-province');
    const sent = await t.call('POST', '/api/sms/broadcasts', { cookie, body: { text: '请核对本支部党员联系方式。', phones: [people[1]!.phone] } });
    expect(sent.statusCode, sent.body).toBe(201);
    await expect.poll(async () => (await t.call('GET', `/api/sms/broadcasts/${sent.json().id}`, { cookie })).json().counts.delivered, { timeout: 30_000 }).toBe(1);
    const page = await newPage({ width: 390 });
    await login(page, 'demo-province');
    await page.goto(`${base}/admin/sms/phones`);
    await page.getByTestId('sim-phone').filter({ hasText: people[1]!.phone }).click();
    await page.getByTestId('sim-received').first().waitFor();
    expect(await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth')).toBeLessThanOrEqual(0);
    await page.getByRole('button', { name: '返回手机列表' }).click();
    await page.getByTestId('sim-phone').first().waitFor();
    await page.context().close();
  }, 60_000);

  it('lets the province assign a message from an unknown number to a member found by name', async () => {
    const { t, base, newPage, login } = h;
    const cookie = await t.login('demo-province');
    const stranger = '19288880009';
    const sent = await t.call('POST', '/api/sms/broadcasts', { cookie, body: { text: '请核对您的联系方式。', phones: [stranger] } });
    expect(sent.statusCode, sent.body).toBe(201);
    await expect.poll(async () => (await t.call('GET', `/api/sms/broadcasts/${sent.json().id}`, { cookie })).json().counts.delivered, { timeout: 30_000 }).toBe(1);
    const wrote = await t.call('POST', `/api/sms/simulator/phones/${t.ctx.crypto.blindIndex('mobile', stranger)}/reply`, { cookie, body: { text: '我是新任支部书记，这是我的新号码。' } });
    expect(wrote.statusCode, wrote.body).toBeLessThan(300);
    const page = await newPage();
    await login(page, 'demo-province');
    await page.goto(`${base}/admin/sms/inbox?view=conversations&unmatched=1`);
    const row = page.getByTestId('conversation-row').filter({ hasText: '我是新任支部书记，这是我的新号码。' });
    await row.getByTestId('assign-inbound').click();
    const who = people[2]!;
    // The dialog fully open (its search box ready) before its OK is pressed: a click during the opening animation
    // can land beside the moving button, on the mask, which closes the dialog.
    await page.getByRole('dialog').getByTestId('assign-person').waitFor();
    await page.getByRole('dialog').evaluate((d) => Promise.all(d.getAnimations({ subtree: true }).map((a: { finished: Promise<unknown> }) => a.finished)));
    await page.getByTestId('assign-ok').click();
    await page.getByTestId('assign-error').getByText('请选择要指派的人员').waitFor();
    await expectNoAxeViolations(page, 'the assignment dialog');
    await page.getByTestId('assign-person').click();
    // The whole name at once, and the answer to that search (not to a shorter one typed on the way) before choosing.
    const [found] = await Promise.all([
      page.waitForResponse((r) => { const u = new URL(r.url()); return u.pathname === '/api/contacts/people' && u.searchParams.get('q') === who.name; }),
      page.getByTestId('assign-person').locator('input').fill(who.name),
    ]);
    expect(found.status()).toBe(200);
    await page.getByTestId('assign-option').filter({ hasText: who.name }).filter({ hasText: who.org }).first().click();
    await page.getByTestId('assign-ok').click();
    await page.getByText(`已指派给${who.name}，共1条来信`).waitFor();
    // No longer unmatched; the conversation names the person and their organization.
    await row.waitFor({ state: 'detached' });
    await page.goto(`${base}/admin/sms/inbox?view=conversations`);
    const now = page.getByTestId('conversation-row').filter({ hasText: '我是新任支部书记，这是我的新号码。' });
    expect(await now.getByTestId('inbound-person').textContent()).toBe(who.name);
    expect(await now.textContent()).toContain(who.org);
    await page.context().close();
  }, 90_000);

  it('previews a contact group chosen as the audience with the group\'s own count', async () => {
    const { t, base, newPage, login } = h;
    // A group of the county's (through the API): two of its secretaries and two people outside the rolls.
    const cookie = await t.login('demo-province');
    const name = '冬训联络员（浏览器测试）';
    const group = await t.call('POST', '/api/contacts/groups', { cookie, body: { orgId: county.id, name } });
    expect(group.statusCode, group.body).toBe(201);
    const entries = [{ memberId: people[0]!.id }, { memberId: people[1]!.id }, { name: '王联络', phone: '13700009901' }, { name: '李联络', phone: '13700009902' }];
    for (const body of entries) {
      const r = await t.call('POST', `/api/contacts/groups/${group.json().id}/entries`, { cookie, body });
      expect(r.statusCode, r.body).toBe(201);
    }

    const page = await newPage();
    await login(page, 'demo-province');
    await page.goto(`${base}/admin/sms/broadcasts/new`);
    await page.getByTestId('sms-text').fill('请冬训联络员于周三前报送学习安排。');
    const org = page.getByTestId('sms-org');
    await org.click();
    await org.getByRole('combobox').fill(county.name);
    await page.getByTestId(`org-option-${county.id}`).click();
    await page.getByTestId('sms-who-group').click();
    // The groups of the chosen organization, found by typing.
    const groups = page.getByTestId('sms-groups');
    await groups.click();
    await groups.getByRole('combobox').fill('冬训');
    await page.getByTestId('sms-group-option').filter({ hasText: name }).click();
    // A multiple select stays open after a choice: closed, as a user would leave it, before the page is checked.
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('listbox').count()).toBe(0);
    await page.getByTestId('sms-preview').click();
    await expect.poll(() => page.getByTestId('sms-recipients').textContent()).toBe(`将发送${entries.length}人`);
    await page.getByTestId('sms-preview-result').getByText('接收人数未超过审批限额，提交后立即发送。').waitFor();
    await expectNoAxeViolations(page, 'the editor with a contact group');
    await page.context().close();
  }, 60_000);

  it('lets a city compose from a province template (短信模板), asking before it replaces typed text', async () => {
    const { base, newPage, login } = h;
    const page = await newPage();
    await login(page, 'demo-hangzhou');
    // The library: the province's templates beside the city's own, the province's read-only.
    await page.goto(`${base}/admin/sms/templates`);
    const row = page.getByTestId('template-row').filter({ hasText: '党费缴纳提醒' });
    await row.getByText('上级').first().waitFor();
    await expect.poll(() => row.getByTestId('template-edit').count()).toBe(0);
    await expectNoAxeViolations(page, 'the templates list');

    await page.goto(`${base}/admin/sms/broadcasts/new`);
    await page.getByTestId('sms-text').fill('已经写好的通知');
    const picker = page.getByTestId('sms-template-pick');
    await picker.click();
    await picker.getByRole('combobox').fill('党费');
    await page.getByTestId('sms-template-option').filter({ hasText: '党费缴纳提醒' }).click();
    // The question at rest before it is answered (a click while the dialog zooms in is lost on a busy machine).
    await page.getByTestId('sms-template-replace').waitFor();
    await atRest(page);
    await page.getByTestId('sms-template-replace').click();
    await expect.poll(() => page.getByTestId('sms-text').inputValue()).toMatch(/^\{姓名\}同志：请于本月25日前按规定缴纳本季度党费/);
    await expect.poll(() => page.getByTestId('sms-counter').textContent()).toContain('含变量时按姓名3字');
    await page.context().close();
  }, 60_000);

  it('holds a broadcast above the approval size: the author may not approve it, the province approves and it completes', async () => {
    const { base, newPage, login } = h;
    const author = await newPage();
    await login(author, 'demo-hangzhou');
    await author.goto(`${base}/admin/sms/broadcasts/new`);
    await author.getByTestId('sms-text').fill('请各支部书记于下周一前报送党员冬训计划。');
    // One more than the approval size: the three secretaries and numbers outside the rolls.
    const phones = [...people.map((p) => p.phone), ...Array.from({ length: APPROVAL_THRESHOLD - 2 }, (_, i) => String(13700000001 + i))];
    await author.getByTestId('sms-phones').fill(phones.join('，'));
    await author.getByTestId('sms-preview').click();
    await author.getByTestId('sms-approval-note').getByText('接收人数超过审批限额').waitFor();
    await author.getByTestId('sms-submit').click();
    await author.getByTestId('broadcast-confirm').getByText('提交后等待审批。').waitFor();
    // The confirmation at rest before its button is pressed (a click while it zooms in has been lost on a busy
    // machine); then the request, and its answer, each awaited in its own right with room for a loaded CI.
    await atRest(author);
    const [request] = await Promise.all([
      author.waitForRequest((r) => r.method() === 'POST' && new URL(r.url()).pathname === '/api/sms/broadcasts', { timeout: 60_000 }),
      author.getByTestId('broadcast-confirm-ok').click({ timeout: 60_000 }),
    ]);
    const created = (await request.response())!;
    expect(created.status(), await created.text()).toBe(201);
    await author.waitForURL(/\/admin\/sms\/broadcasts\/\d+$/);
    const url = author.url();
    await expect.poll(() => author.getByTestId('broadcast-state').textContent()).toBe('待审批');
    await author.getByTestId('broadcast-approve').click();
    await author.getByRole('dialog').getByRole('button', { name: '审批通过' }).waitFor();
    await atRest(author); // a click while the dialog zooms in was lost once in a full CI run
    const [refusal] = await Promise.all([
      author.waitForRequest((r) => r.method() === 'POST' && new URL(r.url()).pathname.endsWith('/approve'), { timeout: 60_000 }),
      author.getByRole('dialog').getByRole('button', { name: '审批通过' }).click({ timeout: 60_000 }),
    ]);
    expect((await refusal.response())!.status()).toBe(403);
    await author.getByTestId('decision-error').getByText('不能审批自己提交的群发短信', { exact: false }).waitFor();
    await author.context().close();

    const approver = await newPage();
    await login(approver, 'demo-province');
    await approver.goto(url);
    await expect.poll(() => approver.getByTestId('broadcast-state').textContent()).toBe('待审批');
    await approver.getByTestId('broadcast-approve').click();
    await approver.getByRole('dialog').getByRole('button', { name: '审批通过' }).waitFor();
    await atRest(approver);
    const [approval] = await Promise.all([
      approver.waitForRequest((r) => r.method() === 'POST' && new URL(r.url()).pathname.endsWith('/approve'), { timeout: 60_000 }),
      approver.getByRole('dialog').getByRole('button', { name: '审批通过' }).click({ timeout: 60_000 }),
    ]);
    const approved = (await approval.response())!;
    expect(approved.status(), await approved.text()).toBe(200);
    await expect.poll(() => approver.getByTestId('broadcast-state').textContent(), { timeout: 60_000 }).toBe('已完成');
    await expect.poll(() => approver.getByTestId('count-delivered').textContent(), { timeout: 30_000 }).toContain(String(APPROVAL_THRESHOLD + 1));
    await approver.getByText('省委组织部 演示用户').first().waitFor();
    await approver.context().close();
  }, 150_000);
});
