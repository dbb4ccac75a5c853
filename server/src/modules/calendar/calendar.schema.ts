/** 工作日历: request and response shapes of /api/calendar/days (calendar.service.ts). */
import { Type, type Static } from 'typebox';
import { Day, lit, Nullable, ref, StringEnum } from '../../platform/schemas.js';

export const DAY_KINDS = ['holiday', 'workday'] as const;
export const CALENDAR_MIN_YEAR = 2000;
export const CALENDAR_MAX_YEAR = 2099;
export const DAY_NAME_MAX = 20;

export const CalendarDayView = Type.Object({
  date: Type.String({ description: 'YYYY-MM-DD, a China date' }),
  kind: StringEnum(DAY_KINDS),
  name: Type.String({ description: 'e.g. 春节, 春节调休' }),
  weekday: Type.Integer({ minimum: 0, maximum: 6, description: '0 = Sunday … 6 = Saturday' }),
  updatedByName: Nullable(Type.String()),
  updatedAt: Type.String(),
}, { $id: 'CalendarDay' });
export type CalendarDayViewT = Static<typeof CalendarDayView>;

export const CalendarYear = Type.Object({
  year: Type.Integer(),
  items: Type.Array(ref(CalendarDayView), { description: 'the year’s exceptions to the Monday–Friday week, by date (at most 366: not paged)' }),
  holidays: Type.Integer({ description: 'Monday–Friday days off (休息日 that are not weekends)' }),
  workdays: Type.Integer({ description: 'weekend days worked (调休上班)' }),
  workingDays: Type.Integer({ description: 'working days in the year with these exceptions' }),
});

export const CalendarYearQuery = Type.Object({
  year: Type.Integer({ minimum: CALENDAR_MIN_YEAR, maximum: CALENDAR_MAX_YEAR }),
});

const dayRange = { min: `${CALENDAR_MIN_YEAR}-01-01`, max: `${CALENDAR_MAX_YEAR}-12-31` };
export const CalendarDateParams = Type.Object({ date: Day(dayRange, { description: 'YYYY-MM-DD' }) });

export const CalendarDayBody = Type.Object({
  kind: lit(DAY_KINDS),
  name: Type.String({ maxLength: DAY_NAME_MAX, description: 'the name in the State Council’s notice, e.g. 春节; a 调休上班 day e.g. 春节调休' }),
}, { additionalProperties: false });
export type CalendarDayInput = Static<typeof CalendarDayBody>;

export const DueDateQuery = Type.Object({
  from: Day(dayRange, { description: 'the day the period starts from (received, dispatched); it does not count' }),
  workingDays: Type.Integer({ minimum: 0, maximum: 250 }),
});
export const DueDateView = Type.Object({
  from: Type.String(),
  workingDays: Type.Integer(),
  due: Type.String({ description: 'the n-th working day after `from` (n = 0: `from` if a working day, else the next)' }),
  unkeptYears: Type.Array(Type.Integer(), { description: 'years in the period with no exceptions recorded: counted as ordinary weeks — the due date may be wrong' }),
});
