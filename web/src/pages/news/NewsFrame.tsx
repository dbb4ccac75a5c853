// The frame of the public news pages: the portal's section frame with the disclosures' and news' styles.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { chinaDateTime } from '@/modules/common/format';
import { PortalSectionFrame } from '@/pages/portal/PortalSectionFrame';
import '@/pages/disclosures/disclosures.css';
import './news.css';

export function NewsFrame({ children }: { children: ReactNode }) {
  return <PortalSectionFrame section="dp">{children}</PortalSectionFrame>;
}

/** t() over the newsPublic namespace with keys built at run time. */
export function useN(): (key: string, o?: Record<string, unknown>) => string {
  const { t } = useTranslation();
  return (key, o) => String(t(`newsPublic.${key}` as never, o as never));
}
/** 2026-11-30 14:05 in China time. */
export const chinaTime = (iso: string) => chinaDateTime(iso, false);
