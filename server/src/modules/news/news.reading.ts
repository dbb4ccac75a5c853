/**
 * Reading credit for news articles (F-71, F-73): a signed-in member who opens a published article starts a reading
 * session through the learning module's command (`startReading`), which credits the member after the minimum reading
 * time (docs/learning.md, "Reading credit"). This module only checks that the article may be read: published, not
 * withdrawn. Accounts without a member record get 403 `learning.not_member` from the learning module.
 */
import type { AppContext } from '../../platform/context.js';
import type { Actor } from '../../platform/actor.js';
import { notFound } from '../../platform/errors.js';
import { startReading } from '../learning/learning.reading.js';
import { articleForReading } from './news.commands.js';

export async function startArticleReading(ctx: AppContext, actor: Actor, id: string) {
  const article = await articleForReading(ctx.db, id);
  if (!article) throw notFound('文章');
  return startReading(ctx, actor, { sourceType: 'news.article', sourceId: article.id, title: article.title });
}
