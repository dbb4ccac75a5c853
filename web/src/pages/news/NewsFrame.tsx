// The frame of the public news pages: the portal's header and footer, plain HTML (no antd).
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Emblem } from '@/modules/common/Emblem';
import { PortalTools } from '@/pages/portal/PortalTools';
import '@/styles/portal.css';
import '@/pages/disclosures/disclosures.css';
import './news.css';

export function NewsFrame({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="portal dp">
      <a className="skip-link" href="#main">{t('common.skipToContent')}</a>
      <header className="portal-header">
        <div className="portal-header-inner">
          <Link to="/" className="portal-brand"><Emblem /> <span>{t('common.appName')}</span></Link>
          <PortalTools />
        </div>
      </header>
      <main id="main" className="dp-main" tabIndex={-1}>{children}</main>
      <footer className="portal-footer"><div className="portal-footer-inner"><p>{t('portal.footer')}</p></div></footer>
    </div>
  );
}

/** t() over the newsPublic namespace with keys built at run time. */
export function useN(): (key: string, o?: Record<string, unknown>) => string {
  const { t } = useTranslation();
  return (key, o) => String(t(`newsPublic.${key}` as never, o as never));
}
/** 2026-11-30 14:05 in China time. */
export const chinaTime = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
