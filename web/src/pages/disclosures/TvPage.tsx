// 电视屏公开页 (/tv/disclosures/:orgId): a village's current disclosures for a digital-TV or station screen. No
// interaction: it shows one item at a time in large type, pages through a long item a screen at a time and then moves to
// the next, every N seconds (?interval=N, default 15), and fetches the items again every five minutes. Sized in vw/vh,
// so 1920×1080 and 1280×720 show the same layout.
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, ok } from '@/api/client';
import type { ResponseOf } from '@/api/types';
import { FinanceTable } from './FinanceTable';
import { chinaDay, useD } from './format';
import './tv.css';

type Tv = ResponseOf<'/api/public/disclosures/tv/{orgId}', 'get'>;
const REFRESH_MS = 5 * 60_000;

export function TvPage() {
  const { t } = useTranslation();
  const D = useD();
  const { orgId = '' } = useParams();
  const [params] = useSearchParams();
  const seconds = Math.min(300, Math.max(1, Number(params.get('interval')) || 15));
  const [data, setData] = useState<Tv | null>(null);
  const [pos, setPos] = useState({ item: 0, page: 0 });
  const [pages, setPages] = useState(1);
  const viewport = useRef<HTMLDivElement>(null);
  const content = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let stop = false;
    const load = () => ok(api.GET('/api/public/disclosures/tv/{orgId}', { params: { path: { orgId } } })).then((d) => { if (!stop) setData(d); }).catch(() => undefined);
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => { stop = true; clearInterval(timer); };
  }, [orgId]);
  useEffect(() => { document.title = data ? `${data.placeName} ${D('title')}` : D('title'); });

  const items = data?.items ?? [];
  const item = items[pos.item % Math.max(1, items.length)];
  // How many screens the current item needs.
  useLayoutEffect(() => {
    const v = viewport.current, c = content.current;
    if (!v || !c) return;
    setPages(Math.max(1, Math.ceil((c.scrollHeight - 2) / v.clientHeight)));
  }, [item?.id, data]);
  useEffect(() => {
    if (!items.length) return;
    const timer = setTimeout(() => {
      setPos((p) => (p.page + 1 < pages ? { item: p.item, page: p.page + 1 } : { item: (p.item + 1) % items.length, page: 0 }));
    }, seconds * 1000);
    return () => clearTimeout(timer);
  }, [pos, pages, items.length, seconds]);

  return (
    <div className="tv" lang="zh-CN">
      <header className="tv-header">
        <span className="tv-place">{data?.placeName ?? ''}</span>
        <span className="tv-heading">{D('title')}</span>
      </header>
      {!item ? (
        <main className="tv-main"><p className="tv-empty">{data ? D('tvEmpty') : t('common.loading')}</p></main>
      ) : (
        <main className="tv-main">
          <div className="tv-item-head">
            <span className={`tv-kind tv-kind-${item.kind}`}>{D(`kinds.${item.kind}`)}</span>
            <h1>{item.title}</h1>
            <span className="tv-period">{item.periodLabel} · {chinaDay(item.publishedAt)}</span>
          </div>
          <div className="tv-viewport" ref={viewport}>
            <div className="tv-content" ref={content} style={{ transform: `translateY(-${pos.page * (viewport.current?.clientHeight ?? 0)}px)` }}>
              <div className="tv-body" dangerouslySetInnerHTML={{ __html: item.bodyHtml }} />
              {item.finance && <FinanceTable finance={item.finance} />}
            </div>
          </div>
        </main>
      )}
      <footer className="tv-footer">
        <span data-testid="tv-pager">{item ? `${D('tvItem', { item: (pos.item % items.length) + 1, items: items.length })} · ${D('tvPage', { page: pos.page + 1, pages })}` : ''}</span>
        {item && <span className="tv-fp">SHA-256 {item.fingerprint.slice(0, 16)}…</span>}
      </footer>
    </div>
  );
}
