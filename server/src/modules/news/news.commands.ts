/**
 * What other modules may ask of the news module (docs/news.md). The learning module (F-71, reading credit) starts a
 * reading session for an article and credits it after a minimum time; it reads the article through here.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { wordsOf } from './news.service.js';

export interface ArticleForReading { id: string; title: string; orgId: string; publishedAt: string; words: number }

/** A published article as reading material (`words`: non-space characters of its text), or null (not found, not published, withdrawn). */
export async function articleForReading(db: Kysely<DB>, id: string): Promise<ArticleForReading | null> {
  if (!/^[0-9]{1,18}$/.test(id)) return null;
  const a = await db.selectFrom('news_articles').select(['id', 'title', 'org_id', 'published_at', 'body_html']).where('id', '=', id).where('state', '=', 'published').executeTakeFirst();
  if (!a || !a.published_at) return null;
  return { id: a.id, title: a.title, orgId: a.org_id, publishedAt: new Date(a.published_at).toISOString(), words: wordsOf(a.body_html) };
}
