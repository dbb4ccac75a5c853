// One public disclosure (/disclosure/:id, an earlier version at ?v=N): the text (sanitized by the server when it was
// saved), the finance table, attachments, the fingerprint and every version with its fingerprint and time; under the
// current version, the questions from the public with their answers and the form to ask one (Questions.tsx).
import { useEffect, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, isApiError, ok } from '@/api/client';
import type { ResponseOf } from '@/api/types';
import { DisclosureFrame } from './DisclosureFrame';
import { FinanceTable } from './FinanceTable';
import { Questions } from './Questions';
import { chinaTime, useD } from './format';

type Item = ResponseOf<'/api/public/disclosures/{id}', 'get'>;

export function DisclosurePage() {
  const { t } = useTranslation();
  const D = useD();
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const v = params.get('v');
  const [state, setState] = useState<{ status: 'loading' } | { status: 'notFound' } | { status: 'error' } | { status: 'ok'; item: Item }>({ status: 'loading' });

  useEffect(() => {
    const ctrl = new AbortController();
    setState({ status: 'loading' });
    const req = v && /^\d+$/.test(v)
      ? api.GET('/api/public/disclosures/{id}/versions/{version}', { params: { path: { id, version: v } }, signal: ctrl.signal })
      : api.GET('/api/public/disclosures/{id}', { params: { path: { id } }, signal: ctrl.signal });
    ok(req).then((item) => setState({ status: 'ok', item: item as Item }))
      .catch((e: Error) => { if (e.name !== 'AbortError') setState(isApiError(e) && (e.status === 404 || e.status === 400) ? { status: 'notFound' } : { status: 'error' }); });
    return () => ctrl.abort();
  }, [id, v]);
  useEffect(() => { document.title = `${state.status === 'ok' ? state.item.title : D('title')} - ${t('common.appShort')}`; });

  if (state.status !== 'ok') {
    return (
      <DisclosureFrame>
        <p className="dp-back"><Link to="/disclosure">← {D('back')}</Link></p>
        <p className="dp-note" role={state.status === 'loading' ? 'status' : 'alert'}>{state.status === 'loading' ? t('common.loading') : state.status === 'notFound' ? D('notFound') : D('loadFailed')}</p>
      </DisclosureFrame>
    );
  }
  const it = state.item;
  return (
    <DisclosureFrame>
      <p className="dp-back"><Link to="/disclosure">← {D('back')}</Link></p>
      <article className="dp-item">
        <p className="dp-meta"><span className={`dp-kind dp-kind-${it.kind}`}>{D(`kinds.${it.kind}`)}</span> {it.placeName} · {it.periodLabel}</p>
        <h1 className="dp-title">{it.title}</h1>
        <p className="dp-meta">{D('publishedAt')} {chinaTime(it.publishedAt)} · {D('version', { version: it.version })}</p>
        {!it.current && (
          <p className="dp-old" role="note">{D('oldNotice', { version: it.version, at: chinaTime(it.publishedAt), latest: it.latestVersion })} <Link to={`/disclosure/${it.id}`}>{D('toCurrent')}</Link></p>
        )}
        {/* The body was sanitized by the server (platform/text/sanitize.ts) with a strict allow list when it was saved. */}
        <div className="dp-body" data-testid="dp-body" dangerouslySetInnerHTML={{ __html: it.bodyHtml }} />
        {it.finance && <div className="dp-table-wrap"><FinanceTable finance={it.finance} /></div>}
        {it.attachments.length > 0 && (
          <section aria-labelledby="dp-att"><h2 id="dp-att">{D('attachments')}</h2>
            <ul className="dp-attachments">{it.attachments.map((a) => <li key={a.id}><a href={a.url}>{a.fileName}</a> <small>{(a.sizeBytes / 1024).toFixed(0)} KB</small></li>)}</ul>
          </section>
        )}
        <section aria-labelledby="dp-fp" className="dp-fp">
          <h2 id="dp-fp">{D('fingerprint')}</h2>
          <p><code data-testid="dp-fingerprint">{it.fingerprint}</code></p>
          <p className="dp-note">{D('fingerprintHint')}</p>
        </section>
        <section aria-labelledby="dp-versions">
          <h2 id="dp-versions">{D('versions')}</h2>
          <ol className="dp-versions" data-testid="dp-versions">
            {it.versions.map((x) => (
              <li key={x.version} aria-current={x.version === it.version ? 'true' : undefined}>
                <span>{D('version', { version: x.version })} · {chinaTime(x.publishedAt)}{x.version === it.latestVersion ? ` · ${D('current')}` : ''}</span>
                <code>{x.fingerprint}</code>
                {x.version !== it.version && <Link to={x.version === it.latestVersion ? `/disclosure/${it.id}` : `/disclosure/${it.id}?v=${x.version}`}>{D('view')}<span className="visually-hidden">{D('version', { version: x.version })}</span></Link>}
              </li>
            ))}
          </ol>
        </section>
        <p><a href={`/tv/disclosures/${it.orgId}`}>{D('tv')}</a></p>
      </article>
      {it.current && <Questions itemId={it.id} orgName={it.orgName} />}
    </DisclosureFrame>
  );
}
