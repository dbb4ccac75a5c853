/**
 * Demo 短信模板 (issue 9, item 4): the province's common notices, and one each of 杭州市委 and 宁波市委, so that a
 * city's staff see the province's templates beside their own (read-only) and never the other city's.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { DemoTree } from './demo-orgs.js';

const PROVINCE_TEMPLATES: { name: string; text: string }[] = [
  { name: '主题党日提醒', text: '{姓名}同志：本月主题党日活动定于本周五下午举行，请{组织}党员准时参加，因故不能参加的请提前向支部书记请假。' },
  { name: '党费缴纳提醒', text: '{姓名}同志：请于本月25日前按规定缴纳本季度党费，可通过“浙里党费”线上缴纳或交至{组织}党费收缴人。' },
  { name: '会议通知', text: '{姓名}同志：定于下周一上午9:00在省委组织部三楼会议室召开全省组织工作例会，请准时参加。收到请回复“收到”。' },
  { name: '防汛紧急通知', text: '{姓名}同志：受台风影响，今明两天我省有强降雨。请{组织}立即落实防汛值班，组织党员干部排查隐患、转移危险区域群众，确保安全。' },
];

export async function insertDemoSmsTemplates(db: Kysely<DB>, tree: DemoTree, today: string): Promise<number> {
  const at = new Date(`${today}T09:00:00+08:00`);
  const hangzhou = tree.cities.get('330100')!;
  const ningbo = tree.cities.get('330200')!;
  const rows = [
    ...PROVINCE_TEMPLATES.map((t) => ({ org_id: tree.root.id, ...t })),
    { org_id: hangzhou.id, name: '社区志愿服务招募', text: '{姓名}同志：市委组织部现招募党员志愿者参与社区志愿服务，有意向的请于本周内向{组织}报名。' },
    { org_id: ningbo.id, name: '港区党建联席会议', text: '{姓名}同志：本月港区党建联席会议定于周三下午召开，请{组织}书记参加。' },
  ];
  // Oldest first, a minute apart, so that "newest first" lists them in a fixed order.
  await db.insertInto('sms_templates').values(rows.map((r, i) => ({ ...r, created_at: new Date(at.getTime() + i * 60_000), updated_at: new Date(at.getTime() + i * 60_000) }))).execute();
  return rows.length;
}
