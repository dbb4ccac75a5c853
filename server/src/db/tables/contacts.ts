/** Contacts and rosters (migration 20261201T0100-contacts), written only by modules/contacts. */
import type { Selectable } from 'kysely';
import type { DateCol, Enum, Id, IdRef, Timestamp, TimestampRequired } from '../schema.js';

export type PartyPosition = 'secretary' | 'deputy_secretary' | 'organization_member' | 'publicity_member' | 'discipline_member'
  | 'youth_member' | 'united_front_member' | 'secrecy_member' | 'committee_member';
export type OfficialRole = 'two_committees' | 'college_graduate' | 'first_secretary' | 'reserve_cadre' | 'grid_worker' | 'other';

export interface PartyPositionsTable {
  id: Id;
  member_id: IdRef;
  org_id: IdRef;
  position: Enum<PartyPosition>;
  started_on: DateCol;
  ended_on: DateCol | null;
  note: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface VillageOfficialsTable {
  id: Id;
  org_id: IdRef;
  name: string;
  role: Enum<OfficialRole>;
  title: string | null;
  member_id: IdRef | null;
  phone_enc: Buffer | null;
  phone_bidx: string | null;
  phone_masked: string | null;
  gender: Enum<'male' | 'female'> | null;
  started_on: DateCol;
  ended_on: DateCol | null;
  note: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ContactGroupsTable {
  id: Id;
  org_id: IdRef;
  name: string;
  description: string | null;
  created_by: IdRef | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ContactGroupEntriesTable {
  id: Id;
  group_id: IdRef;
  member_id: IdRef | null;
  official_id: IdRef | null;
  name: string | null;
  phone_enc: Buffer | null;
  phone_bidx: string | null;
  phone_masked: string | null;
  note: string | null;
  created_at: Timestamp;
}

export interface ContactOptoutsTable {
  phone_bidx: string;
  opted_out_at: TimestampRequired;
  via: Enum<'sms_keyword' | 'staff'>;
  note: string | null;
}

export type PartyPositionRow = Selectable<PartyPositionsTable>;
export type VillageOfficialRow = Selectable<VillageOfficialsTable>;

export interface ContactsTables {
  party_positions: PartyPositionsTable;
  village_officials: VillageOfficialsTable;
  contact_groups: ContactGroupsTable;
  contact_group_entries: ContactGroupEntriesTable;
  contact_optouts: ContactOptoutsTable;
}
