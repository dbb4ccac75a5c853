// 任前公示 (/notices): the notices in their objection period, or the archive; each with its candidates, period, contact
// and fingerprint, and an objection form behind a verified phone while the period lasts. Plain HTML, no antd.
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok } from '@/api/client';
import type { ResponseOf } from '@/api/types';
import { DisclosureFrame } from '@/pages/disclosures/DisclosureFrame';
import { Field, useSafeSubmit } from './SafeSubmit';
import './cadres.css';

type Notice = ResponseOf<'/api/public/cadres/notices', 'get'>['items'][number];
const cn = (iso: string) => { const [y, m, d] = iso.split('-'); return `${y}年${Number(m)}月${Number(d)}日`; };
/** The China date (YYYY-MM-DD) of an instant. */
const chinaDay = (at: string) => new Date(new Date(at).getTime() + 8 * 3600_000).toISOString().slice(0, 10);

export function NoticesPage() {
  const { t } = useTranslation();
  const [archive, setArchive] = useState(false);
  const [state, setState] = useState<{ status: 'loading' | 'error' } | { status: 'ok'; items: Notice[]; next: string | null }>({ status: 'loading' });
  const load = (cursor?: string) => {
    const ctrl = new AbortController();
    ok(api.GET('/api/public/cadres/notices', { params: { query: { archive, cursor } }, signal: ctrl.signal }))
      .then((r) => setState((s) => ({ status: 'ok', items: cursor && s.status === 'ok' ? [...s.items, ...r.items] : r.items, next: r.nextCursor })))
      .catch((e: Error) => { if (e.name !== 'AbortError') setState({ status: 'error' }); });
    return ctrl;
  };
  useEffect(() => {
    setState({ status: 'loading' });
    const ctrl = load();
    return () => ctrl.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reload when the tab changes
  }, [archive]);
  useEffect(() => { document.title = `${t('cadrePublic.notices')} - ${t('common.appShort')}`; }, [t]);
  return (
    <DisclosureFrame>
      <h1 className="dp-title">{t('cadrePublic.notices')}</h1>
      <p className="dp-intro">{t('cadrePublic.noticesIntro')}</p>
      <div className="cp-tabs dp-kinds">
        <button type="button" aria-pressed={!archive} onClick={() => setArchive(false)}>{t('cadrePublic.current')}</button>
        <button type="button" aria-pressed={archive} onClick={() => setArchive(true)}>{t('cadrePublic.archive')}</button>
      </div>
      {state.status !== 'ok' ? <p className="dp-note" role={state.status === 'loading' ? 'status' : 'alert'}>{state.status === 'loading' ? t('common.loading') : t('cadrePublic.loadFailed')}</p>
        : state.items.length === 0 ? <p className="dp-note">{t('cadrePublic.noNotices')}</p> : (
          <>
            <ul className="dp-list">{state.items.map((n) => <NoticeCard key={n.id} n={n} />)}</ul>
            {state.next && <button type="button" className="dp-button dp-more" onClick={() => load(state.next!)}>{t('cadrePublic.more')}</button>}
          </>
        )}
    </DisclosureFrame>
  );
}

function NoticeCard({ n }: { n: Notice }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState(false);
  return (
    <li className="dp-card">
      <h2 style={{ marginTop: 0 }}>{n.title}</h2>
      <p className="dp-meta">{n.orgName}</p>
      {n.withdrawnAt ? (
        <div className="cp-withdrawn" role="note">
          <strong>{t('cadrePublic.withdrawn', { date: cn(chinaDay(n.withdrawnAt)) })}</strong>
          <p>{t('cadrePublic.withdrawReason')}：{n.withdrawReason}</p>
        </div>
      ) : <p className="dp-meta">{n.open ? t('cadrePublic.period', { from: cn(n.publishedOn), to: cn(n.objectionEndsOn), days: n.workingDays }) : t('cadrePublic.ended')}</p>}
      {n.version > 1 && <p className="dp-meta">{t('cadrePublic.revised', { n: n.version })}</p>}
      {n.candidates.map((c, i) => (
        <section key={i} className="cp-cand" aria-label={c.name}>
          <h3>{c.name}</h3>
          <p>{t(`cadrePublic.cand.sex.${c.sex}`)}，{t('cadrePublic.cand.born', { ym: `${c.birthYm.slice(0, 4)}年${Number(c.birthYm.slice(5, 7))}月` })}，{t('cadrePublic.cand.education')}：{c.education}</p>
          <p>{t('cadrePublic.cand.current')}：{c.currentPost}</p>
          <p>{t('cadrePublic.cand.proposed')}：<strong>{c.proposedPost}</strong></p>
          <p style={{ whiteSpace: 'pre-wrap' }}>{c.bio}</p>
        </section>
      ))}
      <p className="dp-meta" style={{ marginTop: '0.75rem' }}>{t('cadrePublic.contact')}：{n.contact}</p>
      <p className="dp-meta">{t('cadrePublic.fingerprint')}：<span className="cp-fp">{n.fingerprint}</span></p>
      <p className="ps-note">{t('cadrePublic.fingerprintHint')}</p>
      {n.earlierVersions.length > 0 && (
        <details className="cp-versions">
          <summary>{t('cadrePublic.earlierVersions', { count: n.earlierVersions.length })}</summary>
          {[...n.earlierVersions].reverse().map((v) => (
            <section key={v.version} aria-label={t('cadrePublic.versionN', { n: v.version })}>
              <h3>{t('cadrePublic.versionN', { n: v.version })}</h3>
              <p className="dp-meta">{v.title}</p>
              {v.candidates.map((c, i) => <p key={i}>{c.name}，{c.education}；{t('cadrePublic.cand.proposed')}：{c.proposedPost}</p>)}
              <p className="dp-meta">{t('cadrePublic.period', { from: cn(v.publishedOn), to: cn(v.objectionEndsOn), days: v.workingDays })}</p>
              <p className="dp-meta">{t('cadrePublic.contact')}：{v.contact}</p>
              <p className="dp-meta">{t('cadrePublic.fingerprint')}：<span className="cp-fp">{v.fingerprint}</span></p>
            </section>
          ))}
        </details>
      )}
      {n.open && (done ? <p className="cp-ok" role="status">{t('cadrePublic.objected')}</p>
        : open ? <ObjectionForm n={n} onDone={() => { setDone(true); setOpen(false); }} onCancel={() => setOpen(false)} />
          : <button type="button" className="dp-button" style={{ marginTop: '0.75rem' }} onClick={() => setOpen(true)}>{t('cadrePublic.object')}</button>)}
    </li>
  );
}

function ObjectionForm({ n, onDone, onCancel }: { n: Notice; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const aboutId = useId();
  const { send, safety, errors, error, busy } = useSafeSubmit();
  const [about, setAbout] = useState<string>(n.candidates.length === 1 ? '0' : '');
  const [body, setBody] = useState('');
  const [name, setName] = useState('');
  const submit = async () => {
    const sent = await send((headers) => ok(api.POST('/api/public/cadres/notices/{id}/objections', {
      params: { path: { id: n.id } }, headers, body: { candidateIndex: about === '' ? null : Number(about), body, name: name.trim() || null },
    })));
    if (sent) onDone();
  };
  return (
    <form className="cp-form" onSubmit={(e) => { e.preventDefault(); void submit(); }} noValidate>
      <h4>{t('cadrePublic.objectTitle', { title: n.title })}</h4>
      <p className="ps-note" style={{ margin: '0 0 0.75rem' }}>{t('cadrePublic.confidential')}</p>
      {safety}
      <div className="cp-field">
        <label htmlFor={aboutId} className="ps-label">{t('cadrePublic.about')}</label>
        <select id={aboutId} className="cp-select" value={about} onChange={(e) => setAbout(e.target.value)}>
          <option value="">{t('cadrePublic.whole')}</option>
          {n.candidates.map((c, i) => <option key={i} value={String(i)}>{c.name}（{c.proposedPost}）</option>)}
        </select>
        {errors.candidateIndex && <p className="ps-error">{errors.candidateIndex}</p>}
      </div>
      <Field id={`obj-${n.id}-body`} label={t('cadrePublic.objection')} value={body} onChange={setBody} error={errors.body} maxLength={2000} multiline />
      <Field id={`obj-${n.id}-name`} label={t('cadrePublic.name')} value={name} onChange={setName} error={errors.name} maxLength={30} />
      {error && <p className="ps-error" role="alert">{error}</p>}
      <div className="cp-actions">
        <button type="submit" className="dp-button" disabled={busy}>{t('cadrePublic.submitObjection')}</button>
        <button type="button" className="ps-link" onClick={onCancel}>{t('cadrePublic.cancel')}</button>
      </div>
    </form>
  );
}
