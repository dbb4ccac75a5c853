// The frame of the public mailbox pages: the portal's header and footer, plain HTML (no antd), and t() over the
// mailboxPublic namespace with keys built at run time (categories, states).
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Emblem } from '@/modules/common/Emblem';
import { PortalTools } from '@/pages/portal/PortalTools';
import '@/styles/portal.css';
import './mailbox.css';

export function MailboxFrame({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="portal mb">
      <a className="skip-link" href="#main">{t('common.skipToContent')}</a>
      <header className="portal-header">
        <div className="portal-header-inner">
          <Link to="/" className="portal-brand"><Emblem /> <span>{t('common.appName')}</span></Link>
          <PortalTools />
        </div>
      </header>
      <main id="main" className="mb-main" tabIndex={-1}>{children}</main>
      <footer className="portal-footer"><div className="portal-footer-inner"><p>{t('portal.footer')}</p></div></footer>
    </div>
  );
}

export function useM(): (key: string, o?: Record<string, unknown>) => string {
  const { t } = useTranslation();
  return (key, o) => String(t(`mailboxPublic.${key}` as never, o as never));
}

/** 2026-11-30 14:05 in China time. */
export const chinaTime = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

/** ABCD EFGH JKLM: the 查询码 in groups of four, as it is easiest to read out and copy by hand. */
export const groupCode = (code: string) => code.replace(/(.{4})(?=.)/g, '$1 ');

export const CATEGORIES = ['suggestion', 'consultation', 'complaint', 'help', 'other'] as const;
