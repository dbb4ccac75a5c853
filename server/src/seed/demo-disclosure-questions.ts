/**
 * Demo 群众提问 under Hangzhou's demo disclosures (demo-disclosures.ts), played through the disclosures and safety
 * modules' own commands as a resident and demo-hangzhou would: questions asked from made-up phones of the embedded
 * simulator (nothing is sent to them), approved on 内容审核, answered — one answer corrected afterwards, so the public
 * page shows the correction with its 原答复 — one approved question still waiting for its answer, and one question
 * still waiting for moderation. So /disclosure/<id>, the console's 群众提问 card and 内容审核 are not empty after start.
 */
import '../modules/index.js';
import type { AppContext } from '../platform/context.js';
import { answerQuestion, askQuestion, QUESTION_KIND } from '../modules/disclosures/disclosures.questions.js';
import { decideModeration } from '../modules/safety/safety.moderation.js';
import { demoActor } from './demo-mailbox.js';

export interface DemoQuestionsSummary { questions: number; answered: number; corrected: number; unanswered: number; held: number }

export async function insertDemoDisclosureQuestions(ctx: AppContext): Promise<DemoQuestionsSummary | null> {
  // Answers text the asker: only for the embedded simulator's phones.
  if (ctx.config.sms.smppUrl) return null;
  const hangzhou = await demoActor(ctx, 'demo-hangzhou');
  const city = await ctx.db.selectFrom('orgs').select('path').where('depth', '=', 1).where('name', '=', '杭州市委').executeTakeFirst();
  if (!hangzhou || !city) return null;
  // The demo's published items in Hangzhou, the earliest first: the first village's party affairs, finances and notice.
  const items = await ctx.db.selectFrom('disclosure_items as i').innerJoin('orgs as o', 'o.id', 'i.org_id').select(['i.id', 'i.kind', 'i.org_id'])
    .where('i.state', '=', 'published').where('o.path', 'like', `${city.path}%`).orderBy('i.id').execute();
  const first = items[0];
  if (!first) return null;
  const ofFirst = (kind: string) => items.find((i) => i.org_id === first.org_id && i.kind === kind);
  const [party, finance, notice] = [ofFirst('party'), ofFirst('finance'), ofFirst('village')];
  if (!party || !finance || !notice) return null;

  const approve = async (questionId: string) => {
    const m = await ctx.db.selectFrom('moderation_items').select('id').where('kind', '=', QUESTION_KIND).where('ref_id', '=', questionId).where('state', '=', 'held').executeTakeFirstOrThrow();
    await decideModeration(ctx, hangzhou, m.id, 'approved', undefined);
  };
  const ask = (itemId: string, phone: string, body: string, name: string | null) => askQuestion(ctx, itemId, phone, '127.0.0.1', { body, name }).then((q) => q.id);

  const road = await ask(notice.id, '13900000301', '道路硬化工程什么时候开工？施工期间村民出行怎么安排？', '陈建平');
  await approve(road);
  await answerQuestion(ctx, hangzhou, road, '工程计划于下月上旬开工，分两段施工，施工期间保留一侧车道通行，并在村口设置临时停车点。具体安排将在村务公开栏另行公告。');

  const rent = await ask(finance.id, '13900000302', '集体资产租赁收入比上季度增加了，是新出租了哪些资产？', null);
  await approve(rent);
  await answerQuestion(ctx, hangzhou, rent, '增加部分为村东仓库出租收入，租期三年，经村民代表会议表决通过。');
  await answerQuestion(ctx, hangzhou, rent, '增加部分为村东仓库及晒场出租收入，租期三年，经村民代表会议表决通过，租赁合同可在村务监督委员会查阅。（更正：原答复遗漏晒场出租。）');

  const dues = await ask(party.id, '13900000303', '党费收缴率100%，流动党员的党费是怎么收缴的？', '王丽');
  await approve(dues);

  await ask(party.id, '13900000304', '主题党日活动群众可以旁听吗？', null);
  return { questions: 4, answered: 2, corrected: 1, unanswered: 1, held: 1 };
}
