/**
 * Demo 干部工作 (F-50, F-51): Hangzhou's open batch of vacancies with a few recommendations from the public, and a
 * pre-appointment notice in its objection period with one objection waiting for an answer — played through the cadres
 * module's own commands, so the console and the public /cadres and /notices are not empty after start-up.
 * Recommenders and the objector use made-up phones of the embedded simulator; nothing is sent to them.
 */
import '../modules/index.js';
import type { AppContext } from '../platform/context.js';
import { addDays, chinaToday } from '../platform/china-time.js';
import { createBatch, recommend } from '../modules/cadres/cadres.vacancies.js';
import { lodgeObjection, publishNotice } from '../modules/cadres/cadres.notices.js';
import { demoActor } from './demo-mailbox.js';

export const DEMO_BATCH_TITLE = '杭州市2026年第四批市管干部空缺岗位公开推荐';
export const DEMO_NOTICE_TITLE = '杭州市委组织部干部任前公示（2026年第12号）';

export async function insertDemoCadres(ctx: AppContext): Promise<{ recommendations: number; objections: number } | null> {
  const hangzhou = await demoActor(ctx, 'demo-hangzhou');
  const org = await ctx.db.selectFrom('orgs').select('id').where('depth', '=', 1).where('name', '=', '杭州市委').executeTakeFirst();
  if (!hangzhou || !org) return null;
  const today = chinaToday(ctx.now());
  const batch = await createBatch(ctx, hangzhou, {
    orgId: org.id, title: DEMO_BATCH_TITLE, opensOn: today, closesOn: addDays(today, 20),
    posts: [
      { name: '市委组织部组织一处副处长', unit: '中共杭州市委组织部', headcount: 1, requirements: '中共党员，大学本科以上学历，具有3年以上基层党建工作经历，年龄40周岁以下。' },
      { name: '市直机关工委办公室主任', unit: '中共杭州市直属机关工作委员会', headcount: 1, requirements: '中共党员，大学本科以上学历，具有较强的综合协调和文字能力。' },
    ],
  });
  const posts = await ctx.db.selectFrom('cadre_posts').select('id').where('batch_id', '=', batch.id).orderBy('id').execute();
  const recs: [number, string, string, string, string][] = [
    [0, '13900000211', '周建华', '西湖区委组织部', '长期从事基层党建工作，熟悉村社组织建设，群众口碑好。'],
    [0, '13900000212', '周建华', '西湖区委组织部', '工作扎实，组织推动能力强，多次获评优秀。'],
    [0, '13900000213', '孙丽', '上城区委组织部', '有乡镇工作经历，善于做群众工作。'],
    [1, '13900000214', '吴敏', '市直机关工委', '文字功底扎实，协调能力强。'],
  ];
  for (const [i, phone, candidateName, candidateUnit, reasons] of recs) await recommend(ctx, posts[i]!.id, phone, null, { candidateName, candidateUnit, reasons });
  const notice = await publishNotice(ctx, hangzhou, {
    orgId: org.id, title: DEMO_NOTICE_TITLE, contact: '公示期间，如有情况反映，请通过本页提出异议或致电12380。',
    candidates: [
      { name: '钱志强', sex: 'male', birthYm: '1981-05', education: '研究生', currentPost: '西湖区委组织部副部长', proposedPost: '拟任区委组织部部长', bio: '2004年参加工作，历任乡镇党委委员、区委组织部科长、副部长。' },
      { name: '郑晓燕', sex: 'female', birthYm: '1984-09', education: '大学', currentPost: '上城区某街道党工委副书记', proposedPost: '拟任街道党工委书记', bio: '2006年参加工作，长期在街道社区工作。' },
    ],
  });
  await lodgeObjection(ctx, notice.id, '13900000215', null, { candidateIndex: 0, body: '反映该同志在原单位工作期间存在作风不够扎实的情况，请组织核实。' });
  return { recommendations: recs.length, objections: 1 };
}
