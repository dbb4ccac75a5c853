/**
 * Sign-in by SMS code in Debian's Chromium, at 390 px, against the real server with its SMS service running (the
 * dispatcher over SMPP to the embedded SMSC simulator): demo-member's phone number is refused while mistyped, then
 * 获取验证码 counts down, the demo hint names the 虚拟手机 page, the code the simulator's phone received signs in,
 * and 党员之家 lists the messages sent to the member (without the sign-in code).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable } from './browser.js';
import { expectNoAxeViolations, startHarness, type Harness } from './harness.js';
import { LANES } from '../server/src/modules/sms/sms.store.js';

const enabled = browserAvailable();
let h: Harness;
let member: { id: string; orgId: string; phone: string; bidx: string };

beforeAll(async () => {
  if (!enabled) return;
  h = await startHarness({ jobs: true, services: true, env: { SMS_QUIET_HOURS: 'off' } });
  const m = await h.t.ctx.db.selectFrom('accounts as a').innerJoin('members as m', 'm.id', 'a.member_id')
    .select(['m.id', 'm.org_id', 'm.mobile_enc', 'm.mobile_bidx']).where('a.username', '=', 'demo-member').executeTakeFirstOrThrow();
  member = { id: m.id, orgId: m.org_id, phone: h.t.ctx.crypto.decrypt(m.mobile_enc!), bidx: m.mobile_bidx! };
  // A notice the branch sent the member earlier (as a delivered broadcast message would be stored).
  const now = new Date();
  await h.t.ctx.db.insertInto('sms_messages').values({
    lane: LANES.bulk, person_kind: 'member', person_id: member.id, org_id: member.orgId, phone_enc: m.mobile_enc!, phone_bidx: member.bidx,
    phone_masked: `${member.phone.slice(0, 3)}****${member.phone.slice(7)}`, text: '【浙江组工】请于本周五下午2点参加主题党日活动。', state: 'delivered',
    not_before: now, created_at: now, submitted_at: now, finished_at: now,
  }).execute();
}, 240_000);

afterAll(async () => {
  await h?.close();
});

describe.skipIf(!enabled)('sign-in by SMS code in Chromium', () => {
  it('sends the code to the member\'s phone, signs in with it, and 党员之家 lists the messages sent to the member', async () => {
    const { base, newPage, t } = h;
    const page = await newPage({ width: 390 });
    await page.goto(`${base}/login`);
    await page.getByRole('tab', { name: '短信验证码登录' }).click();
    await page.getByTestId('sms-phone').fill('1381234');
    await page.getByTestId('sms-get-code').click();
    await page.getByText('请输入正确的11位手机号码').waitFor();

    await page.getByTestId('sms-phone').fill(member.phone);
    await page.getByTestId('sms-get-code').click();
    await expect.poll(() => page.getByTestId('sms-get-code').textContent()).toMatch(/^\d+秒后重新获取$/);
    await page.getByTestId('sms-demo-hint').getByText('虚拟手机', { exact: false }).waitFor();
    await expectNoAxeViolations(page, 'the SMS sign-in tab');

    // The code, as the simulator's phone received it (the message goes over SMPP and is receipted).
    await expect.poll(async () => (await t.ctx.db.selectFrom('sms_messages').select('state').where('phone_bidx', '=', member.bidx)
      .where('purpose', '=', 'login_code').orderBy('id', 'desc').executeTakeFirst())?.state, { timeout: 20_000 }).toBe('delivered');
    const sent = await t.ctx.db.selectFrom('sms_messages').select('text').where('phone_bidx', '=', member.bidx).where('purpose', '=', 'login_code').orderBy('id', 'desc').executeTakeFirstOrThrow();
    const code = /验证码为(\d{6})/.exec(sent.text)![1]!;

    await page.getByTestId('sms-code').fill(code);
    await page.getByTestId('sms-submit').click();
    await page.waitForURL(/\/me$/);
    const card = page.getByTestId('my-sms');
    await card.getByText('【浙江组工】请于本周五下午2点参加主题党日活动。').waitFor();
    await card.getByText('已送达').first().waitFor();
    expect(await card.textContent()).not.toContain(code);
    await expectNoAxeViolations(page, 'the member centre');
  });
});
