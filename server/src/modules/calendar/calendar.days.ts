/**
 * 工作日历: working-day arithmetic on China dates ('YYYY-MM-DD'), pure (no database, no clock).
 *
 * The ordinary week: Monday–Friday are working days, Saturday and Sunday are not. The administrator records the
 * exceptions of each year from the State Council's notice (国务院办公厅关于××年部分节假日安排的通知):
 * - `holiday` (休息日): a day off, e.g. 春节 — a Monday–Friday becomes a rest day. A weekend day may be recorded as a
 *   holiday too (the notice's ranges include weekends: 2026's 元旦 is 1月1日至3日, the 3rd a Saturday); it changes
 *   nothing but names the day in the calendar.
 * - `workday` (调休上班): a Saturday or Sunday that is worked, e.g. 2026-02-14 before 春节.
 * A year with no entries is taken as ordinary weeks (see `dueDate`, which says so to its caller).
 *
 * Counting rule of `addWorkingDays` — how a government office reads 「5个工作日内办结」:
 * - The day the period starts from (receipt, dispatch) does not count, whatever time of day it is (民法典 第二百零一条:
 *   开始的当日不计入，自下一日开始计算). Day 1 is the first working day after `from`.
 * - So a start on a holiday or a weekend changes nothing: counting still begins with the first working day after it.
 * - The result is always a working day (the period's end cannot fall on a day off: 民法典 第二百零三条 moves it to the day
 *   after the rest days; counting only working days gives that at once). The item is due by the end of that day.
 * - n = 0 (「当日办结」): `from` itself if it is a working day, else the first working day after it.
 * Example: received Friday 2026-02-13 evening, 5 working days → 2-14 (调休上班, 1), 2-15…2-23 春节, 2-24 (2), 2-25 (3),
 * 2-26 (4), 2-27 (5): due Friday 2026-02-27.
 */
import { addDays, isRealDate } from '../../platform/china-time.js';

export type DayKind = 'holiday' | 'workday';
/** The administrator's exceptions to the ordinary week, by date. */
export type Exceptions = ReadonlyMap<string, DayKind>;

/** Longest period `addWorkingDays` will count (ten years of working days): a guard against a runaway loop. */
export const MAX_WORKING_DAYS = 2500;

/** 0 = Sunday … 6 = Saturday, for a 'YYYY-MM-DD' date (calendar arithmetic only; no time zone involved). */
export const weekday = (date: string): number => new Date(`${date}T00:00:00Z`).getUTCDay();
export const isWeekend = (date: string): boolean => {
  const d = weekday(date);
  return d === 0 || d === 6;
};

function check(date: string, what: string): void {
  if (!isRealDate(date)) throw new RangeError(`${what} is not a date: ${date}`);
}

/** A working day: an exception's kind when the administrator recorded one, else Monday–Friday. */
export function isWorkingDay(date: string, exceptions: Exceptions): boolean {
  check(date, 'date');
  const kind = exceptions.get(date);
  if (kind) return kind === 'workday';
  return !isWeekend(date);
}

/** The first working day on or after `date`. */
export function nextWorkingDayFrom(date: string, exceptions: Exceptions): string {
  let d = date;
  for (let i = 0; !isWorkingDay(d, exceptions); i++) {
    if (i > 366) throw new RangeError(`no working day within a year of ${date}`);
    d = addDays(d, 1);
  }
  return d;
}

/**
 * The due date of something started on `from` with `n` working days to do it (the rule above: `from` never counts;
 * the n-th working day after it; n = 0 is `from` when it is a working day, else the next one).
 */
export function addWorkingDays(from: string, n: number, exceptions: Exceptions): string {
  check(from, 'from');
  if (!Number.isInteger(n) || n < 0 || n > MAX_WORKING_DAYS) throw new RangeError(`working days must be an integer from 0 to ${MAX_WORKING_DAYS}: ${n}`);
  if (n === 0) return nextWorkingDayFrom(from, exceptions);
  let d = from;
  let left = n;
  while (left > 0) {
    d = addDays(d, 1);
    if (isWorkingDay(d, exceptions)) left--;
  }
  return d;
}

/**
 * Working days from `from` to `to`, counted as `addWorkingDays` counts: those in (from, to], so that
 * workingDaysBetween(from, addWorkingDays(from, n)) = n for every n ≥ 1. Negative when `to` is before `from`
 * (minus the working days in (to, from]): for an open item, workingDaysBetween(today, due) is the working days left,
 * and below zero the working days overdue. Zero when the dates are equal.
 */
export function workingDaysBetween(from: string, to: string, exceptions: Exceptions): number {
  check(from, 'from');
  check(to, 'to');
  if (to < from) return -workingDaysBetween(to, from, exceptions);
  let count = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWorkingDay(d, exceptions)) count++;
  return count;
}
