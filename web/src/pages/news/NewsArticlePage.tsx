// One article (/news/:id): the latest published text (sanitized by the server when it was saved), its source and
// keywords, and the correction notes (更正) in order. A signed-in member's reading counts towards study credit
// through useReadingCredit: a note says how long to read and what it is worth, then what was credited.
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, isApiError, ok } from '@/api/client';
import type { ResponseOf } from '@/api/types';
import { useReadingCredit, type ReadingCredit } from '@/modules/news/useReadingCredit';
import { chinaTime, NewsFrame, useN } from './NewsFrame';

type Article = ResponseOf<'/api/public/news/{id}', 'get'>;

export function NewsArticlePage() {
  const { t } = useTranslation();
  const N = useN();
  const { id = '' } = useParams();
  const [state, setState] = useState<{ status: 'loading' } | { status: 'notFound' } | { status: 'error' } | { status: 'ok'; a: Article }>({ status: 'loading' });
  const reading = useReadingCredit('news.article', state.status === 'ok' ? state.a.id : undefined);

  useEffect(() => {
    const ctrl = new AbortController();
    setState({ status: 'loading' });
    ok(api.GET('/api/public/news/{id}', { params: { path: { id } }, signal: ctrl.signal })).then((a) => setState({ status: 'ok', a }))
      .catch((e: Error) => { if (e.name !== 'AbortError') setState(isApiError(e) && (e.status === 404 || e.status === 400) ? { status: 'notFound' } : { status: 'error' }); });
    return () => ctrl.abort();
  }, [id]);
  useEffect(() => { document.title = `${state.status === 'ok' ? state.a.title : N('title')} - ${t('common.appShort')}`; });

  if (state.status !== 'ok') {
    return (
      <NewsFrame>
        <p className="dp-back"><Link to="/news">← {N('back')}</Link></p>
        <p className="dp-note" role={state.status === 'loading' ? 'status' : 'alert'}>{state.status === 'loading' ? N('loading') : state.status === 'notFound' ? N('notFound') : N('loadFailed')}</p>
      </NewsFrame>
    );
  }
  const a = state.a;
  return (
    <NewsFrame>
      <p className="dp-back"><Link to="/news">← {N('back')}</Link></p>
      <article className="dp-item" data-testid="news-article">
        <p className="dp-meta"><Link to={`/news?c=${a.categoryId}`} className="dp-kind">{a.categoryName}</Link> {a.corrected && <span className="np-corrected">{N('corrected')}</span>}</p>
        <h1 className="dp-title">{a.title}</h1>
        <p className="dp-meta">{N('org')}：{a.orgName}{a.source ? ` · ${N('source')}：${a.source}` : ''} · <time dateTime={a.firstPublishedAt}>{chinaTime(a.firstPublishedAt)}</time></p>
        {reading.active && <ReadingNote r={reading} />}
        {a.coverUrl && <img className="np-cover-large" src={a.coverUrl} alt="" width={800} height={450} />}
        {/* The body was sanitized by the server (platform/text/sanitize.ts) with a strict allow list when it was saved. */}
        <div className="dp-body" data-testid="news-body" dangerouslySetInnerHTML={{ __html: a.bodyHtml }} />
        {a.tags.length > 0 && <ul className="np-tags" aria-label={N('tags')}>{a.tags.map((x) => <li key={x}>{x}</li>)}</ul>}
        {a.corrections.length > 0 && (
          <section className="np-corrections" aria-labelledby="np-corr" data-testid="news-corrections">
            <h2 id="np-corr">{N('corrections')}</h2>
            <ol>{a.corrections.map((c) => <li key={c.version}><strong>{N('correctedAt', { at: chinaTime(c.publishedAt) })}</strong>：{c.note}</li>)}</ol>
          </section>
        )}
      </article>
    </NewsFrame>
  );
}

/** The member's reading note: how long to read and what it earns, then the outcome (credited, already today, capped). */
function ReadingNote({ r }: { r: Extract<ReadingCredit, { active: true }> }) {
  const N = useN();
  const span = r.minSeconds % 60 === 0 ? N('minutes', { count: r.minSeconds / 60 }) : N('seconds', { count: r.minSeconds });
  let text: string;
  if (r.credit?.awarded) text = r.credit.capped ? N('readingCapped', { m: r.credit.minutes }) : N('readingDone', { m: r.credit.minutes });
  else if (r.credit) text = r.credit.reason === 'already_today' ? N('readingAlready') : N('readingCapUsed');
  else if (r.stopped) text = N('readingStopped');
  else text = N('reading', { span, m: r.creditMinutes });
  return (
    <p className="np-reading" role="status" data-testid="news-reading">
      {text}
      {!r.credit && !r.stopped && r.readSeconds > 0 && <span className="np-reading-progress"> {N('readingProgress', { s: Math.min(r.readSeconds, r.minSeconds) })}</span>}
      {r.credit && <> <Link to="/me/learning">{N('myLearning')}</Link></>}
    </p>
  );
}
