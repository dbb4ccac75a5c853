/**
 * The web form (issue 10, item 1): a personal link `/s/<token>` sent in the survey's SMS opens the questions on a
 * phone without signing in. The token (12 random base64url characters) is the invitation's only key: reading the
 * form changes nothing and shows nothing personal (no name, no phone); answering stores the invitee's replies
 * (replacing earlier web answers, adding to nothing) while the survey is open. Unknown tokens are 404 whatever the
 * reason, so a guess learns nothing.
 */
import type { AppContext } from '../../platform/context.js';
import { conflict, notFound, validationFailed, type FieldError } from '../../platform/errors.js';
import { recordAnswers, choiceOf } from './surveys.answers.js';

async function invitationOf(ctx: AppContext, token: string) {
  const inv = await ctx.db.selectFrom('survey_invitations as i').innerJoin('surveys as s', 's.id', 'i.survey_id').innerJoin('orgs as o', 'o.id', 's.org_id')
    .select(['i.id', 'i.survey_id', 'i.org_id', 'i.completed_at', 's.title', 's.intro', 's.state', 's.by_web', 'o.name as org_name'])
    .where('i.token', '=', token).executeTakeFirst();
  if (!inv || !inv.by_web) throw notFound('问卷');
  return inv;
}

export async function formOf(ctx: AppContext, token: string) {
  const inv = await invitationOf(ctx, token);
  const qs = await ctx.db.selectFrom('survey_questions').selectAll().where('survey_id', '=', inv.survey_id).orderBy('seq').execute();
  const answers = await ctx.db.selectFrom('survey_replies').select(['question_id', 'text']).where('invitation_id', '=', inv.id).execute();
  return {
    title: inv.title, intro: inv.intro, orgName: inv.org_name, open: inv.state === 'open',
    questions: qs.map((q) => ({ id: q.id, seq: q.seq, kind: q.kind, text: q.text, options: q.options, answer: answers.find((a) => a.question_id === q.id)?.text ?? null })),
    answered: !!inv.completed_at,
  };
}

/** Stores the form's answers: every question answered (a choice by its number), while the survey is open. */
export async function submitForm(ctx: AppContext, token: string, body: { answers: { questionId: string; text: string }[] }) {
  const inv = await invitationOf(ctx, token);
  if (inv.state !== 'open') throw conflict('survey.closed', inv.state === 'closed' ? '本次调查已结束，感谢您的关注' : '本次调查尚未开始');
  const qs = await ctx.db.selectFrom('survey_questions').selectAll().where('survey_id', '=', inv.survey_id).orderBy('seq').execute();
  const errors: FieldError[] = [];
  const byQ = new Map(body.answers.map((a) => [a.questionId, a.text.trim()]));
  for (const a of body.answers) if (!qs.some((q) => q.id === a.questionId)) errors.push({ field: 'answers', message: '提交的答案与问卷题目不符，请刷新页面后重新填写' });
  qs.forEach((q) => {
    const t = byQ.get(q.id);
    if (!t) errors.push({ field: `answers.${q.seq - 1}`, message: `请回答第${q.seq}题` });
    else if (q.kind !== 'text' && choiceOf(q.kind, q.options.length, t) === null) errors.push({ field: `answers.${q.seq - 1}`, message: `第${q.seq}题请选择一个选项` });
  });
  if (errors.length) throw validationFailed(errors.slice(0, 20));
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    await recordAnswers(trx, qs.map((q) => ({
      surveyId: inv.survey_id, questionId: q.id, kind: q.kind, options: q.options.length, invitationId: inv.id, orgId: inv.org_id, channel: 'web',
      text: byQ.get(q.id)!, at: now, replace: true,
    })));
    await trx.updateTable('survey_invitations').set({ current_seq: qs.length, completed_at: now, replied_at: now }).where('id', '=', inv.id).execute();
  });
  return { ok: true };
}
