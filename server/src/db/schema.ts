/** The one database interface: every table as Kysely sees it. Mirrors migrations/. */
import type { ColumnType, Generated, GeneratedAlways, Selectable, Insertable, Updateable } from 'kysely';
import type { TransfersTables } from './tables/transfers.js';
import type { FlowsTables } from './tables/flows.js';
import type { JobsTables } from './tables/jobs.js';
import type { ScaleTables } from './tables/scale.js';
import type { AuditTables } from './tables/audit.js';
import type { AdminRequestsTables } from './tables/admin-requests.js';
import type { SmsTables } from './tables/sms.js';
import type { ContactsTables } from './tables/contacts.js';
import type { AuthTables } from './tables/auth.js';
import type { CalendarTables } from './tables/calendar.js';
import type { LearningTables } from './tables/learning.js';
import type { LearningCourseTables } from './tables/learning-courses.js';
import type { LearningLiveTables } from './tables/learning-live.js';
import type { LearningReportsTables } from './tables/learning-reports.js';
import type { FollowupsTables } from './tables/followups.js';
import type { SurveysTables } from './tables/surveys.js';
import type { EmergencyTables } from './tables/emergency.js';
import type { SafetyTables } from './tables/safety.js';
import type { MailboxTables } from './tables/mailbox.js';
import type { DisclosuresTables } from './tables/disclosures.js';
import type { CadresTables } from './tables/cadres.js';
import type { MediaTables } from './tables/media.js';
import type { NewsTables } from './tables/news.js';
import type { ViewingsTables } from './tables/viewings.js';

export type Id = GeneratedAlways<string>;
export type IdRef = ColumnType<string, string | number | bigint, string | number | bigint>;
/** Defaults to now() when omitted on insert. */
export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
export type TimestampRequired = ColumnType<Date, Date | string, Date | string>;
/** `date` columns come back as 'YYYY-MM-DD' strings (the type parser is set in database.ts). */
export type DateCol = ColumnType<string, string, string>;
export type Json = ColumnType<unknown, string, string>;
/**
 * A text column whose check constraint (migrations/) allows only these values: read as their union, so the API's
 * answers carry exact types; written as any string, which the constraint checks.
 */
export type Enum<T extends string> = ColumnType<T, string, string>;
/** The same, for a column with a default (may be left out on insert). */
export type EnumWithDefault<T extends string> = ColumnType<T, string | undefined, string>;

export interface OrgsTable {
  id: Id;
  parent_id: IdRef | null;
  path: string;
  depth: number;
  name: string;
  full_name: string;
  type: Enum<'committee' | 'working_committee' | 'general_branch' | 'branch' | 'joint_branch' | 'temporary_branch'>;
  level: Enum<'province' | 'city' | 'county' | 'township' | 'grassroots'>;
  sector: Enum<'organ' | 'rural' | 'community' | 'enterprise' | 'institution' | 'online' | 'other'>;
  region_code: string | null;
  secretary_name: string | null;
  contact_phone: string | null;
  founded_on: DateCol | null;
  is_online: Generated<boolean>;
  status: EnumWithDefault<'active' | 'inactive'>;
  sort_order: Generated<number>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MembersTable {
  id: Id;
  org_id: IdRef;
  org_path: string;
  name: string;
  gender: Enum<'male' | 'female'>;
  ethnicity: string;
  birth_date: DateCol;
  id_type: Enum<'resident_id' | 'passport' | 'other'>;
  id_number_enc: Buffer;
  id_number_bidx: string;
  id_number_masked: string;
  education: Enum<'postgraduate' | 'bachelor' | 'college' | 'secondary_vocational' | 'high_school' | 'middle_school' | 'primary'>;
  category: Enum<'probationary' | 'full'>;
  joined_on: DateCol;
  full_on: DateCol | null;
  standing: EnumWithDefault<'normal' | 'suspended'>;
  job: string | null;
  mobile_enc: Buffer | null;
  mobile_bidx: string | null;
  mobile_masked: string | null;
  landline: string | null;
  address: string | null;
  lost_contact: Generated<boolean>;
  lost_contact_on: DateCol | null;
  migrant: Generated<boolean>;
  migrant_province: string | null;
  migrant_city: string | null;
  migrant_county: string | null;
  /** set when the member left the province's rolls (see migration 20261127T0550) */
  departed_on: DateCol | null;
  departure: 'transferred_out' | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MemberChangesTable {
  id: Id;
  member_id: IdRef;
  at: Timestamp;
  actor_id: IdRef | null;
  actor_name: string;
  action: string;
  changes: Json;
}

export interface StationsTable {
  id: Id;
  org_id: IdRef;
  org_path: string;
  name: string;
  type: Enum<'township' | 'village' | 'enterprise' | 'community' | 'household'>;
  address: string | null;
  equipment: string | null;
  status: EnumWithDefault<'active' | 'suspended' | 'fault'>;
  manager_name: string | null;
  contact_phone: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AccountsTable {
  id: Id;
  username: string;
  display_name: string;
  kind: Enum<'staff' | 'member' | 'public'>;
  member_id: IdRef | null;
  password_hash: string;
  password_changed_at: Timestamp;
  must_change_password: Generated<boolean>;
  totp_secret_enc: Buffer | null;
  totp_pending_enc: Buffer | null;
  totp_enabled: Generated<boolean>;
  totp_last_step: ColumnType<string | null, number | string | null, number | string | null>;
  failed_attempts: Generated<number>;
  locked_until: Timestamp | null;
  status: EnumWithDefault<'active' | 'disabled'>;
  is_demo: Generated<boolean>;
  last_login_at: Timestamp | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PasswordHistoryTable {
  id: Id;
  account_id: IdRef;
  password_hash: string;
  created_at: Timestamp;
}

export interface RoleGrantsTable {
  id: Id;
  account_id: IdRef;
  role: Enum<'org_admin' | 'org_viewer' | 'branch_secretary' | 'member' | 'sysadmin' | 'secadmin' | 'auditor'>;
  org_id: IdRef;
  granted_by: IdRef | null;
  granted_at: Timestamp;
}

export interface SessionsTable {
  id: Id;
  token_hash: string;
  account_id: IdRef;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: TimestampRequired;
  mfa_passed: Generated<boolean>;
  ip: string | null;
  user_agent: string | null;
  revoked_at: Timestamp | null;
}

export interface SecurityPolicyTable {
  id: number;
  policy: Json;
  updated_at: Timestamp;
}

export interface AuditLogTable {
  id: Id;
  at: TimestampRequired;
  actor_id: IdRef | null;
  actor_name: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  org_path: string | null;
  ip: string | null;
  before: Json | null;
  after: Json | null;
  /** Legacy unkeyed SHA-256 chain in id order (before 20261129T0200); null on later rows, which audit_chain covers. */
  prev_hash: string | null;
  hash: string | null;
}

/** Foundation tables here; later features keep theirs in db/tables/<feature>.ts. */
export interface DB extends TransfersTables, FlowsTables, JobsTables, ScaleTables, AuditTables, AdminRequestsTables, SmsTables, ContactsTables, AuthTables, CalendarTables, FollowupsTables, SurveysTables, EmergencyTables, SafetyTables, MailboxTables, DisclosuresTables, CadresTables, LearningTables, MediaTables, NewsTables, LearningCourseTables, LearningReportsTables, ViewingsTables, LearningLiveTables {
  orgs: OrgsTable;
  members: MembersTable;
  member_changes: MemberChangesTable;
  stations: StationsTable;
  accounts: AccountsTable;
  password_history: PasswordHistoryTable;
  role_grants: RoleGrantsTable;
  sessions: SessionsTable;
  security_policy: SecurityPolicyTable;
  audit_log: AuditLogTable;
}

export type OrgRow = Selectable<OrgsTable>;
export type NewOrg = Insertable<OrgsTable>;
export type OrgUpdate = Updateable<OrgsTable>;
export type MemberRow = Selectable<MembersTable>;
export type NewMember = Insertable<MembersTable>;
export type AccountRow = Selectable<AccountsTable>;
export type AuditRow = Selectable<AuditLogTable>;
