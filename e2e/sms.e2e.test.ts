/**
 * The SMS platform in Debian's Chromium against the real server with its SMS service running (the dispatcher bound
 * over SMPP to the embedded SMSC simulator): demo-province writes to the branch secretaries (党支部书记, from the
 * contacts module's positions) of one Hangzhou county, their phones pasted as a list (the 书记 × organization
 * audience is covered by sms.test.ts; choosing it in the organization tree here is still to do), watches the broadcast complete with every message delivered,
 * then on 虚拟手机 opens one recipient's phone, reads the message, replies 「收到，按时参加」, and finds the reply in
 * 收件箱 matched to that member, opens the conversation with that phone there and answers from it (the answer shows in
 * the thread, is watched until delivered and reaches the phone). The same phone page is then used at 390 px. A broadcast above the approval size
 * (3 here) waits: its author is refused with the server's words, another staff member approves it and it completes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { browserAvailable } from './browser.js';
import { expectNoAxeViolations, startHarness, type Harness } from './harness.js';

const enabled = browserAvailable();
let h: Harness;
let people: { name: string; org: string; phone: string }[] = [];

beforeAll(async () => {
  if (!enabled) return;
  h = await startHarness({ jobs: true, services: true, env: { SMS_QUIET_HOURS: 'off', SMS_APPROVAL_THRESHOLD: '3' } });
  // One county of Hangzhou with at least three current branch secretaries who have phones; three of them.
  const { rows } = await sql<{ name: string; org: string; mobile_enc: Buffer }>`
    with secretaries as (
      select m.name, o.name as org, m.mobile_enc, o.id as org_id, c.id as county_id
      from party_positions p join members m on m.id = p.member_id join orgs o on o.id = p.org_id
      join orgs c on o.path like c.path || '%' join orgs city on city.id = c.parent_id
      where city.name = '杭州市委' and p.position = 'secretary' and p.ended_on is null and o.type = 'branch'
        and m.mobile_enc is not null and m.departed_on is null
    ), county as (
      select county_id from secretaries group by county_id having count(*) >= 3 order by county_id limit 1
    )
    select name, org, mobile_enc from secretaries where county_id = (select county_id from county) order by org_id limit 3`.execute(h.t.ctx.db);
  people = rows.map((r) => ({ name: r.name, org: r.org, phone: h.t.ctx.crypto.decrypt(r.mobile_enc) }));
}, 240_000);

afterAll(async () => {
  await h?.close();
});

describe.skipIf(!enabled)('SMS platform in Chromium', () => {
  it('sends to a county\'s branch secretaries, shows every message delivered, and a reply from the virtual phone reaches the inbox', async () => {
    expect(people).toHaveLength(3);
    const { base, newPage, login } = h;
    const page = await newPage();
    await login(page, 'demo-province');

    await page.goto(`${base}/admin/sms/broadcasts/new`);
    await page.getByTestId('sms-text').fill('请各位书记于本周五下午3点参加全县党建工作视频会议。');
    // The live count: the signature (6 characters) is counted with the 26 typed: 32 of 70.
    await expect.poll(() => page.getByTestId('sms-counter').textContent()).toContain('共32字（含签名），计1条，本条还可输入38字');
    // A bad line is refused with its line number before anything is asked of the server.
    await page.getByTestId('sms-phones').fill(`${people[0]!.phone}\n12345`);
    await page.getByTestId('sms-preview').click();
    await page.getByText('第2行“12345”不是有效的手机号码').first().waitFor();
    await page.getByTestId('sms-phones').fill(people.map((p) => p.phone).join('\n'));
    await page.getByTestId('sms-preview').click();
    const result = page.getByTestId('sms-preview-result');
    await result.getByText('接收人数未超过审批限额，提交后立即发送。').waitFor();
    expect(await result.textContent()).toContain('将发送');
    await expectNoAxeViolations(page, 'the broadcast editor');
    await page.getByTestId('sms-submit').click();
    await page.getByTestId('broadcast-confirm').getByText('将向3人发送“普通”短信，每人1条。').waitFor();
    await page.getByTestId('broadcast-confirm-ok').click();

    await page.waitForURL(/\/admin\/sms\/broadcasts\/\d+$/);
    await expect.poll(() => page.getByTestId('broadcast-state').textContent(), { timeout: 30_000 }).toBe('已完成');
    await expect.poll(() => page.getByTestId('count-delivered').textContent()).toContain('3');
    expect(await page.getByTestId('count-failed').textContent()).toContain('0');
    await expect.poll(() => page.getByTestId('recipient-row').count()).toBe(3);
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

  it('holds a broadcast above the approval size: the author may not approve it, the province approves and it completes', async () => {
    const { base, newPage, login } = h;
    const author = await newPage();
    await login(author, 'demo-hangzhou');
    await author.goto(`${base}/admin/sms/broadcasts/new`);
    await author.getByTestId('sms-text').fill('请各支部书记于下周一前报送党员冬训计划。');
    await author.getByTestId('sms-phones').fill([...people.map((p) => p.phone), '13700000001'].join('，'));
    await author.getByTestId('sms-preview').click();
    await author.getByTestId('sms-approval-note').getByText('接收人数超过审批限额').waitFor();
    await author.getByTestId('sms-submit').click();
    await author.getByTestId('broadcast-confirm').getByText('提交后等待审批。').waitFor();
    const [created] = await Promise.all([
      author.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/sms/broadcasts'),
      author.getByTestId('broadcast-confirm-ok').click(),
    ]);
    expect(created.status(), await created.text()).toBe(201);
    await author.waitForURL(/\/admin\/sms\/broadcasts\/\d+$/);
    const url = author.url();
    await expect.poll(() => author.getByTestId('broadcast-state').textContent()).toBe('待审批');
    await author.getByTestId('broadcast-approve').click();
    await author.getByRole('dialog').getByRole('button', { name: '审批通过' }).click();
    await author.getByTestId('decision-error').getByText('不能审批自己提交的群发短信', { exact: false }).waitFor();
    await author.context().close();

    const approver = await newPage();
    await login(approver, 'demo-province');
    await approver.goto(url);
    await expect.poll(() => approver.getByTestId('broadcast-state').textContent()).toBe('待审批');
    await approver.getByTestId('broadcast-approve').click();
    const [approved] = await Promise.all([
      approver.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname.endsWith('/approve')),
      approver.getByRole('dialog').getByRole('button', { name: '审批通过' }).click(),
    ]);
    expect(approved.status(), await approved.text()).toBe(200);
    await expect.poll(() => approver.getByTestId('broadcast-state').textContent(), { timeout: 60_000 }).toBe('已完成');
    await expect.poll(() => approver.getByTestId('count-delivered').textContent(), { timeout: 30_000 }).toContain('4');
    await approver.getByText('省委组织部 演示用户').first().waitFor();
    await approver.context().close();
  }, 150_000);
});
