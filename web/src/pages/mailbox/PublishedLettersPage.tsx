// 来信选登 (/mailbox/letters): the letters and answers published with their writers' consent, newest first, by words,
// mailbox and category, 加载更多. Plain HTML like the portal; mobile-first; no antd, no charts.
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, ok } from '@/api/client';
import type { ResponseOf } from '@/api/types';
import { CATEGORIES, chinaTime, MailboxFrame, useM } from './MailboxFrame';
import { useMailboxes } from './MailboxesPage';

type List = ResponseOf<'/api/public/letters', 'get'>;
type Category = (typeof CATEGORIES)[number];

export function PublishedLettersPage() {
  const { t } = useTranslation();
  const M = useM();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const orgId = params.get('mailbox') ?? undefined;
  const category = (CATEGORIES as readonly string[]).includes(params.get('category') ?? '') ? params.get('category') as Category : undefined;
  const [text, setText] = useState(q);
  const [list, setList] = useState<List | null>(null);
  const [failed, setFailed] = useState(false);
  const [loadingMore, setLoadingMore] = useState(false);
  const { items: boxes } = useMailboxes();

  useEffect(() => { document.title = `${M('published.title')} - ${t('common.appShort')}`; });
  useEffect(() => setText(q), [q]);
  useEffect(() => {
    const ctrl = new AbortController();
    setList(null); setFailed(false);
    ok(api.GET('/api/public/letters', { params: { query: { q: q || undefined, orgId, category } }, signal: ctrl.signal }))
      .then(setList).catch((e: Error) => { if (e.name !== 'AbortError') setFailed(true); });
    return () => ctrl.abort();
  }, [q, orgId, category]);

  const set = (k: string, v: string | undefined) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v); else next.delete(k);
    setParams(next);
  };
  const loadMore = async () => {
    if (!list?.nextCursor) return;
    setLoadingMore(true);
    try {
      const r = await ok(api.GET('/api/public/letters', { params: { query: { q: q || undefined, orgId, category, cursor: list.nextCursor } } }));
      setList((l) => ({ items: [...(l?.items ?? []), ...r.items], nextCursor: r.nextCursor }));
    } catch {
      setFailed(true);
    } finally {
      setLoadingMore(false);
    }
  };
  const items = list?.items ?? [];
  const filtered = !!(q || orgId || category);

  return (
    <MailboxFrame>
      <p className="mb-back"><Link to="/mailbox">← {M('back')}</Link></p>
      <h1 className="mb-title">{M('published.title')}</h1>
      <p className="mb-intro">{M('published.intro')}</p>
      <form className="mb-lookup mb-search" role="search" onSubmit={(e) => { e.preventDefault(); set('q', text.trim() || undefined); }}>
        <label htmlFor="mb-q" className="visually-hidden">{M('published.search')}</label>
        <input id="mb-q" className="mb-input" type="search" value={text} maxLength={50} placeholder={M('published.searchPlaceholder')}
          onChange={(e) => setText(e.target.value)} data-testid="published-q" />
        <button type="submit" className="mb-button" data-testid="published-search">{M('published.searchButton')}</button>
      </form>
      <div className="mb-filters">
        <p className="mb-filter">
          <label htmlFor="mb-f-box">{M('published.mailbox')}</label>
          <select id="mb-f-box" className="mb-select" value={orgId ?? ''} onChange={(e) => set('mailbox', e.target.value || undefined)}>
            <option value="">{M('published.allMailboxes')}</option>
            {boxes?.map((b) => <option key={b.orgId} value={b.orgId}>{b.name}</option>)}
          </select>
        </p>
        <p className="mb-filter">
          <label htmlFor="mb-f-cat">{M('published.category')}</label>
          <select id="mb-f-cat" className="mb-select" value={category ?? ''} onChange={(e) => set('category', e.target.value || undefined)}>
            <option value="">{M('published.allCategories')}</option>
            {CATEGORIES.map((c) => <option key={c} value={c}>{M(`categories.${c}`)}</option>)}
          </select>
        </p>
      </div>
      <section aria-labelledby="mb-results" aria-busy={!list && !failed}>
        <h2 id="mb-results">{M('published.results')}</h2>
        {failed && <p className="mb-note" role="alert">{M('published.loadFailed')}</p>}
        {!list && !failed && <p className="mb-note" role="status">{t('common.loading')}</p>}
        {list && items.length === 0 && <p className="mb-note" data-testid="published-none">{M(filtered ? 'published.noneFiltered' : 'published.none')}</p>}
        <ul className="mb-letters">
          {items.map((i) => (
            <li key={i.id} data-testid="published-item">
              <article className="mb-letter-card">
                <h3><Link to={`/mailbox/letters/${i.id}`} data-testid="published-open">{i.title}</Link></h3>
                <p className="mb-meta"><span className="mb-tag">{M(`categories.${i.category}`)}</span> {i.mailboxName}</p>
                <p className="mb-meta">{M('published.writtenOn')} {chinaTime(i.writtenOn).slice(0, 10)} · {M('published.answeredAt')} {chinaTime(i.answeredAt).slice(0, 10)}</p>
              </article>
            </li>
          ))}
        </ul>
        {list?.nextCursor && (
          <button type="button" className="mb-button mb-button-plain mb-more" disabled={loadingMore} onClick={() => void loadMore()} data-testid="published-more">
            {loadingMore ? t('common.loading') : M('published.more')}
          </button>
        )}
      </section>
    </MailboxFrame>
  );
}
