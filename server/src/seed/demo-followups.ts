/**
 * Demo 跟踪督办 (issue 10, item 3): ten items from the demo source (`demo.request`, 演示事项) owned by 杭州市委 and three
 * of its districts, so that the console's lists and 办理进度 are not empty: some due ahead, some overdue (two of them
 * escalated to the level above), some passed down from the city, some closed as resolved or explained. Due dates are
 * counted in working days by the 2026 demo calendar, relative to the day the demo data is made.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { addDays } from '../platform/china-time.js';
import { addWorkingDays, workingDaysBetween, type DayKind } from '../modules/calendar/calendar.days.js';
import { calendar2026 } from './demo-calendar.js';
import type { DemoTree } from './demo-orgs.js';

interface Spec {
  title: string;
  /** 0: 杭州市委; 1–3: a district of Hangzhou (passed down from the city) */
  owner: 0 | 1 | 2 | 3;
  /** working days from the opening day to the due date */
  dueIn: number;
  /** calendar days before today the item was opened */
  openedAgo: number;
  closed?: { outcome: 'resolved' | 'explained'; note: string; daysAgo: number };
  note?: string;
}

const SPECS: Spec[] = [
  { title: '希望加强村干部业务培训，特别是集体经济和财务管理方面', owner: 0, dueIn: 15, openedAgo: 3, note: '已与市委党校对接，拟于下月举办专题培训班。' },
  { title: '村务公开栏信息更新不及时，群众看不到最新的财务收支', owner: 1, dueIn: 5, openedAgo: 14 },
  { title: '流动党员在外地参加组织生活不方便，希望多开展线上学习', owner: 2, dueIn: 10, openedAgo: 6 },
  { title: '农村党员远程教育站点设备老化，播放经常卡顿', owner: 1, dueIn: 10, openedAgo: 20, closed: { outcome: 'resolved', note: '区委组织部已为3个站点更换机顶盒和显示屏，经回访播放正常。', daysAgo: 4 } },
  { title: '咨询村级换届选举中候选人资格审查的具体程序', owner: 0, dueIn: 5, openedAgo: 12, closed: { outcome: 'explained', note: '已电话答复来信人，并寄送《村党组织换届选举工作指引》，候选人资格按指引第三章审查。', daysAgo: 6 } },
  { title: '建议增加党员志愿服务项目，带动群众参与社区治理', owner: 3, dueIn: 3, openedAgo: 8 },
  { title: '村集体经济项目审批进度慢，希望简化流程', owner: 2, dueIn: 20, openedAgo: 2 },
  { title: '年轻党员发展名额偏少，优秀青年入党积极性受影响', owner: 0, dueIn: 5, openedAgo: 25 },
  { title: '党群服务中心周末不开放，上班族办事不方便', owner: 1, dueIn: 8, openedAgo: 15, closed: { outcome: 'resolved', note: '自本月起党群服务中心周六上午开放，已在公开栏和微信群公告。', daysAgo: 2 } },
  { title: '村党支部书记报酬偏低，希望完善待遇保障机制', owner: 3, dueIn: 12, openedAgo: 4 },
];

export async function insertDemoFollowups(db: Kysely<DB>, tree: DemoTree, today: string): Promise<number> {
  const days = new Map<string, DayKind>(calendar2026().map((r) => [r.day, r.kind]));
  const hangzhou = tree.cities.get('330100')!;
  const districts = tree.all.filter((o) => o.parent === hangzhou).slice(0, 3);
  if (districts.length < 3) return 0;
  const owners = [hangzhou, ...districts];
  const accounts = new Map((await db.selectFrom('accounts').select(['id', 'username']).where('username', 'in', ['demo-province', 'demo-hangzhou']).execute()).map((a) => [a.username, a.id]));
  const province = accounts.get('demo-province') ?? null;
  const city = accounts.get('demo-hangzhou') ?? null;
  const at = (daysAgo: number, hour: number) => new Date(`${addDays(today, -daysAgo)}T${String(hour).padStart(2, '0')}:00:00+08:00`);
  let n = 0;
  for (const [i, s] of SPECS.entries()) {
    const opened = addDays(today, -s.openedAgo);
    const due = addWorkingDays(opened, s.dueIn, days);
    const owner = owners[s.owner]!;
    const closed = s.closed;
    // Overdue items still open (late by a working day or more): escalated to the level above on the first working day
    // after their due date, as the daily job would have.
    const late = !closed && due < today ? workingDaysBetween(due, today, days) : 0;
    const escalateTo = late >= 1 ? owner.parent! : null;
    const escalatedOn = escalateTo ? addWorkingDays(due, 1, days) : null;
    const item = await db.insertInto('followup_items').values({
      source: 'demo.request', source_id: `demo-${i + 1}`, title: s.title, owner_org_id: owner.id, due_on: due, created_by: province,
      created_at: at(s.openedAgo, 9), updated_at: at(closed?.daysAgo ?? s.openedAgo, 16),
      assignee_id: s.owner === 0 && !closed ? city : null,
      state: closed?.outcome ?? 'open', closing_note: closed?.note ?? null, closed_by: closed ? city : null, closed_at: closed ? at(closed.daysAgo, 16) : null,
      escalated_level: escalateTo ? 1 : 0, escalated_org_id: escalateTo?.id ?? null, escalated_on: escalatedOn,
    }).returning('id').executeTakeFirstOrThrow();
    if (escalateTo) {
      await db.insertInto('followup_escalations').values({
        item_id: item.id, level: 1, owner_org_id: owner.id, to_org_id: escalateTo.id, on_date: escalatedOn!, working_days_overdue: workingDaysBetween(due, escalatedOn!, days),
        at: new Date(`${escalatedOn}T08:30:00+08:00`),
      }).execute();
    }
    if (s.owner > 0) {
      await db.insertInto('followup_hops').values({
        item_id: item.id, direction: 'down', from_org_id: hangzhou.id, to_org_id: owner.id, reason: '属地办理，请区委组织部核实情况并答复', by_id: city, at: at(s.openedAgo, 11),
      }).execute();
    }
    if (s.note && city) await db.insertInto('followup_notes').values({ item_id: item.id, text: s.note, by_id: city, at: at(Math.max(s.openedAgo - 1, 0), 15) }).execute();
    n++;
  }
  return n;
}
