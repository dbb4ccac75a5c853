// The frame of the public mailbox pages (the portal's section frame with the mailbox's styles), and t() over the
// mailboxPublic namespace with keys built at run time (categories, states).
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { chinaDateTime } from '@/modules/common/format';
import { PortalSectionFrame } from '@/pages/portal/PortalSectionFrame';
import './mailbox.css';

export function MailboxFrame({ children }: { children: ReactNode }) {
  return <PortalSectionFrame section="mb">{children}</PortalSectionFrame>;
}

export function useM(): (key: string, o?: Record<string, unknown>) => string {
  const { t } = useTranslation();
  return (key, o) => String(t(`mailboxPublic.${key}` as never, o as never));
}

/** 2026-11-30 14:05 in China time. */
export const chinaTime = (iso: string) => chinaDateTime(iso, false);

/** ABCD EFGH JKLM: the 查询码 in groups of four, as it is easiest to read out and copy by hand. */
export const groupCode = (code: string) => code.replace(/(.{4})(?=.)/g, '$1 ');

export const CATEGORIES = ['suggestion', 'consultation', 'complaint', 'help', 'other'] as const;
