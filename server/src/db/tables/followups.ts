/** The followups module's tables (migrations 20261203T0110-followups, 20261204T0200-followups-engine, 20261205T0100-followup-hop-deadlines). */
import type { ColumnType } from 'kysely';
import type { DateCol, EnumWithDefault, Enum, Id, IdRef, Timestamp } from '../schema.js';

export interface FollowupItemsTable {
  id: Id;
  source: string;
  source_id: string;
  title: string;
  owner_org_id: IdRef;
  assignee_id: IdRef | null;
  due_on: DateCol;
  state: EnumWithDefault<'open' | 'resolved' | 'explained'>;
  closing_note: string | null;
  closed_by: IdRef | null;
  closed_at: Timestamp | null;
  created_by: IdRef | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  escalated_level: ColumnType<number, number | undefined, number>;
  escalated_org_id: IdRef | null;
  escalated_on: DateCol | null;
}

export interface FollowupEscalationsTable {
  id: Id;
  item_id: IdRef;
  level: number;
  owner_org_id: IdRef;
  to_org_id: IdRef;
  on_date: DateCol;
  working_days_overdue: number;
  at: Timestamp;
}

export interface FollowupNotesTable {
  id: Id;
  item_id: IdRef;
  text: string;
  by_id: IdRef;
  at: Timestamp;
}

export interface FollowupWatchersTable {
  item_id: IdRef;
  account_id: IdRef;
  since: Timestamp;
}

export interface FollowupAttachmentsTable {
  id: Id;
  item_id: IdRef;
  file_name: string;
  kind: Enum<'pdf' | 'jpg' | 'png' | 'docx' | 'xlsx'>;
  size_bytes: number;
  sha256: string;
  data: Buffer;
  uploaded_by: IdRef;
  uploaded_at: Timestamp;
}

export interface FollowupHopsTable {
  id: Id;
  item_id: IdRef;
  direction: Enum<'down' | 'up'>;
  from_org_id: IdRef;
  to_org_id: IdRef;
  reason: string;
  by_id: IdRef | null;
  at: Timestamp;
  /** the due date the receiving organization got with a hop down; null: unchanged */
  due_on: DateCol | null;
  /** the item's due date before the hop, given back when the item returns up */
  prev_due_on: DateCol | null;
}

export interface FollowupsTables {
  followup_items: FollowupItemsTable;
  followup_hops: FollowupHopsTable;
  followup_escalations: FollowupEscalationsTable;
  followup_notes: FollowupNotesTable;
  followup_watchers: FollowupWatchersTable;
  followup_attachments: FollowupAttachmentsTable;
}
