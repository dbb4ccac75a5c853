// Display formats used everywhere: dates as 2026-11-27, times 24-hour, counts grouped.
import { currentLang } from '@/i18n';

// Times are shown in China time, the platform's calendar, whatever the browser's zone: a record made at
// 00:30 in Hangzhou is of that day for a reader abroad too (the server's "today" is China time as well).
const CHINA = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
});

function chinaParts(d: Date): Record<string, string> {
  return Object.fromEntries(CHINA.formatToParts(d).map((x) => [x.type, x.value]));
}

/** 2026-11-27 from an ISO timestamp (its day in China) or a YYYY-MM-DD date; '—' when empty. */
export function fmtDate(value: string | null | undefined): string {
  if (!value) return '—';
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  const p = chinaParts(d);
  return `${p.year}-${p.month}-${p.day}`;
}

/** 2026-11-27 14:05:09 in China time, 24-hour; '—' when empty. (One argument: it is handed to tables as a renderer.) */
export function fmtDateTime(value: string | null | undefined): string {
  return chinaDateTime(value, true);
}

/** fmtDateTime, optionally without seconds (2026-11-27 14:05). */
export function chinaDateTime(value: string | null | undefined, withSeconds: boolean): string {
  if (!value) return '—';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  const p = chinaParts(d);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}${withSeconds ? `:${p.second}` : ''}`;
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
