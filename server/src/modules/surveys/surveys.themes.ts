/**
 * Theme suggestions (issue 10, item 2): for a question's replies in 其他, a job clusters them (platform/text/themes.ts)
 * and stores the themes — keywords, examples, the ids of the replies each gathers, a suggested name and rules — in
 * survey_theme_runs, with progress on the job. Staff accept a theme by creating a category from its suggested rules
 * (POST …/categories), which re-runs the rules over the replies. One run per survey at a time.
 */
import type { AppContext } from '../../platform/context.js';
import { authorize, type Actor } from '../../platform/actor.js';
import { conflict } from '../../platform/errors.js';
import type { JobControl } from '../../platform/jobs.js';
import { jobStatus } from '../../platform/jobs.js';
import { suggestThemes } from '../../platform/text/themes.js';
import { segmenterFor } from '../../platform/text/segmenter.js';
import { loadSurvey, readablePaths } from './surveys.service.js';
import { questionOf } from './surveys.results.js';
import { ruleSetOf } from './surveys.rules.js';

export const THEMES_QUEUE = 'surveys.themes';
/** The replies a run looks at, at most (the newest): enough for themes, bounded in memory and time. */
export const MAX_THEME_REPLIES = 20_000;

export async function startThemes(ctx: AppContext, actor: Actor, id: string, questionId: string | undefined) {
  const s = await loadSurvey(ctx.db, id);
  authorize(actor, 'survey.write', s.org_path);
  const q = await questionOf(ctx, id, questionId);
  if (q.kind !== 'text') throw conflict('survey.themes_text_only', '只有文字题的回复可以推荐主题');
  const running = await ctx.db.selectFrom('survey_theme_runs').select('id').where('survey_id', '=', id).where('state', '=', 'running').executeTakeFirst();
  if (running) throw conflict('survey.themes_running', '主题推荐正在进行，请稍候');
  const now = ctx.now();
  const runId = await ctx.db.transaction().execute(async (trx) => {
    const run = await trx.insertInto('survey_theme_runs').values({ survey_id: id, question_id: q.id, created_by: actor.accountId, created_at: now }).returning('id').executeTakeFirstOrThrow();
    const jobId = await ctx.jobs.enqueue(THEMES_QUEUE, { runId: run.id }, { db: trx, createdBy: actor.accountId, maxAttempts: 1 });
    await trx.updateTable('survey_theme_runs').set({ job_id: jobId }).where('id', '=', run.id).execute();
    return run.id;
  });
  return runView(ctx, runId);
}

async function runView(ctx: AppContext, runId: string) {
  const r = await ctx.db.selectFrom('survey_theme_runs').selectAll().where('id', '=', runId).executeTakeFirstOrThrow();
  const job = r.job_id && r.state === 'running' ? await jobStatus(ctx.db, r.job_id) : null;
  const themes = (r.themes as { themes?: unknown[] } | null)?.themes ?? [];
  return {
    id: r.id, state: r.state, replies: r.replies, createdAt: r.created_at.toISOString(), finishedAt: r.finished_at?.toISOString() ?? null, error: r.error,
    jobId: r.job_id, progress: job ? { processed: job.processed, total: job.total } : null, themes: themes as never[],
  };
}

/** The latest run of a question (default the first), or null. */
export async function latestThemes(ctx: AppContext, actor: Actor, id: string, questionId: string | undefined) {
  const s = await loadSurvey(ctx.db, id);
  readablePaths(actor, s);
  const q = await questionOf(ctx, id, questionId);
  const r = await ctx.db.selectFrom('survey_theme_runs').select('id').where('survey_id', '=', id).where('question_id', '=', q.id).orderBy('id', 'desc').limit(1).executeTakeFirst();
  return r ? runView(ctx, r.id) : null;
}

export async function themesJob(ctx: AppContext, p: { runId: string }, control: JobControl) {
  const run = await ctx.db.selectFrom('survey_theme_runs').selectAll().where('id', '=', p.runId).executeTakeFirstOrThrow();
  try {
    const replies = await ctx.db.selectFrom('survey_replies').select(['id', 'text']).where('question_id', '=', run.question_id).where('category_id', 'is', null)
      .orderBy('id', 'desc').limit(MAX_THEME_REPLIES).execute();
    replies.reverse(); // oldest first: a stable order gives the same themes for the same replies
    const { words } = await ruleSetOf(ctx.db, run.survey_id);
    let last = 0;
    const out = await suggestThemes(replies, segmenterFor(words), {
      onProgress: async (done, total) => {
        if (done - last < total / 20 && done !== total) return;
        last = done;
        await control.progress({ processed: done, total });
      },
    });
    await ctx.db.updateTable('survey_theme_runs').set({
      state: 'done', replies: replies.length, finished_at: ctx.now(),
      themes: JSON.stringify({ themes: out.themes, unclustered: out.unclustered, took: out.took }),
    }).where('id', '=', run.id).execute();
    return { themes: out.themes.length, replies: replies.length };
  } catch (e) {
    await ctx.db.updateTable('survey_theme_runs').set({ state: 'failed', finished_at: ctx.now(), error: '主题推荐失败，请稍后重试' }).where('id', '=', run.id).execute();
    throw e;
  }
}
