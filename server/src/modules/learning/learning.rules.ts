/**
 * The province's credit rules (learning_rules, one row): completion share of a video, reading time of an article,
 * minutes per article and quiz, daily caps per kind, the yearly duty. Read on every award (one indexed row); changed
 * only by an organization administrator at the province (the rules are province-wide), audited with before and after.
 */
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { CreditKind, LearningRulesTable } from '../../db/tables/learning.js';
import type { AppContext } from '../../platform/context.js';
import { scopePaths, type Actor } from '../../platform/actor.js';
import { isRootPath } from '../../platform/roles.js';
import { appendAudit } from '../../platform/audit.js';
import { forbidden, versionConflict } from '../../platform/errors.js';
import type { LearningRulesInput, LearningRulesViewT } from './learning.schema.js';

export type RulesRow = Selectable<LearningRulesTable>;

export function loadRules(db: Kysely<DB> | Transaction<DB>): Promise<RulesRow> {
  return db.selectFrom('learning_rules').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
}

export function capOf(rules: RulesRow, kind: CreditKind): number {
  switch (kind) {
    case 'lesson': return rules.cap_lesson_minutes;
    case 'article': return rules.cap_article_minutes;
    case 'quiz': return rules.cap_quiz_minutes;
    case 'group_viewing': return rules.cap_group_viewing_minutes;
    case 'live': return rules.cap_live_minutes;
  }
}

export function presentRules(r: RulesRow, updatedByName: string | null = null): LearningRulesViewT {
  return {
    completionPercent: r.completion_percent,
    articleMinSeconds: r.article_min_seconds,
    articleMinutes: r.article_minutes,
    quizMinutes: r.quiz_minutes,
    dailyCaps: {
      lesson: r.cap_lesson_minutes, article: r.cap_article_minutes, quiz: r.cap_quiz_minutes,
      group_viewing: r.cap_group_viewing_minutes, live: r.cap_live_minutes,
    },
    dutyHoursMember: r.duty_hours_member,
    dutyHoursCadre: r.duty_hours_cadre,
    version: r.version,
    updatedByName,
    updatedAt: r.updated_at.toISOString(),
  };
}

export async function readRules(ctx: AppContext): Promise<LearningRulesViewT> {
  const r = await loadRules(ctx.db);
  const by = r.updated_by ? await ctx.db.selectFrom('accounts').select('display_name').where('id', '=', r.updated_by).executeTakeFirst() : undefined;
  return presentRules(r, by?.display_name ?? null);
}

/** Replaces the rules; `version` must be the one the editor read (two administrators do not overwrite each other). */
export async function updateRules(ctx: AppContext, actor: Actor, input: LearningRulesInput): Promise<LearningRulesViewT> {
  const root = scopePaths(actor, 'learning.rules').find(isRootPath);
  if (!root) throw forbidden('forbidden.scope', '学分规则全省统一，只有省级管理员可以修改');
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('learning_rules').selectAll().where('id', '=', 1).forUpdate().executeTakeFirstOrThrow();
    if (before.version !== input.version) throw versionConflict();
    const values = {
      completion_percent: input.completionPercent,
      article_min_seconds: input.articleMinSeconds,
      article_minutes: input.articleMinutes,
      quiz_minutes: input.quizMinutes,
      cap_lesson_minutes: input.dailyCaps.lesson,
      cap_article_minutes: input.dailyCaps.article,
      cap_quiz_minutes: input.dailyCaps.quiz,
      cap_group_viewing_minutes: input.dailyCaps.group_viewing,
      cap_live_minutes: input.dailyCaps.live,
      duty_hours_member: input.dutyHoursMember,
      duty_hours_cadre: input.dutyHoursCadre,
    };
    await trx.updateTable('learning_rules').set({ ...values, version: before.version + 1, updated_by: actor.accountId, updated_at: now })
      .where('id', '=', 1).execute();
    const { version: _v, updated_by: _b, updated_at: _a, id: _i, ...was } = before;
    await appendAudit(trx, {
      actorId: actor.accountId, actorName: actor.username, action: 'learning.rules.update', entityType: 'learning_rules', entityId: '1',
      orgPath: root, ip: actor.ip, before: was, after: values,
    }, now);
  });
  return readRules(ctx);
}
