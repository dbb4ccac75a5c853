/** The disclosures module's tables (migrations 20261205T0700-disclosures and 20261205T1000-disclosure-questions; docs/disclosures.md). */
import type { ColumnType, Generated } from 'kysely';
import type { DateCol, Enum, EnumWithDefault, Id, IdRef, Json, Timestamp } from '../schema.js';

export type DisclosureKind = 'party' | 'village' | 'finance';
export type DisclosureState = 'draft' | 'published' | 'withdrawn';

export interface DisclosureItemsTable {
  id: Id;
  org_id: IdRef;
  kind: Enum<DisclosureKind>;
  period: string;
  title: string;
  body_html: string;
  finance: Json | null;
  state: EnumWithDefault<DisclosureState>;
  version: Generated<number>;
  fingerprint: string | null;
  first_published_at: Date | null;
  published_at: Date | null;
  withdrawn_at: Date | null;
  search_terms: ColumnType<string[], string[] | undefined, string[]>;
  created_by: IdRef | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface DisclosureVersionsTable {
  item_id: IdRef;
  version: number;
  title: string;
  body_html: string;
  finance: Json | null;
  fingerprint: string;
  published_at: Date | string;
  published_by_name: string;
}

export interface DisclosureAttachmentsTable {
  id: Id;
  item_id: IdRef;
  file_name: string;
  kind: Enum<'pdf' | 'jpg' | 'png' | 'docx' | 'xlsx'>;
  size_bytes: number;
  sha256: string;
  data: Buffer;
  uploaded_by: IdRef;
  uploaded_at: Timestamp;
  /** Migration 20261206T0300-disclosure-history: the first published version carrying the file (null: not yet published). */
  first_version: number | null;
  /** The last published version carrying a file deleted from the working copy (null while it is in the working copy). */
  last_version: number | null;
  removed_at: Date | null;
  removed_by: IdRef | null;
}

export interface DisclosurePlansTable {
  id: Id;
  org_id: IdRef;
  kind: Enum<DisclosureKind>;
  period: string;
  due_on: DateCol;
  created_by: IdRef | null;
  created_at: Timestamp;
}

export type QuestionState = 'held' | 'published' | 'rejected';

/** Migration 20261205T1000-disclosure-questions: questions from the public and the organization's answers. */
export interface DisclosureQuestionsTable {
  id: Id;
  item_id: IdRef;
  body: string;
  asker_name_enc: Buffer | null;
  asker_name_masked: string | null;
  phone_enc: Buffer;
  phone_bidx: string;
  phone_masked: string;
  state: EnumWithDefault<QuestionState>;
  reject_reason: string | null;
  published_at: Date | null;
  answer: string | null;
  answer_state: Enum<QuestionState> | null;
  answer_reject_reason: string | null;
  answered_by: IdRef | null;
  answered_by_name: string | null;
  answered_at: Date | null;
  answer_published_at: Date | null;
  /** How many versions of the answer were published (disclosure_answer_versions). */
  answer_version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** Migration 20261206T0300-disclosure-history: every published version of an answer; never updated or deleted. */
export interface DisclosureAnswerVersionsTable {
  question_id: IdRef;
  version: number;
  text: string;
  answered_by_name: string;
  published_at: Date;
}

export interface DisclosuresTables {
  disclosure_items: DisclosureItemsTable;
  disclosure_versions: DisclosureVersionsTable;
  disclosure_attachments: DisclosureAttachmentsTable;
  disclosure_plans: DisclosurePlansTable;
  disclosure_questions: DisclosureQuestionsTable;
  disclosure_answer_versions: DisclosureAnswerVersionsTable;
}
