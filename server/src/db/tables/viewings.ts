/** The viewings module's tables (migration 20261207T0500-viewings): group viewing at stations (集中收看, F-72). */
import type { Generated } from 'kysely';
import type { Enum, EnumWithDefault, Id, IdRef, Timestamp } from '../schema.js';

export type ViewingStatus = 'scheduled' | 'closed' | 'cancelled';
export type CreditOutcomeCode = 'awarded' | 'capped' | 'already_today' | 'daily_cap' | 'departed';

export interface ViewingSessionsTable {
  id: Id;
  station_id: IdRef;
  title: string;
  lesson_id: IdRef | null;
  live_title: string | null;
  /** the live event (learning_live_events) watched; a session is of a lesson or of a live event, not both */
  live_event_id: IdRef | null;
  starts_at: Timestamp;
  duration_minutes: number;
  organizer_name: string;
  notes: string | null;
  status: EnumWithDefault<ViewingStatus>;
  checkin_code: string;
  cancel_reason: string | null;
  cancelled_at: Timestamp | null;
  confirmed_at: Timestamp | null;
  confirmed_by: IdRef | null;
  present_count: Generated<number>;
  credited_count: Generated<number>;
  created_by: IdRef;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ViewingAttendanceTable {
  session_id: IdRef;
  member_id: IdRef;
  present: Generated<boolean>;
  guest: Generated<boolean>;
  method: Enum<'roll_call' | 'qr'> | null;
  checked_in_at: Timestamp | null;
  marked_by: IdRef | null;
  credit_outcome: Enum<CreditOutcomeCode> | null;
  credit_minutes: number | null;
  credit_id: IdRef | null;
  updated_at: Timestamp;
}

export interface ViewingStationYearsTable {
  station_id: IdRef;
  year: number;
  sessions: Generated<number>;
  attendances: Generated<number>;
}

export interface ViewingsTables {
  viewing_sessions: ViewingSessionsTable;
  viewing_attendance: ViewingAttendanceTable;
  viewing_station_years: ViewingStationYearsTable;
}
