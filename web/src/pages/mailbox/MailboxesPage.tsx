// 部长信箱 (/mailbox): the province's mailbox, then the cities', each with 写信; and the way to a letter's progress.
// Plain HTML like the portal; mobile-first.
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, ok } from '@/api/client';
import type { ResponseOf } from '@/api/types';
import { MailboxFrame, useM } from './MailboxFrame';

export type Mailboxes = ResponseOf<'/api/public/mailboxes', 'get'>['items'];

let cached: Mailboxes | null = null;
/** The mailboxes, fetched once per page load (they change only when the organization tree does). */
export function useMailboxes(): { items: Mailboxes | null; failed: boolean } {
  const [items, setItems] = useState<Mailboxes | null>(cached);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (cached) return;
    const ctrl = new AbortController();
    ok(api.GET('/api/public/mailboxes', { signal: ctrl.signal }))
      .then((r) => { cached = r.items; setItems(r.items); })
      .catch((e: Error) => { if (e.name !== 'AbortError') setFailed(true); });
    return () => ctrl.abort();
  }, []);
  return { items, failed };
}

export function MailboxesPage() {
  const { t } = useTranslation();
  const M = useM();
  const { items, failed } = useMailboxes();
  useEffect(() => { document.title = `${M('title')} - ${t('common.appShort')}`; });
  const province = items?.filter((m) => m.level === 'province') ?? [];
  const cities = items?.filter((m) => m.level === 'city') ?? [];
  const box = (m: Mailboxes[number], main = false) => (
    <li key={m.orgId} className={main ? 'mb-box mb-box-main' : 'mb-box'} data-testid="mailbox">
      <strong>{m.name}</strong>
      <Link className="mb-button" to={`/mailbox/${m.orgId}/write`} aria-label={M('writeTo', { name: m.name })}>{M('write')}</Link>
    </li>
  );
  return (
    <MailboxFrame>
      <h1 className="mb-title">{M('title')}</h1>
      <p className="mb-intro">{M('intro')}</p>
      <section className="mb-track" aria-labelledby="mb-track-title">
        <h2 id="mb-track-title" style={{ marginTop: 0 }}>{M('track')}</h2>
        <p className="mb-note">{M('trackIntro')}</p>
        <Link className="mb-button mb-button-plain" to="/mailbox/track" data-testid="mailbox-track">{M('track')}</Link>
      </section>
      <section className="mb-track" aria-labelledby="mb-published-title">
        <h2 id="mb-published-title" style={{ marginTop: 0 }}>{M('published.title')}</h2>
        <p className="mb-note">{M('published.lead')}</p>
        <Link className="mb-button mb-button-plain" to="/mailbox/letters" data-testid="mailbox-published">{M('published.open')}</Link>
      </section>
      <section aria-labelledby="mb-province" aria-busy={!items && !failed}>
        <h2 id="mb-province">{M('province')}</h2>
        {failed && <p className="mb-note" role="alert">{M('loadFailed')}</p>}
        {!items && !failed && <p className="mb-note" role="status">{t('common.loading')}</p>}
        <ul className="mb-list">{province.map((m) => box(m, true))}</ul>
      </section>
      {cities.length > 0 && (
        <section aria-labelledby="mb-cities">
          <h2 id="mb-cities">{M('cities')}</h2>
          <ul className="mb-list">{cities.map((m) => box(m))}</ul>
        </section>
      )}
    </MailboxFrame>
  );
}
