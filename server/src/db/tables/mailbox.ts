/** The mailbox module's tables (migrations 20261205T0200-mailbox, 20261205T0300-mailbox-publication; docs/mailbox.md). */
import type { Enum, EnumWithDefault, Id, IdRef, Timestamp } from '../schema.js';

export type LetterCategory = 'suggestion' | 'consultation' | 'complaint' | 'help' | 'other';
export type LetterState = 'held' | 'received' | 'handling' | 'declined' | 'answered';
export type DeclineKind = 'duplicate' | 'not_ours' | 'invalid';

export interface MailboxLettersTable {
  id: Id;
  tracking_code: string;
  mailbox_org_id: IdRef;
  category: Enum<LetterCategory>;
  title: string;
  body: string;
  writer_name_enc: Buffer | null;
  writer_name_masked: string | null;
  phone_enc: Buffer;
  phone_bidx: string;
  phone_masked: string;
  consent_publish: boolean;
  state: EnumWithDefault<LetterState>;
  decline_kind: Enum<DeclineKind> | null;
  decline_note: string | null;
  duplicate_of: IdRef | null;
  followup_item_id: IdRef | null;
  answer_draft: string | null;
  drafted_by: IdRef | null;
  drafted_at: Date | null;
  answer: string | null;
  approved_by: IdRef | null;
  answered_at: Date | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  published_title: string | null;
  published_body: string | null;
  published_answer: string | null;
  published_at: Date | null;
  published_by: IdRef | null;
  /** SHA-256 (hex) of the canonical published text (mailbox.publication.ts) */
  fingerprint: string | null;
  unpublished_at: Date | null;
}

export interface MailboxTables {
  mailbox_letters: MailboxLettersTable;
}
