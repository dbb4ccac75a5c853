/** Tables of the transfers work (组织关系转接, issue 3). db/schema.ts folds this interface into DB. */
import type { DateCol, Enum, EnumWithDefault, Id, IdRef, Timestamp } from '../schema.js';
import type { Generated } from 'kysely';

type TransferStateValue = 'applied' | 'out_review' | 'in_review' | 'completed' | 'returned' | 'withdrawn' | 'cancelled';

export interface TransferLetterSeqTable {
  year: number;
  last_no: number;
}

export interface TransfersTable {
  id: Id;
  letter_no: string;
  member_id: IdRef;
  member_name: string;
  member_id_masked: string;
  member_category: Enum<'probationary' | 'full'>;
  dues_paid_to: string;
  /** The organizations are referenced by id only: their current paths decide the sides (no copies that a move would leave stale). */
  from_org_id: IdRef;
  from_org_name: string;
  destination: Enum<'platform' | 'outside'>;
  to_org_id: IdRef | null;
  to_org_name: string;
  to_province: string | null;
  to_city: string | null;
  validity_days: number;
  issued_on: DateCol | null;
  expires_on: DateCol | null;
  reason: string;
  note: string | null;
  state: EnumWithDefault<TransferStateValue>;
  return_reason: string | null;
  forwarded_at: Timestamp | null;
  completed_at: Timestamp | null;
  created_by: IdRef;
  created_by_name: string;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface TransferStepsTable {
  id: Id;
  transfer_id: IdRef;
  at: Timestamp;
  actor_id: IdRef | null;
  actor_name: string;
  // No check constraint: transfers.service.ts alone writes steps, from its typed transitions.
  action: 'create' | 'submit' | 'approve' | 'return' | 'withdraw' | 'cancel';
  from_state: TransferStateValue | null;
  to_state: TransferStateValue;
  comment: string | null;
}

export interface TransfersTables {
  transfer_letter_seq: TransferLetterSeqTable;
  transfers: TransfersTable;
  transfer_steps: TransferStepsTable;
}
