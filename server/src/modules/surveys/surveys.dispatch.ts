/**
 * Replies to follow-up (issue 10, item 3): selected replies, whole categories, or all of a question's replies become
 * follow-up items (followups module's commands), each owned by the organization responsible for the sender — the
 * level just below the survey's organization on the way to the sender (the city, for a province survey), which may
 * pass it further down — due in working days. A job opens them (thousands at once), with progress; a reply already
 * followed up is skipped (one item per reply).
 */
import { sql } from 'kysely';
import type { AppContext } from '../../platform/context.js';
import { authorize, subtreePatterns, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import { validationFailed } from '../../platform/errors.js';
import type { JobControl } from '../../platform/jobs.js';
import { openItem } from '../followups/followups.commands.js';
import { loadSurvey, readablePaths } from './surveys.service.js';

export const DISPATCH_QUEUE = 'surveys.dispatch';
export const REPLY_SOURCE = 'surveys.reply';
const OTHER = 'other';

interface Selection { questionId?: string; replyIds?: string[]; categoryIds?: string[]; all?: boolean }

/** The selected replies in the caller's part (ids), not yet followed up. */
async function selected(ctx: AppContext, surveyId: string, paths: string[], sel: Selection): Promise<string[]> {
  const likes = subtreePatterns(paths);
  const cats = (sel.categoryIds ?? []).filter((c) => c !== OTHER);
  const withOther = (sel.categoryIds ?? []).includes(OTHER);
  const { rows } = await sql<{ id: string }>`
    select r.id from survey_replies r join orgs o on o.id = r.org_id
    where r.survey_id = ${surveyId} and o.path like any(${likes}::text[])
      ${sel.questionId ? sql`and r.question_id = ${sel.questionId}` : sql``}
      ${sel.all ? sql`` : sel.replyIds?.length ? sql`and r.id = any(${sel.replyIds}::bigint[])`
        : sql`and (r.category_id = any(${cats}::bigint[]) ${withOther ? sql`or r.category_id is null` : sql``})`}
      and not exists (select 1 from followup_items f where f.source = ${REPLY_SOURCE} and f.source_id = r.id::text)
    order by r.id`.execute(ctx.db);
  return rows.map((r) => r.id);
}

export async function dispatchReplies(ctx: AppContext, actor: Actor, surveyId: string, body: Selection & { dueInWorkingDays: number }) {
  const s = await loadSurvey(ctx.db, surveyId);
  authorize(actor, 'survey.write', s.org_path);
  const paths = readablePaths(actor, s);
  for (const p of paths) authorize(actor, 'followup.write', p);
  const ways = [body.all ? 1 : 0, body.replyIds?.length ? 1 : 0, body.categoryIds?.length ? 1 : 0].reduce((a, b) => a + b, 0);
  if (ways !== 1) throw validationFailed([{ field: 'replyIds', message: '请选择要转办的回复：所选回复、某些分类或全部回复，三者选其一' }]);
  const ids = await selected(ctx, s.id, paths, body);
  if (body.replyIds?.length && ids.length !== new Set(body.replyIds).size) {
    throw validationFailed([{ field: 'replyIds', message: '所选回复中有的已转为跟踪事项、不属于本问卷或不在您的范围内，请刷新后重新选择' }]);
  }
  if (ids.length === 0) throw validationFailed([{ field: 'replyIds', message: '没有可转办的回复：所选回复均已转为跟踪事项' }]);
  const now = ctx.now();
  const jobId = await ctx.db.transaction().execute(async (trx) => {
    await appendAudit(trx, {
      actorId: actor.accountId, actorName: actor.username, action: 'survey.dispatch', entityType: 'survey', entityId: s.id, orgPath: s.org_path, ip: actor.ip,
      after: { replies: ids.length, dueInWorkingDays: body.dueInWorkingDays, categoryIds: body.categoryIds ?? null, all: !!body.all },
    }, now);
    return ctx.jobs.enqueue(DISPATCH_QUEUE, { surveyId: s.id, replyIds: ids, dueInWorkingDays: body.dueInWorkingDays, actor }, { db: trx, createdBy: actor.accountId });
  });
  return { jobId, replies: ids.length };
}

/** The job: one follow-up item per reply, owned by the level below the survey's organization towards the sender. */
export async function dispatchJob(ctx: AppContext, p: { surveyId: string; replyIds: string[]; dueInWorkingDays: number; actor: Actor }, control: JobControl) {
  const s = await loadSurvey(ctx.db, p.surveyId);
  const depth = s.org_path.split('/').filter(Boolean).length;
  let opened = 0;
  let skipped = 0;
  for (let i = 0; i < p.replyIds.length; i += 200) {
    const part = p.replyIds.slice(i, i + 200);
    const rows = await ctx.db.selectFrom('survey_replies as r').innerJoin('orgs as o', 'o.id', 'r.org_id')
      .select(['r.id', 'r.text', 'o.path', 'o.id as org_id']).where('r.id', 'in', part).orderBy('r.id').execute();
    for (const r of rows) {
      const ids = r.path.split('/').filter(Boolean);
      const owner = ids.length > depth ? ids[depth]! : r.org_id;
      const text = r.text.replace(/\s+/g, ' ').trim();
      const title = `${s.title}｜${[...text].slice(0, 60).join('')}${[...text].length > 60 ? '…' : ''}`;
      try {
        await openItem(ctx, p.actor, { source: REPLY_SOURCE, sourceId: r.id, title: [...title].slice(0, 200).join(''), ownerOrgId: owner, dueInWorkingDays: p.dueInWorkingDays });
        opened++;
      } catch (e) {
        if ((e as { code?: string }).code === 'followup.duplicate') skipped++;
        else throw e;
      }
    }
    await control.progress({ processed: Math.min(i + part.length, p.replyIds.length), total: p.replyIds.length });
  }
  return { opened, skipped };
}
