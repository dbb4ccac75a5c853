/**
 * Reading credit (F-71) for articles: news articles (the news module) and article or document lessons here.
 *
 * Calling convention for other modules: when a member opens something to read, the module checks that the member
 * may read it and calls `startReading(ctx, actor, { sourceType: 'news.article', sourceId, title })`; it answers with
 * a signed token, the minimum reading time (rules.article_min_seconds), the heartbeat interval (30 s) and the minutes
 * it is worth (rules.article_minutes, before the daily cap), which the
 * module's route returns to the page. The page then sends `POST /api/learning/reading/heartbeat { token }` at most
 * every 30 s while the article is on screen, each time with the token of the previous answer. Time counts on the
 * server: the time between consecutive heartbeats, except gaps over 45 s (the reader left). When the counted time
 * reaches the minimum, the member is credited article_minutes through awardCredit (kind article) in the heartbeat's
 * transaction; the answer says whether (already today, daily cap). Tokens are signed and accepted once.
 */
import type { AppContext } from '../../platform/context.js';
import type { Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import { badRequest, conflict } from '../../platform/errors.js';
import { awardCredit } from './learning.commands.js';
import { loadRules } from './learning.rules.js';
import { memberPath } from './learning.courses.js';
import { requireMember, visibleLesson } from './learning.catalogue.js';
import { creditResult, type CreditResultT } from './learning.study.js';
import { signToken, verifyToken } from './learning.tokens.js';

export const READING_HEARTBEAT_SECONDS = 30;
export const READING_MAX_GAP_SECONDS = 45;
const SOURCE_TYPE = /^[a-z_]+\.[a-z_]+$/;

export interface ReadingSource { sourceType: string; sourceId: string; title: string }

/** Opens a reading session for a member (the caller has checked that the member may read the source). */
export async function startReading(ctx: AppContext, actor: Actor, src: ReadingSource) {
  const memberId = requireMember(actor);
  if (!SOURCE_TYPE.test(src.sourceType) || !/^[0-9]{1,18}$/.test(src.sourceId)) throw new Error(`startReading: bad source ${src.sourceType}:${src.sourceId}`);
  const now = ctx.now();
  const rules = await loadRules(ctx.db);
  const row = await ctx.db.insertInto('learning_readings').values({
    account_id: actor.accountId, member_id: memberId, source_type: src.sourceType, source_id: src.sourceId, title: src.title.slice(0, 200), last_at: now, started_at: now,
  }).returning('id').executeTakeFirstOrThrow();
  return {
    token: signToken(ctx, { k: 'r', i: row.id, q: 0, t: now.getTime() }), minSeconds: rules.article_min_seconds, intervalSeconds: READING_HEARTBEAT_SECONDS,
    creditMinutes: rules.article_minutes,
  };
}

/** An article or document lesson opened by a member. */
export async function startLessonReading(ctx: AppContext, actor: Actor, lessonId: string) {
  const { lesson } = await visibleLesson(ctx.db, requireMember(actor), lessonId);
  if (lesson.kind !== 'article' && lesson.kind !== 'document') throw conflict('learning.not_reading', '只有文章和文档课时按阅读时长计学时');
  return startReading(ctx, actor, { sourceType: 'learning.lesson', sourceId: lesson.id, title: lesson.title });
}

export async function readingHeartbeat(ctx: AppContext, actor: Actor, token: string) {
  const claims = verifyToken(ctx, token, 'r');
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const r = await trx.selectFrom('learning_readings').selectAll().where('id', '=', claims.i).forUpdate().executeTakeFirst();
    if (!r || r.account_id !== actor.accountId) throw badRequest('learning.bad_token', '学习凭证无效，请刷新页面后重新开始学习');
    if (r.seq !== claims.q || r.last_at.getTime() !== claims.t) throw conflict('learning.token_used', '该学习凭证已使用过，请刷新页面后继续学习');
    const rules = await loadRules(trx);
    const gap = (now.getTime() - r.last_at.getTime()) / 1000;
    const read = r.read_seconds + (gap > 0 && gap <= READING_MAX_GAP_SECONDS ? Math.floor(gap) : 0);
    const credits = r.credited_at === null && read >= rules.article_min_seconds;
    await trx.updateTable('learning_readings').set({ seq: r.seq + 1, last_at: now, read_seconds: read, ...(credits ? { credited_at: now } : {}) }).where('id', '=', r.id).execute();
    let credit: CreditResultT | null = null;
    if (credits) {
      const o = await awardCredit(trx, { memberId: r.member_id, kind: 'article', sourceType: r.source_type, sourceId: r.source_id, minutes: rules.article_minutes, title: r.title }, now);
      credit = creditResult(o, '文章');
      await appendAudit(trx, {
        actorId: actor.accountId, actorName: actor.username, action: 'learning.article.read', entityType: 'learning_reading', entityId: r.id,
        orgPath: await memberPath(trx, r.member_id), ip: actor.ip, after: { sourceType: r.source_type, sourceId: r.source_id, readSeconds: read, credit: o },
      }, now);
    }
    return { token: signToken(ctx, { k: 'r', i: r.id, q: r.seq + 1, t: now.getTime() }), readSeconds: read, minSeconds: rules.article_min_seconds, credit };
  });
}
