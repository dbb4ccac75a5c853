/** The calendar module's table (migration 20261203T0100-calendar). */
import type { DateCol, Enum, IdRef, Timestamp } from '../schema.js';

export interface CalendarDaysTable {
  day: DateCol;
  kind: Enum<'holiday' | 'workday'>;
  name: string;
  updated_by: IdRef | null;
  updated_at: Timestamp;
}

export interface CalendarTables {
  calendar_days: CalendarDaysTable;
}
