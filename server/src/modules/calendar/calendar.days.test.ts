/**
 * 工作日历: the working-day arithmetic (calendar.days.ts) across 2026's Spring Festival — nine days off (2-15 to 2-23)
 * between two worked Saturdays (2-14 and 2-28) — and the rules of counting: the start day never counts, a start on a
 * holiday counts from the next working day, n = 0 is the same day when it is a working day.
 */
import { describe, expect, it } from 'vitest';
import { addWorkingDays, isWorkingDay, workingDaysBetween, type Exceptions } from './calendar.days.js';
import { calendar2026 } from '../../seed/demo-calendar.js';

const cal: Exceptions = new Map(calendar2026().map((r) => [r.day, r.kind]));
const none: Exceptions = new Map();

describe('isWorkingDay', () => {
  it('follows the ordinary week where nothing is recorded', () => {
    expect(isWorkingDay('2026-03-02', cal)).toBe(true); // Monday
    expect(isWorkingDay('2026-03-06', cal)).toBe(true); // Friday
    expect(isWorkingDay('2026-03-07', cal)).toBe(false); // Saturday
    expect(isWorkingDay('2026-03-08', cal)).toBe(false); // Sunday
  });
  it('takes a recorded holiday as a day off and a recorded 调休 weekend day as worked', () => {
    expect(isWorkingDay('2026-02-16', cal)).toBe(false); // Monday in 春节
    expect(isWorkingDay('2026-02-23', cal)).toBe(false); // Monday, last day of 春节
    expect(isWorkingDay('2026-02-14', cal)).toBe(true); // Saturday, 春节调休
    expect(isWorkingDay('2026-02-28', cal)).toBe(true); // Saturday, 春节调休
    expect(isWorkingDay('2026-01-03', cal)).toBe(false); // Saturday recorded as 元旦: still off
    expect(isWorkingDay('2026-01-04', cal)).toBe(true); // Sunday, 元旦调休
  });
  it('refuses what is not a date', () => {
    expect(() => isWorkingDay('2026-02-30', cal)).toThrow(RangeError);
  });
});

describe('addWorkingDays: 「5个工作日内办结」', () => {
  it('received on the Friday evening before 春节: the worked Saturday is day 1, then the holiday is skipped', () => {
    // 2-14 (Sat, 调休上班) 1 · 2-15…2-23 春节 · 2-24 2 · 2-25 3 · 2-26 4 · 2-27 5
    expect(addWorkingDays('2026-02-13', 5, cal)).toBe('2026-02-27');
    // Without the calendar the same request would wrongly be due on 2-20, in the middle of the holiday.
    expect(addWorkingDays('2026-02-13', 5, none)).toBe('2026-02-20');
  });
  it('lands on the worked Saturday after the holiday when the count ends there', () => {
    expect(addWorkingDays('2026-02-24', 4, cal)).toBe('2026-02-28');
    expect(addWorkingDays('2026-02-24', 5, cal)).toBe('2026-03-02');
  });
  it('started on a holiday or a weekend: counting begins with the first working day after it', () => {
    expect(addWorkingDays('2026-02-15', 1, cal)).toBe('2026-02-24'); // first day of 春节
    expect(addWorkingDays('2026-02-20', 1, cal)).toBe('2026-02-24'); // a Friday inside 春节
    expect(addWorkingDays('2026-02-20', 3, cal)).toBe('2026-02-26');
    expect(addWorkingDays('2026-03-07', 1, cal)).toBe('2026-03-09'); // an ordinary Saturday
  });
  it('the start day does not count, even on a working day', () => {
    expect(addWorkingDays('2026-03-02', 1, cal)).toBe('2026-03-03');
    expect(addWorkingDays('2026-03-02', 5, cal)).toBe('2026-03-09');
  });
  it('n = 0 is the same day when it is a working day, else the next working day', () => {
    expect(addWorkingDays('2026-03-02', 0, cal)).toBe('2026-03-02');
    expect(addWorkingDays('2026-02-14', 0, cal)).toBe('2026-02-14'); // worked Saturday
    expect(addWorkingDays('2026-02-17', 0, cal)).toBe('2026-02-24'); // inside 春节
  });
  it('crosses 国庆节 with its worked Sunday before and Saturday after', () => {
    // 9-20 (Sun) worked; 9-25…9-27 中秋; 10-1…10-7 国庆; 10-10 (Sat) worked.
    expect(addWorkingDays('2026-09-30', 1, cal)).toBe('2026-10-08');
    expect(addWorkingDays('2026-09-30', 3, cal)).toBe('2026-10-10');
    expect(addWorkingDays('2026-09-19', 1, cal)).toBe('2026-09-20');
  });
  it('crosses the year end into a year with nothing recorded as ordinary weeks', () => {
    expect(addWorkingDays('2026-12-31', 2, cal)).toBe('2027-01-04'); // 2027-01-01 is a Friday, not known as a holiday here
  });
  it('refuses a negative, fractional or absurd count', () => {
    expect(() => addWorkingDays('2026-03-02', -1, cal)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-03-02', 1.5, cal)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-03-02', 1_000_000, cal)).toThrow(RangeError);
  });
});

describe('workingDaysBetween', () => {
  it('is the inverse of addWorkingDays for every count across 春节', () => {
    for (const from of ['2026-02-10', '2026-02-13', '2026-02-14', '2026-02-18', '2026-02-22']) {
      for (let n = 1; n <= 15; n++) expect(workingDaysBetween(from, addWorkingDays(from, n, cal), cal), `${from} + ${n}`).toBe(n);
    }
  });
  it('counts (from, to]: zero on the same day, the days left before a due date, negative once overdue', () => {
    expect(workingDaysBetween('2026-02-27', '2026-02-27', cal)).toBe(0);
    expect(workingDaysBetween('2026-02-13', '2026-02-24', cal)).toBe(2); // 2-14 and 2-24
    expect(workingDaysBetween('2026-03-03', '2026-02-27', cal)).toBe(-3); // overdue by 2-28, 3-2, 3-3
  });
  it('gives 2026 the working days of its published schedule', () => {
    // 261 Monday–Fridays, less the 19 of them in the notice's holidays, plus its 6 worked weekend days: 248.
    const weekdays = workingDaysBetween('2025-12-31', '2026-12-31', none);
    const offWeekdays = calendar2026().filter((r) => r.kind === 'holiday' && isWorkingDay(r.day, none)).length;
    const workedWeekends = calendar2026().filter((r) => r.kind === 'workday').length;
    expect(workingDaysBetween('2025-12-31', '2026-12-31', cal)).toBe(weekdays - offWeekdays + workedWeekends);
    expect([weekdays, offWeekdays, workedWeekends]).toEqual([261, 19, 6]);
    expect(workingDaysBetween('2025-12-31', '2026-12-31', cal)).toBe(248);
  });
});
