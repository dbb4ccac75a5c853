// 党建电视节目单 (/news/tv?week=YYYY-MM-DD): one week, Monday to Sunday in China time, each day's episodes in order.
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, ok } from '@/api/client';
import type { ResponseOf } from '@/api/types';
import { NewsFrame, useN } from './NewsFrame';

type Week = ResponseOf<'/api/public/news/tv', 'get'>;
const todayInChina = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

export function TvSchedulePage() {
  const { t } = useTranslation();
  const N = useN();
  const [params] = useSearchParams();
  const week = params.get('week') ?? undefined;
  const [data, setData] = useState<Week | null>(null);
  const [status, setStatus] = useState<'loading' | 'ok' | 'error'>('loading');
  useEffect(() => { document.title = `${N('tvTitle')} - ${t('common.appShort')}`; });
  useEffect(() => {
    setStatus('loading');
    ok(api.GET('/api/public/news/tv', { params: { query: { week: week && /^\d{4}-\d{2}-\d{2}$/.test(week) ? week : undefined } } }))
      .then((w) => { setData(w); setStatus('ok'); }).catch(() => setStatus('error'));
  }, [week]);
  const today = todayInChina();
  return (
    <NewsFrame>
      <p className="dp-back"><Link to="/news">← {N('back')}</Link></p>
      <h1 className="dp-title">{N('tvTitle')}</h1>
      <p className="dp-intro">{N('tvIntro')}</p>
      {status === 'error' && <p className="dp-note" role="alert">{N('loadFailed')}</p>}
      {status === 'loading' && !data && <p className="dp-note" role="status">{N('loading')}</p>}
      {data && (
        <>
          <nav className="np-week" aria-label={N('tvTitle')}>
            <Link to={`/news/tv?week=${data.previousWeek}`}>← {N('prevWeek')}</Link>
            <strong>{N('weekRange', { start: data.weekStart, end: data.weekEnd })}</strong>
            <Link to={`/news/tv?week=${data.nextWeek}`}>{N('nextWeek')} →</Link>
          </nav>
          <div data-testid="tv-week">
            {data.days.map((d, i) => (
              <section key={d.date} className="np-day" aria-current={d.date === today ? 'date' : undefined} aria-labelledby={`np-d${i}`}>
                <h2 id={`np-d${i}`}>{N(`weekdays.${i}`)} {d.date.slice(5).replace('-', '/')}</h2>
                {d.episodes.length === 0 ? <p className="dp-note">{N('tvNone')}</p> : d.episodes.map((e) => (
                  <div key={e.id} className="np-episode">
                    <time>{e.time}</time>
                    <div>
                      <h3>{e.title}</h3>
                      <p>{e.channel} · {N('minutes', { count: e.durationMinutes })}</p>
                      {e.description && <p>{e.description}</p>}
                      {e.videoUrl && <p><a href={e.videoUrl} rel="noopener noreferrer nofollow" target="_blank">{N('watch')}</a></p>}
                    </div>
                  </div>
                ))}
              </section>
            ))}
          </div>
        </>
      )}
    </NewsFrame>
  );
}
