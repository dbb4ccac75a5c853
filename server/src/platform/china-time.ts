/**
 * The one calendar of the server: dates in China Standard Time (Asia/Shanghai, UTC+8 all year; China
 * has kept no daylight saving time since 1991). Every "today", "this year" and every date calculation on
 * 'YYYY-MM-DD' strings goes through here, never through `toISOString().slice(0, 10)` (the UTC date, which
 * is yesterday until 08:00 in China) nor `getFullYear()` (the server's own time zone, whatever it is set to).
 *
 * Functions take the instant from the caller (`ctx.now()`, the injected clock) so tests can stand at any
 * moment; the calendar arithmetic works on the date strings alone and knows nothing of time zones.
 */

const CHINA_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** The instant shifted so that its UTC fields read as the wall clock in China. */
const shifted = (now: Date) => new Date(now.getTime() + CHINA_OFFSET_MS);

/** Today's date in China, 'YYYY-MM-DD'. */
export function chinaToday(now: Date): string {
  return shifted(now).toISOString().slice(0, 10);
}

/** The current year in China (letter numbers, annual statistics). */
/** A 'YYYY-MM-DD' as Chinese text: 2026年12月1日. */
export function chineseDate(iso: string): string {
  return `${Number(iso.slice(0, 4))}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;
}

export function chinaYear(now: Date): number {
  return shifted(now).getUTCFullYear();
}

/** The wall-clock time in China, 'YYYY-MM-DD HH:mm' (export footers, printed letters). */
export function chinaDateTime(now: Date): string {
  return shifted(now).toISOString().slice(0, 16).replace('T', ' ');
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `s` is 'YYYY-MM-DD' and names a day of the proleptic Gregorian calendar from year 1 on (not 2026-02-30, 2026-13-01, 0000-01-01). */
export function isRealDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1 || mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const fromParts = (y: number, m: number, d: number) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
const toUtcMs = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

/** `iso` plus `days` calendar days (negative to go back). */
export function addDays(iso: string, days: number): string {
  return new Date(toUtcMs(iso) + days * DAY_MS).toISOString().slice(0, 10);
}

/** `iso` plus `months` calendar months; the day is kept, or the month's last day when it has fewer (01-31 + 1 month = 02-28). */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = total - ny * 12 + 1;
  return fromParts(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

/** `iso` plus `years` (02-29 becomes 02-28 in a common year). */
export function addYears(iso: string, years: number): string {
  return addMonths(iso, years * 12);
}

/** Whole calendar months from `from` to `to`, not counting a month not yet completed. */
export function monthsBetween(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number);
  const [ty, tm, td] = to.split('-').map(Number);
  return (ty - fy) * 12 + (tm - fm) - (td < fd ? 1 : 0);
}

/** Whole years from `from` to `to` (an age on `to`). */
export function yearsBetween(from: string, to: string): number {
  return Math.floor(monthsBetween(from, to) / 12);
}

/**
 * The shared "not after today" rule for dates a person enters: one field error per date (given as
 * [field, value, label]) that lies after today in China. Services call it beside their other rules.
 */
export function datesAfterToday(dates: readonly (readonly [field: string, value: string | null | undefined, label: string])[], today: string): { field: string; message: string }[] {
  return dates.filter(([, v]) => v && v > today).map(([field, , label]) => ({ field, message: `${label}不能晚于今天` }));
}
