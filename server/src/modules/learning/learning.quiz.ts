/**
 * Quizzes (测验): single- and multiple-choice questions scored on the server. The questions reach the member without
 * their answers; the answers come back only with the result of a submission. A pass (score ≥ the lesson's pass mark)
 * credits quiz_minutes through awardCredit (kind quiz, source learning.quiz, the lesson); every submission is kept
 * (learning_quiz_attempts) and audited.
 */
import type { AppContext } from '../../platform/context.js';
import type { Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import { conflict, validationFailed } from '../../platform/errors.js';
import { awardCredit } from './learning.commands.js';
import { loadRules } from './learning.rules.js';
import { memberPath } from './learning.courses.js';
import { requireMember, visibleLesson } from './learning.catalogue.js';
import { creditResult, type CreditResultT } from './learning.study.js';
import type { QuizInput } from './learning.courses.schema.js';

export async function submitQuiz(ctx: AppContext, actor: Actor, lessonId: string, input: QuizInput) {
  const memberId = requireMember(actor);
  const { lesson } = await visibleLesson(ctx.db, memberId, lessonId);
  if (lesson.kind !== 'quiz') throw conflict('learning.not_quiz', '该课时不是测验');
  const questions = await ctx.db.selectFrom('learning_questions').selectAll().where('lesson_id', '=', lessonId).orderBy('position').orderBy('id').execute();
  const known = new Map(questions.map((q) => [q.id, q]));
  const errors = input.answers.flatMap((a, i) => {
    const q = known.get(a.questionId);
    if (!q) return [{ field: `answers.${i}.questionId`, message: '该题不属于这次测验，请刷新页面后重新作答' }];
    if (a.choices.some((c) => c >= q.options.length)) return [{ field: `answers.${i}.choices`, message: '所选答案不是该题的选项' }];
    if (!q.multiple && a.choices.length > 1) return [{ field: `answers.${i}.choices`, message: '单选题只能选一个答案' }];
    return [];
  });
  if (new Set(input.answers.map((a) => a.questionId)).size !== input.answers.length) errors.push({ field: 'answers', message: '同一道题只能作答一次' });
  if (errors.length) throw validationFailed(errors);

  const given = new Map(input.answers.map((a) => [a.questionId, [...a.choices].sort((x, y) => x - y)]));
  const results = questions.map((q) => {
    const g = given.get(q.id) ?? [];
    return { questionId: q.id, correct: g.length === q.answer.length && g.every((c, i) => c === q.answer[i]), answer: q.answer };
  });
  const right = results.filter((r) => r.correct).length;
  const score = questions.length ? Math.round((100 * right) / questions.length) : 0;
  const passPercent = lesson.pass_percent ?? 60;
  const passed = score >= passPercent;
  const now = ctx.now();
  const rules = await loadRules(ctx.db);
  const credit = await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto('learning_quiz_attempts').values({ member_id: memberId, lesson_id: lessonId, score, passed, answers: JSON.stringify(input.answers), created_at: now }).execute();
    let c: CreditResultT | null = null;
    let outcome: unknown = null;
    if (passed) {
      const o = await awardCredit(trx, { memberId, kind: 'quiz', sourceType: 'learning.quiz', sourceId: lessonId, minutes: rules.quiz_minutes, title: lesson.title }, now);
      c = creditResult(o, '测验');
      outcome = o;
    }
    await appendAudit(trx, {
      actorId: actor.accountId, actorName: actor.username, action: 'learning.quiz.submit', entityType: 'learning_lesson', entityId: lessonId,
      orgPath: await memberPath(trx, memberId), ip: actor.ip, after: { score, passed, credit: outcome },
    }, now);
    return c;
  });
  return { score, passPercent, passed, results, credit };
}
