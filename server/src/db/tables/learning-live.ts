/** The learning module's live-lesson tables (migration 20261208T0000-learning-live). */
import type { ColumnType, Generated } from 'kysely';
import type { DateCol, Enum, EnumWithDefault, Id, IdRef, Timestamp } from '../schema.js';
import type { Audience } from './learning-courses.js';

export type LiveStatus = 'scheduled' | 'live' | 'ended' | 'cancelled';
export type ChatState = 'shown' | 'held' | 'hidden';

export interface LearningLiveEventsTable {
  id: Id;
  org_id: IdRef;
  course_id: IdRef | null;
  title: string;
  description: Generated<string>;
  audiences: Audience[];
  source_url: string | null;
  source_asset_id: IdRef | null;
  starts_at: Timestamp;
  ends_at: Timestamp;
  credit_minutes: number;
  status: EnumWithDefault<LiveStatus>;
  cancel_reason: string | null;
  started_at: Timestamp | null;
  ended_at: Timestamp | null;
  recording_lesson_id: IdRef | null;
  version: Generated<number>;
  created_by: IdRef;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface LearningLiveMessagesTable {
  id: Id;
  event_id: IdRef;
  member_id: IdRef;
  account_id: IdRef;
  text: string;
  state: Enum<ChatState>;
  seq: IdRef | null;
  matches: ColumnType<{ word: string }[], string | undefined, string>;
  created_at: Timestamp;
  moderated_by: IdRef | null;
  moderated_at: Timestamp | null;
  reason: string | null;
}

export interface LearningLivePresenceTable {
  event_id: IdRef;
  member_id: IdRef;
  day: DateCol;
  first_seen_at: Timestamp;
  last_seen_at: Timestamp;
  watched_seconds: Generated<number>;
  credited_at: Timestamp | null;
}

export interface LearningLiveTables {
  learning_live_events: LearningLiveEventsTable;
  learning_live_messages: LearningLiveMessagesTable;
  learning_live_presence: LearningLivePresenceTable;
}
