// 党建要闻 on the portal: the five latest published articles (a public, cacheable read), links to /news and the TV schedule.
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, ok } from '@/api/client';
import type { ResponseOf } from '@/api/types';

type Item = ResponseOf<'/api/public/news', 'get'>['items'][number];
const day = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

export function LatestNews() {
  const { t } = useTranslation();
  const [items, setItems] = useState<Item[] | null>(null);
  useEffect(() => {
    const ctrl = new AbortController();
    ok(api.GET('/api/public/news', { params: { query: { limit: 5 } }, signal: ctrl.signal })).then((r) => setItems(r.items)).catch(() => setItems([]));
    return () => ctrl.abort();
  }, []);
  return (
    <section aria-labelledby="portal-news" data-testid="portal-news">
      <h2 id="portal-news">{t('portal.newsTitle')}</h2>
      {items && items.length === 0 && <p className="portal-note">{t('portal.newsEmpty')}</p>}
      <ul className="portal-news" aria-busy={items === null}>
        {(items ?? []).map((it) => (
          <li key={it.id}>
            <span className="portal-news-cat">{it.categoryName}</span>
            <Link to={`/news/${it.id}`}>{it.title}</Link>
            <time dateTime={it.publishedAt}>{day(it.publishedAt)}</time>
          </li>
        ))}
      </ul>
      <p className="portal-news-links"><Link to="/news">{t('portal.newsMore')} →</Link> <Link to="/news/tv">{t('portal.newsTv')} →</Link></p>
    </section>
  );
}
