/**
 * Demo 部长信箱 (F-30, F-31): a few letters so that the console is not empty after start-up, played through the
 * module's own commands on a clock set back to each step's time: written (submitLetter, from made-up phones of the
 * embedded simulator), accepted and passed down to 西湖区 with a deadline of its own, declined as not ours, and one
 * answered — drafted by demo-hangzhou and approved by demo-province. Two wait for triage. Deterministic: fixed texts,
 * fixed order, no randomness (the 查询码 are random, as they must be).
 */
import '../modules/index.js';
import type { AppContext } from '../platform/context.js';
import { loadGrants } from '../platform/sessions.js';
import type { Actor } from '../platform/actor.js';
import { submitLetter, type LetterInput } from '../modules/mailbox/mailbox.letters.js';
import { acceptLetter, approveAnswer, declineLetter, draftAnswer } from '../modules/mailbox/mailbox.handling.js';
import { passItem } from '../modules/followups/followups.commands.js';

export const DEMO_LETTER_TITLES = {
  waiting: '建议在村党群服务中心增设适老化设施',
  forwarded: '小区加装电梯协调难，恳请组织部门帮助推动',
  answered: '流动党员如何在务工地参加组织生活',
  declined: '反映某企业拖欠工资问题',
  ningbo: '村务监督委员会成员履职不到位',
  province: '建议加强年轻干部基层实践锻炼',
} as const;

export async function demoActor(ctx: AppContext, username: string): Promise<Actor | null> {
  const a = await ctx.db.selectFrom('accounts').select(['id', 'username', 'display_name']).where('username', '=', username).executeTakeFirst();
  if (!a) return null;
  return {
    accountId: a.id, username: a.username, displayName: a.display_name, kind: 'staff', demo: true, memberId: null,
    sessionId: '', mfaPassed: true, mustChangePassword: false, ip: '', grants: await loadGrants(ctx.db, a.id),
  };
}

export interface DemoMailboxSummary { letters: number }

export async function insertDemoMailbox(ctx: AppContext): Promise<DemoMailboxSummary | null> {
  // The acknowledgements are real messages in the SMS store: only for the embedded simulator's phones.
  if (ctx.config.sms.smppUrl) return null;
  const [province, hangzhou] = await Promise.all([demoActor(ctx, 'demo-province'), demoActor(ctx, 'demo-hangzhou')]);
  const orgs = await ctx.db.selectFrom('orgs').select(['id', 'name', 'depth', 'region_code', 'level']).where('depth', '<=', 2).execute();
  const root = orgs.find((o) => o.depth === 0);
  const hz = orgs.find((o) => o.name === '杭州市委');
  const nb = orgs.find((o) => o.name === '宁波市委');
  const xihu = orgs.find((o) => o.region_code === '330106' && o.level === 'county');
  if (!province || !hangzhou || !root || !hz || !nb || !xihu) return null;
  const now = ctx.now().getTime();
  const at = (daysAgo: number, hour = 0): AppContext => ({ ...ctx, now: () => new Date(now - daysAgo * 86_400_000 + hour * 3_600_000) });
  const write = async (daysAgo: number, orgId: string, phone: string, input: LetterInput) => (await submitLetter(at(daysAgo), orgId, phone, null, input)).id;

  // Oldest first, so that the newest letters head the list.
  const answered = await write(9, hz.id, '13957100101', {
    category: 'consultation', title: DEMO_LETTER_TITLES.answered, name: '陈晓峰', consentPublish: true,
    body: '我是临安区某村党员，常年在宁波务工，每年只有春节回村。请问像我这样的流动党员，在务工地怎样参加组织生活、缴纳党费？需要办理什么手续？',
  });
  await acceptLetter(at(8), hangzhou, answered, { dueInWorkingDays: 15 });
  await draftAnswer(at(3), hangzhou, answered, {
    text: '陈晓峰同志：您好！来信收悉。外出务工6个月以上的流动党员，可持《流动党员活动证》到务工地的流动党员党组织或网络党支部参加组织生活，'
      + '党费可通过线上渠道向所在党支部缴纳。具体请与您村党支部书记联系，由村党支部在系统中登记外出信息并对接务工地党组织。感谢您对党建工作的关心。',
  });
  await approveAnswer(at(2), province, answered, { outcome: 'explained' });

  const declined = await write(6, root.id, '13957100102', {
    category: 'complaint', title: DEMO_LETTER_TITLES.declined, name: null, consentPublish: false,
    body: '我在某工业园区一家企业工作，企业已经拖欠我们三个月工资，多次讨要没有结果，请领导帮忙解决。',
  });
  await declineLetter(at(5), province, declined, {
    kind: 'not_ours', note: '您反映的欠薪问题属于劳动保障部门职责，请拨打12333劳动保障热线或向当地劳动保障监察机构投诉，我们也已将情况告知有关部门。',
  });

  const forwarded = await write(4, hz.id, '13957100103', {
    category: 'help', title: DEMO_LETTER_TITLES.forwarded, name: '李红梅', consentPublish: true,
    body: '我家住西湖区某老旧小区，楼里多位老党员行动不便，加装电梯的意见已征得大多数住户同意，但个别住户反对，社区协调多次没有进展。恳请组织部门帮助推动，发挥社区党组织作用。',
  });
  const f = await acceptLetter(at(3), hangzhou, forwarded, { dueInWorkingDays: 15 });
  await passItem(at(3, 1), hangzhou, f.followup!.id, { toOrgId: xihu.id, reason: '属地办理，请区委组织部指导社区党组织协调，10个工作日内报送办理情况', dueInWorkingDays: 10 });

  await write(2, nb.id, '13957100104', {
    category: 'complaint', title: DEMO_LETTER_TITLES.ningbo, name: null, consentPublish: false,
    body: '我村村务监督委员会成员对村里工程项目从不过问，村务公开栏也长期不更新，希望上级党组织督促整改。',
  });
  await write(1, root.id, '13957100105', {
    category: 'suggestion', title: DEMO_LETTER_TITLES.province, name: '王志远', consentPublish: true,
    body: '建议有计划地选派机关年轻干部到村（社区）担任职务，在乡村振兴一线经受锻炼，同时建立跟踪考核机制。',
  });
  await write(0, hz.id, '13957100106', {
    category: 'suggestion', title: DEMO_LETTER_TITLES.waiting, name: '赵建国', consentPublish: true,
    body: '我村党群服务中心是老房子改建的，门口有台阶、没有扶手，卫生间也不方便老人使用。村里老党员多，建议统一增设坡道、扶手和适老化卫生设施。',
  });
  return { letters: 6 };
}
