// 党务公开 (/disclosure): the public browses published disclosures by region (one level of the organization tree at a
// time), kind and period, and searches them by Chinese words (the server segments with jieba). Plain HTML like the
// portal; mobile-first.
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, ok } from '@/api/client';
import type { ResponseOf } from '@/api/types';
import { DisclosureFrame } from './DisclosureFrame';
import { chinaDay, useD } from './format';

type List = ResponseOf<'/api/public/disclosures', 'get'>;
type Orgs = ResponseOf<'/api/public/disclosures/orgs', 'get'>;
const KINDS = ['party', 'village', 'finance'] as const;

/** The periods offered: this year and the two before, each as the year and its quarters (newest first). */
function periods(): { value: string; label: string }[] {
  const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
  const q = ['一', '二', '三', '四'];
  return [year, year - 1, year - 2].flatMap((y) => [
    ...[4, 3, 2, 1].map((i) => ({ value: `${y}-Q${i}`, label: `${y}年第${q[i - 1]}季度` })),
    { value: `${y}`, label: `${y}年度` },
  ]);
}

export function DisclosuresPage() {
  const { t } = useTranslation();
  const D = useD();
  const [params, setParams] = useSearchParams();
  const orgId = params.get('org') ?? undefined;
  const kind = (params.get('kind') ?? undefined) as (typeof KINDS)[number] | undefined;
  const q = params.get('q') ?? '';
  const period = params.get('period') ?? undefined;
  const [text, setText] = useState(q);
  const [list, setList] = useState<List | null>(null);
  const [more, setMore] = useState<List['items']>([]);
  const [failed, setFailed] = useState(false);
  const [orgs, setOrgs] = useState<Orgs | null>(null);

  useEffect(() => { document.title = `${D('title')} - ${t('common.appShort')}`; });
  useEffect(() => setText(q), [q]);
  useEffect(() => {
    const ctrl = new AbortController();
    setList(null); setMore([]); setFailed(false);
    ok(api.GET('/api/public/disclosures', { params: { query: { orgId, kind, period, q: q || undefined } }, signal: ctrl.signal }))
      .then(setList).catch((e: Error) => { if (e.name !== 'AbortError') setFailed(true); });
    return () => ctrl.abort();
  }, [orgId, kind, period, q]);
  useEffect(() => {
    const ctrl = new AbortController();
    ok(api.GET('/api/public/disclosures/orgs', { params: { query: { parentId: orgId } }, signal: ctrl.signal })).then(setOrgs).catch(() => undefined);
    return () => ctrl.abort();
  }, [orgId]);

  const set = (k: string, v: string | undefined) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v); else next.delete(k);
    setParams(next);
  };
  const loadMore = async () => {
    const cursor = (more.length ? more : list?.items ?? []).at(-1)?.id;
    const r = await ok(api.GET('/api/public/disclosures', { params: { query: { orgId, kind, period, q: q || undefined, cursor } } }));
    setMore((m) => [...m, ...r.items]);
    setList((l) => (l ? { ...l, nextCursor: r.nextCursor } : l));
  };
  const items = [...(list?.items ?? []), ...more];

  return (
    <DisclosureFrame>
      <h1 className="dp-title">{D('title')}</h1>
      <p className="dp-intro">{D('intro')}</p>
      <form className="dp-search" role="search" onSubmit={(e) => { e.preventDefault(); set('q', text.trim() || undefined); }}>
        <label htmlFor="dp-q" className="visually-hidden">{D('search')}</label>
        <input id="dp-q" type="search" value={text} maxLength={50} placeholder={D('searchPlaceholder')} onChange={(e) => setText(e.target.value)} />
        <button type="submit" className="dp-button">{D('searchButton')}</button>
      </form>
      <nav className="dp-kinds" aria-label={D('title')}>
        <button type="button" aria-pressed={!kind} onClick={() => set('kind', undefined)}>{D('kinds.all')}</button>
        {KINDS.map((k) => <button key={k} type="button" aria-pressed={kind === k} onClick={() => set('kind', k)}>{D(`kinds.${k}`)}</button>)}
      </nav>
      <p className="dp-period">
        <label htmlFor="dp-period">{D('period')}</label>
        <select id="dp-period" value={period ?? ''} onChange={(e) => set('period', e.target.value || undefined)}>
          <option value="">{D('allPeriods')}</option>
          {periods().map((p) => <option key={p.value} value={p.value}>{p.label}</option>)}
        </select>
      </p>
      <section className="dp-region" aria-labelledby="dp-region-title">
        <h2 id="dp-region-title">{D('region')}{orgs?.parent && orgId ? `：${orgs.parent.name}` : ''}</h2>
        <div className="dp-region-list">
          {orgId && <button type="button" className="dp-chip dp-chip-up" onClick={() => set('org', orgs?.parent?.parentId ?? undefined)}>← {D('up')}</button>}
          {orgs?.items.map((o) => (
            <button key={o.id} type="button" className="dp-chip" onClick={() => set('org', o.id)}>{o.name} <small>{D('items', { count: o.published })}</small></button>
          ))}
        </div>
      </section>
      <section aria-labelledby="dp-results" aria-busy={!list && !failed}>
        <h2 id="dp-results">{D('results')}</h2>
        {failed && <p className="dp-note" role="alert">{D('loadFailed')}</p>}
        {!list && !failed && <p className="dp-note" role="status">{t('common.loading')}</p>}
        {list && items.length === 0 && <p className="dp-note">{D('none')}</p>}
        <ul className="dp-list">
          {items.map((i) => (
            <li key={i.id}>
              <article className="dp-card">
                <p className="dp-meta"><span className={`dp-kind dp-kind-${i.kind}`}>{D(`kinds.${i.kind}`)}</span> {i.placeName} · {i.periodLabel}</p>
                <h3><Link to={`/disclosure/${i.id}`}>{i.title}</Link></h3>
                <p className="dp-excerpt">{i.excerpt}</p>
                <p className="dp-meta">{D('publishedAt')} {chinaDay(i.publishedAt)}{i.version > 1 ? ` · ${D('version', { version: i.version })}` : ''}</p>
              </article>
            </li>
          ))}
        </ul>
        {list?.nextCursor && <button type="button" className="dp-button dp-more" onClick={() => void loadMore()}>{D('more')}</button>}
      </section>
    </DisclosureFrame>
  );
}
