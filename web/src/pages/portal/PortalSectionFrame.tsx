// The frame of the portal's public sections (disclosures, the mailbox, news): the portal's header and footer in plain
// HTML, no antd, so that these pages stay small on a village phone. `section` names the section's style prefix.
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Emblem } from '@/modules/common/Emblem';
import { PortalTools } from '@/pages/portal/PortalTools';
import '@/styles/portal.css';

export function PortalSectionFrame({ section, children }: { section: 'dp' | 'mb'; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className={`portal ${section}`}>
      <a className="skip-link" href="#main">{t('common.skipToContent')}</a>
      <header className="portal-header">
        <div className="portal-header-inner">
          <Link to="/" className="portal-brand"><Emblem /> <span>{t('common.appName')}</span></Link>
          <PortalTools />
        </div>
      </header>
      <main id="main" className={`${section}-main`} tabIndex={-1}>{children}</main>
      <footer className="portal-footer"><div className="portal-footer-inner"><p>{t('portal.footer')}</p></div></footer>
    </div>
  );
}
