// Refusals of the transfer steps carry a Chinese title written for the user (e.g. 409
// transfer.expired: 介绍信已于…过期…); show it as is rather than the generic conflict text.
import type { TFunction } from 'i18next';
import { isApiError } from '@/api/client';
import { errorText } from '@/modules/common/errors';

export function transferErrorText(t: TFunction, e: unknown): string {
  if (isApiError(e) && e.status !== 0 && e.title) return e.title;
  return errorText(t, e);
}

/** 2026-10 → 2026年10月 */
export function fmtMonth(t: TFunction, ym: string | null | undefined): string {
  const m = /^(\d{4})-(\d{2})$/.exec(ym ?? '');
  return m ? t('transfers.monthValue', { year: m[1], month: Number(m[2]) }) : (ym || '—');
}
