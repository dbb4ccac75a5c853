/**
 * Demo 应急动员 (F-12): one typhoon alert from 杭州市委 to the branch and township secretaries of 西湖区's rural towns
 * (镇, not 街道), played out over its first two hours so that the board has something to show right after start-up:
 * most secretaries confirm (1, 收到, 确认收到) within half an hour, a few write back, the first reminder goes to the
 * rest, more confirm, the second reminder and the escalation to the township secretaries (乡镇党委书记) follow at an
 * hour, a few confirm late and some never do. The alert stays open.
 *
 * Everything goes through the modules' own commands, on a clock set back to the alert's time: the emergency module
 * creates and sends the alert and runs its reminders and escalation; the SMS module resolves each broadcast into its
 * message store and stores the incoming replies (handing them to the emergency module, as a carrier's would be). The
 * messages themselves go out to the simulated phones once the SMS service starts; with a carrier link (SMPP_URL) the
 * demo plays no alert, as the demo's phone numbers are made up. Deterministic: who confirms when
 * follows the recipients' order, with no randomness.
 */
// The modules' SMS hooks (recipient sources, inbound handlers) are read from the installed catalogue: installed here too
// for the CLI's seed-demo, which does not build the application.
import '../modules/index.js';
import type { AppContext } from '../platform/context.js';
import { loadGrants } from '../platform/sessions.js';
import type { Actor } from '../platform/actor.js';
import { createAlert, escalate, remind, sendAlert } from '../modules/emergency/emergency.service.js';
import type { AlertCreateInput } from '../modules/emergency/emergency.schema.js';
import { resolveBroadcast } from '../modules/sms/sms.service.js';
import { createInboundStore } from '../modules/sms/sms.inbound.js';
import type { ReceiptApplier } from '../modules/sms/sms.applier.js';

const SERVICE = '106900001';
export const DEMO_ALERT_TITLE = '第18号台风防御紧急通知';
const TEXT = '区防指已启动防台风Ⅲ级应急响应，第18号台风预计今晚至明天白天影响我区，伴有大风和强降雨。请各村党组织书记立即组织排查山塘水库、'
  + '地质灾害隐患点和危旧房，提前转移低洼地带群众，落实24小时值班值守，重要情况及时报告镇（街道）。';
/** Replies that are not confirmations, by minute after sending. */
const NOTES: [minute: number, text: string][] = [
  [9, '收到，已通知到各村民小组，正在排查山塘'],
  [17, '村里低洼处3户7人已转移到文化礼堂，安置妥当'],
  [44, '山体滑坡隐患点已拉警戒线，安排2人值守'],
];
const CONFIRMS = ['1', '收到', '确认收到', '1', '１', '确认'];

/** How many minutes before start-up the alert was sent. */
const AGO_MINUTES = 150;

export interface DemoEmergencySummary { alertId: string; recipients: number; confirmed: number }

export async function insertDemoEmergency(ctx: AppContext): Promise<DemoEmergencySummary | null> {
  // Its messages are real ones in the SMS store: only for the embedded simulator's phones, never a carrier's.
  if (ctx.config.sms.smppUrl) return null;
  const account = await ctx.db.selectFrom('accounts').select(['id', 'username', 'display_name']).where('username', '=', 'demo-hangzhou').executeTakeFirst();
  const xihu = await ctx.db.selectFrom('orgs').select(['id', 'path']).where('region_code', '=', '330106').where('level', '=', 'county').executeTakeFirst();
  if (!account || !xihu) return null;
  const towns = await ctx.db.selectFrom('orgs').select('id').where('parent_id', '=', xihu.id).where('level', '=', 'township').where('type', '=', 'committee')
    .orderBy('id').execute();
  if (!towns.length) return null;
  const actor: Actor = {
    accountId: account.id, username: account.username, displayName: account.display_name, kind: 'staff', demo: true, memberId: null,
    sessionId: '', mfaPassed: true, mustChangePassword: false, ip: '', grants: await loadGrants(ctx.db, account.id),
  };
  const t0 = Math.floor((ctx.now().getTime() - AGO_MINUTES * 60_000) / 60_000) * 60_000;
  const at = (minute: number): AppContext => ({ ...ctx, now: () => new Date(t0 + minute * 60_000) });

  const { id } = await createAlert(at(0), actor, {
    kind: 'typhoon', title: DEMO_ALERT_TITLE, text: TEXT, audience: { orgIds: towns.map((t) => t.id), who: ['secretaries'] },
    remindAfterMinutes: 30, maxReminders: 2, escalateAfterMinutes: 60,
  } as unknown as AlertCreateInput);
  await sendAlert(at(0), id);
  const alert = await ctx.db.selectFrom('emergency_alerts').select(['sender', 'reply_ext']).where('id', '=', id).executeTakeFirstOrThrow();
  const scope = (alert.sender as { scope: string[] }).scope;
  const ext = alert.reply_ext;
  const resolveNew = async (minute: number) => {
    const sends = await ctx.db.selectFrom('emergency_sends').select('broadcast_id').where('alert_id', '=', id).where('broadcast_id', 'is not', null).execute();
    for (const b of sends) await resolveBroadcast(at(minute), b.broadcast_id!, scope);
  };
  await resolveNew(1);

  // Who answers when: township secretaries at once; of the others, by their order, 11 in 20 within half an hour,
  // 4 after the first reminder, 2 after the escalation, 3 never.
  const recipients = await ctx.db.selectFrom('emergency_recipients as r').innerJoin('orgs as o', 'o.id', 'r.org_id')
    .select(['r.id', 'r.phone_enc', 'r.person_id']).where('r.alert_id', '=', id).orderBy('r.id').execute();
  const townSecretaries = new Set((await ctx.db.selectFrom('party_positions').select('member_id')
    .where('org_id', 'in', towns.map((t) => t.id)).where('position', '=', 'secretary').where('ended_on', 'is', null).execute()).map((p) => p.member_id));
  const plan: { minute: number; phone: string; text: string }[] = [];
  recipients.forEach((r, i) => {
    const phone = ctx.crypto.decrypt(r.phone_enc);
    const text = CONFIRMS[i % CONFIRMS.length]!;
    const bucket = (i * 7) % 20;
    const minute = r.person_id && townSecretaries.has(r.person_id) ? 2 + (i % 5)
      : bucket < 11 ? 2 + ((i * 5) % 27)
      : bucket < 15 ? 33 + ((i * 3) % 25)
      : bucket < 17 ? 64 + ((i * 11) % 50)
      : null;
    if (minute !== null) plan.push({ minute, phone, text });
  });
  const noted = recipients.filter((_, i) => (i * 7) % 20 < 11).slice(0, NOTES.length);
  NOTES.forEach(([minute, text], k) => { if (noted[k]) plan.push({ minute, phone: ctx.crypto.decrypt(noted[k]!.phone_enc), text }); });
  plan.sort((a, b) => a.minute - b.minute);

  const applier: ReceiptApplier = { add: () => {}, settled: async () => {} };
  const reply = async (upTo: number) => {
    while (plan.length && plan[0]!.minute < upTo) {
      const minute = plan[0]!.minute;
      const store = createInboundStore(at(minute), applier);
      const next = plan.findIndex((p) => p.minute !== minute);
      const batch = plan.splice(0, next === -1 ? plan.length : next);
      await Promise.all(batch.map((p) => store.part({ link: 'demo', from: p.phone, to: `${SERVICE}${ext}`, ext, text: p.text, concat: null, carrierId: null, receivedAt: new Date(t0 + minute * 60_000) })));
    }
  };
  await reply(31);
  await remind(at(31), id);
  await resolveNew(31);
  await reply(61);
  await remind(at(61), id);
  await escalate(at(61), id);
  await resolveNew(61);
  // A township secretary told of silent villages answers the escalation.
  const esc = await ctx.db.selectFrom('emergency_escalations').select('parent_org_id').where('alert_id', '=', id).where('parent_org_id', 'is not', null).orderBy('id').executeTakeFirst();
  const head = esc && await ctx.db.selectFrom('party_positions as p').innerJoin('members as m', 'm.id', 'p.member_id').select('m.mobile_enc')
    .where('p.org_id', '=', esc.parent_org_id!).where('p.position', '=', 'secretary').where('p.ended_on', 'is', null).orderBy('p.id').executeTakeFirst();
  if (head?.mobile_enc) plan.push({ minute: 75, phone: ctx.crypto.decrypt(head.mobile_enc), text: '已电话督促未回复的村，均已落实值班值守' });
  plan.sort((a, b) => a.minute - b.minute);
  await reply(AGO_MINUTES);
  const confirmed = await ctx.db.selectFrom('emergency_recipients').select((eb) => eb.fn.count<string>('confirmed_at').as('n')).where('alert_id', '=', id).executeTakeFirstOrThrow();
  return { alertId: id, recipients: recipients.length, confirmed: Number(confirmed.n) };
}
