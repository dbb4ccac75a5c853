/**
 * Demo 工作日历: the 2026 holidays and adjusted working days exactly as published in 国务院办公厅关于2026年部分节假日安排的通知
 * (国务院办公厅, 2025年11月4日; released by Xinhua the same day). Each holiday range is recorded day by day, weekends
 * included, as the notice states it; the 调休上班 days are the Saturdays and Sundays it names. No other year is seeded:
 * the administrator enters each year's notice when it is published (the platform invents no holiday dates).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { addDays } from '../platform/china-time.js';

/** [first day, last day, name] of each holiday in the 2026 notice. */
const HOLIDAYS_2026: [string, string, string][] = [
  ['2026-01-01', '2026-01-03', '元旦'],
  ['2026-02-15', '2026-02-23', '春节'],
  ['2026-04-04', '2026-04-06', '清明节'],
  ['2026-05-01', '2026-05-05', '劳动节'],
  ['2026-06-19', '2026-06-21', '端午节'],
  ['2026-09-25', '2026-09-27', '中秋节'],
  ['2026-10-01', '2026-10-07', '国庆节'],
];
/** The weekend days the 2026 notice makes working days (上班). */
const WORKDAYS_2026: [string, string][] = [
  ['2026-01-04', '元旦调休'],
  ['2026-02-14', '春节调休'],
  ['2026-02-28', '春节调休'],
  ['2026-05-09', '劳动节调休'],
  ['2026-09-20', '国庆节调休'],
  ['2026-10-10', '国庆节调休'],
];

export function calendar2026(): { day: string; kind: 'holiday' | 'workday'; name: string }[] {
  const rows: { day: string; kind: 'holiday' | 'workday'; name: string }[] = [];
  for (const [first, last, name] of HOLIDAYS_2026) for (let d = first; d <= last; d = addDays(d, 1)) rows.push({ day: d, kind: 'holiday', name });
  for (const [day, name] of WORKDAYS_2026) rows.push({ day, kind: 'workday', name });
  return rows.sort((a, b) => a.day.localeCompare(b.day));
}

export async function insertDemoCalendar(db: Kysely<DB>, today: string): Promise<number> {
  const at = new Date(`${today}T09:00:00+08:00`);
  const rows = calendar2026();
  await db.insertInto('calendar_days').values(rows.map((r) => ({ ...r, updated_at: at }))).execute();
  return rows.length;
}
