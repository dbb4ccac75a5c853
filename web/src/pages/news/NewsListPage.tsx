// 党建要闻 (/news): published articles by category, newest first, with search and "load more" (keyset paging).
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, ok } from '@/api/client';
import type { ResponseOf } from '@/api/types';
import { chinaTime, NewsFrame, useN } from './NewsFrame';

type Page = ResponseOf<'/api/public/news', 'get'>;
type Item = Page['items'][number];
type Category = ResponseOf<'/api/public/news/categories', 'get'>['items'][number];

export function NewsListPage() {
  const { t } = useTranslation();
  const N = useN();
  const [params, setParams] = useSearchParams();
  const categoryId = params.get('c') ?? undefined;
  const q = params.get('q') ?? '';
  const [draft, setDraft] = useState(q);
  const [categories, setCategories] = useState<Category[]>([]);
  const [items, setItems] = useState<Item[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [status, setStatus] = useState<'loading' | 'ok' | 'error'>('loading');

  useEffect(() => { document.title = `${N('title')} - ${t('common.appShort')}`; });
  useEffect(() => { void ok(api.GET('/api/public/news/categories')).then((r) => setCategories(r.items)).catch(() => {}); }, []);
  const load = (cursor?: string) => {
    setStatus('loading');
    return ok(api.GET('/api/public/news', { params: { query: { categoryId, q: q || undefined, cursor, limit: 10 } } }))
      .then((r) => { setItems((old) => (cursor ? [...old, ...r.items] : r.items)); setNext(r.nextCursor); setStatus('ok'); })
      .catch(() => setStatus('error'));
  };
  useEffect(() => { setItems([]); void load(); }, [categoryId, q]); // eslint-disable-line react-hooks/exhaustive-deps

  const set = (c: string | undefined, query: string) => {
    const p = new URLSearchParams();
    if (c) p.set('c', c);
    if (query) p.set('q', query);
    setParams(p);
  };
  const onSearch = (e: FormEvent) => { e.preventDefault(); set(categoryId, draft.trim()); };

  return (
    <NewsFrame>
      <h1 className="dp-title">{N('title')}</h1>
      <p className="dp-intro">{N('intro')}</p>
      <p className="np-nav"><Link to="/news/tv" data-testid="news-tv-link">{N('tvTitle')} →</Link></p>
      <form className="dp-search" role="search" onSubmit={onSearch}>
        <label className="visually-hidden" htmlFor="np-q">{N('search')}</label>
        <input id="np-q" type="search" value={draft} placeholder={N('searchPlaceholder')} onChange={(e) => setDraft(e.target.value)} maxLength={40} />
        <button className="dp-button" type="submit">{N('searchButton')}</button>
      </form>
      <div className="dp-kinds" role="group" aria-label={N('title')}>
        <button type="button" aria-pressed={!categoryId} onClick={() => set(undefined, q)}>{N('all')}</button>
        {categories.map((c) => <button key={c.id} type="button" aria-pressed={categoryId === c.id} onClick={() => set(c.id, q)}>{c.name}</button>)}
      </div>
      <h2>{q ? `${N('search')}：${q}` : categories.find((c) => c.id === categoryId)?.name ?? N('all')}</h2>
      {status === 'error' && <p className="dp-note" role="alert">{N('loadFailed')}</p>}
      {status === 'ok' && items.length === 0 && <p className="dp-note">{N('none')}</p>}
      <ul className="dp-list" data-testid="news-list">
        {items.map((it) => (
          <li key={it.id} className="dp-card np-card">
            <div className="np-card-text">
              <p className="dp-meta"><span className="dp-kind">{it.categoryName}</span> {it.corrected && <span className="np-corrected">{N('corrected')}</span>}</p>
              <h3><Link to={`/news/${it.id}`}>{it.title}</Link></h3>
              {it.summary && <p className="dp-excerpt">{it.summary}</p>}
              <p className="dp-meta">{it.orgName} · <time dateTime={it.publishedAt}>{chinaTime(it.publishedAt).slice(0, 10)}</time></p>
            </div>
            {it.coverUrl && <img className="np-cover" src={it.coverUrl} alt="" loading="lazy" width={112} height={80} />}
          </li>
        ))}
      </ul>
      {status === 'loading' && <p className="dp-note" role="status">{N('loading')}</p>}
      {next && status === 'ok' && <button type="button" className="dp-button dp-more" onClick={() => void load(next)}>{N('more')}</button>}
    </NewsFrame>
  );
}
