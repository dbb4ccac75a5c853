/** The followups module's tables (migration 20261203T0110-followups). */
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
}

export interface FollowupsTables {
  followup_items: FollowupItemsTable;
  followup_hops: FollowupHopsTable;
}
