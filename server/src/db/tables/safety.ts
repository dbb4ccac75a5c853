/** The safety module's tables (migration 20261205T0600-safety). */
import type { ColumnType } from 'kysely';
import type { EnumWithDefault, Id, IdRef, Json, Timestamp, TimestampRequired } from '../schema.js';

export interface SafetyWordsTable {
  id: Id;
  word: string;
  folded: string;
  note: string | null;
  created_by: IdRef | null;
  created_at: Timestamp;
}

export interface SafetyWordListTable {
  id: number;
  version: ColumnType<string, string | number | undefined, string | number>;
}

export interface ModerationItemsTable {
  id: Id;
  kind: string;
  ref_id: string;
  org_id: IdRef;
  excerpt: string;
  reasons: Json;
  state: EnumWithDefault<'held' | 'approved' | 'rejected'>;
  submitted_at: Timestamp;
  decided_by: IdRef | null;
  decided_at: Date | null;
  decision_reason: string | null;
}

export interface SafetyCaptchasTable {
  id: string;
  answer_hash: string;
  ip: string | null;
  created_at: TimestampRequired;
  expires_at: TimestampRequired;
  used_at: Date | null;
}

export interface SafetySubmissionsTable {
  id: Id;
  form: string;
  ip: string;
  phone_bidx: string | null;
  created_at: TimestampRequired;
}

export interface SafetyPhoneCodesTable {
  id: Id;
  phone_bidx: string;
  code_hash: string;
  ip: string | null;
  created_at: TimestampRequired;
  expires_at: TimestampRequired;
  attempts: ColumnType<number, number | undefined, number>;
  used_at: Date | null;
  voided_at: Date | null;
  message_id: IdRef | null;
}

export interface SafetyTables {
  safety_words: SafetyWordsTable;
  safety_word_list: SafetyWordListTable;
  moderation_items: ModerationItemsTable;
  safety_captchas: SafetyCaptchasTable;
  safety_submissions: SafetySubmissionsTable;
  safety_phone_codes: SafetyPhoneCodesTable;
}
