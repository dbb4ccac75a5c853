/** The learning module's ledger tables (migration 20261207T0000-learning-ledger). */
import type { DateCol, Enum, Id, IdRef, Timestamp } from '../schema.js';
import type { Generated } from 'kysely';

export type CreditKind = 'lesson' | 'article' | 'quiz' | 'group_viewing' | 'live';

export interface LearningRulesTable {
  id: number;
  completion_percent: number;
  article_min_seconds: number;
  article_minutes: number;
  quiz_minutes: number;
  cap_lesson_minutes: number;
  cap_article_minutes: number;
  cap_quiz_minutes: number;
  cap_group_viewing_minutes: number;
  cap_live_minutes: number;
  duty_hours_member: number;
  duty_hours_cadre: number;
  version: number;
  updated_by: IdRef | null;
  updated_at: Timestamp;
}

export interface LearningCreditsTable {
  id: Id;
  member_id: IdRef;
  year: number;
  day: DateCol;
  kind: Enum<CreditKind>;
  source_type: string;
  source_id: IdRef;
  minutes: number;
  asked_minutes: number;
  title: string;
  created_at: Generated<Date>;
}

export interface LearningMemberYearsTable {
  member_id: IdRef;
  year: number;
  minutes: Generated<number>;
  credits: Generated<number>;
  updated_at: Generated<Date>;
}

export interface LearningTables {
  learning_rules: LearningRulesTable;
  learning_credits: LearningCreditsTable;
  learning_member_years: LearningMemberYearsTable;
}
