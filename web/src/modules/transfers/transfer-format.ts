// Display helpers of the transfer screens.
import type { TFunction } from 'i18next';

/** 2026-10 → 2026年10月 */
export function fmtMonth(t: TFunction, ym: string | null | undefined): string {
  const m = /^(\d{4})-(\d{2})$/.exec(ym ?? '');
  return m ? t('transfers.monthValue', { year: m[1], month: Number(m[2]) }) : (ym || '—');
}
