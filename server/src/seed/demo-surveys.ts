/**
 * A demo 问卷 (issue 10): the source article's survey, as the province asked it of Hangzhou's village branch
 * secretaries — one open question, SMS and web form, opened ten days before the demo's day and closed three days
 * before it, most secretaries replying within four days. Three categories with rules, as staff would set them; the
 * replies are stored and categorized by the module's own command (recordAnswers), so the results, replies, rules and
 * theme screens have something to show right after `npm start`. Deterministic for a seed.
 */
import { sql, type Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import { addDays } from '../platform/china-time.js';
import { audienceQuery } from '../modules/contacts/contacts.audience.js';
import { recordAnswers } from '../modules/surveys/surveys.answers.js';
import type { DemoTree } from './demo-orgs.js';
import type { Random } from './random.js';

const TITLE = '村级组织建设意见征集';
const QUESTION = '您对加强村级组织建设有什么意见和建议？';

const CATEGORIES = [
  { name: '村级组织建设', words: ['阵地', '活动场所', '村级组织', '议事', '村务'] },
  { name: '党员队伍建设', words: ['发展党员', '年轻党员', '党员教育', '流动党员', '老党员'] },
  // 换届 and 选举 are often inside a longer word after segmentation (换届选举, 选举权): matched inside words.
  { name: '村级换届选举', words: ['换届', '选举', '候选人'], inside: true },
];

/** Replies as secretaries write them, in about the article's proportions (45 / 33 / 20 %, the rest other). */
const REPLIES: [number, string][] = [
  [9, '村级组织活动场所面积小，设施陈旧，希望上级帮助改善'],
  [7, '建议规范村务议事程序，重大事项先经支部讨论'],
  [6, '村级组织阵地建设经费不足，建议列入财政预算'],
  [5, '村两委分工不够明确，希望出台村级组织运行规范'],
  [8, '发展党员指标太少，年轻党员难留住'],
  [6, '建议加强党员教育，多组织到先进村学习'],
  [4, '流动党员多，组织生活难开展，希望有线上学习渠道'],
  [3, '老党员年纪大了，希望多关心慰问'],
  [6, '换届选举要公平公正，防止拉票贿选'],
  [4, '希望提前明确换届候选人资格条件'],
  [2, '建议多组织村干部业务培训'],
  [1, '村集体经济薄弱，办事缺钱'],
];

export async function insertDemoSurveys(db: Transaction<DB>, tree: DemoTree, rng: Random, today: string): Promise<number> {
  const hangzhou = tree.cities.get('330100')!;
  const at = (day: string, minutes: number) => new Date(Date.parse(`${day}T08:00:00+08:00`) + minutes * 60_000);
  const opened = at(addDays(today, -10), 60);
  const closed = at(addDays(today, -3), 600);
  const audience = { orgIds: [hangzhou.id], who: ['secretaries'], groupIds: [] as string[] };
  const s = await db.insertInto('surveys').values({
    org_id: tree.root.id, title: TITLE, intro: '', state: 'closed', by_sms: true, by_web: true, audience: JSON.stringify(audience),
    opens_at: opened, closes_at: closed, opened_at: opened, closed_at: closed, invited_at: opened, created_by: null,
    created_by_name: '省委组织部', created_at: opened, updated_at: closed, public_results: true,
  }).returning('id').executeTakeFirstOrThrow();
  const q = await db.insertInto('survey_questions').values({ survey_id: s.id, seq: 1, kind: 'text', text: QUESTION, options: '[]' })
    .returning('id').executeTakeFirstOrThrow();
  await db.insertInto('survey_categories').values(CATEGORIES.map((c, i) => ({
    survey_id: s.id, kind: 'category' as const, seq: i + 1, name: c.name, rules: JSON.stringify([{ kind: 'any', words: c.words, ...(c.inside ? { inside: true } : {}) }]), created_at: opened,
  }))).execute();

  // The invitations: the secretaries an SMS to that audience reaches, one per phone, as the invite job makes them.
  const aud = audienceQuery(db, { orgIds: [hangzhou.id], who: ['secretaries'], groupIds: [] }, [tree.root.path], { today });
  await sql`
    insert into survey_invitations (survey_id, person_kind, person_id, name, org_id, phone_enc, phone_bidx, phone_masked, token)
    select ${s.id}, a.person_kind, a.person_id::bigint, a.name, a.org_id::bigint, a.phone_enc, a.phone_bidx, a.phone_masked,
           translate(left(encode(uuid_send(gen_random_uuid()), 'base64'), 12), '+/', '-_')
    from (select distinct on (phone_bidx) * from (${aud}) x where x.phone_bidx is not null and not x.opted_out order by phone_bidx, person_kind, person_id) a`.execute(db);
  const invitations = await db.selectFrom('survey_invitations').select(['id', 'org_id']).where('survey_id', '=', s.id).orderBy('id').execute();

  // Most reply, nearly all within four days: more on the first day, fewer each day after.
  const total = REPLIES.reduce((n, [w]) => n + w, 0);
  const answers = [];
  for (const inv of invitations) {
    if (rng.next() >= 0.86) continue;
    let pick = rng.next() * total;
    const text = REPLIES.find(([w]) => (pick -= w) < 0)?.[1] ?? REPLIES[0]![1];
    const dayIdx = Math.min(6, Math.floor(-Math.log(1 - rng.next()) * 1.3));
    const when = at(addDays(today, -10 + dayIdx), 90 + Math.floor(rng.next() * 600));
    answers.push({ inv, text, when });
  }
  answers.sort((a, b) => a.when.getTime() - b.when.getTime());
  await recordAnswers(db, answers.map((a) => ({
    surveyId: s.id, questionId: q.id, kind: 'text' as const, options: 0, invitationId: a.inv.id, orgId: a.inv.org_id, channel: a.inv.id.endsWith('3') ? 'web' as const : 'sms' as const,
    text: a.text, at: a.when, replace: true,
  })));
  await sql`
    update survey_invitations i set replied_at = x.at, completed_at = x.at
    from unnest(${answers.map((a) => a.inv.id)}::bigint[], ${answers.map((a) => a.when.toISOString())}::timestamptz[]) x(id, at)
    where i.id = x.id`.execute(db);
  await db.updateTable('surveys').set({ invited: invitations.length }).where('id', '=', s.id).execute();
  return answers.length;
}
