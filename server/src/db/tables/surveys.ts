/** The surveys module's tables (migration 20261204T0400-surveys; docs/surveys.md). */
import type { ColumnType, Generated } from 'kysely';
import type { Enum, EnumWithDefault, Id, IdRef, Json, Timestamp } from '../schema.js';

export type SurveyState = 'draft' | 'open' | 'closed';
export type QuestionKind = 'text' | 'choice' | 'yesno';
export type ReplyChannel = 'sms' | 'web' | 'import';

export interface SurveysTable {
  id: Id;
  org_id: IdRef;
  title: string;
  intro: Generated<string>;
  state: EnumWithDefault<SurveyState>;
  by_sms: Generated<boolean>;
  by_web: Generated<boolean>;
  audience: Json;
  opens_at: Date | null;
  closes_at: Date | null;
  remind_after_hours: number | null;
  max_reminders: Generated<number>;
  reminders_sent: Generated<number>;
  notify_on_close: Generated<boolean>;
  public_results: Generated<boolean>;
  reply_ext: string | null;
  invited: Generated<number>;
  /** When the invite job stored the invitations (and sent the first message): it runs once. */
  invited_at: Date | null;
  broadcast_id: IdRef | null;
  rules_version: Generated<number>;
  created_by: IdRef | null;
  created_by_name: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  opened_at: Date | null;
  closed_at: Date | null;
  version: Generated<number>;
}

export interface SurveyQuestionsTable {
  id: Id;
  survey_id: IdRef;
  seq: number;
  kind: Enum<QuestionKind>;
  text: string;
  options: ColumnType<string[], string | undefined, string>;
}

export interface SurveyInvitationsTable {
  id: Id;
  survey_id: IdRef;
  person_kind: Enum<'member' | 'official' | 'contact'>;
  person_id: IdRef;
  name: string | null;
  org_id: IdRef;
  phone_enc: Buffer | null;
  phone_bidx: string | null;
  phone_masked: string | null;
  token: string;
  current_seq: Generated<number>;
  replied_at: Date | null;
  completed_at: Date | null;
  reminders: Generated<number>;
}

export interface SurveyCategoriesTable {
  id: Id;
  survey_id: IdRef;
  kind: EnumWithDefault<'category' | 'tag'>;
  seq: number;
  name: string;
  rules: ColumnType<unknown[], string | undefined, string>;
  created_at: Timestamp;
  deleted_at: Date | null;
}

export interface SurveyRepliesTable {
  id: Id;
  survey_id: IdRef;
  question_id: IdRef;
  invitation_id: IdRef | null;
  channel: Enum<ReplyChannel>;
  org_id: IdRef;
  text: string;
  choice: number | null;
  messages: Generated<number>;
  category_id: IdRef | null;
  categorized_by: EnumWithDefault<'rule' | 'staff'>;
  tags: ColumnType<string[], string[] | undefined, string[]>;
  terms: ColumnType<string[], string[] | undefined, string[]>;
  received_at: Timestamp;
  updated_at: Timestamp;
  import_id: IdRef | null;
}

export interface SurveyReplyChangesTable {
  id: Id;
  reply_id: IdRef;
  from_category_id: IdRef | null;
  to_category_id: IdRef | null;
  by_rules: boolean;
  by_id: IdRef | null;
  by_name: string;
  reason: string | null;
  at: Timestamp;
}

export interface SurveyWordsTable {
  survey_id: IdRef;
  word: string;
  freq: number | null;
  tag: string | null;
}

export interface SurveyThemeRunsTable {
  id: Id;
  survey_id: IdRef;
  question_id: IdRef;
  job_id: IdRef | null;
  state: EnumWithDefault<'running' | 'done' | 'failed'>;
  replies: Generated<number>;
  themes: Json | null;
  error: string | null;
  created_by: IdRef | null;
  created_at: Timestamp;
  finished_at: Date | null;
}

export interface SurveysTables {
  surveys: SurveysTable;
  survey_questions: SurveyQuestionsTable;
  survey_invitations: SurveyInvitationsTable;
  survey_categories: SurveyCategoriesTable;
  survey_replies: SurveyRepliesTable;
  survey_reply_changes: SurveyReplyChangesTable;
  survey_words: SurveyWordsTable;
  survey_theme_runs: SurveyThemeRunsTable;
}
