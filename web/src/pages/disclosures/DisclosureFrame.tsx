// The frame of the public disclosure pages: the portal's header and footer, plain HTML (no antd).
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Emblem } from '@/modules/common/Emblem';
import { PortalTools } from '@/pages/portal/PortalTools';
import '@/styles/portal.css';
import './disclosures.css';

export function DisclosureFrame({ children }: { children: ReactNode }) {
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
