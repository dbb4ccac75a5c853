/** Tables of the flows work (issue 3). Add them here; db/schema.ts folds this interface into DB. */
import type { Selectable } from 'kysely';
import type { DateCol, Enum, Id, IdRef, Timestamp } from '../schema.js';

export interface MemberFlowsTable {
  id: Id;
  member_id: IdRef;
  flow_type: Enum<'within_city' | 'within_province' | 'out_of_province'>;
  reason: Enum<'work_business' | 'study' | 'follow_family' | 'other'>;
  dest_province: string;
  dest_city: string | null;
  dest_county: string | null;
  workplace: string | null;
  contact_name: string | null;
  contact_phone_enc: Buffer | null;
  contact_phone_masked: string | null;
  left_on: DateCol;
  expected_return_on: DateCol | null;
  returned_on: DateCol | null;
  created_by: IdRef | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MemberOnlineBranchesTable {
  member_id: IdRef;
  org_id: IdRef;
  attached_at: Timestamp;
  attached_by: IdRef | null;
}

export interface MemberActivitiesTable {
  id: Id;
  member_id: IdRef;
  kind: Enum<'life' | 'dues'>;
  on_date: DateCol;
  note: string | null;
  created_by: IdRef | null;
  created_at: Timestamp;
}

export interface FlowsTables {
  member_flows: MemberFlowsTable;
  member_online_branches: MemberOnlineBranchesTable;
  member_activities: MemberActivitiesTable;
}

export type MemberFlowRow = Selectable<MemberFlowsTable>;
