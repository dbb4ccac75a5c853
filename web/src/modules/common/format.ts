// Display formats used everywhere: dates as 2026-11-27, times 24-hour, counts grouped.
import { currentLang } from '@/i18n';

const pad = (n: number) => String(n).padStart(2, '0');

/** 2026-11-27 from an ISO timestamp or a YYYY-MM-DD date; '—' when empty. */
export function fmtDate(value: string | null | undefined): string {
  if (!value) return '—';
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** 2026-11-27 14:05:09, local time, 24-hour. */
export function fmtDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  return `${fmtDate(value)} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

export function fmtCount(n: number | null | undefined): string {
  if (n === null || n === undefined) return '—';
  return new Intl.NumberFormat(currentLang() === 'en' ? 'en' : 'zh-CN').format(n);
}

/** A share with one decimal: 45.4%. */
export function fmtPercent(part: number, whole: number): string {
  if (!whole) return '0.0%';
  return `${((part / whole) * 100).toFixed(1)}%`;
}
