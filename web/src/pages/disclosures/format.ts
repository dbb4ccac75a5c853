import { useTranslation } from 'react-i18next';

// Shared by the public disclosure pages: money in yuan from fen, China-time dates.
export const yuan = (fen: number) => {
  const a = Math.abs(fen);
  return `${fen < 0 ? '-' : ''}${Math.floor(a / 100).toLocaleString('en-US')}.${String(a % 100).padStart(2, '0')}`;
};
/** 2026-11-30 14:05 in China time. */
export const chinaTime = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
export const chinaDay = (iso: string) => chinaTime(iso).slice(0, 10);

/** t() over the disclosurePublic namespace with keys built at run time (kinds, totals). */
export function useD(): (key: string, o?: Record<string, unknown>) => string {
  const { t } = useTranslation();
  return (key, o) => String(t(`disclosurePublic.${key}` as never, o as never));
}
