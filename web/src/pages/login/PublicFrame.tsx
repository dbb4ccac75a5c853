// The frame of the login and member-centre pages: a red banner with the platform name,
// the language and large-type switches, and a main landmark.
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Emblem } from '@/modules/common/Emblem';
import { PublicTheme } from '@/modules/common/PublicTheme';
import { PortalTools } from '@/pages/portal/PortalTools';
import '@/styles/portal.css';

export function PublicFrame({ children, actions }: { children: ReactNode; actions?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <PublicTheme>
      <div className="portal public-frame">
        <a className="skip-link" href="#main">{t('common.skipToContent')}</a>
        <header className="portal-header">
          <div className="portal-header-inner">
            <Link to="/" className="portal-brand">
              <Emblem /> <span>{t('common.appName')}</span>
            </Link>
            <PortalTools />
            {actions}
          </div>
        </header>
        <main id="main" className="public-main" tabIndex={-1}>
          {children}
        </main>
      </div>
    </PublicTheme>
  );
}
