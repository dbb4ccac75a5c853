// 干部岗位推荐 (/cadres): the batches open today and their posts; for each post a recommendation form behind a verified
// phone. Never shows recommendations or counts (the server sends none). Plain HTML, no antd.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok } from '@/api/client';
import type { ResponseOf } from '@/api/types';
import { DisclosureFrame } from '@/pages/disclosures/DisclosureFrame';
import { Field, useSafeSubmit } from './SafeSubmit';
import './cadres.css';

type Batch = ResponseOf<'/api/public/cadres/batches', 'get'>['items'][number];
type Post = Batch['posts'][number];
const cn = (iso: string) => { const [y, m, d] = iso.split('-'); return `${y}年${Number(m)}月${Number(d)}日`; };

export function VacanciesPage() {
  const { t } = useTranslation();
  const [state, setState] = useState<{ status: 'loading' | 'error' } | { status: 'ok'; items: Batch[] }>({ status: 'loading' });
  const [open, setOpen] = useState<string | null>(null);
  const [done, setDone] = useState<Record<string, 'held' | 'received'>>({});
  useEffect(() => {
    const ctrl = new AbortController();
    ok(api.GET('/api/public/cadres/batches', { signal: ctrl.signal })).then((r) => setState({ status: 'ok', items: r.items }))
      .catch((e: Error) => { if (e.name !== 'AbortError') setState({ status: 'error' }); });
    return () => ctrl.abort();
  }, []);
  useEffect(() => { document.title = `${t('cadrePublic.vacancies')} - ${t('common.appShort')}`; }, [t]);
  return (
    <DisclosureFrame>
      <h1 className="dp-title">{t('cadrePublic.vacancies')}</h1>
      <p className="dp-intro">{t('cadrePublic.vacanciesIntro')}</p>
      {state.status !== 'ok' ? <p className="dp-note" role={state.status === 'loading' ? 'status' : 'alert'}>{state.status === 'loading' ? t('common.loading') : t('cadrePublic.loadFailed')}</p>
        : state.items.length === 0 ? <p className="dp-note">{t('cadrePublic.noBatches')}</p> : (
          <ul className="dp-list">
            {state.items.map((b) => (
              <li key={b.id} className="dp-card">
                <h2 style={{ marginTop: 0 }}>{b.title}</h2>
                <p className="dp-meta">{t('cadrePublic.by', { org: b.orgName })}</p>
                <p className="dp-meta">{t('cadrePublic.closes', { date: cn(b.closesOn) })}</p>
                {b.posts.map((p) => (
                  <section key={p.id} className="cp-post" aria-labelledby={`post-${p.id}`}>
                    <h3 id={`post-${p.id}`}>{p.name}</h3>
                    <dl>
                      <dt>{t('cadrePublic.post.unit')}</dt><dd>{p.unit}</dd>
                      <dt>{t('cadrePublic.post.headcount')}</dt><dd>{p.headcount}</dd>
                      <dt>{t('cadrePublic.post.requirements')}</dt><dd>{p.requirements}</dd>
                    </dl>
                    {done[p.id] ? <p className="cp-ok" role="status">{t(done[p.id] === 'held' ? 'cadrePublic.thanksHeld' : 'cadrePublic.thanks')}</p>
                      : open === p.id ? <RecommendForm post={p} onDone={(s) => { setDone((d) => ({ ...d, [p.id]: s })); setOpen(null); }} onCancel={() => setOpen(null)} />
                        : <button type="button" className="dp-button" onClick={() => setOpen(p.id)}>{t('cadrePublic.recommend')}</button>}
                  </section>
                ))}
              </li>
            ))}
          </ul>
        )}
    </DisclosureFrame>
  );
}

function RecommendForm({ post, onDone, onCancel }: { post: Post; onDone: (s: 'held' | 'received') => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const { send, safety, errors, error, busy } = useSafeSubmit();
  const [v, setV] = useState({ candidateName: '', candidateUnit: '', reasons: '' });
  const set = (k: keyof typeof v) => (x: string) => setV((o) => ({ ...o, [k]: x }));
  let state: 'held' | 'received' = 'received';
  const submit = async () => {
    const sent = await send(async (headers) => {
      const r = await ok(api.POST('/api/public/cadres/posts/{postId}/recommendations', { params: { path: { postId: post.id } }, body: v, headers }));
      state = r.state;
    });
    if (sent) onDone(state);
  };
  const id = (k: string) => `rec-${post.id}-${k}`;
  return (
    <form className="cp-form" onSubmit={(e) => { e.preventDefault(); void submit(); }} noValidate>
      <h4>{t('cadrePublic.recommendTitle', { post: post.name })}</h4>
      {safety}
      <Field id={id('name')} label={t('cadrePublic.candidateName')} value={v.candidateName} onChange={set('candidateName')} error={errors.candidateName} maxLength={30} />
      <Field id={id('unit')} label={t('cadrePublic.candidateUnit')} value={v.candidateUnit} onChange={set('candidateUnit')} error={errors.candidateUnit} maxLength={100} />
      <Field id={id('reasons')} label={t('cadrePublic.reasons')} value={v.reasons} onChange={set('reasons')} error={errors.reasons} maxLength={1000} multiline />
      <p className="ps-note">{t('cadrePublic.once')}</p>
      {error && <p className="ps-error" role="alert">{error}</p>}
      <div className="cp-actions">
        <button type="submit" className="dp-button" disabled={busy}>{t('cadrePublic.submit')}</button>
        <button type="button" className="ps-link" onClick={onCancel}>{t('cadrePublic.cancel')}</button>
      </div>
    </form>
  );
}
